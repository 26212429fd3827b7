/**
 * The traffic model: how a dynamic record routes among regional pools. This is what
 * the planner, the providers and the break-glass commands speak.
 *
 * Geo, failover and in-pool weights are octoDNS's own `dynamic` syntax. Latency and
 * cross-pool weights are a dnsctl extension kept under the record's `octodns.dnsctl`
 * mapping, so octoDNS 1.22 loads the same file and sees a catch-all record whose
 * first pool falls back along the others:
 *
 * ```yaml
 * octodns:
 *   dnsctl:
 *     routing: weighted          # failover | weighted | latency | geo (default: derived)
 *     weights: {eu-west-1: 30, us-east-1: 70}
 *     regions: {primary: us-east-1}   # only when a pool id is not its region id
 * ```
 */
import type { DnsRecord, Dynamic, JsonObject, PoolValue, Rule, Value } from './record.js';
import type { Reason } from './findings.js';

export const ROUTING_KINDS = ['failover', 'weighted', 'latency', 'geo'] as const;
export type RoutingKind = (typeof ROUTING_KINDS)[number];

export interface TrafficPool {
  id: string;
  /** the region this pool serves from (pool id unless mapped) */
  region: string;
  values: PoolValue[];
  fallback: string | null;
  /** cross-pool weight (weighted routing only) */
  weight?: number;
}

export interface TrafficModel {
  kind: RoutingKind;
  /** pools in routing order: failover order, rule order for geo, id order otherwise */
  pools: TrafficPool[];
  /** octoDNS rules (geo routing); for the other kinds a single catch-all */
  rules: Rule[];
  /** the record's static values: the last resort when no pool can serve */
  staticValues: Value[];
}

export interface DnsctlExtension {
  routing?: RoutingKind;
  weights?: Record<string, number>;
  regions?: Record<string, string>;
}

function asObject(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

export function dnsctlExtension(record: Pick<DnsRecord, 'octodns'>): DnsctlExtension {
  const ext = asObject(record.octodns?.['dnsctl']);
  if (!ext) return {};
  const out: DnsctlExtension = {};
  if (typeof ext['routing'] === 'string' && (ROUTING_KINDS as readonly string[]).includes(ext['routing'])) {
    out.routing = ext['routing'] as RoutingKind;
  }
  const w = asObject(ext['weights']);
  if (w) out.weights = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Number(v)]));
  const r = asObject(ext['regions']);
  if (r) out.regions = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));
  return out;
}

/** The catch-all pool followed along its fallback chain: octoDNS's failover order. */
export function fallbackChain(dynamic: Dynamic, start: string): string[] {
  const order: string[] = [];
  let cur: string | null = start;
  while (cur && !order.includes(cur) && dynamic.pools[cur]) {
    order.push(cur);
    cur = dynamic.pools[cur]!.fallback;
  }
  return order;
}

export function routingKindOf(dynamic: Dynamic, ext: DnsctlExtension): RoutingKind {
  if (ext.routing) return ext.routing;
  return dynamic.rules.some((r) => (r.geos?.length ?? 0) > 0 || (r.subnets?.length ?? 0) > 0) ? 'geo' : 'failover';
}

export function regionOfPool(poolId: string, ext: DnsctlExtension): string {
  return ext.regions?.[poolId] ?? poolId;
}

/** The traffic model of a dynamic record (undefined for a plain record). */
export function trafficOf(record: DnsRecord): TrafficModel | undefined {
  const dynamic = record.dynamic;
  if (!dynamic) return undefined;
  const ext = dnsctlExtension(record);
  const kind = routingKindOf(dynamic, ext);
  const ids = Object.keys(dynamic.pools);
  let order: string[];
  if (kind === 'failover') {
    const catchAll = dynamic.rules[dynamic.rules.length - 1]?.pool;
    order = catchAll ? fallbackChain(dynamic, catchAll) : [];
    for (const id of ids) if (!order.includes(id)) order.push(id);
  } else if (kind === 'geo') {
    order = [];
    for (const r of dynamic.rules) if (!order.includes(r.pool)) order.push(r.pool);
    for (const id of ids) if (!order.includes(id)) order.push(id);
  } else {
    order = [...ids].sort();
  }
  const pools = order.map((id): TrafficPool => {
    const p = dynamic.pools[id]!;
    const tp: TrafficPool = { id, region: regionOfPool(id, ext), values: p.values, fallback: p.fallback };
    if (kind === 'weighted') tp.weight = ext.weights?.[id] ?? 0;
    return tp;
  });
  return { kind, pools, rules: dynamic.rules, staticValues: record.values };
}

