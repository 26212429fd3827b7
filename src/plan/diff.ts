/**
 * Record-level diff of desired against live for one zone and target, honouring
 * octoDNS's `ignored` / `excluded` / `included`. Target zones are owned: live records
 * the repository does not hold are deleted unless the config keeps unmanaged records.
 */
import { fqdnOf, recordKey, type DnsRecord } from '../model/record.js';
import type { Change } from './types.js';
import { sameRecord } from './compare.js';
import { indexUnique } from './record-index.js';

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
  const creates: Change[] = [];
  const updates: Change[] = [];
  const deletes: Change[] = [];
  const kept: string[] = [];
  const onWanted = (d: DnsRecord, e: DnsRecord | undefined) => {
    if (!managedBy(d, opts.target)) return;
    if (isRootNs(d) && !opts.rootNs) return;
    if (!e) creates.push({ kind: 'create', name: d.name, type: d.type, desired: d });
    else if (e.octodns?.['ignored'] === true) return;
    else if (!sameRecord(e, d)) updates.push({ kind: 'update', name: d.name, type: d.type, existing: e, desired: d });
  };
  const onLive = (e: DnsRecord) => {
    if (e.octodns?.['ignored'] === true) return;
    // an existing root NS is left alone unless the repository manages it
    if (isRootNs(e)) return;
    if (opts.keepUnmanaged) {
      kept.push(`${fqdnOf(e.name, e.zone)} ${e.type}`);
      return;
    }
    deletes.push({ kind: 'delete', name: e.name, type: e.type, existing: e, reason: 'not in the repository' });
  };
  // records unique by name and type (as every provider reads them): indexes by name, no
  // `name\0type` string per record; else Maps by that key (last record of a key wins)
  const liveIx = indexUnique(existing);
  const wantIx = liveIx && indexUnique(desired);
  if (liveIx && wantIx) {
    for (const d of desired) onWanted(d, liveIx.get(d.name, d.type));
    // held by the repository (possibly excluded for this target: then left alone, as octoDNS does)
    for (const e of existing) if (!wantIx.has(e.name, e.type)) onLive(e);
  } else {
    const live = new Map<string, DnsRecord>();
    for (const r of existing) live.set(recordKey(r), r);
    const want = new Map<string, DnsRecord>();
    for (const r of desired) want.set(recordKey(r), r);
    for (const [key, d] of want) onWanted(d, live.get(key));
    for (const [key, e] of live) if (!want.has(key)) onLive(e);
  }
  const byName = (a: Change, b: Change) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0);
  // octoDNS's plan order: deletes, creates, updates, each by (name, type)
  return { changes: [...deletes.sort(byName), ...creates.sort(byName), ...updates.sort(byName)], kept };
}
