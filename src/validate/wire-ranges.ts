/**
 * Integer fields checked against the size they have on the wire, whatever validator sets
 * are enabled (octoDNS checks some only under `strict`, and none for a TTL's upper end):
 * a value a DNS message cannot carry is refused by every provider at apply time, taking
 * the rest of its batch with it. Reported once per field: a field an active octoDNS
 * validator already reported is not reported again.
 */
import type { Reason } from '../model/findings.js';
import type { RecordType } from '../model/record.js';
import { get, isPlainObject, pyInt } from '../model/types/common.js';

export const WIRE_RANGE_ID = 'dnsctl-wire-range';

/** RFC 2181 §8: a TTL is an unsigned 32-bit number whose top bit must be zero. */
export const MAX_TTL = 2 ** 31 - 1;

const U8 = 255;
const U16 = 65535;

/** Integer value fields per type, with their largest value (all start at 0). */
const FIELDS: Partial<Record<RecordType, Record<string, number>>> = {
  CAA: { flags: U8 },
  DS: { key_tag: U16, algorithm: U8, digest_type: U8 },
  HTTPS: { svcpriority: U16 },
  MX: { preference: U16, priority: U16 },
  NAPTR: { order: U16, preference: U16 },
  SRV: { priority: U16, weight: U16, port: U16 },
  SSHFP: { algorithm: U8, fingerprint_type: U8 },
  SVCB: { svcpriority: U16 },
  TLSA: { certificate_usage: U8, selector: U8, matching_type: U8 },
  URI: { priority: U16, weight: U16 },
};

function reported(reasons: readonly Reason[], field: string, v: unknown): boolean {
  const needle = `${field} "${String(v)}"`;
  return reasons.some((r) => r.reason.includes(needle));
}

function check(field: string, v: unknown, max: number, min: number, out: Reason[], earlier: readonly Reason[]): void {
  if (v === undefined || v === null || typeof v === 'boolean') return;
  const n = pyInt(v);
  if (!n.ok) return; // the type's own validators say what is wrong with it
  if (n.value >= min && n.value <= max) return;
  if (reported(earlier, field, v)) return;
  out.push({ reason: `${field} ${String(v)} is out of range ${min}-${max} (the field's size on the wire)`, via: WIRE_RANGE_ID });
}

/**
 * The out-of-range integer fields of one record as written: `ttl`, the type's value
 * fields, `octodns.healthcheck.port`. `earlier`: reasons already found for the record.
 */
export function wireRangeReasons(type: RecordType, ttl: unknown, values: readonly unknown[], octodns: unknown, earlier: readonly Reason[]): Reason[] {
  const out: Reason[] = [];
  check('ttl', ttl, MAX_TTL, 0, out, earlier);
  const fields = FIELDS[type];
  if (fields) {
    for (const value of values) {
      if (!isPlainObject(value)) continue;
      for (const [field, max] of Object.entries(fields)) check(field, value[field], max, 0, out, earlier);
    }
  }
  const hc = get(octodns, 'healthcheck');
  if (isPlainObject(hc)) check('healthcheck port', hc['port'], U16, 1, out, earlier);
  return out;
}
