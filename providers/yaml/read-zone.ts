/**
 * Reads one zone from octoDNS YamlProvider files (flat `<zone>yaml`, split directories,
 * a shared file) into the record model, with every finding positioned.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecord, type BuildContext } from '../../src/model/build-record.js';
import type { Finding } from '../../src/model/findings.js';
import { formatPosition, fqdnOf, type DnsRecord, type Position } from '../../src/model/record.js';
import { idnaDecode } from '../../src/model/names.js';
import type { PopulateOptions, PopulateResult } from '../../src/model/provider.js';
import { fastZoneEntry, validateZoneSubset } from '../../src/validate/schema.js';
import { YamlLoader, type EntrySink, type PositionTable } from '../../src/yaml/load.js';
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

function withPosition(f: Finding, position: Position | undefined): Finding {
  if (position) f.position = position;
  return f;
}

/** A tree value the entry sink already handled (never produced by a YAML load). */
const STREAMED: unique symbol = Symbol('streamed zone entry');

/** What reading one file gives: its records in order (repeats included), and the findings about them. */
interface FileRecords {
  records: DnsRecord[];
  /** record findings (then schema findings), in file order */
  findings: Finding[];
}

/**
 * Builds the records of a file's top-level entries (`name: record` or `name: [records]`)
 * as they come, and collects their findings and the entries the schema fast path cannot
 * vouch for.
 */
class EntryReader {
  readonly records: DnsRecord[] = [];
  readonly findings: Finding[] = [];
  /** fqdns octoDNS's validators rejected (their schema findings add nothing) */
  private readonly bad = new Set<string>();
  private readonly schemaEntries: Array<[string, unknown]> = [];
  private readonly severity: 'warning' | 'error';

  constructor(
    private readonly ctx: BuildContext,
    private readonly opts: PopulateOptions,
    private readonly checkSchema: boolean,
  ) {
    this.severity = opts.lenient ? 'warning' : 'error';
  }

  /** `position(i)`: where item i (0 for a single record) is; undefined: records get none. */
  entry(name: string, raw: unknown, position: (item: number) => Position | undefined): void {
    if (this.checkSchema && !fastZoneEntry(raw)) this.schemaEntries.push([name, raw]);
    if (!Array.isArray(raw)) this.build(name, raw, position(0));
    else for (let i = 0; i < raw.length; i++) this.build(name, raw[i], position(i));
  }

  private build(name: string, raw: unknown, pos: Position | undefined): void {
    const { ctx, opts, findings } = this;
    const zone = ctx.zone;
    const res = buildRecord(name, raw, ctx);
    if (!res.ok) {
      this.bad.add(res.fqdn);
      if (res.fatal) findings.push(withPosition({ severity: 'error', reason: res.fatal, record: res.fqdn, zone }, pos));
      for (const r of res.reasons) {
        const f: Finding = withPosition({ severity: this.severity, reason: r.reason, record: res.fqdn, zone }, pos);
        if (r.via) f.via = r.via;
        findings.push(f);
      }
      if (!res.record || res.fatal || !opts.lenient) return;
    } else {
      for (const r of res.reasons) findings.push(withPosition({ severity: 'warning', reason: r.reason, via: r.via, record: fqdnOf(res.record.name, zone), zone }, pos));
    }
    const record = res.record!;
    if (pos) record.source = pos;
    this.records.push(record);
  }

  /** The records and findings, with schema findings (positioned by a full `reload`) last. */
  finish(file: string, reload: () => { data: unknown; positions: PositionTable }): FileRecords {
    if (this.schemaEntries.length) {
      for (const f of validateZoneSubset(this.schemaEntries, file, this.ctx.zone, reload)) {
        // a record octoDNS's validators already rejected needs no second, vaguer message
        if (f.severity === 'error' && f.record && this.bad.has(f.record)) continue;
        this.findings.push(f);
      }
    }
    return { records: this.records, findings: this.findings };
  }
}

function duplicateFinding(prev: DnsRecord, record: DnsRecord, zone: string, file?: string): Finding {
  const fqdn = record.name ? `${record.name}.${zone}` : zone;
  const where = (r: DnsRecord) => (r.source ? formatPosition(r.source) : (file ?? r.zone));
  return {
    severity: 'error',
    reason: `Duplicate record ${fqdn}, type ${record.type}, existing: ${where(prev)}, new: ${where(record)}`,
    record: fqdn,
    position: record.source ?? { file: file ?? '', line: 1, column: 1 },
    zone,
  };
}

/**
 * Reads one zone file. Records are built as the parser completes each top-level entry
 * (see EntrySink), so the raw nodes die young and the tree keeps only STREAMED in their
 * place. When the tree then holds exactly the streamed entries (no repeated top-level key,
 * no `<<` merge at the top), the streamed result is the file's, in document order;
 * otherwise the file is read again as a plain tree, octoDNS's last-wins semantics and all.
 */