/**
 * dnsctl's own checks of the `octodns.dnsctl` extension. Reasons use via `dnsctl`.
 * Called only for records whose `dynamic` already passed octoDNS's validator.
 */
export function validateExtension(rawOctodns: unknown, dynamic: Dynamic | undefined): Reason[] {
  const reasons: Reason[] = [];
  const via = 'dnsctl-extension';
  const raw = asObject(asObject(rawOctodns)?.['dnsctl']);
  if (asObject(rawOctodns)?.['dnsctl'] === undefined) return reasons;
  if (!raw) return [{ reason: 'octodns.dnsctl must be a mapping', via }];
  const known = new Set(['routing', 'weights', 'regions']);
  for (const k of Object.keys(raw)) {
    if (!known.has(k)) reasons.push({ reason: `unknown key "${k}" in octodns.dnsctl (expected routing, weights, regions)`, via });
  }
  if (!dynamic) {
    reasons.push({ reason: 'octodns.dnsctl is set but the record has no dynamic section', via });
    return reasons;
  }
  const routing = raw['routing'];
  if (routing !== undefined && !(typeof routing === 'string' && (ROUTING_KINDS as readonly string[]).includes(routing))) {
    reasons.push({ reason: `invalid routing "${String(routing)}"; expected one of ${ROUTING_KINDS.join(', ')}`, via });
    return reasons;
  }
  const pools = Object.keys(dynamic.pools);
  const hasTargeting = dynamic.rules.some((r) => (r.geos?.length ?? 0) > 0 || (r.subnets?.length ?? 0) > 0);
  if ((routing === 'failover' || routing === 'weighted' || routing === 'latency') && (hasTargeting || dynamic.rules.length !== 1)) {
    reasons.push({ reason: `routing "${routing}" needs exactly one rule, the catch-all (octoDNS then reads it as failover along the pools' fallbacks)`, via });
  }
  if (routing === 'geo' && !hasTargeting) reasons.push({ reason: 'routing "geo" needs at least one rule with geos or subnets', via });
  const weights = raw['weights'];
  if (weights !== undefined) {
    const w = asObject(weights);
    if (routing !== 'weighted') reasons.push({ reason: 'weights are only used with routing "weighted"', via });
    if (!w) reasons.push({ reason: 'weights must be a mapping of pool to weight', via });
    else {
      for (const [pool, v] of Object.entries(w)) {
        if (!pools.includes(pool)) reasons.push({ reason: `weights: undefined pool "${pool}"`, via });
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
          reasons.push({ reason: `weights: invalid weight "${String(v)}" for pool "${pool}"; must be an integer 0-255`, via });
        }
      }
      if (routing === 'weighted') {
        for (const p of pools) if (!(p in w)) reasons.push({ reason: `weights: missing weight for pool "${p}"`, via });
        const total = Object.values(w).reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
        if (total <= 0) reasons.push({ reason: 'weights: at least one pool needs a weight above 0', via });
      }
    }
  } else if (routing === 'weighted') {
    reasons.push({ reason: 'routing "weighted" needs weights for every pool', via });
  }
  const regions = raw['regions'];
  if (regions !== undefined) {
    const r = asObject(regions);
    if (!r) reasons.push({ reason: 'regions must be a mapping of pool to region id', via });
    else {
      for (const [pool, v] of Object.entries(r)) {
        if (!pools.includes(pool)) reasons.push({ reason: `regions: undefined pool "${pool}"`, via });
        if (typeof v !== 'string' || !v) reasons.push({ reason: `regions: invalid region "${String(v)}" for pool "${pool}"`, via });
      }
    }
  }
  return reasons;
}
