/**
 * What turning a region off (or back on) does to each dynamic record, computed with the
 * planner's traffic-share model (`regionShares`): a region that is off serves nothing, so
 * its pools fall back exactly as they would with every value down. Also the break-glass
 * safety rules (`dnsctl.safety`, `dnsctl.regions.<id>.max_share`), checked before any write.
 */
import type { DnsctlConfig } from '../config/types.js';
import { fqdnOf, type DnsRecord } from '../model/record.js';
import { trafficOf } from '../model/traffic.js';
import { regionShares, servingPools } from '../plan/traffic-share.js';

/** The record as the traffic model sees it with these regions off (their pools' values down). */
export function withRegionsOff(r: DnsRecord, off: ReadonlySet<string>): DnsRecord {
  const t = trafficOf(r);
  if (!t || !r.dynamic || off.size === 0) return r;
  const pools = { ...r.dynamic.pools };
  for (const p of t.pools) {
    if (off.has(p.region)) pools[p.id] = { ...pools[p.id]!, values: pools[p.id]!.values.map((v) => ({ ...v, status: 'down' as const })) };
  }
  return { ...r, dynamic: { ...r.dynamic, pools } };
}

export interface RecordImpact {
  zone: string;
  /** `www.example.com. A` */
  record: string;
  ttl: number;
  before: Record<string, number>;
  after: Record<string, number>;
  /** regions that serve at all after the change */
  servingRegions: number;
  /** pools that can serve after the change (0: the static values answer) */
  servingPools: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const asObject = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

/** Per dynamic record that has a pool in `region`: its region shares before and after. */
export function regionImpact(zone: string, records: DnsRecord[], region: string, offBefore: ReadonlySet<string>, offAfter: ReadonlySet<string>): RecordImpact[] {
  const out: RecordImpact[] = [];
  for (const r of records) {
    const t = trafficOf(r);
    if (!t || !t.pools.some((p) => p.region === region)) continue;
    const after = withRegionsOff(r, offAfter);
    const shares = regionShares(after);
    out.push({
      zone,
      record: `${fqdnOf(r.name, zone)} ${r.type}`,
      ttl: r.ttl,
      before: asObject(regionShares(withRegionsOff(r, offBefore))),
      after: asObject(shares),
      servingRegions: [...shares.values()].filter((v) => v > 0).length || new Set(trafficOf(after)!.pools.filter((p) => p.values.some((v) => v.status !== 'down')).map((p) => p.region)).size,
      servingPools: servingPools(after),
    });
  }
  return out;
}

/** `www.example.com. A: us-east-1 45% -> 0%; eu-west-1 30% -> 55%` (regions whose share moves, then the rest). */
export function impactLine(i: RecordImpact): string {
  const regions = [...new Set([...Object.keys(i.before), ...Object.keys(i.after)])].sort();
  const parts = regions.map((r) => `${r} ${pct(i.before[r] ?? 0)} -> ${pct(i.after[r] ?? 0)}`);
  const tail = i.servingPools === 0 ? ' (no pool left: its static values answer)' : '';
  return `${i.record}: ${parts.join('; ') || 'no region serves'}${tail}`;
}

/** Impact lines, grouped when many records move the same way. */
export function impactSummary(impacts: RecordImpact[], max = 20): string[] {
  const groups = new Map<string, string[]>();
  for (const i of impacts) {
    const shape = impactLine(i).slice(i.record.length);
    groups.set(shape, [...(groups.get(shape) ?? []), i.record]);
  }
  const lines: string[] = [];
  for (const [shape, recs] of groups) {
    if (recs.length <= 3 || groups.size * 3 <= max) lines.push(...recs.slice(0, max).map((r) => `${r}${shape}`));
    else lines.push(`${recs.length} records (${recs.slice(0, 3).join(', ')}, …)${shape}`);
  }
  return lines.length > max ? [...lines.slice(0, max), `… and ${lines.length - max} more line(s) (--json lists every record)`] : lines;
}

export interface SafetyRefusal {
  rule: 'max-evacuated-regions' | 'no-serving-pool' | 'min-serving-regions' | 'max-share';
  message: string;
  records: string[];
}

/** The break-glass safety rules for an evacuation leaving `offAfter` regions off. */
export function checkEvacuation(config: DnsctlConfig, offAfter: ReadonlySet<string>, impacts: RecordImpact[]): SafetyRefusal[] {
  const out: SafetyRefusal[] = [];
  const maxOff = config.safety.maxEvacuatedRegions ?? 1;
  if (offAfter.size > maxOff) {
    out.push({ rule: 'max-evacuated-regions', records: [], message: `${offAfter.size} regions would be evacuated at once (${[...offAfter].sort().join(', ')}); dnsctl.safety.max_evacuated_regions is ${maxOff}` });
  }
  const noPool = impacts.filter((i) => i.servingPools === 0).map((i) => i.record);
  if (noPool.length) out.push({ rule: 'no-serving-pool', records: noPool, message: `no pool outside the evacuated regions would serve ${noPool.join(', ')} (their static values would answer)` });
  const minRegions = config.safety.minServingRegions ?? 1;
  const few = impacts.filter((i) => i.servingPools > 0 && i.servingRegions < minRegions).map((i) => i.record);
  if (few.length) out.push({ rule: 'min-serving-regions', records: few, message: `${few.join(', ')} would serve from fewer than ${minRegions} region(s) (dnsctl.safety.min_serving_regions)` });
  for (const [id, rc] of config.regions) {
    if (rc.maxShare === undefined) continue;
    const over = impacts.filter((i) => (i.after[id] ?? 0) > rc.maxShare! + 1e-9);
    if (over.length) {
      out.push({ rule: 'max-share', records: over.map((i) => i.record), message: `${id} would take more than ${pct(rc.maxShare)} of ${over.map((i) => `${i.record} (${pct(i.after[id] ?? 0)})`).join(', ')} (dnsctl.regions.${id}.max_share)` });
    }
  }
  return out;
}
