/**
 * JSON Schema validation (ajv, draft 2020-12) of zone and config files. The schemas
 * ship in `schemas/` and are what editors use through the yaml-language-server modeline.
 *
 * Keys octoDNS silently ignores (a typo'd `vaule:`) are reported as warnings, keeping
 * octoDNS's verdict; every other schema violation is an error.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Finding } from '../model/findings.js';
import type { PositionTable } from '../yaml/load.js';
import type { Position } from '../model/record.js';

function findSchemasDir(): string {
  // src/validate/schema.ts and dist/src/validate/schema.js both sit below the package root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(join(dir, 'schemas', 'zone.schema.json'));
      return join(dir, 'schemas');
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('dnsctl: schemas/ not found beside the package');
}

export const SCHEMAS_DIR = findSchemasDir();

let zoneValidator: ValidateFunction | undefined;
let configValidator: ValidateFunction | undefined;

/**
 * ajv is loaded on first use: importing it costs ~50 ms, and a valid zone's records all
 * pass the hand-written fast path below (a plan's worker thread never needs it at all).
 */
function compile(name: string): ValidateFunction {
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const schema: unknown = JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8'));
  return ajv.compile(schema as object);
}

function positionFor(data: unknown, instancePath: string, positions: PositionTable, file: string): Position {
  let node: unknown = data;
  let best = positions.get(node) ?? { file, line: 1, column: 1 };
  if (!instancePath) return best;
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<string, unknown>)[key];
    const p = positions.get(node);
    if (p) best = p;
  }
  return best;
}

function recordOf(instancePath: string, zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined;
  const first = instancePath.split('/')[1];
  if (first === undefined) return undefined;
  const name = first.replace(/~1/g, '/').replace(/~0/g, '~');
  return name ? `${name}.${zone}` : zone;
}

function toFindings(
  errors: ErrorObject[] | null | undefined,
  data: unknown,
  positions: PositionTable,
  file: string,
  zone?: string,
): Finding[] {
  if (!errors) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // oneOf failures repeat each branch's errors; the branch errors say it better.
    if (e.keyword === 'oneOf' || e.keyword === 'if' || e.keyword === 'else' || e.keyword === 'then') continue;
    let finding: Finding;
    const position = positionFor(data, e.instancePath, positions, file);
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      finding = {
        severity: 'warning',
        reason: `unknown key "${key}" at ${e.instancePath || '/'} is ignored (octoDNS ignores it too); check its spelling`,
        via: 'schema',
        position,
      };
    } else {
      finding = { severity: 'error', reason: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`, via: 'schema', position };
    }
    const record = recordOf(e.instancePath, zone);
    if (record) finding.record = record;
    if (zone) finding.zone = zone;
    const key = `${finding.severity}|${finding.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  return out;
}

/**
 * `reload`: when `positions` holds only shallow nodes (a loader with `positionDepth`), a
 * fully positioned load of the same file; used only when there is a finding to position
 * (the same text gives the same tree, so instance paths resolve to the same nodes).
 */
export function validateZoneSchema(
  data: unknown,
  positions: PositionTable,
  file: string,
  zone: string,
  reload?: () => { data: unknown; positions: PositionTable },
): Finding[] {
  // Fast path: records the hand-written check below proves valid need no ajv pass (nor its
  // compile). Only the others are handed to ajv, as a document of just those names in the
  // file's order: ajv reports the same errors at the same instance paths, and positions are
  // still looked up from the original document.
  if (!isObj(data)) return zoneSchemaFindings(data, data, positions, file, zone, reload);
  let reduced: Record<string, unknown> | undefined;
  for (const name in data) {
    const raw = data[name];
    if (fastZoneEntry(raw)) continue;
    reduced ??= {};
    addEntry(reduced, name, raw);
  }
  return reduced ? zoneSchemaFindings(reduced, data, positions, file, zone, reload) : [];
}

/** `subject[name] = raw`, also for a record named `__proto__`. */
function addEntry(subject: Record<string, unknown>, name: string, raw: unknown): void {
  if (name === '__proto__') Object.defineProperty(subject, name, { value: raw, enumerable: true, writable: true, configurable: true });
  else subject[name] = raw;
}

/**
 * Schema findings for a zone document reduced to the entries `fastZoneEntry` could not
 * vouch for (`entries`: those names and values in the file's order). Positions come from `reload`,
 * a fully positioned load of the file, used only when there is a finding.
 */
export function validateZoneSubset(entries: ReadonlyArray<readonly [string, unknown]>, file: string, zone: string, reload: () => { data: unknown; positions: PositionTable }): Finding[] {
  const subject: Record<string, unknown> = {};
  for (const [name, raw] of entries) addEntry(subject, name, raw);
  return zoneSchemaFindings(subject, undefined, undefined, file, zone, reload);
}

function zoneSchemaFindings(
  subject: unknown,
  data: unknown,
  positions: PositionTable | undefined,
  file: string,
  zone: string,
  reload?: () => { data: unknown; positions: PositionTable },
): Finding[] {
  zoneValidator ??= compile('zone.schema.json');
  if (zoneValidator(subject)) return [];
  const errors = zoneValidator.errors;
  if (reload) {
    const full = reload();
    return toFindings(errors, full.data, full.positions, file, zone);
  }
  return toFindings(errors, data, positions!, file, zone);
}

/** True when the entry (a record or a non-empty list of records) is valid by the exact-subset check below. */
export function fastZoneEntry(raw: unknown): boolean {
  if (!Array.isArray(raw)) return fastRecord(raw);
  if (raw.length === 0) return false;
  for (const r of raw) if (!fastRecord(r)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// A conservative, exact-subset check of schemas/zone.schema.json: true only when ajv
// would accept the record too (when in doubt: false, and ajv decides).
// ---------------------------------------------------------------------------

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v);
}

function isStringArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'string') return false;
  return true;
}

