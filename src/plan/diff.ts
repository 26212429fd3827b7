/**
 * Record-level diff of desired against live for one zone and target, honouring
 * octoDNS's `ignored` / `excluded` / `included`. Target zones are owned: live records
 * the repository does not hold are deleted unless the config keeps unmanaged records.
 */
import { fqdnOf, type DnsRecord } from '../model/record.js';
import type { Change } from './types.js';
import { sameRecord } from './compare.js';

export interface DiffOptions {
  target: string;
  /** keep live records the repository does not hold (default: delete them, as octoDNS) */
  keepUnmanaged: boolean;
  /** the target manages root NS records */
  rootNs: boolean;
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/** Whether `target` manages this record at all. */
export function managedBy(r: DnsRecord, target: string): boolean {
  const o = r.octodns;
  if (!o) return true;
  if (o['ignored'] === true) return false;
  if (list(o['excluded']).includes(target)) return false;
  const included = list(o['included']);
  return included.length === 0 || included.includes(target);
}

const isRootNs = (r: DnsRecord) => r.name === '' && r.type === 'NS';

/**
 * Live records by name, then type: one Map keyed by the name alone (no `name\0type` string
 * per record on either side; most names hold one record). A repeated name and type keeps
 * the last one, as a keyed Map would.
 */
class LiveIndex {
  private readonly byName = new Map<string, DnsRecord | DnsRecord[]>();
  constructor(records: readonly DnsRecord[]) {
    for (const r of records) {
      const have = this.byName.get(r.name);
      if (have === undefined) this.byName.set(r.name, r);
      else if (Array.isArray(have)) {
        const i = have.findIndex((x) => x.type === r.type);
        if (i >= 0) have[i] = r;
        else have.push(r);
      } else if (have.type === r.type) this.byName.set(r.name, r);
      else this.byName.set(r.name, [have, r]);
    }
  }

  get(name: string, type: string): DnsRecord | undefined {
    const have = this.byName.get(name);
    if (have === undefined) return undefined;
    if (!Array.isArray(have)) return have.type === type ? have : undefined;
    return have.find((x) => x.type === type);
  }

  /** every indexed record, in first-read order of names */
  *records(): Iterable<DnsRecord> {
    for (const have of this.byName.values()) {
      if (Array.isArray(have)) yield* have;
      else yield have;
    }
  }
}

export function diffZone(existing: DnsRecord[], desired: DnsRecord[], opts: DiffOptions): { changes: Change[]; kept: string[] } {
  const live = new LiveIndex(existing);
  const creates: Change[] = [];
  const updates: Change[] = [];
  const deletes: Change[] = [];
  const kept: string[] = [];
  const held = new Set<DnsRecord>();
  // the repository's records are unique by name and type (readZone and the source merge see to it)
  for (const d of desired) {
    const e = live.get(d.name, d.type);
    if (e) held.add(e);
    if (!managedBy(d, opts.target)) continue;
    if (isRootNs(d) && !opts.rootNs) continue;
    if (!e) creates.push({ kind: 'create', name: d.name, type: d.type, desired: d });
    else if (e.octodns?.['ignored'] === true) continue;
    else if (!sameRecord(e, d)) updates.push({ kind: 'update', name: d.name, type: d.type, existing: e, desired: d });
  }
  for (const e of live.records()) {
    // held by the repository (possibly excluded for this target: then left alone, as octoDNS does)
    if (held.has(e)) continue;
    if (e.octodns?.['ignored'] === true) continue;
    // an existing root NS is left alone unless the repository manages it
    if (isRootNs(e)) continue;
    if (opts.keepUnmanaged) {
      kept.push(`${fqdnOf(e.name, e.zone)} ${e.type}`);
      continue;
    }
    deletes.push({ kind: 'delete', name: e.name, type: e.type, existing: e, reason: 'not in the repository' });
  }
  const byName = (a: Change, b: Change) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0);
  // octoDNS's plan order: deletes, creates, updates, each by (name, type)
  return { changes: [...deletes.sort(byName), ...creates.sort(byName), ...updates.sort(byName)], kept };
}
