import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import type { Reason } from '../findings.js';
import type { ValidatorSet } from './spec.js';

/**
 * Shared value helpers for the type specs. Owned by the record-types work; refine
 * (e.g. exact `fqdn` library semantics) here so every type gets the same answer.
 */

// ---------------------------------------------------------------------------
// FQDN / IDNA
// ---------------------------------------------------------------------------

/**
 * Python's `$` also matches right before one final newline; the `fqdn` package relies on
 * `re.match(...)`, so `"foo.com\n"` passes its regex. Mirror that.
 */
export const FQDN_UNDERSCORE_RE = /^((?!-)[-_a-z0-9]{1,63}(?<!-)[.])*(?!-)[-_a-z0-9]{1,63}(?<!-)[.]?\n?$/i;

/**
 * octoDNS's `fqdn.FQDN(target, allow_underscores=True).is_valid` (fqdn 1.5.x):
 * lower-cased; length (minus one trailing dot) <= 253; labels of 1-63 `[-_a-z0-9]`,
 * not starting or ending with `-`; at least 2 labels, where the label count is
 * the number of dots, plus one unless the name ends with a dot (`m.` and `foo`
 * are invalid, `foo.bar` is valid). The empty string is invalid (the library raises).
 */
export function isValidFqdn(target: string): boolean {
  if (target.length === 0) return false;
  const t = target.toLowerCase();
  let length = t.length;
  if (t.endsWith('.')) length -= 1;
  if (length > 253) return false;
  if (!fqdnShape(t)) return false;
  const dots = t.split('.').length - 1;
  const labels = dots + (t.endsWith('.') ? 0 : 1);
  return labels >= 2;
}

/**
 * `FQDN_UNDERSCORE_RE.test(t)` for a lower-cased `t`, without the regex's lookarounds and
 * backtracking (it ran for every hostname value of a zone): labels of 1-63 `[-_a-z0-9]`
 * not starting or ending with `-`, separated by dots, then an optional dot and an
 * optional newline.
 */
