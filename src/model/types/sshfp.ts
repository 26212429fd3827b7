import { DnsctlError } from '../findings.js';
import type { Reason } from '../findings.js';
import type { JsonObject, RecordType, Value } from '../record.js';
import {
  compareTuples,
  get,
  has,
  pyInt,
  pyStr,
  pyTruthy,
  runValidators,
  type ValidatorDef,
} from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/**
 * SSHFP (octodns/record/sshfp.py, 1.22): `{algorithm, fingerprint_type, fingerprint}`.
 * Validators `sshfp-value` (legacy), `sshfp-value-rfc` (strict),
 * `sshfp-value-best-practice` (best-practice); each runs over all values in turn.
 *
 * Small helpers shared by the other part-2 type modules live here too (the part-2
 * file list is fixed; this module imports none of them, so there is no cycle).
 */

// ---------------------------------------------------------------------------
// part-2 helpers
// ---------------------------------------------------------------------------

/** What every part-2 validator sees: the record type and the raw values. */
export interface ValuesInput {
  type: RecordType;
  values: readonly unknown[];
}

/** `len(str(v))` in Python: code points, not UTF-16 units. */
export function pyLen(v: unknown): number {
  return [...pyStr(v)].length;
}

/**
 * `not v or not re.match(r'^[0-9a-fA-F]+$', str(v))` negated: truthy and hex.
 * Python's `$` also matches before one final newline.
 */
export function isPyHex(v: unknown): boolean {
  return pyTruthy(v) && /^[0-9a-fA-F]+\n?$/.test(pyStr(v));
}

/** `int(v)` where octoDNS's catch covers ValueError (and, here, TypeError, which would crash octoDNS). */
export function intOrUndefined(v: unknown): number | undefined {
  const r = pyInt(v);
  return r.ok ? r.value : undefined;
}

/** `int(v)` inside a value class constructor: octoDNS raises, so do we. */
export function mustInt(type: RecordType, field: string, v: unknown): number {
  const r = pyInt(v);
  if (!r.ok) {
    throw new DnsctlError(`${type} value cannot be built: invalid literal for int() in ${field}: ${pyStr(v)}`);
  }
  return r.value;
}

/** `str(v)` of a raw field for normalised data, keeping strings as-is. */
export function strField(v: unknown): string {
  return pyStr(v);
}

/** `value[field]` inside a value class constructor: a missing key raises KeyError in octoDNS. */
export function mustGet(type: RecordType, raw: unknown, field: string): unknown {
  if (!has(raw, field)) throw new DnsctlError(`${type} value cannot be built: missing ${field}`);
  return get(raw, field);
}

export function toJson(v: unknown): JsonObject[string] {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toJson(x);
    return out;
  }
  return pyStr(v);
}

/** Shared checks of the strict (`*-rfc`) validators: `missing {f}` / `invalid {f} "{v}"; must be 0-{max}` / `invalid {f} "{v}"`. */
export function rfcIntField(
  value: unknown,
  field: string,
  max: number,
  reasons: string[],
): number | undefined {
  if (!has(value, field)) {
    reasons.push(`missing ${field}`);
    return undefined;
  }
  const raw = get(value, field);
  const r = pyInt(raw);
  if (!r.ok) {
    reasons.push(`invalid ${field} "${pyStr(raw)}"`);
    return undefined;
  }
  if (r.value < 0 || r.value > max) {
    reasons.push(`invalid ${field} "${r.value}"; must be 0-${max}`);
    return undefined;
  }
  return r.value;
}

// ---------------------------------------------------------------------------
// SSHFP
// ---------------------------------------------------------------------------

const VALID_ALGORITHMS = [1, 2, 3, 4];
const VALID_FINGERPRINT_TYPES = [1, 2];
const FINGERPRINT_LENGTHS: Record<number, number> = { 1: 40, 2: 64 };

