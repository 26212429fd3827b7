/**
 * Carries out one zone's changes on Cloudflare.
 *
 * 1. Load Balancing writes (dynamic records created or updated), per record in dependency
 *    order: monitor → pools → load balancer, then the record's pools no longer used.
 * 2. Plain records through `POST /dns_records/batch`: every change's record operations
 *    (deletes, in-place puts, posts) flattened in change order and cut into
 *    ceil(items / batch_limit) batches. A failed batch fails its changes; nothing after
 *    it is attempted.
 * 3. Load Balancing deletes (dynamic records deleted or turned plain), in reverse:
 *    load balancer → pools; then monitors no pool uses any more.
 * Only objects carrying dnsctl's marker are ever modified or deleted.
 */
import type Cloudflare from 'cloudflare';
import { APIError } from 'cloudflare';
import type { ApplyOptions } from '../../src/model/provider.js';
import type { DnsRecord, Value } from '../../src/model/record.js';
import { typeSpec } from '../../src/model/types/index.js';
import { stableJson } from '../../src/plan/compare.js';
import type { Change, ChangeResult } from '../../src/plan/types.js';
import { cloudflareMessage, type CloudflareClient, type ZoneInfo } from './client.js';
import {
  compileLb,
  lbFingerprint,
  originsFingerprint,
  parseOwned,
  recordBodies,
  resolveLbBody,
  type CompileOptions,
  type LbMeta,
  type PoolMeta,
  type PoolSpec,
  type RecordBody,
} from './compile.js';
import { modelType, modelValue, type LbState, type NativeLb, type NativePool, type NativeRecord } from './read.js';

export interface ApplyContext {
  client: CloudflareClient;
  zone: ZoneInfo;
  /** undefined when the account has no Load Balancing */
  accountId: string | undefined;
  compile: CompileOptions;
  batchLimit: number;
  records: NativeRecord[];
  lb: LbState | undefined;
}

type Item = { op: 'delete'; id: string } | { op: 'put'; id: string; body: RecordBody } | { op: 'post'; body: RecordBody };

interface Work {
  change: Change;
  status: 'pending' | 'failed' | 'not-attempted';
  error?: string;
  lbWrite?: DnsRecord;
  lbDelete?: NativeLb;
  items: Item[];
}

const withDot = (s: string) => (s.endsWith('.') ? s : `${s}.`);

function relName(fqdn: string, zone: string): string | undefined {
  const f = withDot(fqdn.toLowerCase());
  if (f === zone) return '';
  return f.endsWith(`.${zone}`) ? f.slice(0, -zone.length - 1) : undefined;
}

/** Record operations that turn the live records of one name/type into the desired bodies. */
function reconcile(type: DnsRecord['type'], live: NativeRecord[], desired: RecordBody[], desiredValues: Value[]): Item[] {
  const spec = typeSpec(type);
  const norm = (v: unknown) => stableJson(spec.normalise(v, { escapedSemicolons: true }));
  const liveByValue = new Map<string, NativeRecord>();
  const extra: NativeRecord[] = [];
  for (const r of live) {
    const k = norm(modelValue(type, r));
    if (liveByValue.has(k)) extra.push(r);
    else liveByValue.set(k, r);
  }
  const items: Item[] = [];
  const adds: RecordBody[] = [];
  desired.forEach((body, i) => {
    const k = norm(desiredValues[i]);
    const cur = liveByValue.get(k);
    if (!cur) {
      adds.push(body);
      return;
    }
    liveByValue.delete(k);
    const same =
      cur.ttl === body.ttl &&
      (cur.proxied === true) === (body.proxied === true) &&
      (cur.comment ?? '') === (body.comment ?? '') &&
      stableJson([...(cur.tags ?? [])].sort()) === stableJson(body.tags ?? []);
    if (!same) items.push({ op: 'put', id: cur.id, body });
  });
  const removes = [...liveByValue.values(), ...extra];
  for (const body of adds) {
    const r = removes.shift();
    items.push(r ? { op: 'put', id: r.id, body } : { op: 'post', body });
  }
  for (const r of removes) items.push({ op: 'delete', id: r.id });
  return items;
}

