/**
 * One zone's changes → ChangeResourceRecordSets batches.
 *
 * Each change becomes the diff of its record's native rrsets (live, as listed, against
 * compiled): DELETE of exactly what Route 53 holds, CREATE of what is new, UPSERT of what
 * changed (keyed by name, type and SetIdentifier). A change's operations are never split
 * across requests; inside a change, deletes go first from the rule aliases down to the
 * values, then creates/upserts from the values up to the rules, so every alias target
 * exists whenever Route 53 looks at it. Batches hold at most 1000 ResourceRecord elements
 * and 32,000 value characters, UPSERT counted twice, and go one at a time. A failed batch
 * fails its changes with AWS's message; later batches are not attempted. The CIDR locations
 * a batch's subnet rules reference are put into the `octodns` collection before the batch
 * is sent (blocks are only added).
 */
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  type Change as R53Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { fqdnOf, type DnsRecord } from '../../src/model/record.js';
import type { Change, ChangeResult } from '../../src/plan/types.js';
import { sameRecord } from '../../src/plan/compare.js';
import { awsMessage, errorName, isNetworkError, httpStatus, type Route53Api } from './client.js';
import { EndpointDown } from '../../src/model/endpoint-breaker.js';
import type { CidrCollections, CidrLocation } from './cidr.js';
import { CompileError, compileRecord, layoutLevel, sharedCheckTagName, type CompileContext } from './compile.js';
import { isSharedReference, ownerBody, ownerBodyOf, sharedCreatedAt, type HealthChecks } from './health-checks.js';
import { buildContext, buildDecoded, decodeGroup, groupKey, groupRrsets, normaliseRrset, type DecodeContext, type NativeGroup } from './read.js';

export interface Limits {
  records: number;
  chars: number;
}

/** Every rrset of a hosted zone (names unescaped), paged by name/type/identifier; stops if a page makes no progress. */
export async function listRrsets(api: Route53Api, zoneId: string): Promise<ResourceRecordSet[]> {
  const out: ResourceRecordSet[] = [];
  let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet['Type']; StartRecordIdentifier?: string } = {};
  let prev = '';
  for (;;) {
    const page = await api.call('ListResourceRecordSets', () =>
      api.sdk.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300, ...start })),
    );
    for (const rr of page.ResourceRecordSets ?? []) out.push(normaliseRrset(rr));
    if (!page.IsTruncated || !page.NextRecordName) break;
    const next = `${page.NextRecordName}|${page.NextRecordType ?? ''}|${page.NextRecordIdentifier ?? ''}`;
    if (next === prev || (page.ResourceRecordSets ?? []).length === 0) break;
    prev = next;
    start = {
      StartRecordName: page.NextRecordName,
      ...(page.NextRecordType ? { StartRecordType: page.NextRecordType } : {}),
      ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
  return out;
}

export const rrsetKey = (rr: ResourceRecordSet): string => `${(rr.Name ?? '').toLowerCase()}|${rr.Type}|${rr.SetIdentifier ?? ''}`;

function comparable(rr: ResourceRecordSet): string {
  return JSON.stringify([
    rr.TTL ?? null,
    (rr.ResourceRecords ?? []).map((r) => r.Value ?? '').sort(),
    rr.Weight ?? null,
    rr.Region ?? null,
    rr.GeoLocation ? [rr.GeoLocation.ContinentCode ?? null, rr.GeoLocation.CountryCode ?? null, rr.GeoLocation.SubdivisionCode ?? null] : null,
    rr.Failover ?? null,
    rr.HealthCheckId ?? null,
    rr.MultiValueAnswer ?? null,
    rr.CidrRoutingConfig ? [rr.CidrRoutingConfig.CollectionId ?? null, rr.CidrRoutingConfig.LocationName ?? null] : null,
    rr.AliasTarget ? [(rr.AliasTarget.DNSName ?? '').toLowerCase().replace(/\.?$/, '.'), rr.AliasTarget.EvaluateTargetHealth ?? false] : null,
  ]);
}

export function sameRrset(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  return comparable(a) === comparable(b);
}

/** Records and value characters a list of operations counts for (UPSERT twice). */
export function weigh(ops: R53Change[]): Limits {
  let records = 0;
  let chars = 0;
  for (const op of ops) {
    const f = op.Action === 'UPSERT' ? 2 : 1;
    const rrs = op.ResourceRecordSet?.ResourceRecords ?? [];
    records += rrs.length * f;
    chars += rrs.reduce((n, r) => n + (r.Value ?? '').length, 0) * f;
  }
  return { records, chars };
}

