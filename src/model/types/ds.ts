import type { Reason } from '../findings.js';
import type { Value } from '../record.js';
import { compareTuples, get, has, pyStr, runValidators, type ValidatorDef } from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';
import {
  intOrUndefined,
  isPyHex,
  mustGet,
  mustInt,
  pyLen,
  rfcIntField,
  strField,
  valueField,
  type ValuesInput,
} from './sshfp.js';

/**
 * DS (octodns/record/ds.py, 1.22): `{key_tag, algorithm, digest_type, digest}`.
 * The deprecated legacy form `{flags, protocol, algorithm, public_key}` (recognised by
 * the presence of `flags` or `public_key`) is still accepted and mapped positionally:
 * flags -> key_tag, protocol -> algorithm, algorithm -> digest_type, public_key -> digest.
 */

/** octoDNS treats a value as legacy-form when it has `public_key` or `flags`. */
export function isLegacyDs(value: unknown): boolean {
  return has(value, 'public_key') || has(value, 'flags');
}

function legacyInt(value: unknown, field: string, reasons: string[]): void {
  if (!has(value, field)) {
    reasons.push(`missing ${field}`);
    return;
  }
  const raw = get(value, field);
  if (intOrUndefined(raw) === undefined) reasons.push(`invalid ${field} "${pyStr(raw)}"`);
}

const DIGEST_LENGTHS: Record<number, number> = { 1: 40, 2: 64, 4: 96 };

/** RFC 8624 §3.1 algorithms that must not / should not be used for DNSSEC signing. */
const DEPRECATED_ALGORITHMS: Record<number, string> = {
  1: 'RSAMD5',
  3: 'DSA',
  5: 'RSASHA1',
  6: 'DSA-NSEC3-SHA1',
  7: 'RSASHA1-NSEC3-SHA1',
};

const VALIDATORS: ValidatorDef<ValuesInput>[] = [
  {
    id: 'ds-value',
    sets: ['legacy'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        if (isLegacyDs(value)) {
          legacyInt(value, 'flags', reasons);
          legacyInt(value, 'protocol', reasons);
          legacyInt(value, 'algorithm', reasons);
          if (!has(value, 'public_key')) reasons.push('missing public_key');
        } else {
          legacyInt(value, 'key_tag', reasons);
          legacyInt(value, 'algorithm', reasons);
          legacyInt(value, 'digest_type', reasons);
          if (!has(value, 'digest')) reasons.push('missing digest');
        }
      }
      return reasons;
    },
  },
  {
    // the strict validator knows only the current field names
    id: 'ds-value-rfc',
    sets: ['strict'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        rfcIntField(value, 'key_tag', 65535, reasons);
        rfcIntField(value, 'algorithm', 255, reasons);
        const digestType = rfcIntField(value, 'digest_type', 255, reasons);
        if (!has(value, 'digest')) {
          reasons.push('missing digest');
          continue;
        }
        const digest = get(value, 'digest');
        if (!isPyHex(digest)) {
          reasons.push(`invalid digest "${pyStr(digest)}"; must be hex`);
        } else if (digestType !== undefined && digestType in DIGEST_LENGTHS) {
          const expected = DIGEST_LENGTHS[digestType]!;
          if (pyLen(digest) !== expected) {
            reasons.push(`digest must be ${expected} hex characters for digest_type ${digestType}`);
          }
        }
      }
      return reasons;
    },
  },
  {
    // Source not available to dnsctl; texts from the 1.22 reference notes. Applied to the
    // value's meaning (legacy form: `protocol` is the algorithm, `algorithm` the digest type).
    id: 'ds-value-best-practice',
    sets: ['best-practice'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        const legacy = isLegacyDs(value);
        const algKey = legacy ? 'protocol' : 'algorithm';
        const dtKey = legacy ? 'algorithm' : 'digest_type';
        const alg = has(value, algKey) ? intOrUndefined(get(value, algKey)) : undefined;
        if (alg !== undefined && alg in DEPRECATED_ALGORITHMS) {
          reasons.push(`DS algorithm ${alg} (${DEPRECATED_ALGORITHMS[alg]}) is deprecated per RFC 8624`);
        }
        const dt = has(value, dtKey) ? intOrUndefined(get(value, dtKey)) : undefined;
        if (dt === 1) {
          reasons.push('DS digest_type 1 (SHA-1) is not recommended per RFC 8624; use digest_type 2 (SHA-256)');
        }
      }
      return reasons;
    },
  },
];

const KEYS = ['key_tag', 'algorithm', 'digest_type', 'digest'];

function tuple(v: Value): unknown[] {
  return KEYS.map((k) => valueField(v, k));
}

export const DS_SPEC: TypeSpec = {
  type: 'DS',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, { type: 'DS', values: raw }, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    const [kt, alg, dt, digest] = isLegacyDs(raw)
      ? ['flags', 'protocol', 'algorithm', 'public_key']
      : ['key_tag', 'algorithm', 'digest_type', 'digest'];
    return {
      key_tag: mustInt('DS', kt, mustGet('DS', raw, kt)),
      algorithm: mustInt('DS', alg, mustGet('DS', raw, alg)),
      digest_type: mustInt('DS', dt, mustGet('DS', raw, dt)),
      digest: strField(mustGet('DS', raw, digest)).toLowerCase(),
    };
  },
  compare(a: Value, b: Value): number {
    return compareTuples(tuple(a), tuple(b));
  },
  toText(v: Value): string {
    return tuple(v).map((x) => pyStr(x)).join(' ');
  },
};
