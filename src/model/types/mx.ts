import type { Reason } from '../findings.js';
import type { JsonObject, Value } from '../record.js';
import {
  checkTargetFormat,
  checkTargetNotIp,
  checkTargetTrailingDot,
  compareTuples,
  encodeTarget,
  get,
  has,
  pyInt,
  pyStr,
  pyTruthy,
  runValidators,
  type ValidatorDef,
} from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/** octodns/record/mx.py. Legacy keys: `priority` for `preference`, `value` for `exchange`. */

function exchangeOf(v: unknown): unknown {
  const e = get(v, 'exchange');
  return pyTruthy(e) ? e : get(v, 'value');
}

const MX_VALUE: ValidatorDef<unknown[]> = {
  id: 'mx-value',
  sets: ['legacy'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      const key = has(value, 'preference') ? 'preference' : has(value, 'priority') ? 'priority' : undefined;
      if (key === undefined) reasons.push('missing preference');
      else {
        const raw = get(value, key);
        if (!pyInt(raw).ok) reasons.push(`invalid preference "${pyStr(raw)}"`);
      }
      const e = get(value, 'exchange');
      if (pyTruthy(e)) reasons.push(...checkTargetFormat(e, 'MX', 'exchange'));
      else if (has(value, 'value')) reasons.push(...checkTargetFormat(get(value, 'value'), 'MX', 'exchange'));
      else reasons.push('missing exchange');
    }
    return reasons;
  },
};

const MX_VALUE_RFC: ValidatorDef<unknown[]> = {
  id: 'mx-value-rfc',
  sets: ['strict'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      let preference: number | undefined;
      if (has(value, 'preference') || has(value, 'priority')) {
        const raw = has(value, 'preference') ? get(value, 'preference') : get(value, 'priority');
        const p = pyInt(raw);
        if (p.ok) {
          preference = p.value;
          if (!(preference >= 0 && preference <= 65535)) reasons.push(`preference "${preference}" out of range 0-65535`);
        } else reasons.push(`invalid preference "${pyStr(raw)}"`);
      } else reasons.push('missing preference');

      const exchange = exchangeOf(value);
      if (!pyTruthy(exchange)) reasons.push('missing exchange');
      else if (exchange === '.') {
        if (preference !== undefined && preference !== 0) reasons.push('preference must be 0 for null MX (exchange ".")');
      } else reasons.push(...checkTargetFormat(exchange, 'MX', 'exchange'));
    }
    return reasons;
  },
};

const MX_VALUE_NOT_IP: ValidatorDef<unknown[]> = {
  id: 'mx-value-not-ip',
  sets: ['strict', 'best-practice'],
  run: (data) => data.flatMap((v) => checkTargetNotIp(exchangeOf(v), 'MX', 'exchange')),
};

const MX_VALUE_BEST_PRACTICE: ValidatorDef<unknown[]> = {
  id: 'mx-value-best-practice',
  sets: ['best-practice'],
  run: (data) => data.flatMap((v) => checkTargetTrailingDot(exchangeOf(v), 'MX', 'exchange')),
};

const VALIDATORS = [MX_VALUE, MX_VALUE_RFC, MX_VALUE_NOT_IP, MX_VALUE_BEST_PRACTICE];

function fields(v: Value): [number, string] {
  const o = v as JsonObject;
  return [Number(o['preference']), String(o['exchange'])];
}

export const MX_SPEC: TypeSpec = {
  type: 'MX',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, raw, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    // `MxValue.__init__`: key presence decides (preference over priority, exchange over value)
    const pref = has(raw, 'preference') ? get(raw, 'preference') : get(raw, 'priority');
    const exch = has(raw, 'exchange') ? get(raw, 'exchange') : get(raw, 'value');
    const p = pyInt(pref);
    return { preference: p.ok ? p.value : 0, exchange: encodeTarget(pyStr(exch)) };
  },
  compare(a: Value, b: Value): number {
    // `_equality_tuple`: (preference, exchange)
    return compareTuples(fields(a), fields(b));
  },
  toText(v: Value): string {
    const [p, e] = fields(v);
    return `${p} ${e}`;
  },
};