function readFile(file: string, loader: YamlLoader, o: YamlOptions, ctx: BuildContext, opts: PopulateOptions, findings: Finding[]): FileRecords | undefined {
  const zone = ctx.zone;
  const checkSchema = !opts.target;
  const reload = () => {
    const full = new YamlLoader({ enforceOrder: false, orderMode: o.orderMode });
    return { data: full.loadFile(file).data ?? {}, positions: full.positions };
  };
  // one shared object for every record this file cannot position; a target's records get
  // none (live state has no place in the repository, and a position per record is work)
  const unpositioned: Position | undefined = opts.target ? undefined : { file, line: 1, column: 1 };
  let reader = new EntryReader(ctx, opts, checkSchema);
  let streamed = 0;
  const sink: EntrySink = {
    entry(key, value, source, valueOffset, itemOffsets) {
      if (typeof key === 'object' && key !== null) return value;
      streamed++;
      const at = (i: number): Position | undefined => {
        if (opts.target) return undefined;
        const offset = itemOffsets && Array.isArray(value) ? itemOffsets[i] : valueOffset;
        return offset === undefined ? unpositioned : source.position(source.skipBlank(offset));
      };
      reader.entry(String(key), value, at);
      return STREAMED;
    },
    restart() {
      reader = new EntryReader(ctx, opts, checkSchema);
      streamed = 0;
    },
  };
  const loaded = loader.loadFile(file, [], [], sink);
  for (const i of loaded.issues) {
    findings.push({
      severity: i.kind === 'duplicate-key' || i.kind === 'yaml11' ? 'warning' : 'error',
      reason: i.message,
      via: i.kind === 'order' ? 'enforce-order' : i.kind === 'duplicate-key' ? 'duplicate-key' : i.kind === 'limit' ? 'dnsctl-limits' : i.kind === 'yaml11' ? 'yaml-1.1' : 'yaml',
      position: i.position,
      zone,
    });
  }
  let data = loaded.data;
  if (data === undefined && loaded.issues.some((i) => i.kind === 'syntax' || i.kind === 'include' || i.kind === 'limit')) return undefined;
  if (data !== null && data !== undefined && !isObject(data)) {
    findings.push({ severity: 'error', reason: 'a zone file must be a mapping of record names to records', position: { file, line: 1, column: 1 }, zone });
    return undefined;
  }
  let tree = (data ?? {}) as Record<string, unknown>;
  if (streamed > 0 && !loaded.exact && !onlyStreamed(tree, streamed)) {
    // the plain tree: a second parse, for files with a repeated or merged top-level key
    reader = new EntryReader(ctx, opts, checkSchema);
    data = loader.loadFile(file, []).data;
    tree = (isObject(data) ? data : {}) as Record<string, unknown>;
    streamed = 0;
  }
  if (streamed === 0) {
    const positions = loader.positions;
    for (const name of Object.keys(tree)) {
      const raw = tree[name];
      reader.entry(name, raw, (i) => (opts.target ? undefined : ((Array.isArray(raw) ? positions.get(raw[i]) : undefined) ?? positions.get(raw) ?? unpositioned)));
    }
  }
  return reader.finish(file, reload);
}

/** The tree holds `count` entries, each one streamed. */
function onlyStreamed(tree: Record<string, unknown>, count: number): boolean {
  let n = 0;
  for (const k in tree) {
    if (tree[k] !== STREAMED) return false;
    n++;
  }
  return n === count;
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
  // records by name, then type (indices into `records`): two keys of one file may still
  // name one record (`WWW` and `www`, a name and its punycode), and files may repeat each
  // other's records
  const byName = new Map<string, number | number[]>();
  const records: DnsRecord[] = [];
  const fileOf: string[] = [];
  for (const file of files) {
    const res = readFile(file, loader, o, ctx, opts, findings);
    if (!res) continue;
    for (const f of res.findings) findings.push(f);
    for (const record of res.records) {
      const have = byName.get(record.name);
      let prev = -1;
      if (have !== undefined) {
        for (const i of typeof have === 'number' ? [have] : have) if (records[i]!.type === record.type) prev = i;
      }
      if (prev >= 0) {
        if (o.populateShouldReplace && fileOf[prev] !== file) {
          records[prev] = record;
          fileOf[prev] = file;
        } else findings.push(duplicateFinding(records[prev]!, record, zone, file));
        continue;
      }
      const index = records.push(record) - 1;
      fileOf.push(file);
      byName.set(record.name, have === undefined ? index : typeof have === 'number' ? [have, index] : [...have, index]);
    }
  }
  return { records, findings, exists: true };
}
