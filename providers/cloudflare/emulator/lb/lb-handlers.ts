/** Handlers of account monitors and pools, zone load balancers, and regions. */
import { ApiError } from '../envelope.js';
import { couldNotRoute, lbNotFound, lbValidation } from '../error-codes.js';
import { asRecord, json, type Handler, type HandlerContext } from '../handler-types.js';
import { newId, now } from '../ids.js';
import type { LoadBalancerState, MonitorState, OriginState, PoolState } from '../types.js';
import { normalizeRecordName } from '../dns/names.js';
import { poolHealthReport } from './health.js';
import { REGION_CODES, isRegionCode, regionsListing } from './regions.js';

function account(ctx: HandlerContext): void {
  if (ctx.params.account_id !== ctx.store.accountId) throw couldNotRoute(ctx.path);
}

function without<T extends Record<string, unknown>>(o: T, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

// ---------- monitors ----------

const MONITOR_DEFAULTS = {
  type: 'http', description: '', method: 'GET', path: '/', header: {}, port: 0, timeout: 5, retries: 2, interval: 60,
  expected_body: '', expected_codes: '200', follow_redirects: false, allow_insecure: false, consecutive_up: 0, consecutive_down: 0, probe_zone: '',
};

function buildMonitor(body: Record<string, unknown>, existing?: MonitorState): MonitorState {
  const t = now();
  const m = { ...MONITOR_DEFAULTS, ...body, id: existing?.id ?? newId(), created_on: existing?.created_on ?? t, modified_on: t } as MonitorState;
  if (m.type === 'tcp' && body.method === undefined) m.method = 'connection_established';
  if (m.interval < 10 || m.interval > 3600) throw lbValidation('monitor interval is not in range [10, 3600]', '/interval');
  if (m.timeout >= m.interval) throw lbValidation('monitor timeout must be lower than its interval', '/timeout');
  return m;
}

function findMonitor(ctx: HandlerContext): MonitorState {
  account(ctx);
  const m = ctx.store.state.monitors.find((x) => x.id === ctx.params.monitor_id);
  if (!m) throw lbNotFound('monitor');
  return m;
}

const monitors: Record<string, Handler> = {
  'account-load-balancer-monitors-list-monitors': (ctx) => {
    account(ctx);
    return json(ctx.store.state.monitors);
  },
  'account-load-balancer-monitors-create-monitor': (ctx) => {
    account(ctx);
    const m = buildMonitor(asRecord(ctx.body));
    ctx.store.state.monitors.push(m);
    return json(m, { mutated: true });
  },
  'account-load-balancer-monitors-monitor-details': (ctx) => json(findMonitor(ctx)),
  'account-load-balancer-monitors-update-monitor': (ctx) => {
    const old = findMonitor(ctx);
    const m = buildMonitor(asRecord(ctx.body), old);
    ctx.store.state.monitors = ctx.store.state.monitors.map((x) => (x.id === old.id ? m : x));
    return json(m, { mutated: true });
  },
  'account-load-balancer-monitors-patch-monitor': (ctx) => {
    const old = findMonitor(ctx);
    const m = buildMonitor({ ...without(old, ['id', 'created_on', 'modified_on']), ...asRecord(ctx.body) }, old);
    ctx.store.state.monitors = ctx.store.state.monitors.map((x) => (x.id === old.id ? m : x));
    return json(m, { mutated: true });
  },
  'account-load-balancer-monitors-delete-monitor': (ctx) => {
    const m = findMonitor(ctx);
    const users = ctx.store.state.pools.filter((p) => p.monitor === m.id).map((p) => p.id);
    if (users.length > 0) throw lbValidation(`monitor is still referenced by pools: ${users.join(', ')}`);
    ctx.store.state.monitors = ctx.store.state.monitors.filter((x) => x.id !== m.id);
    return json({ id: m.id }, { mutated: true });
  },
  'account-load-balancer-monitors-preview-monitor': (ctx) => {
    findMonitor(ctx);
    return json({ preview_id: newId() });
  },
  'account-load-balancer-monitors-preview-result': (ctx) => {
    account(ctx);
    return json({});
  },
};

// ---------- pools ----------

function buildOrigins(raw: unknown): OriginState[] {
  const list = Array.isArray(raw) ? raw.map(asRecord) : [];
  if (list.length === 0) throw lbValidation('a pool needs at least one origin', '/origins');
  const t = now();
  return list.map((o, i) => {
    const address = typeof o.address === 'string' ? o.address.trim() : '';
    if (!address) throw lbValidation(`origin ${i} has no address`, `/origins/${i}/address`);
    const origin: OriginState = { ...o, name: typeof o.name === 'string' && o.name ? o.name : address, address, enabled: o.enabled !== false, weight: typeof o.weight === 'number' ? o.weight : 1 };
    if (!origin.enabled) origin.disabled_at = typeof o.disabled_at === 'string' ? o.disabled_at : t;
    else delete origin.disabled_at;
    return origin;
  });
}

function buildPool(ctx: HandlerContext, body: Record<string, unknown>, existing?: PoolState): PoolState {
  const t = now();
  const monitor = typeof body.monitor === 'string' && body.monitor ? body.monitor : null;
  if (monitor && !ctx.store.state.monitors.some((m) => m.id === monitor)) throw lbValidation(`monitor ${monitor} does not exist`, '/monitor');
  const hasLat = typeof body.latitude === 'number';
  const hasLong = typeof body.longitude === 'number';
  if (hasLat !== hasLong) throw lbValidation('latitude and longitude must be set together', hasLat ? '/longitude' : '/latitude');
  const name = String(body.name ?? '');
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw lbValidation('pool name may contain only letters, digits, hyphens and underscores', '/name');
  const enabled = body.enabled !== false;
  const pool: PoolState = {
    ...body,
    id: existing?.id ?? newId(),
    name,
    description: typeof body.description === 'string' ? body.description : '',
    enabled,
    minimum_origins: typeof body.minimum_origins === 'number' ? body.minimum_origins : 1,
    monitor,
    check_regions: Array.isArray(body.check_regions) ? body.check_regions.map(String) : null,
    origins: buildOrigins(body.origins),
    notification_email: typeof body.notification_email === 'string' ? body.notification_email : '',
    origin_steering: { policy: 'random', ...asRecord(body.origin_steering) } as { policy: string },
    created_on: existing?.created_on ?? t,
    modified_on: t,
  };
  if (!enabled) pool.disabled_at = existing && !existing.enabled && existing.disabled_at ? existing.disabled_at : t;
  else delete pool.disabled_at;
  if (pool.minimum_origins < 1) throw lbValidation('minimum_origins must be at least 1', '/minimum_origins');
  return pool;
}

function findPool(ctx: HandlerContext): PoolState {
  account(ctx);
  const p = ctx.store.state.pools.find((x) => x.id === ctx.params.pool_id);
  if (!p) throw lbNotFound('pool');
  return p;
}

function lbsUsingPool(ctx: HandlerContext, poolId: string): LoadBalancerState[] {
  return ctx.store.state.loadBalancers.filter((lb) =>
    lb.default_pools.includes(poolId) || lb.fallback_pool === poolId ||
    [lb.region_pools, lb.country_pools, lb.pop_pools].some((m) => Object.values(m ?? {}).some((ids) => ids.includes(poolId))),
  );
}

function replacePool(ctx: HandlerContext, pool: PoolState): void {
  ctx.store.state.pools = ctx.store.state.pools.map((x) => (x.id === pool.id ? pool : x));
}

const pools: Record<string, Handler> = {
  'account-load-balancer-pools-list-pools': (ctx) => {
    account(ctx);
    const monitor = ctx.rawQuery.get('monitor');
    return json(ctx.store.state.pools.filter((p) => monitor === null || p.monitor === monitor));
  },
  'account-load-balancer-pools-create-pool': (ctx) => {
    account(ctx);
    const pool = buildPool(ctx, asRecord(ctx.body));
    ctx.store.state.pools.push(pool);
    return json(pool, { mutated: true });
  },
  'account-load-balancer-pools-pool-details': (ctx) => json(findPool(ctx)),
  'account-load-balancer-pools-update-pool': (ctx) => {
    const old = findPool(ctx);
    const pool = buildPool(ctx, asRecord(ctx.body), old);
    replacePool(ctx, pool);
    return json(pool, { mutated: true });
  },
  'account-load-balancer-pools-patch-pool': (ctx) => {
    const old = findPool(ctx);
    const pool = buildPool(ctx, { ...without(old, ['id', 'created_on', 'modified_on', 'disabled_at']), ...asRecord(ctx.body) }, old);
    replacePool(ctx, pool);
    return json(pool, { mutated: true });
  },
  'account-load-balancer-pools-patch-pools': (ctx) => {
    account(ctx);
    const email = asRecord(ctx.body).notification_email;
    if (typeof email === 'string') for (const p of ctx.store.state.pools) p.notification_email = email.replace(/^""$/, '');
    return json(ctx.store.state.pools, { mutated: true });
  },
  'account-load-balancer-pools-delete-pool': (ctx) => {
    const p = findPool(ctx);
    const users = lbsUsingPool(ctx, p.id).map((lb) => lb.id);
    if (users.length > 0) throw lbValidation(`pool is still referenced by load balancers: ${users.join(', ')}`);
    ctx.store.state.pools = ctx.store.state.pools.filter((x) => x.id !== p.id);
    delete ctx.store.state.health.pools[p.id];
    delete ctx.store.state.health.origins[p.id];
    return json({ id: p.id }, { mutated: true });
  },
  'account-load-balancer-pools-pool-health-details': (ctx) => json(poolHealthReport(findPool(ctx), ctx.store.state.health)),
  'account-load-balancer-pools-preview-pool': (ctx) => {
    findPool(ctx);
    return json({ preview_id: newId(), pools: { [ctx.params.pool_id ?? '']: '' } });
  },
};

// ---------- load balancers ----------

const LB_DEFAULTS = {
  description: '', enabled: true, proxied: false, ttl: 30, steering_policy: 'off', region_pools: {}, country_pools: {}, pop_pools: {},
  random_steering: { default_weight: 1 }, session_affinity: 'none', session_affinity_attributes: { samesite: 'Auto', secure: 'Auto', drain_duration: 0, zero_downtime_failover: 'none' },
  adaptive_routing: { failover_across_pools: false }, location_strategy: { mode: 'pop', prefer_ecs: 'proximity' }, rules: [],
};

function poolMap(ctx: HandlerContext, raw: unknown, field: string, keyOk: (k: string) => boolean, keyDesc: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(asRecord(raw))) {
    if (!keyOk(k)) throw lbValidation(`${field}: '${k}' is not ${keyDesc}`, `/${field}/${k}`);
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw lbValidation(`${field}.${k} must be a list of pool ids`, `/${field}/${k}`);
    for (const id of v as string[]) if (!ctx.store.state.pools.some((p) => p.id === id)) throw lbValidation(`pool ${id} in ${field}.${k} does not exist`, `/${field}/${k}`);
    out[k] = v as string[];
  }
  return out;
}

