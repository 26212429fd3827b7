/**
 * Load Balancing objects shared across records and zones of one account: a monitor per
 * distinct health check, a pool per distinct (region, origins with weights and statuses,
 * monitor, settings). Identity is content: a pool's marker carries its share key
 * (compile.ts `poolShareKey`), a monitor's description its health check.
 *
 * Ownership is per object, counted by reference: a pool is in use while any load balancer
 * of any zone of the account names it, a monitor while any pool does. Nothing shared is ever
 * rewritten in place: a record whose pool content changes gets (or creates) the pool with the
 * new content, and the old one is deleted once no load balancer references it.
 *
 * Collection (end of every apply, and what `plan` lists as orphans): a dnsctl object no one
 * references is deleted when this apply created it (its marker carries the run's nonce, so a
 * create whose response was lost is found too), when this zone used it before the apply, or
 * when it is older than the grace period; younger unreferenced objects may be a concurrent
 * apply's fresh ones and are left. Cloudflare itself refuses to delete a pool a load balancer
 * uses or a monitor a pool uses, so a reference added by another operator in the meantime wins.
 */
import { randomBytes } from 'node:crypto';
import { APIError } from 'cloudflare';
import type { OrphanObject } from '../../src/plan/shared-objects.js';
import type { CloudflareClient } from './client.js';
import { OWNER_PREFIX, poolMarker, sharedPoolDescription, type MonitorSpec, type PoolSpec } from './compile.js';
import type { LbState, NativeLb, NativeMonitor, NativePool } from './read.js';

/** Default grace period: unreferenced objects younger than this are left (a concurrent apply's). */
export const DEFAULT_ORPHAN_GRACE_S = 3600;

/** Monitor descriptions are `dnsctl:hc …` plus ` ~<run nonce>` when created by a run. */
const RUN_SUFFIX = / ~([0-9a-f]+)$/;

/** The health-check identity of a monitor's description (without the run nonce). */
export const monitorIdentity = (description: string | undefined): string => (description ?? '').replace(RUN_SUFFIX, '');

export const isOwnedMonitor = (m: NativeMonitor): boolean => (m.description ?? '').startsWith(OWNER_PREFIX);

function runOf(o: NativePool | NativeMonitor, kind: 'pool' | 'monitor'): string | undefined {
  if (kind === 'monitor') return RUN_SUFFIX.exec(o.description ?? '')?.[1];
  const m = poolMarker(o.description);
  return m?.v === 2 ? m.g : undefined;
}

/** Share key of a shared (v2) pool; undefined for per-record (v1) and foreign pools. */
export function shareOf(p: NativePool): string | undefined {
  const m = poolMarker(p.description);
  return m?.v === 2 ? m.k : undefined;
}

/** Every pool id a load balancer names (default, fallback, region, country and PoP pools). */
export function referencedPools(lbs: readonly NativeLb[]): Set<string> {
  const ids = new Set<string>();
  for (const x of lbs) {
    for (const id of (x['default_pools'] as string[] | undefined) ?? []) ids.add(id);
    if (x['fallback_pool']) ids.add(String(x['fallback_pool']));
    for (const m of [x['region_pools'], x['country_pools'], x['pop_pools']]) for (const v of Object.values((m ?? {}) as Record<string, string[]>)) v.forEach((i) => ids.add(i));
  }
  return ids;
}

export interface SharedStats {
  poolsCreated: number;
  poolsDeleted: number;
  monitorsCreated: number;
  monitorsDeleted: number;
}

/**
 * What one provider (one process) shares between the zones it applies: creates in flight,
 * so a pool or monitor needed by many records and zones of one run is created once.
 */
export class SharedRegistry {
  readonly pools = new Map<string, Promise<NativePool>>();
  readonly monitors = new Map<string, Promise<NativeMonitor>>();
  readonly stats: SharedStats = { poolsCreated: 0, poolsDeleted: 0, monitorsCreated: 0, monitorsDeleted: 0 };
}

/** One zone's apply as the shared objects see it. */
export interface SharedContext {
  client: CloudflareClient;
  account: string;
  zoneId: string;
  registry: SharedRegistry;
  /** this apply's nonce, carried by what it creates */
  run: string;
  graceMs: number;
  /** the account's objects as read at the start of the apply, kept up to date by this apply */
  mirror: LbState;
  /** pool ids this zone's load balancers used when the apply started */
  usedBefore: ReadonlySet<string>;
  /** regions evacuated in this zone (its override record): a pool created for one starts disabled, so apply never returns traffic */
  offRegions?: ReadonlySet<string>;
}

export const newRunNonce = (): string => randomBytes(6).toString('hex');

const created = (o: { created_on?: unknown }): number => {
  const t = typeof o.created_on === 'string' ? Date.parse(o.created_on) : NaN;
  return Number.isFinite(t) ? t : 0;
};

