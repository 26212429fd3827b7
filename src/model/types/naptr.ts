import type { Reason } from '../findings.js';
import type { Value } from '../record.js';
import {
  checkTargetTrailingDot,
  compareTuples,
  get,
  has,
  pyStr,
  pyTruthy,
  runValidators,
  type ValidatorDef,
} from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';
import { intOrUndefined, mustGet, mustInt, rfcIntField, toJson, valueField, type ValuesInput } from './sshfp.js';

/**
 * NAPTR (octodns/record/naptr.py, 1.22):
 * `{order, preference, flags, service, regexp, replacement}`; flags upper-cased by the
 * value class, the three strings kept as written.
 */

/** `NaptrValue.VALID_FLAGS` (legacy validator): one letter, either case. Empty flags are rejected. */
const VALID_FLAGS = ['S', 'A', 'U', 'P', 's', 'a', 'u', 'p'];
/** strict validator: empty flags allowed, else `flags.upper()` must be one of these */
const RFC_FLAGS = new Set(['S', 'A', 'U', 'P']);

const VALIDATORS: ValidatorDef<ValuesInput>[] = [
  {
    id: 'naptr-value',
    sets: ['legacy'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        for (const f of ['order', 'preference']) {
          if (!has(value, f)) {
            reasons.push(`missing ${f}`);
            continue;
          }
          const raw = get(value, f);
          if (intOrUndefined(raw) === undefined) reasons.push(`invalid ${f} "${pyStr(raw)}"`);
        }
        if (!has(value, 'flags')) {
          reasons.push('missing flags');
        } else {
          const flags = get(value, 'flags');
          if (typeof flags !== 'string' || !VALID_FLAGS.includes(flags)) {
            reasons.push(`unrecognized flags "${pyStr(flags)}"`);
          }
        }
        for (const k of ['service', 'regexp', 'replacement']) if (!has(value, k)) reasons.push(`missing ${k}`);
      }
      return reasons;
    },
  },
  {
    id: 'naptr-value-rfc',
    sets: ['strict'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        rfcIntField(value, 'order', 65535, reasons);
        rfcIntField(value, 'preference', 65535, reasons);
        if (!has(value, 'flags')) {
          reasons.push('missing flags');
        } else {
          const flags = get(value, 'flags');
          if (pyTruthy(flags) && !RFC_FLAGS.has(pyStr(flags).toUpperCase())) {
            reasons.push(`unrecognized flags "${pyStr(flags)}"`);
          }
        }
        for (const k of ['service', 'regexp', 'replacement']) if (!has(value, k)) reasons.push(`missing ${k}`);
      }
      return reasons;
    },
  },
  {
    id: 'naptr-value-best-practice',
    sets: ['best-practice'],
    run: ({ type, values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        const replacement = get(value, 'replacement');
        // `.` is not exempt for NAPTR, but it ends with a dot anyway
        if (pyTruthy(replacement)) reasons.push(...checkTargetTrailingDot(replacement, type, 'replacement'));
      }
      return reasons;
    },
  },
];

const KEYS = ['order', 'preference', 'flags', 'service', 'regexp', 'replacement'];

function tuple(v: Value): unknown[] {
  return KEYS.map((k) => valueField(v, k));
}

function quoted(v: unknown): string {
  return v === null || v === undefined ? '' : pyStr(v);
}

export const NAPTR_SPEC: TypeSpec = {
  type: 'NAPTR',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, { type: 'NAPTR', values: raw }, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    return {
      order: mustInt('NAPTR', 'order', mustGet('NAPTR', raw, 'order')),
      preference: mustInt('NAPTR', 'preference', mustGet('NAPTR', raw, 'preference')),
      flags: pyStr(mustGet('NAPTR', raw, 'flags')).toUpperCase(),
      service: toJson(mustGet('NAPTR', raw, 'service')),
      regexp: toJson(mustGet('NAPTR', raw, 'regexp')),
      replacement: toJson(mustGet('NAPTR', raw, 'replacement')),
    };
  },
  compare(a: Value, b: Value): number {
    return compareTuples(tuple(a), tuple(b));
  },
  /** `rdata_text`: flags, service and regexp as quoted character-strings. */
  toText(v: Value): string {
    const [order, pref, flags, service, regexp, replacement] = tuple(v);
    return `${pyStr(order)} ${pyStr(pref)} "${quoted(flags)}" "${quoted(service)}" "${quoted(regexp)}" ${pyStr(replacement)}`;
  },
};
