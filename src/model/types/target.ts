import type { Reason } from '../findings.js';
import type { RecordType, Value } from '../record.js';
import {
  checkTargetFormat,
  checkTargetNotIp,
  checkTargetTrailingDot,
  compareStrings,
  encodeTarget,
  pyStr,
  runValidators,
  type ValidatorDef,
} from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/**
 * octodns/record/target.py. Single-value targets (ALIAS, CNAME, DNAME) get the
 * value itself (None when missing); multi-value targets (NS, PTR) the list.
 */
interface TargetInput {
  type: RecordType;
  data: unknown[];
}

const SINGLE: ValidatorDef<TargetInput>[] = [
  {
    id: 'target-value-rfc',
    sets: ['legacy', 'strict'],
    run: ({ type, data }) => checkTargetFormat(data[0], type),
  },
  {
    id: 'target-value-not-ip',
    sets: ['strict'],
    run: ({ type, data }) => checkTargetNotIp(data[0], type),
  },
  {
    id: 'target-value-best-practice',
    sets: ['best-practice'],
    run: ({ type, data }) => checkTargetTrailingDot(data[0], type),
  },
];

const MULTI: ValidatorDef<TargetInput>[] = [
  {
    id: 'targets-value-rfc',
    sets: ['legacy', 'strict'],
    run: ({ type, data }) => (data.length === 0 ? ['missing value(s)'] : data.flatMap((v) => checkTargetFormat(v, type))),
  },
  {
    id: 'targets-value-not-ip',
    sets: ['strict'],
    run: ({ type, data }) => data.flatMap((v) => checkTargetNotIp(v, type)),
  },
  {
    id: 'targets-value-best-practice',
    sets: ['best-practice'],
    run: ({ type, data }) => data.flatMap((v) => checkTargetTrailingDot(v, type)),
  },
];

function targetSpec(type: RecordType, multi: boolean, dynamic: boolean): TypeSpec {
  const validators = multi ? MULTI : SINGLE;
  return {
    type,
    multi,
    dynamic,
    validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
      return runValidators(validators, { type, data: raw }, ctx);
    },
    normalise(raw: unknown, _opts: ValueOptions): Value {
      // `_TargetValue.__new__` / `_TargetsValue.__new__`: idna_encode (lower-cased)
      return encodeTarget(pyStr(raw));
    },
    compare(a: Value, b: Value): number {
      return compareStrings(String(a), String(b));
    },
    toText(v: Value): string {
      return String(v);
    },
  };
}

export const ALIAS_SPEC: TypeSpec = targetSpec('ALIAS', false, false);
export const CNAME_SPEC: TypeSpec = targetSpec('CNAME', false, true);
export const DNAME_SPEC: TypeSpec = targetSpec('DNAME', false, true);
export const NS_SPEC: TypeSpec = targetSpec('NS', true, false);
export const PTR_SPEC: TypeSpec = targetSpec('PTR', true, false);
