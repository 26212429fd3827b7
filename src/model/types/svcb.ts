import type { Reason } from '../findings.js';
import type { JsonObject, RecordType, Value } from '../record.js';
import {
  checkTargetFormat,
  checkTargetTrailingDot,
  compareScalars,
  compareStrings,
  encodeTarget,
  get,
  has,
  isPlainObject,
  isPyIPv6,
  isStrictIPv4,
  pyInt,
  pyStr,
  pyTruthy,
  runValidators,
  type ValidatorDef,
} from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';
import { mustGet, mustInt, toJson, valueField, type ValuesInput } from './sshfp.js';

/**
 * SVCB and HTTPS (octodns/record/svcb.py, https.py; RFC 9460):
 * `{svcpriority, targetname, svcparams: {...}}`. Validators `svcb-value-rfc` /
 * `https-value-rfc` (legacy + strict) and `svcb-value-best-practice` /
 * `https-value-best-practice` (trailing dot on targetname). The value class keeps
 * `svcparams` as written (`value.get('svcparams', {})`) and IDNA-encodes the targetname.
 */

type ParamCheck = (v: unknown) => string[];

interface ParamDef {
  keyNum: number;
  hasArg: boolean;
  validate?: ParamCheck;
}

function validateList(key: string, v: unknown): string[] {
  return Array.isArray(v) ? [] : [`${key} is not a list`];
}

/** `validate_svcparam_port`: the range check is `0 < port > 65535`, so negative ports pass. */
function validatePort(v: unknown): string[] {
  const r = pyInt(v);
  if (!r.ok) return ['port is not a number'];
  return r.value > 0 && r.value > 65535 ? [`port ${r.value} is not a valid number`] : [];
}

const WORD_SEMICOLON_RE = /[\p{L}\p{N}_];/u;
const DOUBLE_ESCAPED_RE = /\\\\;/;
const NON_ASCII_RE = /[^\x00-\x7f]/;

/** alpn ids go through the chunked (TXT) value validator, one value at a time. */
function validateAlpn(v: unknown): string[] {
  const reasons = validateList('alpn', v);
  if (reasons.length || !Array.isArray(v)) return reasons;
  for (const alpn of v) {
    if (!pyTruthy(alpn)) {
      reasons.push('missing value(s)');
      continue;
    }
    const s = pyStr(alpn);
    if (WORD_SEMICOLON_RE.test(s)) reasons.push(`unescaped ; in "${s}"`);
    if (DOUBLE_ESCAPED_RE.test(s)) reasons.push(`double escaped ; in "${s}"`);
    if (NON_ASCII_RE.test(s)) reasons.push(`non ASCII character in "${s}"`);
  }
  return reasons;
}

/** Python's `IPv4Address(x)` / `IPv6Address(x)` accept ints in range and strings. */
function isIpHint(version: 4 | 6, addr: unknown): boolean {
  if (typeof addr === 'boolean') return true;
  if (typeof addr === 'number') {
    return Number.isInteger(addr) && addr >= 0 && addr <= (version === 4 ? 2 ** 32 - 1 : 2 ** 128 - 1);
  }
  const s = pyStr(addr);
  if (version === 4) return !s.includes('/') && isStrictIPv4(s);
  return !s.includes('/') && isPyIPv6(s);
}

function validateIpHint(version: 4 | 6): ParamCheck {
  return (v) => {
    const reasons = validateList(`ipv${version}hint`, v);
    if (reasons.length || !Array.isArray(v)) return reasons;
    for (const addr of v) {
      if (!isIpHint(version, addr)) {
        reasons.push(`ipv${version}hint "${pyStr(addr)}" is not a valid IPv${version} address`);
      }
    }
    return reasons;
  };
}

/** `validate_svckey_number`: `keyNNNN`; the check is `7 < n > 65535`, i.e. n > 65535. */
function validateKeyNumber(key: string): string[] {
  const r = pyInt(key.slice(3));
  if (!r.ok) return [`SvcParam key "${key}" has wrong format`];
  return r.value > 7 && r.value > 65535 ? [`SvcParam key "${key}" has wrong key number`] : [];
}

function validateMandatory(v: unknown): string[] {
  const reasons = validateList('mandatory', v);
  if (reasons.length || !Array.isArray(v)) return reasons;
  for (const m of v) {
    const s = pyStr(m);
    if (!isSupported(s) && !s.startsWith('key')) reasons.push(`unsupported SvcParam "${s}" in mandatory`);
    if (s.startsWith('key')) reasons.push(...validateKeyNumber(s));
  }
  return reasons;
}

/** `b64decode(v, validate=True)`: alphabet + up to two `=`, then binascii's non-strict padding rules. */
export function isPyBase64(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return false;
  const n = v.replace(/=+$/, '').length;
  const pads = v.length - n;
  switch (n % 4) {
    case 0:
      return true;
    case 2:
      return pads === 2;
    case 3:
      return pads >= 1;
    default:
      return false;
  }
}

function validateEch(v: unknown): string[] {
  return isPyBase64(v) ? [] : ['ech SvcParam is invalid Base64'];
}

/** RFC 9460 §14.3.2 keys octoDNS knows. */
const SUPPORTED_PARAMS: Record<string, ParamDef> = {
  mandatory: { keyNum: 0, hasArg: true, validate: validateMandatory },
  alpn: { keyNum: 1, hasArg: true, validate: validateAlpn },
  'no-default-alpn': { keyNum: 2, hasArg: false },
  port: { keyNum: 3, hasArg: true, validate: validatePort },
  ipv4hint: { keyNum: 4, hasArg: true, validate: validateIpHint(4) },
  ech: { keyNum: 5, hasArg: true, validate: validateEch },
  ipv6hint: { keyNum: 6, hasArg: true, validate: validateIpHint(6) },
};

