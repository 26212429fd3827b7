/**
 * What Cloudflare's load balancer would answer for a client location and the current health.
 *
 * - Effective policy: `""` means `geo` when region/country/pop pools exist, else `off`.
 * - Candidate order: `off` → default_pools; `geo` → pop_pools[pop] ?? country_pools[country] ??
 *   region_pools[region] ?? default_pools, then (assumption) default_pools after the mapped list;
 *   `dynamic_latency` → default_pools by RTT from the client's region (see regions.ts for the
 *   table; pools with no known location keep their order, after the measured ones);
 *   `proximity` → default_pools by distance from the client (explicit lat/long, else the
 *   centroid of its region; pools without coordinates last); `random`, `least_outstanding_requests`
 *   and `least_connections` → a weighted random pick among the healthy default_pools using
 *   `random_steering` (pool_weights, else default_weight, default 1).
 * - The first healthy candidate wins (disabled pools are never healthy). When none is healthy the
 *   fallback pool is used whatever its health.
 * - Inside the chosen pool, an origin is picked at random in proportion to `weight` among enabled,
 *   healthy origins with weight > 0 (origin_steering `random`).
 */
import { weightedPick, type Rng } from '../rng.js';
import type { HealthState, LoadBalancerState, PoolState } from '../types.js';
import { originHealthy, poolHealthy } from './health.js';
import { REGION_CENTROIDS, distanceKm, isRegionCode, regionOfCountry, rttMs, type RegionCode } from './regions.js';

export interface ClientLocation {
  /** ISO 3166-1 alpha-2 country of the client (e.g. `DE`). */
  country?: string;
  /** ISO 3166-2 subdivision (e.g. `US-CA` or `CA`), refines US/Canada regions. */
  subdivision?: string;
  /** Cloudflare region code; derived from the country when absent. */
  region?: string;
  /** Cloudflare PoP code (e.g. `LAX`) for pop_pools. */
  pop?: string;
  latitude?: number;
  longitude?: number;
}

export interface EvaluationInput {
  loadBalancer: LoadBalancerState;
  pools: PoolState[];
  health: HealthState;
  location: ClientLocation;
  rng?: Rng;
}

export interface EvaluationResult {
  load_balancer_id: string;
  name: string;
  policy: string;
  region: string | null;
  country: string | null;
  /** Where the candidate list came from: pop_pools, country_pools, region_pools or default_pools. */
  source: string;
  /** Candidate pool ids in the order they are tried. */
  candidates: string[];
  pool: { id: string; name: string; healthy: boolean } | null;
  origin: { name: string; address: string } | null;
  fallback: boolean;
  reason: string;
  /** DNS answer for an unproxied LB (the chosen origin), or the proxy marker for a proxied one. */
  answer: { proxied: boolean; ttl: number; address: string | null };
}

function hasEntries(m: Record<string, string[]> | undefined): boolean {
  return !!m && Object.values(m).some((v) => Array.isArray(v) && v.length > 0);
}

function poolPoint(pool: PoolState): [number, number] | undefined {
  if (typeof pool.latitude === 'number' && typeof pool.longitude === 'number') return [pool.latitude, pool.longitude];
  const r = pool.check_regions?.find((x) => isRegionCode(x));
  return r && isRegionCode(r) ? REGION_CENTROIDS[r] : undefined;
}

function sortBy(ids: string[], score: (id: string) => number | undefined): string[] {
  return ids
    .map((id, i) => ({ id, i, s: score(id) }))
    .sort((a, b) => {
      if (a.s === undefined && b.s === undefined) return a.i - b.i;
      if (a.s === undefined) return 1;
      if (b.s === undefined) return -1;
      return a.s - b.s || a.i - b.i;
    })
    .map((x) => x.id);
}

