import type { Reason } from '../findings.js';
import type { Json, JsonObject, Value } from '../record.js';
import { compareTuples, get, has, pyInt, pyStr, pyTruthy, runValidators, type ValidatorDef } from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/** octodns/record/caa.py. `flags` defaults to 0; `tag` and `value` are kept as written. */

/** Python's `re.match(r'^[a-zA-Z0-9]+$', tag)`: `$` also matches before a final newline. */
const TAG_RE = /^[a-zA-Z0-9]+\n?$/;

function flagsOf(value: unknown): unknown {
  return has(value, 'flags') ? get(value, 'flags') : 0;
}

const CAA_VALUE: ValidatorDef<unknown[]> = {
  id: 'caa-value',
  sets: ['legacy'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      const raw = flagsOf(value);
      const f = pyInt(raw);
      if (!f.ok) reasons.push(`invalid flags "${pyStr(raw)}"`);
      else if (f.value < 0 || f.value > 255) reasons.push(`invalid flags "${f.value}"`);
      if (!has(value, 'tag')) reasons.push('missing tag');
      if (!has(value, 'value')) reasons.push('missing value');
    }
    return reasons;
  },
};

const CAA_VALUE_RFC: ValidatorDef<unknown[]> = {
  id: 'caa-value-rfc',
  sets: ['strict'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      const raw = flagsOf(value);
      const f = pyInt(raw);
      if (!f.ok) reasons.push(`invalid flags "${pyStr(raw)}"`);
      else if (f.value !== 0 && f.value !== 128) reasons.push(`flags "${f.value}" is not valid; must be 0 or 128`);
      const tag = get(value, 'tag');
      if (!pyTruthy(tag)) reasons.push('missing tag');
      else if (!TAG_RE.test(pyStr(tag))) reasons.push(`invalid tag "${pyStr(tag)}"`);
      if (!has(value, 'value')) reasons.push('missing value');
    }
    return reasons;
  },
};

const CAA_VALUE_BEST_PRACTICE: ValidatorDef<unknown[]> = {
  id: 'caa-value-best-practice',
  sets: ['best-practice'],
  run(data) {
    const tags = new Set(data.map((v) => get(v, 'tag')));
    if (tags.has('issue') && !tags.has('issuewild')) {
      return [
        'CAA issue tag is present without issuewild; add an explicit issuewild to clarify wildcard certificate policy',
      ];
    }
    return [];
  },
};

const VALIDATORS = [CAA_VALUE, CAA_VALUE_RFC, CAA_VALUE_BEST_PRACTICE];

function tuple(v: Value): [number, unknown, unknown] {
  const o = v as JsonObject;
  return [Number(o['flags']), o['tag'], o['value']];
}

export const CAA_SPEC: TypeSpec = {
  type: 'CAA',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, raw, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    const f = pyInt(flagsOf(raw));
    return {
      flags: f.ok ? f.value : 0,
      tag: (get(raw, 'tag') ?? null) as Json,
      value: (get(raw, 'value') ?? null) as Json,
    };
  },
  compare(a: Value, b: Value): number {
    // `_equality_tuple`: (flags, tag, value)
    return compareTuples(tuple(a), tuple(b));
  },
  toText(v: Value): string {
    // CaaValue.__repr__
    const [f, t, val] = tuple(v);
    return `${f} ${pyStr(t)} "${pyStr(val)}"`;
  },
};
