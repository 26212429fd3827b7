/**
 * Record values ↔ Route 53 `ResourceRecord.Value` text, and Route 53 names ↔ model names.
 *
 * Writing uses octoDNS's `rdata_text` of each type (what octodns-route53 sends: `10 mx.`,
 * `0 issue "ca.example"`, quoted 255-octet TXT chunks with `\;` unescaped). Reading parses
 * that text back into octoDNS's raw value data (as octodns-route53's `_data_for_<TYPE>`),
 * which the core then validates and normalises like a zone file.
 */
import type { RecordType, Value } from '../../src/model/record.js';
import { typeSpec } from '../../src/model/types/index.js';

/** Types Route 53 holds and dnsctl maps (the SDK's RRType enum minus SOA). */
export const ROUTE53_TYPES: RecordType[] = ['A', 'AAAA', 'CAA', 'CNAME', 'DS', 'HTTPS', 'MX', 'NAPTR', 'NS', 'PTR', 'SPF', 'SRV', 'SSHFP', 'SVCB', 'TLSA', 'TXT'];
const TYPES = new Set<string>(ROUTE53_TYPES);
export function isRoute53Type(t: string): t is RecordType {
  return TYPES.has(t);
}

/** Route 53 returns special characters as `\NNN` octal escapes (`*` → `\052`). */
export function unescapeName(name: string): string {
  return name.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))).toLowerCase();
}

/** Fully qualified (trailing dot) name → name relative to the zone ('' = apex); undefined when outside. */
export function relativeName(fqdn: string, zone: string): string | undefined {
  const n = fqdn.endsWith('.') ? fqdn : `${fqdn}.`;
  if (n === zone) return '';
  return n.endsWith(`.${zone}`) ? n.slice(0, -(zone.length + 1)) : undefined;
}

export function valueToText(type: RecordType, v: Value): string {
  return typeSpec(type).toText(v);
}

/** dnspython-style character-strings: `"a" "b\"c"` → ['a', 'b"c'] (undefined when malformed). */
export function parseCharacterStrings(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    if (s[i] === ' ' || s[i] === '\t') {
      i++;
      continue;
    }
    if (s[i] !== '"') {
      // an unquoted string runs to the next space
      let j = i;
      while (j < s.length && s[j] !== ' ') j++;
      out.push(s.slice(i, j));
      i = j;
      continue;
    }
    i++;
    let cur = '';
    let closed = false;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '\\') {
        const m = /^\d{3}/.exec(s.slice(i + 1, i + 4));
        if (m) {
          cur += String.fromCharCode(parseInt(m[0], 10));
          i += 4;
        } else {
          cur += s[i + 1] ?? '';
          i += 2;
        }
        continue;
      }
      if (c === '"') {
        closed = true;
        i++;
        break;
      }
      cur += c;
      i++;
    }
    if (!closed) return undefined;
    out.push(cur);
  }
  return out;
}

const int = (s: string | undefined): number | string => (s !== undefined && /^\d+$/.test(s) ? Number(s) : (s ?? ''));

const SVCB_LIST_PARAMS = new Set(['mandatory', 'alpn', 'ipv4hint', 'ipv6hint']);

/** One `ResourceRecord.Value` → octoDNS raw value data (undefined when it cannot be read). */
export function textToValue(type: RecordType, text: string): unknown {
  const f = text.trim().split(/\s+/);
  switch (type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return text;
    case 'TXT':
    case 'SPF': {
      const parts = parseCharacterStrings(text);
      return parts ? parts.join('').replace(/;/g, '\\;') : undefined;
    }
    case 'MX':
      return f.length === 2 ? { preference: int(f[0]), exchange: f[1] } : undefined;
    case 'SRV':
      return f.length === 4 ? { priority: int(f[0]), weight: int(f[1]), port: int(f[2]), target: f[3] } : undefined;
    case 'CAA': {
      const m = /^(\d+)\s+(\S+)\s+(.*)$/.exec(text.trim());
      if (!m) return undefined;
      const v = parseCharacterStrings(m[3]!);
      return v ? { flags: Number(m[1]), tag: m[2], value: v.join('') } : undefined;
    }
    case 'DS':
      return f.length === 4 ? { key_tag: int(f[0]), algorithm: int(f[1]), digest_type: int(f[2]), digest: f[3] } : undefined;
    case 'SSHFP':
      return f.length === 3 ? { algorithm: int(f[0]), fingerprint_type: int(f[1]), fingerprint: f[2] } : undefined;
    case 'TLSA':
      return f.length === 4
        ? { certificate_usage: int(f[0]), selector: int(f[1]), matching_type: int(f[2]), certificate_association_data: f[3] }
        : undefined;
    case 'NAPTR': {
      const m = /^(\d+)\s+(\d+)\s+("(?:[^"\\]|\\.)*")\s+("(?:[^"\\]|\\.)*")\s+("(?:[^"\\]|\\.)*")\s+(\S+)$/.exec(text.trim());
      if (!m) return undefined;
      const q = (s: string) => (parseCharacterStrings(s) ?? ['']).join('');
      return { order: Number(m[1]), preference: Number(m[2]), flags: q(m[3]!), service: q(m[4]!), regexp: q(m[5]!), replacement: m[6] };
    }
    case 'HTTPS':
    case 'SVCB': {
      if (f.length < 2) return undefined;
      const svcparams: Record<string, unknown> = {};
      for (const p of f.slice(2)) {
        const eq = p.indexOf('=');
        if (eq < 0) svcparams[p] = null;
        else {
          const k = p.slice(0, eq);
          const v = p.slice(eq + 1).replace(/^"(.*)"$/, '$1');
          svcparams[k] = SVCB_LIST_PARAMS.has(k) ? v.split(',') : v;
        }
      }
      return { svcpriority: int(f[0]), targetname: f[1], svcparams };
    }
    default:
      return undefined;
  }
}

/** Types octoDNS holds as a single `value` (CNAME, ...). */
export function isSingleValueType(type: RecordType): boolean {
  return !typeSpec(type).multi;
}
