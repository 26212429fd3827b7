/**
 * Record-level diff of desired against live for one zone and target, honouring
 * octoDNS's `ignored` / `excluded` / `included`. Target zones are owned: live records
 * the repository does not hold are deleted unless the config keeps unmanaged records.
 */
import { fqdnOf, recordKey, type DnsRecord } from '../model/record.js';
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

export function diffZone(existing: DnsRecord[], desired: DnsRecord[], opts: DiffOptions): { changes: Change[]; kept: string[] } {
  // plain loops: no [key, record] pair and mapped array per record (same Maps)
  const live = new Map<string, DnsRecord>();
  for (const r of existing) live.set(recordKey(r), r);
  const want = new Map<string, DnsRecord>();
  for (const r of desired) want.set(recordKey(r), r);
  const creates: Change[] = [];
  const updates: Change[] = [];
  const deletes: Change[] = [];
  const kept: string[] = [];
  for (const [key, d] of want) {
    if (!managedBy(d, opts.target)) continue;
    if (isRootNs(d) && !opts.rootNs) continue;
    const e = live.get(key);
    if (!e) creates.push({ kind: 'create', name: d.name, type: d.type, desired: d });
    else if (e.octodns?.['ignored'] === true) continue;
    else if (!sameRecord(e, d)) updates.push({ kind: 'update', name: d.name, type: d.type, existing: e, desired: d });
  }
  for (const [key, e] of live) {
    // held by the repository (possibly excluded for this target: then left alone, as octoDNS does)
    if (want.has(key)) continue;
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
