import type { Reason } from '../findings.js';
import type { RecordType, Value } from '../record.js';
import { compareStrings, pyStr, runValidators, type ValidatorDef } from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/**
 * octodns/record/chunked.py: TXT and SPF values.
 *
 * With YamlProvider `escaped_semicolons: false` the provider escapes `;` as `\;`
 * when reading, before validation; with the default `true` the file must already do so.
 */

/** Python's `\w;` (Unicode word character followed by `;`). */
const UNESCAPED_SEMICOLON_RE = /[\p{L}\p{N}_];/u;
/** a literal `\\;` */
const DOUBLE_ESCAPED_SEMICOLON_RE = /\\\\;/;
const NON_ASCII_RE = /[^\x00-\x7f]/;

/** YamlProvider's read-side escaping when `escaped_semicolons` is false. */
export function escapeSemicolons(v: unknown, opts: ValueOptions): unknown {
  if (opts.escapedSemicolons || typeof v !== 'string') return v;
  return v.replace(/;/g, '\\;');
}

const CHUNKED_VALUE_RFC: ValidatorDef<unknown[]> = {
  id: 'chunked-value-rfc',
  sets: ['legacy', 'strict'],
  run(data) {
    if (data.length === 0) return ['missing value(s)'];
    const reasons: string[] = [];
    for (const raw of data) {
      if (raw === null || raw === undefined) {
        reasons.push('missing value(s)');
        continue;
      }
      const value = pyStr(raw);
      if (UNESCAPED_SEMICOLON_RE.test(value)) reasons.push(`unescaped ; in "${value}"`);
      if (DOUBLE_ESCAPED_SEMICOLON_RE.test(value)) reasons.push(`double escaped ; in "${value}"`);
      if (NON_ASCII_RE.test(value)) reasons.push(`non ASCII character in "${value}"`);
    }
    return reasons;
  },
};

/** `_ChunkedValue.process` for one value: unquote a leading `"`, drop `" "` joins. */
export function normaliseChunked(raw: unknown, opts: ValueOptions): string {
  let v = pyStr(escapeSemicolons(raw, opts));
  if (v && v[0] === '"') v = v.slice(1, -1);
  return v.split('" "').join('');
}

function escapify(bytes: Uint8Array): string {
  let out = '';
  for (const c of bytes) {
    if (c === 0x22 || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += '\\' + String(c).padStart(3, '0');
  }
  return out;
}

/**
 * `_ChunkedValue.to_rdata_text`: `\;` unescaped, split into 255-octet character
 * strings, each quoted (dnspython escaping); non-ASCII values use the legacy
 * character-based chunking of the escaped value.
 */
export function chunkedToText(v: string): string {
  const raw = v.replace(/\\;/g, ';');
  if (NON_ASCII_RE.test(raw)) {
    const value = v.replace(/"/g, '\\"');
    const chunks: string[] = [];
    let i = 0;
    while (i < value.length) {
      let c = Math.min(255, value.length - i);
      while (c > 1 && value[i + c - 1] === '\\') c -= 1;
      chunks.push(value.slice(i, i + c));
      i += c;
    }
    return `"${chunks.join('" "')}"`;
  }
  const bytes = Buffer.from(raw, 'ascii');
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 255) parts.push(`"${escapify(bytes.subarray(i, i + 255))}"`);
  return parts.length ? parts.join(' ') : '""';
}

function chunkedSpec(type: RecordType): TypeSpec {
  return {
    type,
    multi: true,
    dynamic: false,
    validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
      return runValidators([CHUNKED_VALUE_RFC], raw.map((v) => escapeSemicolons(v, ctx)), ctx);
    },
    normalise(raw: unknown, opts: ValueOptions): Value {
      return normaliseChunked(raw, opts);
    },
    compare(a: Value, b: Value): number {
      return compareStrings(String(a), String(b));
    },
    toText(v: Value): string {
      return chunkedToText(String(v));
    },
  };
}

export const TXT_SPEC: TypeSpec = chunkedSpec('TXT');
export const SPF_SPEC: TypeSpec = chunkedSpec('SPF');