/** legacy check of one int field: `missing X` / `invalid X "v"` / `unrecognized X "n"`. */
function legacyEnumField(value: unknown, field: string, valid: number[], reasons: string[]): number | undefined {
  if (!has(value, field)) {
    reasons.push(`missing ${field}`);
    return undefined;
  }
  const raw = get(value, field);
  const n = intOrUndefined(raw);
  if (n === undefined) {
    reasons.push(`invalid ${field} "${pyStr(raw)}"`);
    return undefined;
  }
  if (!valid.includes(n)) reasons.push(`unrecognized ${field} "${n}"`);
  return n;
}

const VALIDATORS: ValidatorDef<ValuesInput>[] = [
  {
    id: 'sshfp-value',
    sets: ['legacy'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        legacyEnumField(value, 'algorithm', VALID_ALGORITHMS, reasons);
        const fpType = legacyEnumField(value, 'fingerprint_type', VALID_FINGERPRINT_TYPES, reasons);
        if (!has(value, 'fingerprint')) {
          reasons.push('missing fingerprint');
        } else if (fpType !== undefined && fpType in FINGERPRINT_LENGTHS) {
          const expected = FINGERPRINT_LENGTHS[fpType]!;
          const actual = pyLen(get(value, 'fingerprint'));
          if (actual !== expected) {
            reasons.push(
              `fingerprint length ${actual} does not match fingerprint_type ${fpType} (expected ${expected})`,
            );
          }
        }
      }
      return reasons;
    },
  },
  {
    id: 'sshfp-value-rfc',
    sets: ['strict'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        rfcIntField(value, 'algorithm', 255, reasons);
        const fpType = rfcIntField(value, 'fingerprint_type', 255, reasons);
        if (!has(value, 'fingerprint')) {
          reasons.push('missing fingerprint');
          continue;
        }
        const fp = get(value, 'fingerprint');
        if (!isPyHex(fp)) {
          reasons.push(`invalid fingerprint "${pyStr(fp)}"; must be hex`);
        } else if (fpType !== undefined && fpType in FINGERPRINT_LENGTHS) {
          const expected = FINGERPRINT_LENGTHS[fpType]!;
          if (pyLen(fp) !== expected) {
            reasons.push(`fingerprint must be ${expected} hex characters for fingerprint_type ${fpType}`);
          }
        }
      }
      return reasons;
    },
  },
  {
    id: 'sshfp-value-best-practice',
    sets: ['best-practice'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        if (!has(value, 'fingerprint_type')) continue;
        if (intOrUndefined(get(value, 'fingerprint_type')) === 1) {
          reasons.push('SSHFP fingerprint_type 1 (SHA-1) is deprecated; use fingerprint_type 2 (SHA-256)');
        }
      }
      return reasons;
    },
  },
];

export const SSHFP_SPEC: TypeSpec = {
  type: 'SSHFP',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, { type: 'SSHFP', values: raw }, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    return {
      algorithm: mustInt('SSHFP', 'algorithm', mustGet('SSHFP', raw, 'algorithm')),
      fingerprint_type: mustInt('SSHFP', 'fingerprint_type', mustGet('SSHFP', raw, 'fingerprint_type')),
      fingerprint: strField(mustGet('SSHFP', raw, 'fingerprint')).toLowerCase(),
    };
  },
  compare(a: Value, b: Value): number {
    return compareTuples(sshfpTuple(a), sshfpTuple(b));
  },
  toText(v: Value): string {
    return sshfpTuple(v).map((x) => pyStr(x)).join(' ');
  },
};

function field(v: Value, k: string): unknown {
  return typeof v === 'string' ? undefined : v[k];
}

function sshfpTuple(v: Value): unknown[] {
  return [field(v, 'algorithm'), field(v, 'fingerprint_type'), field(v, 'fingerprint')];
}

/** Field of a normalised structured value (undefined for string values). */
export function valueField(v: Value, k: string): unknown {
  return field(v, k);
}