const byAge = <T extends { id: string; created_on?: unknown }>(a: T, b: T) => created(a) - created(b) || (a.id < b.id ? -1 : 1);

/** Only a 404 says an object is gone; any other failure is not taken as an answer. */
function isNotFound(e: unknown): boolean {
  return e instanceof APIError && e.status === 404;
}

/** The monitor for a health check: an existing one with the same identity, else created once per run. */
export async function ensureMonitor(sc: SharedContext, spec: MonitorSpec, fresh = false): Promise<string> {
  const m = sc.mirror;
  if (!fresh) {
    const found = m.monitors.filter((x) => monitorIdentity(x.description) === spec.description).sort(byAge)[0];
    if (found) return found.id;
  }
  let pending = fresh ? undefined : sc.registry.monitors.get(spec.description);
  if (!pending) {
    const body = { ...spec.body, description: `${spec.description} ~${sc.run}` };
    pending = sc.client.call((cf) => cf.loadBalancers.monitors.create({ account_id: sc.account, ...body } as never)).then((x) => {
      sc.registry.stats.monitorsCreated++;
      return x as unknown as NativeMonitor;
    });
    sc.registry.monitors.set(spec.description, pending);
    pending.catch(() => sc.registry.monitors.delete(spec.description));
  }
  const monitor = await pending;
  if (!m.monitors.some((x) => x.id === monitor.id)) m.monitors.push(monitor);
  return monitor.id;
}

function poolBody(spec: PoolSpec, run: string, monitorId: string | undefined, enabled = true): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: spec.name,
    description: sharedPoolDescription({ v: 2, k: spec.share, r: spec.region, g: run }),
    origins: spec.origins,
    enabled,
    minimum_origins: 1,
  };
  if (spec.monitored && monitorId) body['monitor'] = monitorId;
  if (spec.checkRegions) body['check_regions'] = spec.checkRegions;
  return body;
}

/**
 * The id of the account pool with this spec's content: one the zone's load balancer already
 * uses, else the oldest with the share key, else created (once per run, whoever asks first).
 */
export async function ensurePool(sc: SharedContext, spec: PoolSpec, monitor: MonitorSpec, prefer: ReadonlySet<string>, fresh = false): Promise<string> {
  const m = sc.mirror;
  if (!fresh) {
    const same = m.pools.filter((p) => shareOf(p) === spec.share);
    const found = same.find((p) => prefer.has(p.id)) ?? same.sort(byAge)[0];
    if (found) return found.id;
  }
  let pending = fresh ? undefined : sc.registry.pools.get(spec.share);
  if (!pending) {
    pending = createPool(sc, spec, monitor);
    sc.registry.pools.set(spec.share, pending);
    pending.catch(() => sc.registry.pools.delete(spec.share));
  }
  const pool = await pending;
  if (!m.pools.some((x) => x.id === pool.id)) m.pools.push(pool);
  return pool.id;
}

async function createPool(sc: SharedContext, spec: PoolSpec, monitor: MonitorSpec): Promise<NativePool> {
  const write = async (monitorId: string | undefined) =>
    (await sc.client.call((cf) =>
      cf.loadBalancers.pools.create({ account_id: sc.account, ...poolBody(spec, sc.run, monitorId, !(spec.region !== null && sc.offRegions?.has(spec.region))) } as never),
    )) as unknown as NativePool;
  let monitorId = spec.monitored ? await ensureMonitor(sc, monitor) : undefined;
  let pool: NativePool;
  try {
    pool = await write(monitorId);
  } catch (e) {
    // another zone's clean-up may have collected the monitor since this zone read the account
    if (!monitorId || (await monitorExists(sc, monitorId))) throw e;
    sc.mirror.monitors = sc.mirror.monitors.filter((x) => x.id !== monitorId);
    sc.registry.monitors.delete(monitor.description);
    monitorId = await ensureMonitor(sc, monitor, true);
    pool = await write(monitorId);
  }
  sc.registry.stats.poolsCreated++;
  return pool;
}

async function monitorExists(sc: SharedContext, id: string): Promise<boolean> {
  try {
    await sc.client.call((cf) => cf.loadBalancers.monitors.get(id, { account_id: sc.account }));
    return true;
  } catch (e) {
    return !isNotFound(e);
  }
}

/** Pools of `ids` that no longer exist at Cloudflare (one listing). */
export async function missingPools(sc: SharedContext, ids: readonly string[]): Promise<Set<string>> {
  const res = await sc.client.call((cf) => cf.loadBalancers.pools.list({ account_id: sc.account }));
  const live = new Set((res.result as unknown as NativePool[]).map((p) => p.id));
  return new Set(ids.filter((id) => !live.has(id)));
}

