/** Record equality as the planner sees it: the data a target stores, in a stable form. */
import type { DnsRecord, JsonObject } from '../model/record.js';

/** `octodns:` keys that steer dnsctl/octoDNS itself and are never stored as record data. */
const CONTROL_KEYS = new Set(['ignored', 'excluded', 'included', 'lenient']);

export function storedOctodns(o: JsonObject | undefined): JsonObject | undefined {
  if (!o) return undefined;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (!CONTROL_KEYS.has(k)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

export function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + stableJson(v[i]);
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    if (o[k] === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${stableJson(o[k])}`;
    first = false;
  }
  return `${out}}`;
}

/** The comparable content of a record (not its position or zone), as one stable string. */
export function recordContent(r: DnsRecord): string {
  return stableJson({ ttl: r.ttl, values: r.values, dynamic: r.dynamic, geo: r.geo, octodns: storedOctodns(r.octodns) });
}

/** Deep equality of JSON data, insensitive to object key order; undefined members count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    n++;
    if (!jsonEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) n--;
  return n === 0;
}

export function sameRecord(a: DnsRecord, b: DnsRecord): boolean {
  return (
    a.ttl === b.ttl &&
    jsonEqual(a.values, b.values) &&
    jsonEqual(a.dynamic, b.dynamic) &&
    jsonEqual(a.geo, b.geo) &&
    jsonEqual(storedOctodns(a.octodns), storedOctodns(b.octodns))
  );
}
