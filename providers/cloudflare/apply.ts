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
import type { ApplyOptions } from '../../src/model/provider.js';
import type { DnsRecord, Value } from '../../src/model/record.js';
import { typeSpec } from '../../src/model/types/index.js';
import { stableJson } from '../../src/plan/compare.js';
import type { Change, ChangeResult } from '../../src/plan/types.js';
import { cloudflareMessage, type CloudflareClient, type ZoneInfo } from './client.js';
import { compileLb, lbFingerprint, parseOwned, recordBodies, resolveLbBody, type CompileOptions, type LbMeta, type RecordBody } from './compile.js';
import { modelType, modelValue, type LbState, type NativeLb, type NativeRecord } from './read.js';
import {
  collectShared,
  DEFAULT_ORPHAN_GRACE_S,
  ensurePool,
  forgetPools,
  missingPools,
  newRunNonce,
  referencedPools,
  SharedRegistry,
  type SharedContext,
} from './shared-objects.js';

export interface ApplyContext {
  client: CloudflareClient;
  zone: ZoneInfo;
  /** undefined when the account has no Load Balancing */
  accountId: string | undefined;
  compile: CompileOptions;
  batchLimit: number;
  records: NativeRecord[];
  lb: LbState | undefined;
  /** what the provider's zones share in one process (creates in flight); default: this zone's own */
  registry?: SharedRegistry;
  /** unreferenced objects younger than this are left to a concurrent apply (default 1 h) */
  orphanGraceMs?: number;
  /** regions evacuated in this zone: pools created for them start disabled */
  offRegions?: ReadonlySet<string>;
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
  const sc: SharedContext | undefined =
    lb && ctx.accountId
      ? {
          client: ctx.client,
          account: ctx.accountId,
          zoneId: ctx.zone.id,
          registry: ctx.registry ?? new SharedRegistry(),
          run: newRunNonce(),
          graceMs: ctx.orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_S * 1000,
          mirror: lb,
          usedBefore: referencedPools(lb.lbs),
          ...(ctx.offRegions ? { offRegions: ctx.offRegions } : {}),
        }
      : undefined;
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

  // the endpoint's circuit is open (refused for the breaker's patience): nothing more is sent
  const down = (): boolean => {
    const open = ctx.client.breaker.open;
    if (!open) return false;
    for (const w of work) {
      if (w.status !== 'pending') continue;
      w.status = 'not-attempted';
      w.error = `not attempted: ${open.message} (circuit open)`;
    }
    return true;
  };

  // 1. load balancing writes
  for (const w of work) {
    if (!w.lbWrite) continue;
    if (interrupted() || down()) break;
    if (!sc) {
      w.status = 'failed';
      w.error = 'Load Balancing is not available on this account: dynamic records cannot be written (plan again to fall back to static values)';
      continue;
    }
    try {
      await writeLb(ctx, sc, w.lbWrite);
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
    if (interrupted() || down()) break;
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
      down();
    }
  }

  // 3. load balancing deletes
  for (const w of work) {
    if (w.status !== 'pending' || !w.lbDelete || !sc) continue;
    if (interrupted() || down()) break;
    try {
      await deleteLb(ctx, sc.mirror, w.lbDelete);
      lbDeleted.add(w);
    } catch (e) {
      w.status = 'failed';
      w.error = cloudflareMessage(e);
    }
  }
  // shared objects nothing references any more (this run's, this zone's former, or past the grace period)
  if (sc && !opts.signal?.aborted && !ctx.client.breaker.open) await collectShared(sc, zone).catch(() => undefined);

  return work.map((w) => {
    finish();
    if (w.status === 'pending') return { change: w.change, status: 'applied' };
    const r: ChangeResult = { change: w.change, status: w.status };
    if (w.error) r.error = w.error;
    return r;
  });
}

// ---------------------------------------------------------------- load balancing

type Mirror = LbState;

/**
 * Writes one dynamic record: its monitor and pools are the account's shared objects with
 * that content (found, or created once per run), then its load balancer. Shared objects are
 * never rewritten; what the record stops using is left to the collection at the end.
 * Another zone's clean-up may delete a pool between this zone's read and its write: the
 * load balancer write then finds which pools are gone, makes them again and retries once.
 */
async function writeLb(ctx: ApplyContext, sc: SharedContext, record: DnsRecord): Promise<void> {
  const m = sc.mirror;
  const spec = compileLb(record, ctx.compile);
  const zone = ctx.zone.name;
  const foreign = m.lbs.find((x) => relName(x.name, zone) === record.name && !parseOwned<LbMeta>(x.description));
  if (foreign) throw new Error(`load balancer ${withDot(foreign.name)} exists and is not managed by dnsctl (no "dnsctl:" marker); it is left alone`);
  const other = m.lbs.find((x) => relName(x.name, zone) === record.name && parseOwned<LbMeta>(x.description)?.type !== record.type);
  if (other) throw new Error(`load balancer ${withDot(other.name)} already serves the ${parseOwned<LbMeta>(other.description)?.type} record at this name; Cloudflare holds one load balancer per name`);
  const live = m.lbs.find((x) => relName(x.name, zone) === record.name && parseOwned<LbMeta>(x.description)?.type === record.type);
  const prefer = live ? referencedPools([live]) : new Set<string>();

  const resolve = async (fresh: ReadonlySet<string>) => {
    const ids = new Map<string | null, string>();
    for (const ps of spec.pools) ids.set(ps.key, await ensurePool(sc, ps, spec.monitor, prefer, fresh.has(ps.share)));
    return ids;
  };
  const write = async (ids: Map<string | null, string>) => {
    const body = resolveLbBody(spec.lb, (k) => ids.get(k) ?? '');
    const cur = m.lbs.find((x) => x.id === live?.id);
    if (cur) {
      if (lbFingerprint(cur) !== lbFingerprint(body) || cur.description !== body['description']) {
        const updated = await ctx.client.call((cf) => cf.loadBalancers.update(cur.id, { zone_id: ctx.zone.id, ...body } as never));
        m.lbs[m.lbs.indexOf(cur)] = updated as unknown as NativeLb;
      }
    } else {
      const created = await ctx.client.call((cf) => cf.loadBalancers.create({ zone_id: ctx.zone.id, ...body } as never));
      m.lbs.push(created as unknown as NativeLb);
    }
  };
  const ids = await resolve(new Set());
  try {
    await write(ids);
  } catch (e) {
    const gone = await missingPools(sc, [...ids.values()]).catch(() => new Set<string>());
    if (gone.size === 0) throw e;
    forgetPools(sc, gone);
    const shares = new Set(spec.pools.filter((ps) => gone.has(ids.get(ps.key) ?? '')).map((ps) => ps.share));
    await write(await resolve(shares));
  }
}

/** Deletes one dynamic record's load balancer; its pools are collected once unreferenced. */
async function deleteLb(ctx: ApplyContext, m: Mirror, live: NativeLb): Promise<void> {
  const meta = parseOwned<LbMeta>(live.description);
  if (!meta) throw new Error(`load balancer ${live.name} is not managed by dnsctl; it is left alone`);
  await ctx.client.call((cf) => cf.loadBalancers.delete(live.id, { zone_id: ctx.zone.id }));
  m.lbs.splice(m.lbs.indexOf(live), 1);
}