export function fqdnShape(t: string): boolean {
  let end = t.length;
  if (end > 0 && t.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && t.charCodeAt(end - 1) === 46) end--;
  if (end === 0) return false;
  let start = 0;
  for (let i = 0; i <= end; i++) {
    const c = i === end ? 46 : t.charCodeAt(i);
    if (c === 46) {
      const len = i - start;
      if (len < 1 || len > 63 || t.charCodeAt(start) === 45 || t.charCodeAt(i - 1) === 45) return false;
      start = i + 1;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

const ASCII_RE = /^[\x00-\x7f]*$/;

/**
 * octoDNS's `idna_encode`: lower-cased; ASCII names are returned as-is, others are
 * IDNA (UTS #46, non-transitional) encoded, with a leading `*.` kept. Returns
 * undefined when the name cannot be encoded (octoDNS raises an IdnaError).
 */
export function idnaEncode(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (ASCII_RE.test(lower)) return lower;
  if (lower.startsWith('*')) {
    const rest = idnaEncode(lower.slice(2));
    return rest === undefined ? undefined : `*.${rest}`;
  }
  const out: string[] = [];
  for (const label of lower.split('.')) {
    if (ASCII_RE.test(label)) {
      out.push(label);
      continue;
    }
    const a = domainToASCII(label);
    if (!a) return undefined;
    out.push(a);
  }
  return out.join('.');
}

/** octoDNS's `idna_decode` (used for `decoded_fqdn` in messages). */
export function idnaDecode(name: string): string {
  if (!name.includes('xn--')) return name;
  const d = domainToUnicode(name);
  return d || name;
}

/** idnaEncode, falling back to the lower-cased input when encoding fails. */
export function encodeTarget(v: string): string {
  return idnaEncode(v) ?? v.toLowerCase();
}

// ---------------------------------------------------------------------------
// IP addresses, as Python's `ipaddress` parses and prints them
// ---------------------------------------------------------------------------

/** Python `ipaddress.IPv4Address(str)`: four ASCII-decimal octets, no leading zeros, <= 255. */
export function isStrictIPv4(v: string): boolean {
  // one pass over the characters; same answer as splitting on '.' and checking each
  // octet against /^[0-9]{1,3}$/, no leading zero, <= 255
  const n = v.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let i = 0;
  for (;;) {
    const start = i;
    let val = 0;
    while (i < n) {
      const c = v.charCodeAt(i);
      if (c < 48 || c > 57) break;
      val = val * 10 + (c - 48);
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3) return false;
    if (len > 1 && v.charCodeAt(start) === 48) return false;
    if (val > 255) return false;
    parts++;
    if (i === n) return parts === 4;
    if (parts === 4 || v.charCodeAt(i) !== 46) return false;
    i++;
  }
}

/** `/^[0-9a-fA-F]{1,4}$/` then parseInt(s, 16); -1 when it does not match. */
function hextet(s: string): number {
  const n = s.length;
  if (n < 1 || n > 4) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

type ParsedIPv6 = { hextets: number[]; scope: string };

/**
 * Recent parses: a value is validated (isPyIPv6), then normalised (normaliseIPv6), so
 * each address is asked about twice in a row. Cleared when it grows, never stale (the
 * answer depends on the string alone).
 */
const recentIPv6 = new Map<string, ParsedIPv6 | null>();

/** Parse as Python's `IPv6Address` does; returns the 8 hextets (+ scope) or undefined. */
function parseIPv6(v: string): ParsedIPv6 | undefined {
  const known = recentIPv6.get(v);
  if (known !== undefined) return known ?? undefined;
  const parsed = parseIPv6Uncached(v);
  if (recentIPv6.size >= 1024) recentIPv6.clear();
  recentIPv6.set(v, parsed ?? null);
  return parsed;
}

function parseIPv6Uncached(v: string): ParsedIPv6 | undefined {
  let addr = v;
  let scope = '';
  const pct = v.indexOf('%');
  if (pct >= 0) {
    addr = v.slice(0, pct);
    scope = v.slice(pct + 1);
    if (!scope || scope.includes('%')) return undefined;
  }
  const parts = addr.split(':');
  if (parts.length < 3) return undefined;
  const tail: number[] = [];
  const last = parts[parts.length - 1]!;
  if (last.includes('.')) {
    if (!isStrictIPv4(last)) return undefined;
    const o = last.split('.').map(Number) as [number, number, number, number];
    parts.pop();
    tail.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
  }
  const partsForCount = parts.length + (tail.length ? 1 : 0);
  if (partsForCount > 9) return undefined;
  // position of '::' (an empty part strictly inside)
  let skip: number | undefined;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] === '') {
      if (skip !== undefined) return undefined;
      skip = i;
    }
  }
  const hex = (s: string): number | undefined => {
    const h = hextet(s);
    return h < 0 ? undefined : h;
  };
  const total = 8 - tail.length;
  let out: number[];
  if (skip !== undefined) {
    let hi = skip;
    let lo = parts.length - skip - 1;
    if (parts[0] === '') {
      hi -= 1;
      if (hi) return undefined;
    }
    if (parts[parts.length - 1] === '') {
      lo -= 1;
      if (lo) return undefined;
    }
    const skipped = total - (hi + lo);
    if (skipped < 1) return undefined;
    out = [];
    for (let i = 0; i < hi; i++) {
      const h = hex(parts[i]!);
      if (h === undefined) return undefined;
      out.push(h);
    }
    for (let i = 0; i < skipped; i++) out.push(0);
    for (let i = parts.length - lo; i < parts.length; i++) {
      const h = hex(parts[i]!);
      if (h === undefined) return undefined;
      out.push(h);
    }
  } else {
    if (parts.length !== total) return undefined;
    out = [];
    for (const p of parts) {
      const h = hex(p);
      if (h === undefined) return undefined;
      out.push(h);
    }
  }
  for (const t of tail) out.push(t);
  if (out.length !== 8) return undefined;
  return { hextets: out, scope };
}

export function isPyIPv6(v: string): boolean {
  return parseIPv6(v) !== undefined;
}

/** Python's `ipaddress.ip_address(v)` succeeds. */
export function isIpAddress(v: string): boolean {
  return isStrictIPv4(v) || isPyIPv6(v);
}

/**
 * `str(IPv6Address(v))` as CPython 3.11 renders it: lower-case hex, no leading zeros,
 * the longest run (>= 2) of zero hextets compressed to `::` (first one on ties);
 * IPv4-mapped addresses are rendered in hex too. Unparseable input is returned as-is.
 */
export function normaliseIPv6(v: string): string {
  const p = parseIPv6(v);
  if (!p) return v;
  const h = p.hextets;
  let bestStart = -1;
  let bestLen = 0;
  let curStart = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (h[i] === 0) {
      if (curStart < 0) curStart = i;
      curLen++;
      if (curLen > bestLen) {
        bestLen = curLen;
        bestStart = curStart;
      }
    } else {
      curStart = -1;
      curLen = 0;
    }
  }
  const hexs = h.map((x) => x.toString(16));
  let s: string;
  if (bestLen > 1) {
    const left = hexs.slice(0, bestStart).join(':');
    const right = hexs.slice(bestStart + bestLen).join(':');
    s = `${left}::${right}`;
  } else {
    s = hexs.join(':');
  }
  return p.scope ? `${s}%${p.scope}` : s;
}

