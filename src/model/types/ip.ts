import type { Reason } from '../findings.js';
import type { RecordType, Value } from '../record.js';
import {
  compareStrings,
  isPyIPv6,
  isStrictIPv4,
  normaliseIPv6,
  pyStr,
  runValidators,
  type ValidatorDef,
} from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/** octodns/record/ip.py `IpValueValidator` (`ip-value-rfc`, legacy + strict). */
function ipValueRfc(addressName: 'IPv4' | 'IPv6', parse: (s: string) => boolean): ValidatorDef<unknown[]> {
  return {
    id: 'ip-value-rfc',
    sets: ['legacy', 'strict'],
    run(data) {
      if (data.length === 0) return ['missing value(s)'];
      const reasons: string[] = [];
      for (const value of data) {
        if (value === '') reasons.push('empty value');
        else if (value === null || value === undefined) reasons.push('missing value(s)');
        else if (!parse(pyStr(value))) reasons.push(`invalid ${addressName} address "${pyStr(value)}"`);
      }
      return reasons;
    },
  };
}

function ipSpec(type: RecordType, addressName: 'IPv4' | 'IPv6', parse: (s: string) => boolean, render: (s: string) => string): TypeSpec {
  const validators = [ipValueRfc(addressName, parse)];
  return {
    type,
    multi: true,
    dynamic: true,
    validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
      return runValidators(validators, raw, ctx);
    },
    normalise(raw: unknown, _opts: ValueOptions): Value {
      // `_IpValue.process`: None -> '', everything else round-tripped through ipaddress
      if (raw === null || raw === undefined || raw === '') return '';
      return render(pyStr(raw));
    },
    compare(a: Value, b: Value): number {
      // values are str subclasses: plain string order
      return compareStrings(String(a), String(b));
    },
    toText(v: Value): string {
      return String(v);
    },
  };
}

export const A_SPEC: TypeSpec = ipSpec('A', 'IPv4', isStrictIPv4, (s) => s);
export const AAAA_SPEC: TypeSpec = ipSpec('AAAA', 'IPv6', isPyIPv6, normaliseIPv6);
