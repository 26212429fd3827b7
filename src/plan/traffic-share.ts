/**
 * Each region's share of a dynamic record's traffic with every health check passing:
 * failover sends everything to the first pool that can serve; weighted splits by pool
 * weight; latency and geo are counted as an even split over the pools their rules reach
 * (the provider decides per client, so a plan can only bound the move). Values with
 * status `down` never serve; a pool with none left does not serve.
 */
import type { DnsRecord } from '../model/record.js';
import { trafficOf, type TrafficPool } from '../model/traffic.js';

const serves = (p: TrafficPool) => p.values.some((v) => v.status !== 'down');

export function regionShares(r: DnsRecord | undefined): Map<string, number> {
  const shares = new Map<string, number>();
  if (!r) return shares;
  const t = trafficOf(r);
  if (!t) return shares;
  const add = (region: string, v: number) => shares.set(region, (shares.get(region) ?? 0) + v);
  const serving = t.pools.filter(serves);
  if (serving.length === 0) return shares;
  switch (t.kind) {
    case 'failover':
      add(serving[0]!.region, 1);
      break;
    case 'weighted': {
      const total = serving.reduce((n, p) => n + (p.weight ?? 0), 0);
      if (total > 0) for (const p of serving) add(p.region, (p.weight ?? 0) / total);
      break;
    }
    case 'latency':
      for (const p of serving) add(p.region, 1 / serving.length);
      break;
    case 'geo': {
      // each rule takes an equal share; a rule's pool falls back along its chain
      const byId = new Map(t.pools.map((p) => [p.id, p]));
      for (const rule of t.rules) {
        let p = byId.get(rule.pool);
        const seen = new Set<string>();
        while (p && !serves(p) && !seen.has(p.id)) {
          seen.add(p.id);
          p = p.fallback ? byId.get(p.fallback) : undefined;
        }
        if (p && serves(p)) add(p.region, 1 / t.rules.length);
      }
      break;
    }
  }
  return shares;
}

/** Number of pools that can serve at all (for the zero-serving-pools rule). */
export function servingPools(r: DnsRecord): number {
  return trafficOf(r)?.pools.filter(serves).length ?? 0;
}