/** The operations turning `current` into `desired`, ordered so each step is valid. */
export function diffRrsets(current: ResourceRecordSet[], desired: ResourceRecordSet[]): R53Change[] {
  const cur = new Map(current.map((r) => [rrsetKey(r), r]));
  const want = new Map(desired.map((r) => [rrsetKey(r), r]));
  const deletes: ResourceRecordSet[] = [];
  const writes: Array<{ action: 'CREATE' | 'UPSERT'; rr: ResourceRecordSet }> = [];
  for (const [k, r] of cur) if (!want.has(k)) deletes.push(r);
  for (const [k, r] of want) {
    const c = cur.get(k);
    if (!c) writes.push({ action: 'CREATE', rr: r });
    else if (!sameRrset(c, r)) writes.push({ action: 'UPSERT', rr: r });
  }
  deletes.sort((a, b) => layoutLevel(b) - layoutLevel(a));
  writes.sort((a, b) => layoutLevel(a.rr) - layoutLevel(b.rr));
  return [...deletes.map((rr): R53Change => ({ Action: 'DELETE', ResourceRecordSet: rr })), ...writes.map((w): R53Change => ({ Action: w.action, ResourceRecordSet: w.rr }))];
}

export interface ZoneApplyContext {
  api: Route53Api;
  checks: HealthChecks;
  zone: string;
  zoneId: string;
  compile: CompileContext;
  decode: DecodeContext;
  /** CIDR collections (subnet rules); the collection id is in `compile.cidrCollectionId` */
  cidr?: CidrCollections;
  limits: Limits;
  /** poll GetChange until INSYNC after the last batch */
  wait: boolean;
  /** unreferenced shared checks younger than this are left (a concurrent apply's) */
  orphanGraceMs: number;
  waitTimeoutMs: number;
  pollMs: number;
  onProgress?: (done: number, total: number) => void;
  /** aborted on an interrupt: the batch in flight completes, no further batch is prepared or sent */
  signal?: AbortSignal;
}

export interface ZoneApplyStats {
  batches: number;
  changeIds: string[];
  /** time from the last batch to INSYNC (wait only) */
  insyncMs?: number;
  /** why waiting for INSYNC stopped early (the changes are applied nonetheless) */
  waitError?: string;
  healthChecksCreated: number;
  healthChecksDeleted: number;
  /** ChangeCidrCollection requests sent (new CIDR locations) */
  cidrRequests: number;
}

interface Unit {
  index: number;
  change: Change;
  ops: R53Change[];
  /** CIDR locations its rrsets reference */
  locations: CidrLocation[];
  weight: Limits;
}

interface Prepared {
  ops: R53Change[];
  locations: CidrLocation[];
}

/** Applies the changes' operations to an in-memory copy of the zone. */
function applyOps(live: Map<string, ResourceRecordSet>, ops: R53Change[]): void {
  for (const op of ops) {
    const rr = op.ResourceRecordSet!;
    if (op.Action === 'DELETE') live.delete(rrsetKey(rr));
    else live.set(rrsetKey(rr), rr);
  }
}

