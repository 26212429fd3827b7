/** A fingerprint of live state: sha256 over the zone's records, sorted by name and type. */
import { createHash } from 'node:crypto';
import { recordKey, type DnsRecord } from '../model/record.js';
import { storedOctodns } from './compare.js';

/** Fingerprints computed where the records were read (a worker thread), by records array. */
const known = new WeakMap<readonly DnsRecord[], { exists: boolean; fingerprint: string }>();

/**
 * Registers `fp` as `fingerprint(records, exists)`, computed already from an identical copy
 * of these records (the worker that read them); `records` must not change afterwards.
 */
export function rememberFingerprint(records: readonly DnsRecord[], exists: boolean, fp: string): void {
  known.set(records, { exists, fingerprint: fp });
}

export function fingerprint(records: DnsRecord[], exists: boolean): string {
  const k = known.get(records);
  if (k && k.exists === exists) return k.fingerprint;
  const h = createHash('sha256');
  h.update(exists ? 'exists\n' : 'absent\n');
  const keyed = records.map((r) => [recordKey(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const sorted = keyed.map((k) => k[1]);
  // a provider reads the same state into the same objects, so plain JSON is stable here
  // hashed in chunks: the digest of the concatenation is the same, with far fewer calls
  let chunk = '';
  for (const r of sorted) {
    chunk += `${JSON.stringify([r.name, r.type, r.ttl, r.values, r.dynamic ?? null, r.geo ?? null, storedOctodns(r.octodns) ?? null])}\n`;
    if (chunk.length > 65536) {
      h.update(chunk);
      chunk = '';
    }
  }
  if (chunk) h.update(chunk);
  return `sha256:${h.digest('hex')}`;
}
