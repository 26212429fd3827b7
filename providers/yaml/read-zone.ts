/**
 * Reads one zone from octoDNS YamlProvider files (flat `<zone>yaml`, split directories,
 * a shared file) into the record model, with every finding positioned.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecord, type BuildContext } from '../../src/model/build-record.js';
import type { Finding } from '../../src/model/findings.js';
import { formatPosition, fqdnOf, recordKey, type DnsRecord } from '../../src/model/record.js';
import { idnaDecode } from '../../src/model/names.js';
import type { PopulateOptions, PopulateResult } from '../../src/model/provider.js';
import { validateZoneSchema } from '../../src/validate/schema.js';
import { YamlLoader } from '../../src/yaml/load.js';
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
  const severity = opts.lenient ? 'warning' : 'error';
  const byKey = new Map<string, DnsRecord>();
  for (const file of files) {
    const { data, issues, shared } = loader.loadFile(file);
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
    const reload = () => {
      const full = new YamlLoader({ enforceOrder: false, orderMode: o.orderMode });
      return { data: full.loadFile(file).data ?? {}, positions: full.positions };
    };
    const schemaFindings = opts.target ? [] : validateZoneSchema(data ?? {}, loader.positions, file, zone, reload);
    const badRecords = new Set<string>();
    const tree = (data ?? {}) as Record<string, unknown>;
    const positions = loader.positions;
    // one shared object for every record this file cannot position (all of a target's)
    const unpositioned = { file, line: 1, column: 1 };
    for (const name of Object.keys(tree)) {
      const raw = tree[name];
      if (!shared) {
        // no node is used twice: let the raw tree go as its records are built
        delete tree[name];
      }
      const list = Array.isArray(raw) ? raw : [raw];
      for (const item of list) {
        const position = positions.get(item) ?? positions.get(raw) ?? unpositioned;
        if (!shared && item !== raw) positions.delete(item);
        const res = buildRecord(name, item, ctx);
        if (!res.ok) {
          badRecords.add(res.fqdn);
          if (res.fatal) findings.push({ severity: 'error', reason: res.fatal, record: res.fqdn, position, zone });
          for (const r of res.reasons) {
            const f: Finding = { severity, reason: r.reason, record: res.fqdn, position, zone };
            if (r.via) f.via = r.via;
            findings.push(f);
          }
          if (!res.record || res.fatal || !opts.lenient) continue;
        } else {
          for (const r of res.reasons) findings.push({ severity: "warning", reason: r.reason, via: r.via, record: fqdnOf(res.record.name, zone), position, zone });
        }
        const record = res.record!;
        record.source = position;
        const key = recordKey(record);
        const prev = byKey.get(key);
        if (prev && !(o.populateShouldReplace && prev.source?.file !== file)) {
          const fqdn = record.name ? `${record.name}.${zone}` : zone;
          findings.push({
            severity: 'error',
            reason: `Duplicate record ${fqdn}, type ${record.type}, existing: ${formatPosition(prev.source)}, new: ${formatPosition(position)}`,
            record: fqdn,
            position,
            zone,
          });
          continue;
        }
        byKey.set(key, record);
      }
      if (!shared) positions.delete(raw);
    }
    for (const f of schemaFindings) {
      // a record octoDNS's validators already rejected needs no second, vaguer message
      if (f.severity === 'error' && f.record && badRecords.has(f.record)) continue;
      findings.push(f);
    }
  }
  const records = [...byKey.values()];
  return { records, findings, exists: true };
}
