/**
 * HTTPS and SVCB values between octoDNS's `{svcpriority, targetname, svcparams}` and
 * Cloudflare's `data: {priority, target, value}`, where `value` is the SvcParams in
 * presentation form (RFC 9460), e.g. `alpn="h3,h2" port="8443"`.
 *
 * Written: keys in SvcParamKey order (mandatory, alpn, no-default-alpn, port, ipv4hint, ech,
 * ipv6hint, keyNNNN), every value quoted, list items comma-joined with a `,` or `\` inside an
 * item escaped (RFC 9460 appendix A.1), keys without a value bare; the target without its
 * trailing dot (`.` stays `.`), as for SRV.
 * Read: any key order, quoted or bare values, `\X` / `\DDD` escapes, `key=""` for a key that
 * takes no value (how Cloudflare shows `no-default-alpn`); mandatory, alpn, ipv4hint and
 * ipv6hint as lists and every other value as a string, as octoDNS's `parse_rdata_text` reads
 * them. Writing then reading gives the value `canonical()` plans with.
 */
import type { Json, JsonObject } from '../../src/model/record.js';
import { pyStr } from '../../src/model/types/common.js';

export interface SvcbData {
  priority: number;
  target: string;
  value: string;
}

const KEY_NUMBERS: Record<string, number> = { mandatory: 0, alpn: 1, 'no-default-alpn': 2, port: 3, ipv4hint: 4, ech: 5, ipv6hint: 6 };
const LIST_KEYS = new Set(['mandatory', 'alpn', 'ipv4hint', 'ipv6hint']);
const FLAG_KEYS = new Set(['no-default-alpn']);

const noDot = (s: string) => (s.endsWith('.') && s !== '.' ? s.slice(0, -1) : s);
const withDot = (s: string) => (s === '.' || s.endsWith('.') ? s : `${s}.`);

function keyNumber(key: string): number {
  const known = KEY_NUMBERS[key];
  if (known !== undefined) return known;
  const m = /^key(\d+)$/.exec(key);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

/** SvcParamKey order; unknown keys last, by name. */
export function compareParamKeys(a: string, b: string): number {
  return keyNumber(a) - keyNumber(b) || (a < b ? -1 : a > b ? 1 : 0);
}

// ---------------------------------------------------------------- writing

const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const escapeItem = (s: string) => s.replace(/[\\,]/g, (c) => `\\${c}`);

function paramText(key: string, v: Json | undefined): string {
  if (v === null || v === undefined) return key;
  if (Array.isArray(v)) return `${key}=${quote(v.map((i) => escapeItem(pyStr(i))).join(','))}`;
  return `${key}=${quote(pyStr(v))}`;
}

/** octoDNS's `svcparams` as one presentation string (empty for none). */
export function formatSvcParams(params: JsonObject): string {
  return Object.keys(params)
    .sort(compareParamKeys)
    .map((k) => paramText(k, params[k]))
    .join(' ');
}

function asObject(v: Json | undefined): JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

/** A model value as Cloudflare's HTTPS/SVCB `data`. */
export function svcbData(v: JsonObject): SvcbData {
  return { priority: Number(v['svcpriority']), target: noDot(String(v['targetname'])), value: formatSvcParams(asObject(v['svcparams'])) };
}

// ---------------------------------------------------------------- reading

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

/** A char-string from `i` (quoted or bare) with `\X` and `\DDD` decoded, and where it ends. */
function readCharString(s: string, i: number): { text: string; next: number } {
  const quoted = s[i] === '"';
  let j = quoted ? i + 1 : i;
  let text = '';
  while (j < s.length && (quoted ? s[j] !== '"' : !isSpace(s[j]))) {
    if (s[j] === '\\' && j + 1 < s.length) {
      const ddd = /^\d{3}/.exec(s.slice(j + 1, j + 4));
      text += ddd ? String.fromCharCode(Number(ddd[0])) : s[j + 1];
      j += ddd ? 4 : 2;
    } else text += s[j++];
  }
  return { text, next: quoted ? j + 1 : j };
}

/** A value-list: split on commas not escaped by `\`, each `\X` read as X. */
function splitList(s: string): string[] {
  if (s === '') return [];
  const out = [''];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) out[out.length - 1] += s[++i];
    else if (s[i] === ',') out.push('');
    else out[out.length - 1] += s[i];
  }
  return out;
}

function paramValue(key: string, raw: string | null): Json {
  if (raw === null || (raw === '' && FLAG_KEYS.has(key))) return null;
  return LIST_KEYS.has(key) ? splitList(raw) : raw;
}

/** A presentation string (`alpn="h3,h2" port=8443 no-default-alpn`) as octoDNS's `svcparams`. */
export function parseSvcParams(text: string): JsonObject {
  const out: JsonObject = {};
  let i = skipSpace(text, 0);
  while (i < text.length) {
    let j = i;
    while (j < text.length && text[j] !== '=' && !isSpace(text[j])) j++;
    const key = text.slice(i, j).toLowerCase();
    let raw: string | null = null;
    if (text[j] === '=') {
      const v = readCharString(text, j + 1);
      raw = v.text;
      j = v.next;
    }
    out[key] = paramValue(key, raw);
    i = skipSpace(text, j);
  }
  return out;
}

/** `data` of a record, or, without it, its `content` (`priority target params…`). */
function dataOf(data: Record<string, unknown> | undefined, content: string | undefined): { priority: unknown; target: unknown; value: unknown } {
  if (data && data['target'] !== undefined) return { priority: data['priority'], target: data['target'], value: data['value'] };
  const m = /^\s*(\S+)\s+(\S+)\s*(.*)$/s.exec(content ?? '');
  return m ? { priority: Number(m[1]), target: m[2], value: m[3] } : { priority: undefined, target: undefined, value: undefined };
}

/** A Cloudflare HTTPS/SVCB record's value in octoDNS's form. */
export function svcbValue(data: Record<string, unknown> | undefined, content?: string): JsonObject {
  const d = dataOf(data, content);
  const target = String(d.target ?? '');
  return {
    svcpriority: typeof d.priority === 'number' ? d.priority : Number(d.priority ?? 0),
    targetname: target === '' ? target : withDot(target),
    svcparams: parseSvcParams(typeof d.value === 'string' ? d.value : ''),
  };
}

/** The value as Cloudflare will hold it and read it back (written as `data`, then read). */
export function canonicalSvcbValue(v: JsonObject): JsonObject {
  return svcbValue({ ...svcbData(v) });
}
