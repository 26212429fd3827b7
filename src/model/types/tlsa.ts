import type { Reason } from '../findings.js';
import type { Value } from '../record.js';
import { compareTuples, get, has, pyInt, pyStr, runValidators, type ValidatorDef } from './common.js';
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
 * TLSA (octodns/record/tlsa.py, 1.22):
 * `{certificate_usage 0-3, selector 0-1, matching_type 0-2, certificate_association_data}`.
 * The value class defaults the three ints to 0 when absent and lower-cases the data.
 */

const LEGACY_RANGES: [string, number][] = [
  ['certificate_usage', 3],
  ['selector', 1],
  ['matching_type', 2],
];
const KEYS = ['certificate_usage', 'selector', 'matching_type', 'certificate_association_data'];
const DATA_LENGTHS: Record<number, number> = { 1: 64, 2: 128 };

const VALIDATORS: ValidatorDef<ValuesInput>[] = [
  {
    id: 'tlsa-value',
    sets: ['legacy'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        // `int(value.get(field, 0))`: a missing field is 0 here and reported below
        for (const [f, max] of LEGACY_RANGES) {
          const raw = has(value, f) ? get(value, f) : 0;
          const r = pyInt(raw);
          if (!r.ok) reasons.push(`invalid ${f} "${pyStr(raw)}"`);
          else if (r.value < 0 || r.value > max) reasons.push(`invalid ${f} "${r.value}"`);
        }
        for (const k of KEYS) if (!has(value, k)) reasons.push(`missing ${k}`);
      }
      return reasons;
    },
  },
  {
    id: 'tlsa-value-rfc',
    sets: ['strict'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        rfcIntField(value, 'certificate_usage', 255, reasons);
        rfcIntField(value, 'selector', 255, reasons);
        const mt = rfcIntField(value, 'matching_type', 255, reasons);
        if (!has(value, 'certificate_association_data')) {
          reasons.push('missing certificate_association_data');
          continue;
        }
        const cad = get(value, 'certificate_association_data');
        if (!isPyHex(cad)) {
          reasons.push(`invalid certificate_association_data "${pyStr(cad)}"; must be hex`);
        } else if (mt !== undefined && mt in DATA_LENGTHS) {
          const expected = DATA_LENGTHS[mt]!;
          if (pyLen(cad) !== expected) {
            reasons.push(`certificate_association_data must be ${expected} hex characters for matching_type ${mt}`);
          }
        }
      }
      return reasons;
    },
  },
  {
    id: 'tlsa-value-best-practice',
    sets: ['best-practice'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        if (!has(value, 'matching_type')) continue;
        if (intOrUndefined(get(value, 'matching_type')) === 0) {
          reasons.push(
            'TLSA matching_type 0 (full data) is not recommended; use matching_type 1 (SHA-256) or 2 (SHA-512)',
          );
        }
      }
      return reasons;
    },
  },
];

function intOr0(raw: unknown, f: string): number {
  return mustInt('TLSA', f, has(raw, f) ? get(raw, f) : 0);
}

function tuple(v: Value): unknown[] {
  return KEYS.map((k) => valueField(v, k));
}

export const TLSA_SPEC: TypeSpec = {
  type: 'TLSA',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, { type: 'TLSA', values: raw }, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    return {
      certificate_usage: intOr0(raw, 'certificate_usage'),
      selector: intOr0(raw, 'selector'),
      matching_type: intOr0(raw, 'matching_type'),
      certificate_association_data: strField(mustGet('TLSA', raw, 'certificate_association_data')).toLowerCase(),
    };
  },
  compare(a: Value, b: Value): number {
    return compareTuples(tuple(a), tuple(b));
  },
  toText(v: Value): string {
    return tuple(v).map((x) => pyStr(x)).join(' ');
  },
};