/** Node's looser checks, kept for callers that only need a rough answer. */
export function isNodeIp(v: string): boolean {
  return isIPv4(v) || isIPv6(v);
}

// ---------------------------------------------------------------------------
// Python value semantics
// ---------------------------------------------------------------------------

export type PyInt = { ok: true; value: number } | { ok: false; error: 'ValueError' | 'TypeError' };

/**
 * Python's `int(v)` over YAML-loaded data: ints and bools pass, floats truncate
 * (inf/nan fail), strings allow surrounding whitespace, a sign and `_` between digits;
 * None, lists and mappings are a TypeError.
 */
export function pyInt(v: unknown): PyInt {
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, error: 'ValueError' };
    return { ok: true, value: Math.trunc(v) };
  }
  if (typeof v === 'bigint') return { ok: true, value: Number(v) };
  if (typeof v === 'string') {
    const s = v.trim();
    if (!/^[+-]?[0-9]+(_[0-9]+)*$/.test(s)) return { ok: false, error: 'ValueError' };
    return { ok: true, value: Number(s.replace(/_/g, '')) };
  }
  return { ok: false, error: 'TypeError' };
}

/** Python's `str(v)` for YAML-loaded data (used inside reason texts). */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    return String(v);
  }
  return pyRepr(v);
}

/** Python's `repr(v)` for YAML-loaded data. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') {
    const q = v.includes("'") && !v.includes('"') ? '"' : "'";
    const body = v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
    return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Date) return v.toISOString();
  if (isPlainObject(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(', ')}}`;
  }
  return pyStr(v);
}

/** Python truthiness of YAML-loaded data. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

/** Compare strings by code point, as Python does. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Compare two scalars the way Python orders same-typed values (numbers, strings). */
export function compareScalars(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  // mixed types cannot be compared in Python; keep a stable, deterministic order
  return compareStrings(typeof a + pyStr(a), typeof b + pyStr(b));
}