function isSupported(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(SUPPORTED_PARAMS, key);
}

function validateParams(svcpriority: number, params: Record<string, unknown>, reasons: string[]): void {
  if (svcpriority === 0 && Object.keys(params).length !== 0) {
    reasons.push('svcparams set on AliasMode SVCB record');
  }
  for (const [key, v] of Object.entries(params)) {
    if (key.startsWith('key')) {
      reasons.push(...validateKeyNumber(key));
      continue;
    }
    if (!isSupported(key)) {
      reasons.push(`Unknown SvcParam ${key}`);
      continue;
    }
    const def = SUPPORTED_PARAMS[key]!;
    if (def.hasArg && def.validate) reasons.push(...def.validate(v));
    if (!def.hasArg && v !== null && v !== undefined) {
      reasons.push(`SvcParam ${key} has value when it should not`);
    }
  }
}

function svcbValidators(type: RecordType): ValidatorDef<ValuesInput>[] {
  const prefix = type.toLowerCase();
  return [
    {
      id: `${prefix}-value-rfc`,
      sets: ['legacy', 'strict'],
      run: ({ values }) => {
        const reasons: string[] = [];
        for (const value of values) {
          let svcpriority = -1;
          if (!has(value, 'svcpriority')) {
            reasons.push('missing svcpriority');
          } else {
            const raw = get(value, 'svcpriority');
            const r = pyInt(raw);
            if (!r.ok) {
              reasons.push(`invalid priority "${pyStr(raw)}"`);
            } else {
              svcpriority = r.value;
              if (r.value < 0 || r.value > 65535) reasons.push(`invalid priority "${r.value}"`);
            }
          }
          reasons.push(...checkTargetFormat(get(value, 'targetname'), type, 'targetname'));
          if (has(value, 'svcparams')) {
            const params = get(value, 'svcparams');
            // octoDNS would raise on a non-mapping here (`.items()`); null is read as no params
            if (isPlainObject(params)) validateParams(svcpriority, params, reasons);
            else if (params !== null) reasons.push('svcparams is not a dict');
          }
        }
        return reasons;
      },
    },
    {
      id: `${prefix}-value-best-practice`,
      sets: ['best-practice'],
      run: ({ values }) =>
        values.flatMap((value) => checkTargetTrailingDot(get(value, 'targetname'), type, 'targetname')),
    },
  ];
}

/** `_equality_tuple`'s third member: the params as a set of `key`, `key=value`, `key=a,b`. */
function paramStrings(v: Value): string[] {
  const params = valueField(v, 'svcparams');
  if (!isPlainObject(params)) return [];
  const out = new Set<string>();
  for (const [k, x] of Object.entries(params)) {
    if (x === null || x === undefined) out.add(k);
    else if (Array.isArray(x)) out.add(`${k}=${x.map((i) => pyStr(i)).join(',')}`);
    else out.add(`${k}=${pyStr(x)}`);
  }
  return [...out].sort(compareStrings);
}

/**
 * Python compares the param sets with `<` (proper subset), which is only a partial
 * order; this is a total order that agrees with it wherever Python's `<` holds
 * (smaller sets first, then the sorted members).
 */
function compareParamSets(a: string[], b: string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const c = compareStrings(a[i]!, b[i]!);
    if (c) return c;
  }
  return 0;
}

function keySort(key: string): number {
  if (key.startsWith('key')) {
    const r = pyInt(key.slice(3));
    return r.ok ? r.value : Number.MAX_SAFE_INTEGER;
  }
  return isSupported(key) ? SUPPORTED_PARAMS[key]!.keyNum : Number.MAX_SAFE_INTEGER;
}

function svcbSpec(type: 'SVCB' | 'HTTPS'): TypeSpec {
  const validators = svcbValidators(type);
  return {
    type,
    multi: true,
    dynamic: false,
    validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
      return runValidators(validators, { type, values: raw }, ctx);
    },
    normalise(raw: unknown, _opts: ValueOptions): Value {
      const params = get(raw, 'svcparams');
      const svcparams = isPlainObject(params) ? (toJson(params) as JsonObject) : {};
      return {
        svcpriority: mustInt(type, 'svcpriority', mustGet(type, raw, 'svcpriority')),
        targetname: encodeTarget(pyStr(mustGet(type, raw, 'targetname'))),
        svcparams,
      };
    },
    compare(a: Value, b: Value): number {
      return (
        compareScalars(valueField(a, 'svcpriority'), valueField(b, 'svcpriority')) ||
        compareScalars(valueField(a, 'targetname'), valueField(b, 'targetname')) ||
        compareParamSets(paramStrings(a), paramStrings(b))
      );
    },
    /** `rdata_text`: params sorted by key number, lists comma-joined, valueless keys bare. */
    toText(v: Value): string {
      const params = valueField(v, 'svcparams');
      let text = `${pyStr(valueField(v, 'svcpriority'))} ${pyStr(valueField(v, 'targetname'))}`;
      if (isPlainObject(params)) {
        const keys = Object.keys(params).sort((a, b) => keySort(a) - keySort(b));
        for (const k of keys) {
          const x = params[k];
          text += ` ${k}`;
          if (x === null || x === undefined) continue;
          text += Array.isArray(x) ? `=${x.map((i) => pyStr(i)).join(',')}` : `=${pyStr(x)}`;
        }
      }
      return text;
    },
  };
}

export const SVCB_SPEC: TypeSpec = svcbSpec('SVCB');
export const HTTPS_SPEC: TypeSpec = svcbSpec('HTTPS');