/** After an ambiguous failure: did the batch take effect anyway? */
function batchTookEffect(live: ResourceRecordSet[], ops: R53Change[]): boolean {
  const m = new Map(live.map((r) => [rrsetKey(r), r]));
  return ops.every((op) => {
    const cur = m.get(rrsetKey(op.ResourceRecordSet!));
    return op.Action === 'DELETE' ? cur === undefined : cur !== undefined && sameRrset(cur, op.ResourceRecordSet!);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function applyZoneChanges(ctx: ZoneApplyContext, changes: Change[], liveRrsets: ResourceRecordSet[]): Promise<{ results: ChangeResult[]; stats: ZoneApplyStats }> {
  const { api, zone } = ctx;
  const results: Array<ChangeResult | undefined> = new Array(changes.length).fill(undefined);
  const stats: ZoneApplyStats = { batches: 0, changeIds: [], healthChecksCreated: 0, healthChecksDeleted: 0, cidrRequests: 0 };
  const live = new Map(liveRrsets.map((r) => [rrsetKey(r), r]));
  const groups = groupRrsets(zone, liveRrsets);
  const bctx = buildContext(zone, { lenient: true, sets: new Set(), disabledValidators: new Map() });
  const owners = new Set<string>();
  const createdBefore = ctx.checks.created.length;
  const usedBefore = new Set(liveRrsets.flatMap((rr) => (rr.HealthCheckId ? [rr.HealthCheckId] : [])));
  let done = 0;
  const progress = (n: number) => {
    done += n;
    ctx.onProgress?.(done, changes.length);
  };
  const fail = (i: number, error: string, status: ChangeResult['status'] = 'failed') => {
    results[i] = { change: changes[i]!, status, error };
  };

  /** The change's operations, or an error message (the change is then not sent). */
  const prepare = async (change: Change): Promise<Prepared | string> => {
    const key = groupKey(change.name, change.type);
    const g: NativeGroup | undefined = groups.get(key);
    const fqdn = fqdnOf(change.name, zone);
    const rootNs = change.name === '' && change.type === 'NS';
    let liveRecord: DnsRecord | undefined;
    if (g) {
      const d = decodeGroup(g, ctx.decode);
      if (!d.ok) return `${fqdn} ${change.type} is held by rrsets dnsctl does not manage (${d.reason}); not touched`;
      liveRecord = buildDecoded(g, d.data, bctx, true, []);
      if (!liveRecord) return `${fqdn} ${change.type}: live rrsets do not read as a record; not touched`;
    }
    if (change.kind === 'create' && liveRecord && !rootNs) return `${fqdn} ${change.type} already exists at Route 53`;
    if (change.kind !== 'create') {
      if (!liveRecord) return `${fqdn} ${change.type} no longer exists at Route 53`;
      if (change.existing && !sameRecord(liveRecord, change.existing)) return `${fqdn} ${change.type} changed at Route 53 since the plan was made`;
    }
    if (change.kind === 'delete' && rootNs) return `${fqdn} NS: the zone's root NS cannot be deleted`;
    owners.add(ownerBody(change.type, fqdn));
    let desired: ResourceRecordSet[] = [];
    let locations: CidrLocation[] = [];
    if (change.kind !== 'delete') {
      const compiled = compileRecord({ ...change.desired!, zone }, ctx.compile);
      locations = compiled.locations;
      const ids = new Map<string, string>();
      // a check the record already uses stays (no rrset churn); otherwise the account's shared one
      const prefer = new Set((g ? [...g.main, ...g.helpers] : []).flatMap((rr) => (rr.HealthCheckId ? [rr.HealthCheckId] : [])));
      for (const spec of compiled.checks) ids.set(spec.key, await ctx.checks.ensure(spec, prefer));
      desired = compiled.rrsets.map((rr) => (rr.HealthCheckId ? { ...rr, HealthCheckId: ids.get(rr.HealthCheckId)! } : rr));
    }
    const current = g ? [...g.main, ...g.helpers] : [];
    const ops = diffRrsets(current, desired);
    // the apex NS exists with every zone: a create replaces it
    return { ops: rootNs ? ops.map((op) => (op.Action === 'CREATE' ? { ...op, Action: 'UPSERT' } : op)) : ops, locations };
  };

  /** Puts the CIDR locations a batch references (an error message when that fails). */
  const ensureLocations = async (batch: Unit[]): Promise<string | undefined> => {
    const locations = batch.flatMap((u) => u.locations);
    const collectionId = ctx.compile.cidrCollectionId;
    if (locations.length === 0 || !ctx.cidr || !collectionId) return undefined;
    try {
      stats.cidrRequests += await ctx.cidr.ensure(collectionId, locations);
      return undefined;
    } catch (e) {
      return `CIDR locations: ${awsMessage(e)}`;
    }
  };

  const send = async (batch: Unit[], again = false): Promise<string | undefined> => {
    const ops = batch.flatMap((u) => u.ops);
    if (ops.length === 0) return undefined;
    let ambiguous = false;
    try {
      const out = await api.call(
        'ChangeResourceRecordSets',
        () => api.sdk.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: ctx.zoneId, ChangeBatch: { Comment: `dnsctl: ${batch.length} change(s)`, Changes: ops } })),
        (e) => {
          if (isNetworkError(e) || (httpStatus(e) ?? 0) >= 500) ambiguous = true;
        },
      );
      stats.batches++;
      if (out.ChangeInfo?.Id) stats.changeIds.push(out.ChangeInfo.Id);
      return undefined;
    } catch (e) {
      // a lost response to a batch Route 53 carried out makes its retry fail: look before failing
      if (ambiguous && httpStatus(e) === 400) {
        try {
          if (batchTookEffect(await listRrsets(api, ctx.zoneId), ops)) {
            stats.batches++;
            return undefined;
          }
        } catch {
          /* report the original error */
        }
      }
      // another operator's apply collected a shared check after this one chose it: make it again, send once more
      if (!again && errorName(e) === 'NoSuchHealthCheck') {
        try {
          if (await replaceVanishedChecks(ctx.checks, batch)) return send(batch, true);
        } catch {
          /* report the original error */
        }
      }
      return awsMessage(e);
    }
  };

  let batch: Unit[] = [];
  let weight: Limits = { records: 0, chars: 0 };
  let stopped: string | undefined;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    weight = { records: 0, chars: 0 };
    const error = (await ensureLocations(current)) ?? (await send(current));
    for (const u of current) {
      if (error) fail(u.index, error);
      else {
        results[u.index] = { change: u.change, status: 'applied' };
        // each record appears once in a plan, so its group needs no refresh
        applyOps(live, u.ops);
      }
    }
    progress(current.length);
    if (error) stopped = error;
  };

  const INTERRUPTED = 'interrupted';
  for (let i = 0; i < changes.length && !stopped; i++) {
    // before preparing (which may create health checks) and before any batch is sent
    if (ctx.signal?.aborted) {
      stopped = INTERRUPTED;
      break;
    }
    const change = changes[i]!;
    let prepared: Prepared | string;
    try {
      prepared = await prepare(change);
    } catch (e) {
      if (e instanceof EndpointDown) {
        // the circuit is open: this change failed, the rest are not attempted
        fail(i, e.message);
        progress(1);
        stopped = e.message;
        break;
      }
      prepared = e instanceof CompileError ? e.message : `health checks for ${fqdnOf(change.name, zone)} ${change.type}: ${awsMessage(e)}`;
    }
    if (typeof prepared === 'string') {
      fail(i, prepared);
      progress(1);
      continue;
    }
    const w = weigh(prepared.ops);
    if (w.records > ctx.limits.records || w.chars > ctx.limits.chars) {
      fail(i, `${fqdnOf(change.name, zone)} ${change.type} needs ${w.records} records / ${w.chars} value characters, more than one Route 53 request takes (${ctx.limits.records} / ${ctx.limits.chars})`);
      progress(1);
      continue;
    }
    if (batch.length && (weight.records + w.records > ctx.limits.records || weight.chars + w.chars > ctx.limits.chars)) {
      if (ctx.signal?.aborted) stopped = INTERRUPTED;
      else await flush();
    }
    if (stopped) break;
    batch.push({ index: i, change, ops: prepared.ops, locations: prepared.locations, weight: w });
    weight = { records: weight.records + w.records, chars: weight.chars + w.chars };
  }
  if (!stopped && ctx.signal?.aborted) stopped = INTERRUPTED;
  if (!stopped) await flush();
  for (let i = 0; i < changes.length; i++) {
    if (results[i]) continue;
    const down = api.breaker.open;
    const why =
      stopped === INTERRUPTED
        ? 'not attempted: the apply was interrupted'
        : down
          ? `not attempted: ${down.message} (circuit open)`
          : `not attempted: an earlier batch failed (${stopped ?? 'stopped'})`;
    results[i] = { change: changes[i]!, status: 'not-attempted', error: why };
  }

  // (after an interrupt, health checks made for an unsent batch are still collected below)
  if (ctx.wait && stats.changeIds.length && stopped !== INTERRUPTED) {
    const t0 = Date.now();
    try {
      for (const id of [...stats.changeIds].reverse()) {
        for (;;) {
          const out = await api.call('GetChange', () => api.sdk.send(new GetChangeCommand({ Id: id })));
          if (out.ChangeInfo?.Status === 'INSYNC') break;
          if (Date.now() - t0 > ctx.waitTimeoutMs) throw new Error(`change ${id} not INSYNC after ${ctx.waitTimeoutMs} ms`);
          await sleep(ctx.pollMs);
        }
      }
      stats.insyncMs = Date.now() - t0;
    } catch (e) {
      stats.waitError = e instanceof Error && !('$metadata' in e) ? e.message : awsMessage(e);
    }
  }

  // health checks nothing references any more: those this zone used before the apply, those
  // this run created, octoDNS-format ones of the changed records, and shared ones past the
  // grace period; never one an rrset of any hosted zone of the account still names
  try {
    stats.healthChecksDeleted = (await collectHealthChecks(ctx, { usedBefore, owners, createdThisRun: new Set(ctx.checks.created.slice(createdBefore)), live: [...live.values()] })).length;
  } catch {
    /* left for the next apply; the changes themselves are done */
  }
  stats.healthChecksCreated = ctx.checks.created.length - createdBefore;
  return { results: results as ChangeResult[], stats };
}