function buildLoadBalancer(ctx: HandlerContext, zoneId: string, zoneName: string, body: Record<string, unknown>, existing?: LoadBalancerState): LoadBalancerState {
  const t = now();
  const poolExists = (id: unknown): boolean => typeof id === 'string' && ctx.store.state.pools.some((p) => p.id === id);
  const defaultPools = Array.isArray(body.default_pools) ? body.default_pools.map(String) : [];
  if (defaultPools.length === 0) throw lbValidation('default_pools must contain at least one pool', '/default_pools');
  defaultPools.forEach((id, i) => {
    if (!poolExists(id)) throw lbValidation(`pool ${id} does not exist`, `/default_pools/${i}`);
  });
  if (!poolExists(body.fallback_pool)) throw lbValidation(`fallback pool ${String(body.fallback_pool)} does not exist`, '/fallback_pool');
  const name = normalizeRecordName(String(body.name ?? ''), zoneName);
  if (ctx.store.state.loadBalancers.some((lb) => lb.zone_id === zoneId && lb.name === name && lb.id !== existing?.id)) {
    throw lbValidation(`a load balancer named ${name} already exists in this zone`, '/name');
  }
  const steering = body.steering_policy === '""' ? '' : typeof body.steering_policy === 'string' ? body.steering_policy : LB_DEFAULTS.steering_policy;
  const random = asRecord(body.random_steering ?? LB_DEFAULTS.random_steering);
  for (const [id, w] of Object.entries(asRecord(random.pool_weights))) {
    if (typeof w !== 'number' || w < 0 || w > 1) throw lbValidation(`random_steering.pool_weights.${id} must be between 0 and 1`, `/random_steering/pool_weights/${id}`);
  }
  return {
    ...LB_DEFAULTS,
    ...body,
    id: existing?.id ?? newId(),
    zone_id: zoneId,
    name,
    default_pools: defaultPools,
    fallback_pool: String(body.fallback_pool),
    steering_policy: steering,
    region_pools: poolMap(ctx, body.region_pools, 'region_pools', isRegionCode, `a region code (${REGION_CODES.join(', ')})`),
    country_pools: poolMap(ctx, body.country_pools, 'country_pools', (k) => /^[A-Z]{2}$/.test(k), 'an ISO 3166-1 alpha-2 country code'),
    pop_pools: poolMap(ctx, body.pop_pools, 'pop_pools', (k) => /^[A-Z]{3}$/.test(k), 'a PoP code'),
    random_steering: random as LoadBalancerState['random_steering'],
    enabled: body.enabled !== false,
    proxied: body.proxied === true,
    ttl: typeof body.ttl === 'number' ? body.ttl : LB_DEFAULTS.ttl,
    session_affinity: typeof body.session_affinity === 'string' ? body.session_affinity : 'none',
    created_on: existing?.created_on ?? t,
    modified_on: t,
  };
}