/** Lexicographic comparison of tuples of scalars. */
export function compareTuples(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareScalars(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** `key in value` for a mapping; false for non-mappings. */
export function has(v: unknown, key: string): boolean {
  return isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, key);
}

/** `value.get(key)` for a mapping; undefined for non-mappings or missing keys. */
export function get(v: unknown, key: string): unknown {
  return has(v, key) ? (v as Record<string, unknown>)[key] : undefined;
}

// ---------------------------------------------------------------------------
// Validator plumbing
// ---------------------------------------------------------------------------

export interface ValidatorGate {
  sets: ReadonlySet<ValidatorSet>;
  disabled: ReadonlySet<string>;
}

/** Is validator `id` (member of `sets`) active for this context? */
export function isActive(id: string, sets: readonly ValidatorSet[], ctx: ValidatorGate): boolean {
  if (ctx.disabled.has(id)) return false;
  return sets.some((s) => ctx.sets.has(s));
}

/** A validator: id, sets, and a function producing reason texts. */
export interface ValidatorDef<T> {
  id: string;
  sets: readonly ValidatorSet[];
  run: (input: T) => string[];
}

/** Run validators in order, honouring enabled sets and disabled ids. */
export function runValidators<T>(defs: readonly ValidatorDef<T>[], input: T, ctx: ValidatorGate): Reason[] {
  const out: Reason[] = [];
  for (const d of defs) {
    if (!isActive(d.id, d.sets, ctx)) continue;
    for (const reason of d.run(input)) out.push({ reason, via: d.id });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Target checks (octodns/record/target.py)
// ---------------------------------------------------------------------------

const NULL_TARGET_TYPES = new Set(['HTTPS', 'MX', 'SVCB', 'SRV']);

function isTemplated(t: unknown): boolean {
  return typeof t === 'string' && t.includes('{') && t.includes('}');
}

/** `_check_target_format`: `missing {key}`, or `{TYPE} {key} "{t}" is not a valid FQDN`. */
export function checkTargetFormat(target: unknown, type: string, key = 'value'): string[] {
  if (!pyTruthy(target)) return [`missing ${key}`];
  if (target === '.' && NULL_TARGET_TYPES.has(type)) return [];
  if (isTemplated(target)) return [];
  const raw = pyStr(target);
  const enc = idnaEncode(raw);
  if (enc === undefined || !isValidFqdn(enc)) {
    return [`${type} ${key} "${enc ?? raw.toLowerCase()}" is not a valid FQDN`];
  }
  return [];
}

/** `_check_target_not_ip`: `{TYPE} {key} "{t}" is an IP address` (trailing dots stripped first). */
export function checkTargetNotIp(target: unknown, type: string, key = 'value'): string[] {
  if (!pyTruthy(target) || target === '.') return [];
  if (isTemplated(target)) return [];
  const raw = pyStr(target);
  const t = raw.replace(/\.+$/, '');
  return isIpAddress(t) ? [`${type} ${key} "${raw}" is an IP address`] : [];
}

/** `_check_target_trailing_dot`: `{TYPE} {key} "{t}" missing trailing .`. */
export function checkTargetTrailingDot(target: unknown, type: string, key = 'value'): string[] {
  if (!pyTruthy(target)) return [];
  if (target === '.' && NULL_TARGET_TYPES.has(type)) return [];
  if (isTemplated(target)) return [];
  const raw = pyStr(target);
  const enc = idnaEncode(raw) ?? raw.toLowerCase();
  return enc.endsWith('.') ? [] : [`${type} ${key} "${enc}" missing trailing .`];
}

// ---------------------------------------------------------------------------
// RFC 6335 service names (SRV / URI name validators)
// ---------------------------------------------------------------------------

const ALPHA_RE = /^\p{L}$/u;
const ALNUM_RE = /^[\p{L}\p{N}]$/u;

/** RFC 6335 §5.1 body check as octoDNS does it (Python isalpha/isalnum). */
export function isValidServiceName(body: string): boolean {
  const chars = [...body];
  if (chars.length === 0 || chars.length > 15) return false;
  if (!ALPHA_RE.test(chars[0]!)) return false;
  if (!ALNUM_RE.test(chars[chars.length - 1]!)) return false;
  if (body.includes('--')) return false;
  return chars.every((c) => ALNUM_RE.test(c) || c === '-');
}