/** Health-check ids the rrsets of every hosted zone of the account except `zoneId` reference. */
export async function referencedElsewhere(api: Route53Api, zoneId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let marker: string | undefined;
  const zones: string[] = [];
  for (;;) {
    const out = await api.call('ListHostedZones', () => api.sdk.send(new ListHostedZonesCommand({ ...(marker ? { Marker: marker } : {}), MaxItems: 100 })));
    for (const z of out.HostedZones ?? []) if (z.Id) zones.push(z.Id.replace(/^\/hostedzone\//, ''));
    if (!out.IsTruncated || !out.NextMarker || out.NextMarker === marker) break;
    marker = out.NextMarker;
  }
  for (const id of zones) {
    if (id === zoneId) continue;
    for (const rr of await listRrsets(api, id)) if (rr.HealthCheckId) ids.add(rr.HealthCheckId);
  }
  return ids;
}

interface CollectInput {
  /** check ids this zone's rrsets named when the apply started */
  usedBefore: ReadonlySet<string>;
  /** owner bodies (`<TYPE>:<fqdn>:`) of the changed records: their octoDNS-format checks */
  owners: ReadonlySet<string>;
  createdThisRun: ReadonlySet<string>;
  /** this zone's rrsets after the apply */
  live: ResourceRecordSet[];
}

/** Deletes the checks this apply may collect (see the call site); returns the deleted ids. */
async function collectHealthChecks(ctx: ZoneApplyContext, input: CollectInput): Promise<string[]> {
  const all = await ctx.checks.all();
  const here = new Set(input.live.flatMap((rr) => (rr.HealthCheckId ? [rr.HealthCheckId] : [])));
  const now = Date.now();
  const candidates = [...all.values()].filter((hc) => {
    if (here.has(hc.id)) return false;
    const ref = hc.callerReference;
    if (input.usedBefore.has(hc.id) || input.createdThisRun.has(hc.id)) return ownerBodyOf(ref) !== undefined || isSharedReference(ref);
    const body = ownerBodyOf(ref);
    if (body !== undefined) return input.owners.has(body);
    const at = sharedCreatedAt(ref);
    return at !== undefined && now - at >= ctx.orphanGraceMs;
  });
  if (candidates.length === 0) return [];
  const elsewhere = await referencedElsewhere(ctx.api, ctx.zoneId);
  return ctx.checks.delete(candidates.filter((hc) => !elsewhere.has(hc.id)).map((hc) => hc.id));
}

/**
 * Rewrites the batch's rrsets that name a health check which no longer exists to the check
 * with the same config (found again, or created). Returns whether anything was replaced.
 */
async function replaceVanishedChecks(checks: HealthChecks, batch: Array<{ ops: R53Change[] }>): Promise<boolean> {
  const known = await checks.all();
  const named = new Set(batch.flatMap((u) => u.ops.flatMap((op) => (op.Action !== 'DELETE' && op.ResourceRecordSet?.HealthCheckId ? [op.ResourceRecordSet.HealthCheckId] : []))));
  const configs = new Map([...named].flatMap((id) => (known.get(id) ? [[id, known.get(id)!.config] as const] : [])));
  checks.invalidate();
  const now = await checks.all();
  const replaced = new Map<string, string>();
  for (const [id, config] of configs) if (!now.has(id)) replaced.set(id, await checks.ensure({ key: id, config, tagName: sharedCheckTagName(config) }));
  if (replaced.size === 0) return false;
  for (const u of batch) {
    u.ops = u.ops.map((op) => {
      const id = op.Action !== 'DELETE' ? op.ResourceRecordSet?.HealthCheckId : undefined;
      return id && replaced.has(id) ? { ...op, ResourceRecordSet: { ...op.ResourceRecordSet!, HealthCheckId: replaced.get(id)! } } : op;
    });
  }
  return true;
}