const RECORD_TYPES_ENUM = new Set(['A', 'AAAA', 'ALIAS', 'CAA', 'CNAME', 'DNAME', 'DS', 'HTTPS', 'LOC', 'MX', 'NAPTR', 'NS', 'OPENPGPKEY', 'PTR', 'SPF', 'SRV', 'SSHFP', 'SVCB', 'TLSA', 'TXT', 'URI', 'URLFWD']);
const POOL_STATUS = new Set(['up', 'down', 'obey']);
const ROUTING = new Set(['failover', 'weighted', 'latency', 'geo']);
const GEO_RE = /^[A-Z]{2}(-[A-Z0-9]{2}(-[A-Z0-9]{1,3})?)?$/;

function fastRecord(r: unknown): boolean {
  if (!isObj(r)) return false;
  const type = r['type'];
  if (typeof type !== 'string' || !RECORD_TYPES_ENUM.has(type)) return false;
  for (const k in r) {
    const v = r[k];
    switch (k) {
      case 'type':
      case 'value':
        break;
      case 'ttl':
        if (typeof v !== 'string' && !isInt(v)) return false;
        break;
      case 'values':
        if (typeof v !== 'string' && typeof v !== 'object') return false;
        break;
      case 'geo':
        if (!isObj(v)) return false;
        break;
      case 'dynamic':
        if (!fastDynamic(v)) return false;
        break;
      case 'octodns':
        if (!fastOctodns(v)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function fastDynamic(d: unknown): boolean {
  if (!isObj(d)) return false;
  for (const k in d) {
    const v = d[k];
    if (k === 'pools') {
      if (!isObj(v)) return false;
      for (const id in v) {
        const pool = v[id];
        if (!isObj(pool)) return false;
        for (const pk in pool) {
          const pv = pool[pk];
          if (pk === 'fallback') {
            if (pv !== null && typeof pv !== 'string') return false;
          } else if (pk === 'values') {
            if (!Array.isArray(pv)) return false;
            for (const item of pv) {
              if (!isObj(item)) return false;
              for (const ik in item) {
                const iv = item[ik];
                if (ik === 'value') continue;
                if (ik === 'weight') {
                  if (typeof iv !== 'string' && !isInt(iv)) return false;
                } else if (ik === 'status') {
                  if (typeof iv !== 'string' || !POOL_STATUS.has(iv)) return false;
                } else return false;
              }
            }
          } else return false;
        }
      }
    } else if (k === 'rules') {
      if (!Array.isArray(v)) return false;
      for (const rule of v) {
        if (!isObj(rule)) return false;
        for (const rk in rule) {
          const rv = rule[rk];
          if (rk === 'pool') {
            if (typeof rv !== 'string') return false;
          } else if (rk === 'geos') {
            if (!isStringArray(rv)) return false;
            for (const g of rv as string[]) if (!GEO_RE.test(g)) return false;
          } else if (rk === 'subnets') {
            if (!isStringArray(rv)) return false;
          } else return false;
        }
      }
    } else return false;
  }
  return true;
}

function fastOctodns(o: unknown): boolean {
  if (!isObj(o)) return false;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case 'ignored':
      case 'lenient':
        if (typeof v !== 'boolean') return false;
        break;
      case 'excluded':
      case 'included':
        if (!isStringArray(v)) return false;
        break;
      case 'healthcheck':
        if (!isObj(v)) return false;
        for (const hk in v) {
          const hv = v[hk];
          if (hk === 'host' || hk === 'path') {
            if (hv !== null && typeof hv !== 'string') return false;
          } else if (hk === 'port') {
            if (hv !== null && !isInt(hv)) return false;
          } else if (hk === 'protocol') {
            if (typeof hv !== 'string') return false;
          } else return false;
        }
        break;
      case 'auto_arpa_priority':
        if (!isInt(v)) return false;
        break;
      case 'route53':
      case 'cloudflare':
        if (!isObj(v)) return false;
        break;
      case 'dnsctl':
        if (!fastDnsctl(v)) return false;
        break;
      default:
        // additionalProperties: true
        break;
    }
  }
  return true;
}

function fastDnsctl(d: unknown): boolean {
  if (!isObj(d)) return false;
  for (const k in d) {
    const v = d[k];
    if (k === 'routing') {
      if (typeof v !== 'string' || !ROUTING.has(v)) return false;
    } else if (k === 'weights') {
      if (!isObj(v)) return false;
      for (const p in v) {
        const w = v[p];
        if (!isInt(w) || (w as number) < 0 || (w as number) > 255) return false;
      }
    } else if (k === 'regions') {
      if (!isObj(v)) return false;
      for (const p in v) if (typeof v[p] !== 'string') return false;
    } else return false;
  }
  return true;
}

export function validateConfigSchema(data: unknown, positions: PositionTable, file: string): Finding[] {
  configValidator ??= compile('config.schema.json');
  if (configValidator(data)) return [];
  return toFindings(configValidator.errors, data, positions, file);
}
