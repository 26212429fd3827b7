import { DnsctlError } from '../findings.js';
import type { Reason } from '../findings.js';
import type { Value } from '../record.js';
import { compareTuples, get, has, pyStr, runValidators, type ValidatorDef } from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';
import { intOrUndefined, mustGet, mustInt, valueField, type ValuesInput } from './sshfp.js';

/**
 * LOC (octodns/record/loc.py, 1.22). One validator, `loc-value-rfc`, in both the legacy
 * and strict sets. Seconds, altitude, size and precisions become floats; directions
 * are upper-cased by the value class (but validated case-sensitively: `n` is invalid).
 */

const DIGITS = String.raw`[0-9](?:_?[0-9])*`;
const PY_FLOAT_RE = new RegExp(
  String.raw`^[+-]?(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?$`,
);
const PY_SPECIAL_RE = /^[+-]?(?:inf|infinity|nan)$/i;

/** Python's `float(v)` over YAML-loaded data; undefined for ValueError/TypeError. */
export function pyFloat(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (PY_SPECIAL_RE.test(s)) {
    const neg = s.startsWith('-');
    if (/nan$/i.test(s)) return NaN;
    return neg ? -Infinity : Infinity;
  }
  if (!PY_FLOAT_RE.test(s)) return undefined;
  return Number(s.replace(/_/g, ''));
}

/** Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e+16`, `1e-05`, `inf`, `nan`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expStr] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  if (exp >= -4 && exp < 16) {
    if (exp >= digits.length - 1) return `${sign}${digits}${'0'.repeat(exp - digits.length + 1)}.0`;
    if (exp >= 0) return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
}

const INT_KEYS: [string, number][] = [
  ['lat_degrees', 90],
  ['lat_minutes', 59],
  ['long_degrees', 180],
  ['long_minutes', 59],
];
const FLOAT_KEYS: [string, number, number][] = [
  ['lat_seconds', 0, 59.999],
  ['long_seconds', 0, 59.999],
  ['altitude', -100000.0, 42849672.95],
  ['size', 0, 90000000.0],
  ['precision_horz', 0, 90000000.0],
  ['precision_vert', 0, 90000000.0],
];
const DIRECTIONS: [string, string[]][] = [
  ['lat_direction', ['N', 'S']],
  ['long_direction', ['E', 'W']],
];

const VALIDATORS: ValidatorDef<ValuesInput>[] = [
  {
    id: 'loc-value-rfc',
    sets: ['legacy', 'strict'],
    run: ({ values }) => {
      const reasons: string[] = [];
      for (const value of values) {
        for (const [key, max] of INT_KEYS) {
          if (!has(value, key)) {
            reasons.push(`missing ${key}`);
            continue;
          }
          const raw = get(value, key);
          const n = intOrUndefined(raw);
          if (n === undefined) reasons.push(`invalid ${key} "${pyStr(raw)}"`);
          else if (!(n >= 0 && n <= max)) reasons.push(`invalid value for ${key} "${pyStr(raw)}"`);
        }
        for (const [key, min, max] of FLOAT_KEYS) {
          if (!has(value, key)) {
            reasons.push(`missing ${key}`);
            continue;
          }
          const raw = get(value, key);
          const f = pyFloat(raw);
          if (f === undefined) reasons.push(`invalid ${key} "${pyStr(raw)}"`);
          else if (!(f >= min && f <= max)) reasons.push(`invalid value for ${key} "${pyStr(raw)}"`);
        }
        for (const [key, allowed] of DIRECTIONS) {
          if (!has(value, key)) {
            reasons.push(`missing ${key}`);
            continue;
          }
          const raw = get(value, key);
          if (typeof raw !== 'string' || !allowed.includes(raw)) {
            reasons.push(`invalid direction for ${key} "${pyStr(raw)}"`);
          }
        }
      }
      return reasons;
    },
  },
];

export const LOC_KEYS = [
  'lat_degrees',
  'lat_minutes',
  'lat_seconds',
  'lat_direction',
  'long_degrees',
  'long_minutes',
  'long_seconds',
  'long_direction',
  'altitude',
  'size',
  'precision_horz',
  'precision_vert',
] as const;

const INT_FIELDS = new Set(['lat_degrees', 'lat_minutes', 'long_degrees', 'long_minutes']);
const DIRECTION_FIELDS = new Set(['lat_direction', 'long_direction']);

function mustFloat(field: string, v: unknown): number {
  const f = pyFloat(v);
  if (f === undefined) {
    throw new DnsctlError(`LOC value cannot be built: could not convert ${field} to float: ${pyStr(v)}`);
  }
  return f;
}

function tuple(v: Value): unknown[] {
  return LOC_KEYS.map((k) => valueField(v, k));
}

export const LOC_SPEC: TypeSpec = {
  type: 'LOC',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(VALIDATORS, { type: 'LOC', values: raw }, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    const out: Record<string, number | string> = {};
    for (const k of LOC_KEYS) {
      const v = mustGet('LOC', raw, k);
      if (INT_FIELDS.has(k)) out[k] = mustInt('LOC', k, v);
      else if (DIRECTION_FIELDS.has(k)) out[k] = pyStr(v).toUpperCase();
      else out[k] = mustFloat(k, v);
    }
    return out;
  },
  compare(a: Value, b: Value): number {
    return compareTuples(tuple(a), tuple(b));
  },
  /** octoDNS's `rdata_text`: `{lat_seconds}` etc. are Python float reprs, `m` after the last four. */
  toText(v: Value): string {
    return LOC_KEYS.map((k) => {
      const x = valueField(v, k);
      if (INT_FIELDS.has(k) || DIRECTION_FIELDS.has(k) || typeof x !== 'number') return pyStr(x);
      const s = pyFloatRepr(x);
      return k === 'lat_seconds' || k === 'long_seconds' ? s : `${s}m`;
    }).join(' ');
  },
};
