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
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The comparable content of a record (not its position or zone). */
export function recordContent(r: DnsRecord): string {
  return stableJson({ ttl: r.ttl, values: r.values, dynamic: r.dynamic, geo: r.geo, octodns: storedOctodns(r.octodns) });
}

export function sameRecord(a: DnsRecord, b: DnsRecord): boolean {
  return recordContent(a) === recordContent(b);
}
