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
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
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

function compile(name: string): ValidateFunction {
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

export function validateZoneSchema(data: unknown, positions: PositionTable, file: string, zone: string): Finding[] {
  zoneValidator ??= compile('zone.schema.json');
  if (zoneValidator(data)) return [];
  return toFindings(zoneValidator.errors, data, positions, file, zone);
}

export function validateConfigSchema(data: unknown, positions: PositionTable, file: string): Finding[] {
  configValidator ??= compile('config.schema.json');
  if (configValidator(data)) return [];
  return toFindings(configValidator.errors, data, positions, file);
}
