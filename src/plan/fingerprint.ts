/** A fingerprint of live state: sha256 over the zone's records in a stable form. */
import { createHash } from 'node:crypto';
import { recordKey, type DnsRecord } from '../model/record.js';
import { recordContent } from './compare.js';

export function fingerprint(records: DnsRecord[], exists: boolean): string {
  const h = createHash('sha256');
  h.update(exists ? 'exists\n' : 'absent\n');
  const sorted = [...records].sort((a, b) => (recordKey(a) < recordKey(b) ? -1 : recordKey(a) > recordKey(b) ? 1 : 0));
  for (const r of sorted) h.update(`${recordKey(r)}\u0000${recordContent(r)}\n`);
  return `sha256:${h.digest('hex')}`;
}
