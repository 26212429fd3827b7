/** A fingerprint of live state: sha256 over the zone's records, sorted by name and type. */
import { createHash } from 'node:crypto';
import { recordKey, type DnsRecord } from '../model/record.js';
import { storedOctodns } from './compare.js';

export function fingerprint(records: DnsRecord[], exists: boolean): string {
  const h = createHash('sha256');
  h.update(exists ? 'exists\n' : 'absent\n');
  const keyed = records.map((r) => [recordKey(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const sorted = keyed.map((k) => k[1]);
  // a provider reads the same state into the same objects, so plain JSON is stable here
  for (const r of sorted) h.update(`${JSON.stringify([r.name, r.type, r.ttl, r.values, r.dynamic ?? null, r.geo ?? null, storedOctodns(r.octodns) ?? null])}\n`);
  return `sha256:${h.digest('hex')}`;
}
