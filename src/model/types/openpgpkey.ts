import type { Reason } from '../findings.js';
import type { Value } from '../record.js';
import { compareStrings, pyStr, pyTruthy, runValidators, type ValidatorDef } from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/** octodns/record/openpgpkey.py: base64 key text, kept as written. */
const OPENPGPKEY_VALUE_RFC: ValidatorDef<unknown[]> = {
  id: 'openpgpkey-value-rfc',
  sets: ['legacy', 'strict'],
  run: (data) => (data.length === 0 || data.every((d) => !pyTruthy(d)) ? ['missing value(s)'] : []),
};

export const OPENPGPKEY_SPEC: TypeSpec = {
  type: 'OPENPGPKEY',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators([OPENPGPKEY_VALUE_RFC], raw, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    return pyStr(raw);
  },
  compare(a: Value, b: Value): number {
    return compareStrings(String(a), String(b));
  },
  toText(v: Value): string {
    return String(v);
  },
};