function zoneOf(ctx: HandlerContext): { id: string; name: string } {
  const zone = ctx.store.zone(ctx.params.zone_id ?? '');
  if (!zone) throw couldNotRoute(ctx.path);
  return zone;
}

function presentLb(lb: LoadBalancerState, zoneName: string): Record<string, unknown> {
  return { ...without(lb, ['zone_id']), zone_name: zoneName };
}

function findLb(ctx: HandlerContext): { lb: LoadBalancerState; zone: { id: string; name: string } } {
  const zone = zoneOf(ctx);
  const lb = ctx.store.state.loadBalancers.find((x) => x.id === ctx.params.load_balancer_id && x.zone_id === zone.id);
  if (!lb) throw lbNotFound('load balancer');
  return { lb, zone };
}

function replaceLb(ctx: HandlerContext, lb: LoadBalancerState): void {
  ctx.store.state.loadBalancers = ctx.store.state.loadBalancers.map((x) => (x.id === lb.id ? lb : x));
}

const loadBalancers: Record<string, Handler> = {
  'load-balancers-list-load-balancers': (ctx) => {
    const zone = zoneOf(ctx);
    return json(ctx.store.state.loadBalancers.filter((lb) => lb.zone_id === zone.id).map((lb) => presentLb(lb, zone.name)));
  },
  'load-balancers-create-load-balancer': (ctx) => {
    const zone = zoneOf(ctx);
    const lb = buildLoadBalancer(ctx, zone.id, zone.name, asRecord(ctx.body));
    ctx.store.state.loadBalancers.push(lb);
    return json(presentLb(lb, zone.name), { mutated: true });
  },
  'load-balancers-load-balancer-details': (ctx) => {
    const { lb, zone } = findLb(ctx);
    return json(presentLb(lb, zone.name));
  },
  'load-balancers-update-load-balancer': (ctx) => {
    const { lb: old, zone } = findLb(ctx);
    const lb = buildLoadBalancer(ctx, zone.id, zone.name, asRecord(ctx.body), old);
    replaceLb(ctx, lb);
    return json(presentLb(lb, zone.name), { mutated: true });
  },
  'load-balancers-patch-load-balancer': (ctx) => {
    const { lb: old, zone } = findLb(ctx);
    const lb = buildLoadBalancer(ctx, zone.id, zone.name, { ...without(old, ['id', 'zone_id', 'created_on', 'modified_on']), ...asRecord(ctx.body) }, old);
    replaceLb(ctx, lb);
    return json(presentLb(lb, zone.name), { mutated: true });
  },
  'load-balancers-delete-load-balancer': (ctx) => {
    const { lb } = findLb(ctx);
    ctx.store.state.loadBalancers = ctx.store.state.loadBalancers.filter((x) => x.id !== lb.id);
    return json({ id: lb.id }, { mutated: true });
  },
};

// ---------- regions ----------

const regions: Record<string, Handler> = {
  'load-balancer-regions-list-regions': (ctx) => {
    account(ctx);
    const country = ctx.rawQuery.get('country_code_a2') ?? undefined;
    const subdivision = ctx.rawQuery.get('subdivision_code') ?? ctx.rawQuery.get('subdivision_code_a2') ?? undefined;
    return json(regionsListing({ ...(country ? { country } : {}), ...(subdivision ? { subdivision } : {}) }));
  },
  'load-balancer-regions-get-region': (ctx) => {
    account(ctx);
    const code = (ctx.params.region_id ?? '').toUpperCase();
    if (!isRegionCode(code)) throw ApiError.of(404, 1001, `region ${code} not found`);
    const listing = regionsListing({});
    const region = (listing.regions as Record<string, unknown>[]).find((r) => r.region_code === code);
    return json({ iso_standard: listing.iso_standard, regions: [region] });
  },
};

export const lbHandlers: Record<string, Handler> = { ...monitors, ...pools, ...loadBalancers, ...regions };