/** Forgets pools that turned out to be gone, so the next ensurePool creates them again. */
export function forgetPools(sc: SharedContext, gone: ReadonlySet<string>): void {
  for (const p of sc.mirror.pools.filter((x) => gone.has(x.id))) {
    const share = shareOf(p);
    if (share) sc.registry.pools.delete(share);
  }
  sc.mirror.pools = sc.mirror.pools.filter((x) => !gone.has(x.id));
  for (const [share, pending] of sc.registry.pools) {
    void pending.then((p) => {
      if (gone.has(p.id) && sc.registry.pools.get(share) === pending) sc.registry.pools.delete(share);
    }, () => undefined);
  }
}

/** Load balancers of every other zone of the account (their pool references). */
export async function otherZonesLbs(client: CloudflareClient, account: string, zoneId: string): Promise<NativeLb[]> {
  const zones = await client.listZones(true);
  const out: NativeLb[] = [];
  for (const z of zones.values()) {
    if (z.id === zoneId || (z.accountId && z.accountId !== account)) continue;
    const res = await client.call((cf) => cf.loadBalancers.list({ zone_id: z.id }));
    out.push(...(res.result as unknown as NativeLb[]));
  }
  return out;
}

/** dnsctl's pools no load balancer of the account names, and monitors no pool names. */
export function findOrphans(state: Pick<LbState, 'pools' | 'monitors'>, allLbs: readonly NativeLb[], graceMs: number, now = Date.now()): OrphanObject[] {
  const refs = referencedPools(allLbs);
  const out: OrphanObject[] = [];
  const age = (o: { created_on?: unknown }) => (created(o) ? Math.max(0, Math.round((now - created(o)) / 1000)) : null);
  const orphanPools = state.pools.filter((p) => poolMarker(p.description) && !refs.has(p.id));
  for (const p of orphanPools) out.push({ kind: 'pool', id: p.id, name: p.name, ageSeconds: age(p), collectable: (age(p) ?? 0) * 1000 >= graceMs });
  const kept = new Set(state.pools.filter((p) => !orphanPools.includes(p)).map((p) => p.monitor).filter((x): x is string => !!x));
  for (const mon of state.monitors.filter((x) => isOwnedMonitor(x) && !kept.has(x.id))) {
    out.push({ kind: 'monitor', id: mon.id, name: monitorIdentity(mon.description), ageSeconds: age(mon), collectable: (age(mon) ?? 0) * 1000 >= graceMs });
  }
  return out;
}

/**
 * Deletes dnsctl's unreferenced pools and monitors that this apply may collect (see the
 * header). The account's other zones are read only when there is something to delete.
 * Per-record pools of layout v1 belong to their zone: this zone's are collected as before.
 */
export async function collectShared(sc: SharedContext, zone: string): Promise<void> {
  const m = sc.mirror;
  const now = Date.now();
  const old = (o: { created_on?: unknown }) => created(o) > 0 && now - created(o) >= sc.graceMs;
  const mine = referencedPools(m.lbs);
  const mayCollect = (p: NativePool): boolean => {
    const marker = poolMarker(p.description);
    if (!marker || mine.has(p.id)) return false;
    if (marker.v !== 2) return marker.z === zone;
    return marker.g === sc.run || sc.usedBefore.has(p.id) || old(p);
  };
  let candidates = m.pools.filter(mayCollect);
  if (candidates.some((p) => shareOf(p) !== undefined)) {
    const others = referencedPools(await otherZonesLbs(sc.client, sc.account, sc.zoneId));
    candidates = candidates.filter((p) => !others.has(p.id));
  }
  const freedMonitors = new Set<string>();
  for (const p of candidates) {
    try {
      await sc.client.call((cf) => cf.loadBalancers.pools.delete(p.id, { account_id: sc.account }));
      sc.registry.stats.poolsDeleted++;
    } catch (e) {
      if (!isNotFound(e)) continue; // still referenced (a concurrent apply took it), or not answered: left
    }
    if (p.monitor) freedMonitors.add(p.monitor);
    forgetPools(sc, new Set([p.id]));
  }
  // pools are the account's: another zone may have dropped its users of a monitor since this zone read them
  if (freedMonitors.size) {
    const res = await sc.client.call((cf) => cf.loadBalancers.pools.list({ account_id: sc.account }));
    m.pools = res.result as unknown as NativePool[];
  }
  const inUse = new Set(m.pools.map((p) => p.monitor).filter((x): x is string => !!x));
  for (const mon of m.monitors.filter((x) => isOwnedMonitor(x) && !inUse.has(x.id) && (runOf(x, 'monitor') === sc.run || freedMonitors.has(x.id) || old(x)))) {
    try {
      await sc.client.call((cf) => cf.loadBalancers.monitors.delete(mon.id, { account_id: sc.account }));
      sc.registry.stats.monitorsDeleted++;
    } catch (e) {
      if (!isNotFound(e)) continue;
    }
    m.monitors = m.monitors.filter((x) => x.id !== mon.id);
    if (sc.registry.monitors.has(monitorIdentity(mon.description))) sc.registry.monitors.delete(monitorIdentity(mon.description));
  }
}