export async function applyChanges(ctx: ApplyContext, changes: Change[], opts: ApplyOptions): Promise<ChangeResult[]> {
  const zone = ctx.zone.name;
  const byKey = new Map<string, NativeRecord[]>();
  for (const r of ctx.records) {
    const name = relName(r.name, zone);
    if (name === undefined) continue;
    const k = `${name}\u0000${modelType(r.type, name)}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const lb = ctx.lb ? { lbs: [...ctx.lb.lbs], pools: [...ctx.lb.pools], monitors: [...ctx.lb.monitors] } : undefined;
  const ownedLb = (name: string, type: string): NativeLb | undefined =>
    lb?.lbs.find((x) => relName(x.name, zone) === name && parseOwned<LbMeta>(x.description)?.type === type);

  const work: Work[] = changes.map((change) => {
    const w: Work = { change, status: 'pending', items: [] };
    const desired = change.kind === 'delete' ? undefined : change.desired;
    const live = byKey.get(`${change.name}\u0000${change.type}`) ?? [];
    const liveLb = ownedLb(change.name, change.type);
    if (desired?.dynamic) {
      w.lbWrite = { ...desired, zone };
      // plain records of the same name and type are shadowed by the load balancer: remove them
      w.items = reconcile(change.type, live, [], []);
    } else {
      const plain = desired ? { ...desired, zone } : undefined;
      w.items = reconcile(change.type, live, plain ? recordBodies(plain, ctx.compile) : [], plain?.values ?? []);
      if (liveLb) w.lbDelete = liveLb;
    }
    return w;
  });

  let done = 0;
  const finish = () => opts.onProgress?.(++done, changes.length);
  // what of each change has been written, so an interrupt can tell applied, part-applied and unattempted apart
  const lbWritten = new Set<Work>();
  const lbDeleted = new Set<Work>();
  const itemsSent = new Map<Work, number>();
  const interrupted = (): boolean => {
    if (!opts.signal?.aborted) return false;
    for (const w of work) {
      if (w.status !== 'pending') continue;
      const sent = itemsSent.get(w) ?? 0;
      const lbDone = (!w.lbWrite || lbWritten.has(w)) && (!w.lbDelete || lbDeleted.has(w));
      if (lbDone && sent === w.items.length) continue; // fully written: applied
      if (sent > 0 || lbWritten.has(w)) {
        w.status = 'failed';
        w.error = 'interrupted after part of this change was written; plan again to see what is left';
      } else w.status = 'not-attempted';
    }
    return true;
  };

  // 1. load balancing writes
  for (const w of work) {
    if (!w.lbWrite) continue;
    if (interrupted()) break;
    if (!lb || !ctx.accountId) {
      w.status = 'failed';
      w.error = 'Load Balancing is not available on this account: dynamic records cannot be written (plan again to fall back to static values)';
      continue;
    }
    try {
      await writeLb(ctx, lb, w.lbWrite, ctx.accountId);
      lbWritten.add(w);
    } catch (e) {
      w.status = 'failed';
      w.error = cloudflareMessage(e);
    }
  }

  // 2. plain records in batches
  const flat: Array<{ w: Work; item: Item }> = [];
  for (const w of work) if (w.status === 'pending') for (const item of w.items) flat.push({ w, item });
  let stopped = false;
  for (let i = 0; i < flat.length && !stopped; i += ctx.batchLimit) {
    if (interrupted()) break;
    const chunk = flat.slice(i, i + ctx.batchLimit).filter((c) => c.w.status === 'pending');
    if (chunk.length === 0) continue;
    const body = {
      zone_id: ctx.zone.id,
      deletes: chunk.flatMap((c) => (c.item.op === 'delete' ? [{ id: c.item.id }] : [])),
      puts: chunk.flatMap((c) => (c.item.op === 'put' ? [{ id: c.item.id, ...c.item.body }] : [])),
      posts: chunk.flatMap((c) => (c.item.op === 'post' ? [c.item.body] : [])),
    };
    for (const k of ['deletes', 'puts', 'posts'] as const) if (body[k].length === 0) delete (body as Partial<typeof body>)[k];
    try {
      await ctx.client.call((cf: Cloudflare) => cf.dns.records.batch(body as unknown as Parameters<Cloudflare['dns']['records']['batch']>[0]));
      for (const c of chunk) itemsSent.set(c.w, (itemsSent.get(c.w) ?? 0) + 1);
    } catch (e) {
      stopped = true;
      const msg = `batch of ${chunk.length} record operation(s) refused: ${cloudflareMessage(e)}`;
      const inChunk = new Set(chunk.map((c) => c.w));
      for (const w of inChunk) {
        w.status = 'failed';
        const partial = flat.findIndex((c) => c.w === w) < i;
        w.error = partial ? `${msg} (earlier operations of this change were applied)` : msg;
      }
      for (const c of flat.slice(i + ctx.batchLimit)) if (c.w.status === 'pending') c.w.status = 'not-attempted';
      for (const w of work) if (w.status === 'pending' && w.lbDelete) w.status = 'not-attempted';
    }
  }

  // 3. load balancing deletes
  for (const w of work) {
    if (w.status !== 'pending' || !w.lbDelete || !lb || !ctx.accountId) continue;
    if (interrupted()) break;
    try {
      await deleteLb(ctx, lb, w.lbDelete, ctx.accountId);
      lbDeleted.add(w);
    } catch (e) {
      w.status = 'failed';
      w.error = cloudflareMessage(e);
    }
  }
  if (lb && ctx.accountId && !opts.signal?.aborted) await collectGarbage(ctx, lb, ctx.accountId).catch(() => undefined);

  return work.map((w) => {
    finish();
    if (w.status === 'pending') return { change: w.change, status: 'applied' };
    const r: ChangeResult = { change: w.change, status: w.status };
    if (w.error) r.error = w.error;
    return r;
  });
}

// ---------------------------------------------------------------- load balancing

/** The monitor is still there (a 404 says it is not; any other failure is not taken as an answer). */
async function monitorExists(ctx: Pick<ApplyContext, 'client'>, id: string, account: string): Promise<boolean> {
  try {
    await ctx.client.call((cf) => cf.loadBalancers.monitors.get(id, { account_id: account }));
    return true;
  } catch (e) {
    return !(e instanceof APIError && e.status === 404);
  }
}

type Mirror = LbState;

function poolMetaOf(p: NativePool): PoolMeta | undefined {
  return parseOwned<PoolMeta>(p.description);
}

function referencedPools(lbs: NativeLb[]): Set<string> {
  const ids = new Set<string>();
  for (const x of lbs) {
    for (const id of (x['default_pools'] as string[] | undefined) ?? []) ids.add(id);
    if (x['fallback_pool']) ids.add(String(x['fallback_pool']));
    for (const m of [x['region_pools'], x['country_pools'], x['pop_pools']]) for (const v of Object.values((m ?? {}) as Record<string, string[]>)) v.forEach((i) => ids.add(i));
  }
  return ids;
}

function poolBody(spec: PoolSpec, monitorId: string, enabled: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: spec.name,
    description: spec.description,
    origins: spec.origins,
    enabled,
    minimum_origins: 1,
  };
  if (spec.monitored) body['monitor'] = monitorId;
  if (spec.checkRegions) body['check_regions'] = spec.checkRegions;
  return body;
}

async function writeLb(ctx: ApplyContext, m: Mirror, record: DnsRecord, account: string): Promise<void> {
  const spec = compileLb(record, ctx.compile);
  const zone = ctx.zone.name;
  const foreign = m.lbs.find((x) => relName(x.name, zone) === record.name && !parseOwned<LbMeta>(x.description));
  if (foreign) throw new Error(`load balancer ${withDot(foreign.name)} exists and is not managed by dnsctl (no "dnsctl:" marker); it is left alone`);
  const other = m.lbs.find((x) => relName(x.name, zone) === record.name && parseOwned<LbMeta>(x.description)?.type !== record.type);
  if (other) throw new Error(`load balancer ${withDot(other.name)} already serves the ${parseOwned<LbMeta>(other.description)?.type} record at this name; Cloudflare holds one load balancer per name`);
  const live = m.lbs.find((x) => relName(x.name, zone) === record.name && parseOwned<LbMeta>(x.description)?.type === record.type);
  const liveRefs = live ? referencedPools([live]) : new Set<string>();

  // monitor (shared by every record with the same health check)
  const createMonitor = async (): Promise<Mirror['monitors'][number]> => {
    const created = (await ctx.client.call((cf) => cf.loadBalancers.monitors.create({ account_id: account, ...spec.monitor.body } as never))) as unknown as Mirror['monitors'][number];
    m.monitors.push(created);
    return created;
  };
  let monitor = m.monitors.find((x) => x.description === spec.monitor.description) ?? (await createMonitor());
  /**
   * A pool write naming the shared monitor. Another zone's apply (in this process or
   * another) may have collected that monitor after this zone read the account: if the
   * write fails and the monitor is gone, it is made again and the write retried once.
   */
  const withMonitor = async <T>(monitored: boolean, write: (monitorId: string) => Promise<T>): Promise<T> => {
    try {
      return await write(monitor.id);
    } catch (e) {
      if (!monitored || (await monitorExists(ctx, monitor.id, account))) throw e;
      m.monitors.splice(m.monitors.indexOf(monitor), 1);
      monitor = await createMonitor();
      return write(monitor.id);
    }
  };

  // pools
  const used = new Set<string>();
  const ids = new Map<string | null, string>();
  const mine = (p: NativePool) => {
    const pm = poolMetaOf(p);
    return pm && pm.z === zone && pm.n === record.name && pm.t === record.type ? pm : undefined;
  };
  for (const ps of spec.pools) {
    const candidates = m.pools.filter((p) => !used.has(p.id) && mine(p)?.p === ps.key);
    const cur = candidates.find((p) => liveRefs.has(p.id)) ?? candidates[0];
    if (cur) {
      used.add(cur.id);
      ids.set(ps.key, cur.id);
      const same =
        originsFingerprint(cur.origins ?? []) === originsFingerprint(ps.origins) &&
        cur.name === ps.name &&
        (!ps.monitored || cur.monitor === monitor.id) &&
        stableJson(cur.check_regions ?? null) === stableJson(ps.checkRegions);
      if (!same) {
        // pool-level enabled is an operator's lever: kept
        const updated = await withMonitor(ps.monitored, (id) => ctx.client.call((cf) => cf.loadBalancers.pools.update(cur.id, { account_id: account, ...poolBody(ps, id, cur.enabled !== false) } as never)));
        m.pools[m.pools.indexOf(cur)] = updated as unknown as NativePool;
      }
    } else {
      const created = (await withMonitor(ps.monitored, (id) => ctx.client.call((cf) => cf.loadBalancers.pools.create({ account_id: account, ...poolBody(ps, id, true) } as never)))) as unknown as NativePool;
      m.pools.push(created);
      used.add(created.id);
      ids.set(ps.key, created.id);
    }
  }

  // load balancer
  const body = resolveLbBody(spec.lb, (k) => ids.get(k) ?? '');
  if (live) {
    if (lbFingerprint(live) !== lbFingerprint(body) || live.description !== body['description']) {
      const updated = await ctx.client.call((cf) => cf.loadBalancers.update(live.id, { zone_id: ctx.zone.id, ...body } as never));
      m.lbs[m.lbs.indexOf(live)] = updated as unknown as NativeLb;
    }
  } else {
    const created = await ctx.client.call((cf) => cf.loadBalancers.create({ zone_id: ctx.zone.id, ...body } as never));
    m.lbs.push(created as unknown as NativeLb);
  }

  // this record's pools no longer used
  const refs = referencedPools(m.lbs);
  for (const p of m.pools.filter((x) => mine(x) && !used.has(x.id) && !refs.has(x.id))) {
    await ctx.client.call((cf) => cf.loadBalancers.pools.delete(p.id, { account_id: account }));
    m.pools.splice(m.pools.indexOf(p), 1);
  }
}

async function deleteLb(ctx: ApplyContext, m: Mirror, live: NativeLb, account: string): Promise<void> {
  const meta = parseOwned<LbMeta>(live.description);
  if (!meta) throw new Error(`load balancer ${live.name} is not managed by dnsctl; it is left alone`);
  await ctx.client.call((cf) => cf.loadBalancers.delete(live.id, { zone_id: ctx.zone.id }));
  m.lbs.splice(m.lbs.indexOf(live), 1);
  const name = relName(live.name, ctx.zone.name);
  const refs = referencedPools(m.lbs);
  for (const p of m.pools.filter((x) => {
    const pm = poolMetaOf(x);
    return pm && pm.z === ctx.zone.name && pm.n === name && pm.t === meta.type && !refs.has(x.id);
  })) {
    await ctx.client.call((cf) => cf.loadBalancers.pools.delete(p.id, { account_id: account }));
    m.pools.splice(m.pools.indexOf(p), 1);
  }
}

/**
 * Removes what an interrupted apply may have left: dnsctl's pools of this zone that no load
 * balancer uses, and dnsctl's monitors that no pool uses. Foreign objects are never touched.
 */
export async function collectGarbage(ctx: Pick<ApplyContext, 'client' | 'zone'>, m: Mirror, account: string): Promise<void> {
  const refs = referencedPools(m.lbs);
  for (const p of m.pools.filter((x) => poolMetaOf(x)?.z === ctx.zone.name && !refs.has(x.id))) {
    await ctx.client.call((cf) => cf.loadBalancers.pools.delete(p.id, { account_id: account }));
    m.pools.splice(m.pools.indexOf(p), 1);
  }
  const monitorsInUse = new Set(m.pools.map((p) => p.monitor).filter((x): x is string => !!x));
  for (const mon of m.monitors.filter((x) => x.description?.startsWith('dnsctl:') && !monitorsInUse.has(x.id))) {
    await ctx.client.call((cf) => cf.loadBalancers.monitors.delete(mon.id, { account_id: account }));
    m.monitors.splice(m.monitors.indexOf(mon), 1);
  }
}
