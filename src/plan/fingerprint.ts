/**
 * Digests that bind a plan to what it was made from: the fingerprint of live state, the
 * digest of the desired state, and the digest of the planned changes (sha256 each).
 */
import { createHash } from 'node:crypto';
import { recordKey, type DnsRecord } from '../model/record.js';
import { stableJson, storedOctodns } from './compare.js';
import type { Change } from './types.js';

/** Fingerprints computed where the records were read (a worker thread), by records array. */
const known = new WeakMap<readonly DnsRecord[], { exists: boolean; fingerprint: string }>();

/**
 * Registers `fp` as `fingerprint(records, exists)`, computed already from an identical copy
 * of these records (the worker that read them); `records` must not change afterwards.
 */
export function rememberFingerprint(records: readonly DnsRecord[], exists: boolean, fp: string): void {
  known.set(records, { exists, fingerprint: fp });
}

/** sha256 over `header` and the records sorted by name and type (position and zone left out). */
function recordsDigest(header: string, records: readonly DnsRecord[]): string {
  const h = createHash('sha256');
  h.update(header);
  const keyed = records.map((r) => [recordKey(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // a provider reads the same state into the same objects, so plain JSON is stable here
  // hashed in chunks: the digest of the concatenation is the same, with far fewer calls
  let chunk = '';
  for (const [, r] of keyed) {
    chunk += `${JSON.stringify([r.name, r.type, r.ttl, r.values, r.dynamic ?? null, r.geo ?? null, storedOctodns(r.octodns) ?? null])}\n`;
    if (chunk.length > 65536) {
      h.update(chunk);
      chunk = '';
    }
  }
  if (chunk) h.update(chunk);
  return `sha256:${h.digest('hex')}`;
}

/** A fingerprint of live state: whether the zone exists, and its records. */
export function fingerprint(records: DnsRecord[], exists: boolean): string {
  const k = known.get(records);
  if (k && k.exists === exists) return k.fingerprint;
  return recordsDigest(exists ? 'exists\n' : 'absent\n', records);
}

/** The digest of a desired state (the records a plan diffed live state against). */
export function desiredDigest(records: readonly DnsRecord[]): string {
  return recordsDigest('desired\n', records);
}

/** A record as data, key order and source position aside. */
function recordData(r: DnsRecord | undefined): unknown {
  if (!r) return undefined;
  return { zone: r.zone, name: r.name, type: r.type, ttl: r.ttl, values: r.values, dynamic: r.dynamic, geo: r.geo, octodns: r.octodns };
}

/**
 * The digest of a list of changes, in order: the same for the changes in memory and for
 * them read back from a saved plan; any edit of a kind, name, value or reason changes it.
 */
export function changesDigest(changes: readonly Change[]): string {
  const h = createHash('sha256');
  for (const c of changes) {
    h.update(`${stableJson({ kind: c.kind, name: c.name, type: c.type, reason: c.reason, existing: recordData(c.existing), desired: recordData(c.desired) })}\n`);
  }
  return `sha256:${h.digest('hex')}`;
}
