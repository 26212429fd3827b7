/**
 * Reads one zone from octoDNS YamlProvider files (flat `<zone>yaml`, split directories,
 * a shared file) into the record model, with every finding positioned.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecord, type BuildContext } from '../../src/model/build-record.js';
import type { Finding } from '../../src/model/findings.js';
import { formatPosition, fqdnOf, recordKey, type DnsRecord, type Position } from '../../src/model/record.js';
import { idnaDecode } from '../../src/model/names.js';
import type { PopulateOptions, PopulateResult } from '../../src/model/provider.js';
import { fastZoneEntry, validateZoneSubset } from '../../src/validate/schema.js';
import { YamlLoader, type EntrySink } from '../../src/yaml/load.js';
import type { YamlOptions } from './options.js';

/** The files octoDNS would read for `zone`, in order. */
export function zoneFiles(o: YamlOptions, zone: string): { files: string[]; problem?: string } {
  const files: string[] = [];
  const bare = zone.slice(0, -1);
  const unicode = idnaDecode(zone);
  if (!o.disableZonefile) {
    const idnaFile = join(o.directory, `${zone}yaml`);
    const utf8File = join(o.directory, `${unicode}yaml`);
    if (unicode !== zone && existsSync(idnaFile) && existsSync(utf8File)) {
      return { files, problem: `Both UTF-8 "${utf8File}" and IDNA "${idnaFile}" exist for ${unicode}` };
    }
    if (existsSync(idnaFile)) files.push(idnaFile);
    else if (unicode !== zone && existsSync(utf8File)) files.push(utf8File);
  }
  if (o.splitExtension !== null) {
    const dir = join(o.directory, `${bare}${o.splitExtension}`);
    if (existsSync(dir) && statSync(dir).isDirectory()) {
      for (const f of readdirSync(dir).sort()) if (f.endsWith('.yaml')) files.push(join(dir, f));
    }
  }
  if (o.sharedFilename) {
    const shared = join(o.directory, o.sharedFilename);
    if (existsSync(shared)) files.push(shared);
  }
  return { files };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What one top-level entry of a zone file gives: its records and their findings. */
interface EntryResult {
  records: DnsRecord[];
  findings: Finding[];
  /** fqdns octoDNS's validators rejected (their schema findings add nothing) */
  bad: string[];
  /** the raw value, kept only when the schema fast path cannot vouch for it */
  schemaRaw?: unknown;
}

function withPosition(f: Finding, position: Position | undefined): Finding {
  if (position) f.position = position;
  return f;
}

/** A tree value the entry sink already handled (never produced by a YAML load). */
const STREAMED: unique symbol = Symbol('streamed zone entry');

/** Builds the records of one top-level entry `name: raw` (a record mapping or a list of them). */
function readEntry(
  name: string,
  raw: unknown,
  /** the position of item `item` (0 for a single record); undefined: records get none */
  position: (item: number) => Position | undefined,
  ctx: BuildContext,
  zone: string,
  opts: PopulateOptions,
  checkSchema: boolean,
): EntryResult {
  const severity = opts.lenient ? 'warning' : 'error';
  const out: EntryResult = { records: [], findings: [], bad: [] };
  if (checkSchema && !fastZoneEntry(raw)) out.schemaRaw = raw;
  const list = Array.isArray(raw) ? raw : [raw];
  for (let i = 0; i < list.length; i++) {
    const res = buildRecord(name, list[i], ctx);
    const pos = position(i);
    if (!res.ok) {
      out.bad.push(res.fqdn);
      if (res.fatal) out.findings.push(withPosition({ severity: 'error', reason: res.fatal, record: res.fqdn, zone }, pos));
      for (const r of res.reasons) {
        const f: Finding = withPosition({ severity, reason: r.reason, record: res.fqdn, zone }, pos);
        if (r.via) f.via = r.via;
        out.findings.push(f);
      }
      if (!res.record || res.fatal || !opts.lenient) continue;
    } else {
      for (const r of res.reasons) out.findings.push(withPosition({ severity: 'warning', reason: r.reason, via: r.via, record: fqdnOf(res.record.name, zone), zone }, pos));
    }
    const record = res.record!;
    if (pos) record.source = pos;
    out.records.push(record);
  }
  return out;
}

export function readZone(o: YamlOptions, zone: string, opts: PopulateOptions): PopulateResult {
  const { files, problem } = zoneFiles(o, zone);
  const findings: Finding[] = [];
  if (problem) return { records: [], findings: [{ severity: 'error', reason: problem, zone }], exists: false };
  if (files.length === 0) {
    if (opts.target || o.ignoreMissingZones) return { records: [], findings, exists: false };
    return { records: [], findings: [{ severity: 'error', reason: `no YAMLs found for ${zone}`, zone }], exists: false };
  }
  // reading a target: its file is what it is — no key-order or schema verdicts on live state
  // positions of the root, each name's node and each list item are all a record needs; a
  // schema finding deeper down is positioned from a full reload of its file
  const loader = new YamlLoader({ enforceOrder: o.enforceOrder && !opts.target, orderMode: o.orderMode, positions: !opts.target, positionDepth: 2 });
  const ctx: BuildContext = {
    zone,
    sets: opts.sets,
    disabled: opts.disabledValidators,
    defaultTtl: o.defaultTtl,
    escapedSemicolons: o.escapedSemicolons,
  };
  const checkSchema = !opts.target;
  const byKey = new Map<string, DnsRecord>();
  for (const file of files) {
    // one shared object for every record this file cannot position; a target's records get
    // none (live state has no place in the repository, and a position per record is work)
    const unpositioned: Position | undefined = opts.target ? undefined : { file, line: 1, column: 1 };
    // records are built as the parser completes each entry (see EntrySink), so the raw
    // nodes die young; the tree keeps only STREAMED in their place
    const streamed = new Map<string, EntryResult>();
    const sink: EntrySink = {
      entry(key, value, source, valueOffset, itemOffsets) {
        if (typeof key === 'object' && key !== null) return value;
        const name = String(key);
        const at = (i: number): Position | undefined => {
          if (!opts.target) {
            const offset = itemOffsets && Array.isArray(value) ? itemOffsets[i] : valueOffset;
            if (offset !== undefined) return source.position(source.skipBlank(offset));
          }
          return unpositioned;
        };
        streamed.set(name, readEntry(name, value, at, ctx, zone, opts, checkSchema));
        return STREAMED;
      },
    };
    const { data, issues } = loader.loadFile(file, [], [], sink);
    for (const i of issues) {
      findings.push({
        severity: i.kind === 'duplicate-key' ? 'warning' : 'error',
        reason: i.message,
        via: i.kind === 'order' ? 'enforce-order' : i.kind === 'duplicate-key' ? 'duplicate-key' : 'yaml',
        position: i.position,
        zone,
      });
    }
    if (data === undefined && issues.some((i) => i.kind === 'syntax')) continue;
    if (data !== null && data !== undefined && !isObject(data)) {
      findings.push({ severity: 'error', reason: 'a zone file must be a mapping of record names to records', position: { file, line: 1, column: 1 }, zone });
      continue;
    }
    const tree = (data ?? {}) as Record<string, unknown>;
    const positions = loader.positions;
    const badRecords = new Set<string>();
    // the entries the parser did not stream (merged in by `<<`, say) are read from the tree
    const entries: EntryResult[] = [];
    const schemaEntries: Array<[string, unknown]> = [];
    for (const name of Object.keys(tree)) {
      const raw = tree[name];
      const res =
        raw === STREAMED
          ? streamed.get(name)!
          : readEntry(name, raw, (i) => (opts.target ? undefined : ((Array.isArray(raw) ? positions.get(raw[i]) : undefined) ?? positions.get(raw) ?? unpositioned)), ctx, zone, opts, checkSchema);
      entries.push(res);
      if (res.schemaRaw !== undefined) schemaEntries.push([name, res.schemaRaw]);
    }
    streamed.clear();
    for (const res of entries) {
      for (const f of res.findings) findings.push(f);
      for (const b of res.bad) badRecords.add(b);
      for (const record of res.records) {
        const key = recordKey(record);
        const prev = byKey.get(key);
        if (prev && !(o.populateShouldReplace && prev.source?.file !== file)) {
          const fqdn = record.name ? `${record.name}.${zone}` : zone;
          findings.push({
            severity: 'error',
            reason: `Duplicate record ${fqdn}, type ${record.type}, existing: ${prev.source ? formatPosition(prev.source) : file}, new: ${record.source ? formatPosition(record.source) : file}`,
            record: fqdn,
            position: record.source ?? { file, line: 1, column: 1 },
            zone,
          });
          continue;
        }
        byKey.set(key, record);
      }
    }
    if (schemaEntries.length) {
      const reload = () => {
        const full = new YamlLoader({ enforceOrder: false, orderMode: o.orderMode });
        return { data: full.loadFile(file).data ?? {}, positions: full.positions };
      };
      for (const f of validateZoneSubset(schemaEntries, file, zone, reload)) {
        // a record octoDNS's validators already rejected needs no second, vaguer message
        if (f.severity === 'error' && f.record && badRecords.has(f.record)) continue;
        findings.push(f);
      }
    }
  }
  const records = [...byKey.values()];
  return { records, findings, exists: true };
}
