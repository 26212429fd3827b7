import type { Reason } from '../findings.js';
import type { Value } from '../record.js';
import { compareTuples, get, has, pyStr, runValidators, type ValidatorDef } from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';
import { intOrUndefined, mustGet, mustInt, toJson, valueField, type ValuesInput } from './sshfp.js';

/**
 * URLFWD (octodns/record/urlfwd.py, 1.22): `{path, target, code, masking, query}`.
 * One validator, `urlfwd-value`, in both the legacy and strict sets.
 */

const CHECKS: [field: string, label: string, valid: number[]][] = [
  ['code', 'return code', [301, 302]],
  ['masking', 'masking setting', [0, 1, 2]],
  ['query', 'query setting', [0, 1]],
];

const VALIDATORS: ValidatorDef<ValuesInput>[] = [
  {
    id: 'urlfwd-value',
    sets: ['legacy', 'strict'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        for (const [field, label, valid] of CHECKS) {
          if (!has(value, field)) {
            reasons.push(`missing ${field}`);
            continue;
          }
          const raw = get(value, field);
          const n = intOrUndefined(raw);
          if (n === undefined) reasons.push(`invalid ${label} "${pyStr(raw)}"`);
          else if (!valid.includes(n)) reasons.push(`unrecognized ${label} "${n}"`);
        }
        for (const k of ['path', 'target']) if (!has(value, k)) reasons.push(`missing ${k}`);
      }
      return reasons;
    },
  },
];

const KEYS = ['path', 'target', 'code', 'masking', 'query'];

function tuple(v: Value): unknown[] {
  return KEYS.map((k) => valueField(v, k));
}

export const URLFWD_SPEC: TypeSpec = {
  type: 'URLFWD',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, { type: 'URLFWD', values: raw }, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    return {
      path: toJson(mustGet('URLFWD', raw, 'path')),
      target: toJson(mustGet('URLFWD', raw, 'target')),
      code: mustInt('URLFWD', 'code', mustGet('URLFWD', raw, 'code')),
      masking: mustInt('URLFWD', 'masking', mustGet('URLFWD', raw, 'masking')),
      query: mustInt('URLFWD', 'query', mustGet('URLFWD', raw, 'query')),
    };
  },
  compare(a: Value, b: Value): number {
    return compareTuples(tuple(a), tuple(b));
  },
  /** `rdata_text`: `"path" "target" code masking query`. */
  toText(v: Value): string {
    const [path, target, code, masking, query] = tuple(v).map((x) => pyStr(x));
    return `"${path}" "${target}" ${code} ${masking} ${query}`;
  },
};
