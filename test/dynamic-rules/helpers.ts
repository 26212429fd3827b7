import { isIPv4, isIPv6 } from 'node:net';
import type { Reason } from '../../src/model/findings.js';
import type { RecordType, Value } from '../../src/model/record.js';
import type { TypeSpec, ValidateContext, ValueOptions } from '../../src/model/types/spec.js';
import { validateDynamic } from '../../src/validate/dynamic-rules.js';

/** Tiny local specs so these tests don't depend on the real type modules. */
function stringSpec(type: RecordType, check: (v: string) => string | undefined, via: string): TypeSpec {
  return {
    type,
    multi: type !== 'CNAME',
    dynamic: true,
    validateValues(raw: unknown[]): Reason[] {
      const out: Reason[] = [];
      if (raw.length === 0) out.push({ reason: 'missing value(s)', via });
      for (const v of raw) {
        if (v === null || v === undefined || v === '') out.push({ reason: 'empty value', via });
        else {
          const bad = check(String(v));
          if (bad) out.push({ reason: bad, via });
        }
      }
      return out;
    },
    normalise: (raw: unknown): Value => String(raw),
    compare: (a: Value, b: Value): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0),
    toText: (v: Value): string => String(v),
  };
}

export const A_SPEC = stringSpec('A', (v) => (isIPv4(v) ? undefined : `invalid IPv4 address "${v}"`), 'ip-value-rfc');
export const AAAA_SPEC = stringSpec('AAAA', (v) => (isIPv6(v) ? undefined : `invalid IPv6 address "${v}"`), 'ip-value-rfc');
export const CNAME_SPEC = stringSpec('CNAME', () => undefined, 'target-value-rfc');

export const OPTS: ValueOptions = { escapedSemicolons: true };

export function ctx(type: RecordType = 'A', over: Partial<ValidateContext> = {}): ValidateContext {
  return {
    escapedSemicolons: true,
    sets: new Set(['legacy']),
    disabled: new Set(),
    name: 'test',
    fqdn: 'test.example.com.',
    type,
    ...over,
  };
}

/** reason texts of validateDynamic for an A record, asserting every via is 'dynamic' */
export function reasons(dynamic: unknown, hasGeo = false): string[] {
  const out = validateDynamic(dynamic, hasGeo, A_SPEC, ctx());
  for (const r of out) if (r.via !== 'dynamic') throw new Error(`unexpected via ${r.via}`);
  return out.map((r) => r.reason);
}

/** a valid single-pool dynamic with the given rules (pools a, b, c, d with one value each) */
export function withRules(rules: unknown): unknown {
  return {
    pools: {
      a: { values: [{ value: '1.1.1.1' }] },
      b: { values: [{ value: '2.2.2.2' }] },
      c: { values: [{ value: '3.3.3.3' }] },
      d: { values: [{ value: '4.4.4.4' }] },
    },
    rules,
  };
}

/** reasons for withRules(rules), without the `unused pools` line */
export function ruleReasons(rules: unknown): string[] {
  return reasons(withRules(rules)).filter((r) => !r.startsWith('unused pools'));
}
