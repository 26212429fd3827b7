/**
 * Writes a zone in octoDNS's YamlProvider layout: names and keys in natural order,
 * `value` for one value and `values` for several, ttl omitted when it equals the
 * provider's default_ttl, several records at one name as a list.
 */
import yaml from 'js-yaml';
import type { DnsRecord, Json, JsonObject } from '../model/record.js';
import { naturalCompare } from '../yaml/natural-order.js';
import { typeSpec } from '../model/types/index.js';

export function recordData(r: DnsRecord, defaultTtl: number | undefined, multi: boolean): JsonObject {
  const d: JsonObject = {};
  if (r.octodns && Object.keys(r.octodns).length) d['octodns'] = r.octodns;
  if (defaultTtl === undefined || r.ttl !== defaultTtl) d['ttl'] = r.ttl;
  d['type'] = r.type;
  if (r.dynamic) d['dynamic'] = r.dynamic as unknown as Json;
  if (r.geo) d['geo'] = r.geo as unknown as Json;
  if (!multi || r.values.length === 1) d['value'] = (r.values[0] ?? null) as Json;
  else d['values'] = r.values as Json[];
  return d;
}

export function zoneToYaml(records: DnsRecord[], defaultTtl: number): string {
  const byName = new Map<string, JsonObject[]>();
  const sorted = [...records].sort((a, b) => naturalCompare(a.name, b.name) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  for (const r of sorted) {
    const list = byName.get(r.name) ?? [];
    list.push(recordData(r, defaultTtl, typeSpec(r.type).multi));
    byName.set(r.name, list);
  }
  const doc: JsonObject = {};
  for (const [name, list] of byName) doc[name] = list.length === 1 ? list[0]! : list;
  const body = byName.size === 0 ? '{}\n' : yaml.dump(doc, { sortKeys: naturalCompare, lineWidth: -1, noRefs: true });
  return `---\n${body}`;
}