export function evaluateLoadBalancer(input: EvaluationInput): EvaluationResult {
  const { loadBalancer: lb, pools, health, location } = input;
  const rng = input.rng ?? Math.random;
  const byId = new Map(pools.map((p) => [p.id, p]));
  const country = location.country ? location.country.toUpperCase() : null;
  const regionRaw = location.region?.toUpperCase() ?? (country ? regionOfCountry(country, location.subdivision) : undefined);
  const region: RegionCode | null = regionRaw && isRegionCode(regionRaw) ? regionRaw : null;
  const policy = lb.steering_policy === '' || lb.steering_policy === undefined
    ? hasEntries(lb.region_pools) || hasEntries(lb.country_pools) || hasEntries(lb.pop_pools) ? 'geo' : 'off'
    : lb.steering_policy;

  const base: EvaluationResult = {
    load_balancer_id: lb.id, name: lb.name, policy, region, country, source: 'default_pools', candidates: [],
    pool: null, origin: null, fallback: false, reason: '', answer: { proxied: lb.proxied, ttl: lb.proxied ? 300 : lb.ttl, address: null },
  };
  if (!lb.enabled) return { ...base, reason: 'load balancer is disabled' };

  let candidates = [...lb.default_pools];
  let source = 'default_pools';
  if (policy === 'geo') {
    const pop = location.pop?.toUpperCase();
    const mapped = (pop ? lb.pop_pools?.[pop] : undefined) ?? (country ? lb.country_pools?.[country] : undefined) ?? (region ? lb.region_pools?.[region] : undefined);
    source = pop && lb.pop_pools?.[pop] ? 'pop_pools' : country && lb.country_pools?.[country] ? 'country_pools' : region && lb.region_pools?.[region] ? 'region_pools' : 'default_pools';
    if (mapped && mapped.length > 0) candidates = [...mapped, ...lb.default_pools.filter((id) => !mapped.includes(id))];
  } else if (policy === 'dynamic_latency') {
    const from = region ? REGION_CENTROIDS[region] : undefined;
    candidates = sortBy(candidates, (id) => {
      const p = byId.get(id);
      const at = p ? poolPoint(p) : undefined;
      return from && at ? rttMs(from, at) : undefined;
    });
  } else if (policy === 'proximity') {
    const from: [number, number] | undefined =
      typeof location.latitude === 'number' && typeof location.longitude === 'number' ? [location.latitude, location.longitude] : region ? REGION_CENTROIDS[region] : undefined;
    candidates = sortBy(candidates, (id) => {
      const p = byId.get(id);
      return from && p && typeof p.latitude === 'number' && typeof p.longitude === 'number' ? distanceKm(from, [p.latitude, p.longitude]) : undefined;
    });
  }

  const isHealthy = (id: string): boolean => {
    const p = byId.get(id);
    return !!p && poolHealthy(p, health);
  };
  let chosenId: string | undefined;
  let reason: string;
  if (policy === 'random' || policy === 'least_outstanding_requests' || policy === 'least_connections') {
    const healthy = candidates.filter(isHealthy);
    const weights = healthy.map((id) => lb.random_steering?.pool_weights?.[id] ?? lb.random_steering?.default_weight ?? 1);
    const i = weightedPick(weights, rng);
    chosenId = i >= 0 ? healthy[i] : undefined;
    reason = chosenId ? `weighted random pick among ${healthy.length} healthy pool(s)` : '';
  } else {
    chosenId = candidates.find(isHealthy);
    const skipped = chosenId ? candidates.indexOf(chosenId) : 0;
    reason = chosenId ? (skipped === 0 ? `first ${source} pool is healthy` : `failover past ${skipped} unhealthy or disabled pool(s)`) : '';
  }
  let fallback = false;
  if (!chosenId) {
    chosenId = lb.fallback_pool;
    fallback = true;
    reason = 'all candidate pools are unhealthy or disabled; fallback pool used';
  }
  const pool = byId.get(chosenId);
  if (!pool) return { ...base, source, candidates, fallback, reason: `pool ${chosenId} does not exist` };
  const origins = pool.origins.filter((o) => o.enabled && o.weight > 0 && (fallback || originHealthy(pool, o, health)));
  const usable = origins.length > 0 ? origins : pool.origins.filter((o) => o.enabled && o.weight > 0);
  const oi = weightedPick(usable.map((o) => o.weight), rng);
  const origin = oi >= 0 ? usable[oi] : undefined;
  return {
    ...base,
    source,
    candidates,
    pool: { id: pool.id, name: pool.name, healthy: poolHealthy(pool, health) },
    origin: origin ? { name: origin.name, address: origin.address } : null,
    fallback,
    reason,
    answer: { proxied: lb.proxied, ttl: lb.proxied ? 300 : lb.ttl, address: lb.proxied ? null : origin?.address ?? null },
  };
}
