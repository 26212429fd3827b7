/**
 * The Route 53 provider: reads and writes hosted zones through the real AWS SDK, with
 * dynamic records in octodns-route53's layout (README.md in this folder).
 *
 * Options (octodns-route53's names where it has them):
 *   access_key_id, secret_access_key, session_token   credentials (else the SDK's default chain)
 *   endpoint                 API endpoint (else AWS_ENDPOINT_URL_ROUTE_53, else AWS)
 *   region                   SDK region (default us-east-1; Route 53 is global)
 *   max_changes              ResourceRecord elements per request (default 1000)
 *   max_value_chars          value characters per request (default 32000)
 *   client_max_attempts      attempts per API call, retries included (default 10)
 *   retry_base_ms, retry_max_ms   backoff (full jitter) ceilings (default 200 / 20000)
 *   requests_per_second      client-side pacing of API calls (default 5; 0 = off)
 *   timeout                  seconds before an unanswered request is abandoned and retried (default 60)
 *   health_check_interval_ms refill of the CreateHealthCheck bucket, burst 50 (default 2000: AWS's 0.5/s)
 *   orphan_grace             seconds an unreferenced shared health check is left before apply deletes it (3600)
 *   wait                     poll GetChange until INSYNC after applying (default false)
 *   wait_timeout             seconds to wait for INSYNC (default 600); wait_poll_ms (default 2000)
 *   regions                  {dnsctl region id: Route 53 region} (default: the id itself)
 *   strict_supports, update_pcent_threshold, delete_pcent_threshold, apply_disabled   as octoDNS
 *   delegation_set_id, get_zones_by_name   octodns-route53's: accepted, no effect (a warning)
 */
import { CreateHostedZoneCommand, ListHostedZonesByNameCommand, ListHostedZonesCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { parseThresholds, ProviderOptionError, type OptionNames } from '../../src/config/provider-options.js';
import type { ApplyOptions, Capabilities, ConstrainResult, PopulateOptions, PopulateResult, Provider } from '../../src/model/provider.js';
import type { DnsRecord, JsonObject } from '../../src/model/record.js';
import type { Change, ChangeResult } from '../../src/plan/types.js';
import { applyZoneChanges, listRrsets, type ZoneApplyStats } from './apply.js';
import { ROUTE53_CAPABILITIES, ROUTE53_BATCH_LIMIT, ROUTE53_VALUE_CHARS_LIMIT } from './capabilities.js';
import { CidrCollections, type CidrBlocks } from './cidr.js';
import { awsMessage, errorName, Route53Api, type ClientOptions } from './client.js';
import { APPLY_PATIENCE_MS, EndpointDown } from '../../src/model/endpoint-breaker.js';
import { compileRecord, hasSubnetRules, type CompileContext } from './compile.js';
import { constrainRoute53 } from './constraints.js';
import { HealthChecks } from './health-checks.js';
import { route53SharedObjects } from './shared-cost.js';
import type { PlannedZoneChanges, SharedObjectsReport } from '../../src/plan/shared-objects.js';
import { Route53Control } from './control.js';
import { createHostedZoneOnce, duplicateZonesMessage } from './hosted-zone-create.js';
import { Route53Breakglass, switchIndex, switchIndexRrset, switchReference, switchSpec } from './breakglass.js';
import { buildContext, buildDecoded, decodeGroup, decodeZone, groupKey, groupRrsets, type DecodeContext } from './read.js';

export { ROUTE53_CAPABILITIES } from './capabilities.js';

/** One zone as populate read it, handed back to apply as its base. */
interface ReadBase {
  zone: string;
  zoneId: string;
  rrsets: ResourceRecordSet[];
  decode: DecodeContext;
}

export class Route53OptionsError extends ProviderOptionError {}

export interface Route53Options {
  client: ClientOptions;
  maxChanges: number;
  maxValueChars: number;
  healthCheckIntervalMs: number;
  orphanGraceMs: number;
  wait: boolean;
  waitTimeoutMs: number;
  waitPollMs: number;
  regions: Record<string, string>;
  strictSupports: boolean;
  thresholds?: { update?: number; delete?: number };
}

function str(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new Route53OptionsError(`${k} must be a string`);
  return v;
}

function num(o: Record<string, unknown>, k: string, d: number, min = 0): number {
  const v = o[k];
  if (v === undefined || v === null) return d;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min) throw new Route53OptionsError(`${k} must be a number >= ${min}`);
  return n;
}

function bool(o: Record<string, unknown>, k: string, d: boolean): boolean {
  const v = o[k];
  if (v === undefined || v === null) return d;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new Route53OptionsError(`${k} must be true or false`);
}

export function parseRoute53Options(o: Record<string, unknown>): Route53Options {
  const regionsRaw = o['regions'] ?? {};
  if (typeof regionsRaw !== 'object' || regionsRaw === null || Array.isArray(regionsRaw)) throw new Route53OptionsError('regions must be a mapping of region id to Route 53 region');
  const regions: Record<string, string> = {};
  for (const [k, v] of Object.entries(regionsRaw as Record<string, unknown>)) {
    const r = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['route53'] : v;
    if (typeof r !== 'string' || !r) throw new Route53OptionsError(`regions.${k} must be a Route 53 region`);
    regions[k] = r;
  }
  const client: ClientOptions = {
    retry: { attempts: num(o, 'client_max_attempts', 10, 1), baseMs: num(o, 'retry_base_ms', 200), maxMs: num(o, 'retry_max_ms', 20_000) },
    requestsPerSecond: num(o, 'requests_per_second', 5),
    requestTimeoutMs: num(o, 'timeout', 60, 0.001) * 1000,
  };
  const set = <K extends keyof ClientOptions>(k: K, v: ClientOptions[K] | undefined) => {
    if (v !== undefined) client[k] = v;
  };
  set('endpoint', str(o, 'endpoint'));
  set('region', str(o, 'region'));
  set('accessKeyId', str(o, 'access_key_id'));
  set('secretAccessKey', str(o, 'secret_access_key'));
  set('sessionToken', str(o, 'session_token'));
  const out: Route53Options = {
    client,
    maxChanges: Math.min(num(o, 'max_changes', ROUTE53_BATCH_LIMIT, 1), ROUTE53_BATCH_LIMIT),
    maxValueChars: Math.min(num(o, 'max_value_chars', ROUTE53_VALUE_CHARS_LIMIT, 1), ROUTE53_VALUE_CHARS_LIMIT),
    healthCheckIntervalMs: num(o, 'health_check_interval_ms', 2000),
    orphanGraceMs: num(o, 'orphan_grace', 3600) * 1000,
    wait: bool(o, 'wait', false),
    waitTimeoutMs: num(o, 'wait_timeout', 600) * 1000,
    waitPollMs: num(o, 'wait_poll_ms', 2000),
    regions,
    strictSupports: bool(o, 'strict_supports', true),
  };
  const thresholds = parseThresholds(o);
  if (thresholds) out.thresholds = thresholds;
  return out;
}

/** The options this provider reads (see the header), and octodns-route53's that it accepts without effect. */
export const ROUTE53_OPTION_NAMES: OptionNames = {
  read: [
    'access_key_id', 'secret_access_key', 'session_token', 'endpoint', 'region', 'max_changes', 'max_value_chars', 'client_max_attempts',
    'retry_base_ms', 'retry_max_ms', 'requests_per_second', 'timeout', 'health_check_interval_ms', 'orphan_grace', 'wait', 'wait_timeout', 'wait_poll_ms', 'regions',
  ],
  noEffect: ['delegation_set_id', 'get_zones_by_name'],
};

const CONTROL_KEYS = ['ignored', 'excluded', 'included', 'lenient'];

export class Route53Provider implements Provider {
  readonly kind = 'route53';
  readonly optionNames: OptionNames = ROUTE53_OPTION_NAMES;
  readonly capabilities: Capabilities;
  readonly options: Route53Options;
  readonly api: Route53Api;
  readonly checks: HealthChecks;
  /** the `octodns` CIDR collection (subnet rules) */
  readonly cidr: CidrCollections;
  /** the per-zone lock and break-glass records */
  readonly locks: Route53Control;
  /** evacuate / restore / status through the zone's region switches */
  readonly breakglass: Route53Breakglass;
  /** figures of the last apply per zone (batches, change ids, INSYNC wait) */
  readonly lastApply = new Map<string, ZoneApplyStats>();
  private readonly zoneIds = new Map<string, string>();
  /** rrsets of the zones populate listed (what a plan's shared-object count reuses) */
  private readonly listed = new Map<string, ResourceRecordSet[]>();

  constructor(readonly id: string, rawOptions: Record<string, unknown>) {
    this.options = parseRoute53Options(rawOptions);
    this.capabilities = { ...ROUTE53_CAPABILITIES, batchLimit: this.options.maxChanges };
    this.api = new Route53Api({ ...this.options.client, provider: id });
    this.checks = new HealthChecks(this.api, this.options.healthCheckIntervalMs);
    this.cidr = new CidrCollections(this.api);
    this.locks = new Route53Control(id, this.api, (zone) => this.zoneId(zone));
    this.breakglass = new Route53Breakglass(id, this.api, this.locks, (zone) => this.zoneId(zone), (zone) => this.listed.get(zone.toLowerCase()));
  }

  get strictSupports(): boolean {
    return this.options.strictSupports;
  }

  get thresholds(): { update?: number; delete?: number } | undefined {
    return this.options.thresholds;
  }

  /** dnsctl region id → Route 53 latency region. */
  route53Region = (regionId: string): string => this.options.regions[regionId] ?? regionId;

  /** The region id a pool served from `r53` reads back as (undefined: the pool id itself). */
  regionIdFor = (pool: string, r53: string): string | undefined => {
    if (this.route53Region(pool) === r53) return undefined;
    const ids = Object.keys(this.options.regions).sort().filter((id) => this.options.regions[id] === r53);
    return ids[0] ?? r53;
  };

  /** `zone` given (apply): the zone's break-glass switches are attached to the pools of the catalogue's regions. */
  private compileContext(zoneId: string, cidr: { id?: string; unavailable?: string } = {}, zone?: string): CompileContext {
    return {
      zoneId,
      route53Region: this.route53Region,
      ...(zone ? { switchFor: (region: string) => (this.options.regions[region] !== undefined ? switchSpec(zone, region) : undefined) } : {}),
      ...(cidr.id ? { cidrCollectionId: cidr.id } : {}),
      ...(cidr.unavailable ? { cidrUnavailable: cidr.unavailable } : {}),
    };
  }

  /** The hosted zone's id (cached), undefined when the account has none by that name. */
  async zoneId(zone: string): Promise<string | undefined> {
    const cached = this.zoneIds.get(zone);
    if (cached) return cached;
    const out = await this.api.call('ListHostedZonesByName', () => this.api.sdk.send(new ListHostedZonesByNameCommand({ DNSName: zone, MaxItems: 100 })));
    const matches = (out.HostedZones ?? []).filter((z) => (z.Name ?? '').toLowerCase() === zone.toLowerCase() && !z.Config?.PrivateZone);
    if (matches.length > 1) throw new Error(duplicateZonesMessage(this.id, zone, matches));
    const id = matches[0]?.Id?.replace(/^\/hostedzone\//, '');
    if (id) this.zoneIds.set(zone, id);
    return id;
  }

  /** Creates the hosted zone with a CallerReference derived from its name (hosted-zone-create.ts), so a racing apply gets the same zone. */
  private async createZone(zone: string): Promise<string> {
    const id = await createHostedZoneOnce(
      {
        create: async (name, ref) => {
          const out = await this.api.call('CreateHostedZone', () => this.api.sdk.send(new CreateHostedZoneCommand({ Name: name, CallerReference: ref })));
          return out.HostedZone!.Id!.replace(/^\/hostedzone\//, '');
        },
        lookup: (name) => {
          this.zoneIds.delete(name);
          return this.zoneId(name);
        },
        isReferenceTaken: (e) => errorName(e) === 'HostedZoneAlreadyExists',
      },
      zone,
    );
    this.zoneIds.set(zone, id);
    return id;
  }

  private async decodeContext(zone: string, rrsets: ResourceRecordSet[]): Promise<DecodeContext> {
    const needsChecks = rrsets.some((r) => r.HealthCheckId);
    if (needsChecks) this.checks.invalidate();
    const checks = needsChecks ? await this.checks.ownedConfigs() : new Map();
    // the blocks of every collection a rule references (a missing collection reads as no blocks)
    const collections = new Map<string, CidrBlocks>();
    this.cidr.invalidate();
    for (const id of new Set(rrsets.flatMap((r) => (r.CidrRoutingConfig?.CollectionId && r.CidrRoutingConfig.LocationName !== '*' ? [r.CidrRoutingConfig.CollectionId] : [])))) {
      try {
        collections.set(id, await this.cidr.locations(id));
      } catch (e) {
        if (errorName(e) !== 'NoSuchCidrCollectionException') throw e;
      }
    }
    return { zone, checks, regionIdFor: this.regionIdFor, cidrBlocks: (id, location) => collections.get(id)?.get(location) };
  }

  async populate(zone: string, opts: PopulateOptions): Promise<PopulateResult> {
    const zoneId = await this.zoneId(zone);
    if (!zoneId) {
      // apply would create it: say now when Route 53 will not (InvalidDomainName)
      if (opts.target && zone.split('.').filter(Boolean).length < 2) throw new Error(`${this.id}: no hosted zone ${zone}, and Route 53 creates none for a top-level domain`);
      return { records: [], findings: [], exists: false };
    }
    const rrsets = await listRrsets(this.api, zoneId);
    this.listed.set(zone.toLowerCase(), rrsets);
    const ctx = await this.decodeContext(zone, rrsets);
    const d = decodeZone(zone, groupRrsets(zone, rrsets), ctx, opts);
    // what was read, for an apply of the plan made from it (ApplyOptions.base): no second read
    const base: ReadBase = { zone, zoneId, rrsets, decode: ctx };
    this.bases.add(base);
    return { records: d.records, findings: d.findings, exists: true, base, ...(d.unmanaged.length ? { unmanaged: d.unmanaged } : {}) };
  }

  /** Reads this provider handed out, so apply accepts only its own as a base. */
  private readonly bases = new WeakSet<ReadBase>();

  async sharedObjects(zones: readonly PlannedZoneChanges[]): Promise<Omit<SharedObjectsReport, 'target'>> {
    return route53SharedObjects(
      { api: this.api, checks: this.checks, graceMs: this.options.orphanGraceMs, listed: this.listed, compile: this.compileContext('ZDNSCTLPLAN', { id: 'dnsctl-plan' }) },
      zones,
    );
  }

  async listZones(): Promise<string[]> {
    const names: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const out = await this.api.call('ListHostedZones', () => this.api.sdk.send(new ListHostedZonesCommand({ ...(marker ? { Marker: marker } : {}), MaxItems: 100 })));
      for (const z of out.HostedZones ?? []) if (z.Name && !z.Config?.PrivateZone) names.push(z.Name.toLowerCase());
      if (!out.IsTruncated || !out.NextMarker || out.NextMarker === marker) break;
      marker = out.NextMarker;
    }
    return [...new Set(names)].sort();
  }

  /** Plan-time truth: reserved and colliding pool ids, and what the compiler refuses (constraints.ts). */
  constrain(records: DnsRecord[], strict: boolean): ConstrainResult {
    return constrainRoute53(records, strict, this.id, this.compileContext('ZDNSCTLCANONICAL', { id: 'dnsctl-canonical' }));
  }

  /**
   * The record as Route 53 reads it back: compiled to rrsets and health checks and decoded
   * again, so only what Route 53 stores survives (health-check settings that differ from
   * octoDNS's defaults, the dnsctl extension as the layout carries it, value text forms).
   */
  canonical(record: DnsRecord): DnsRecord {
    if (!this.capabilities.types.includes(record.type)) return record;
    try {
      const compiled = compileRecord(record, this.compileContext('ZDNSCTLCANONICAL', { id: 'dnsctl-canonical' }));
      const key = groupKey(record.name, record.type);
      const g = groupRrsets(record.zone, compiled.rrsets).get(key);
      if (!g) return record;
      const checks = new Map(compiled.checks.map((c) => [c.key, c.config]));
      const locations = new Map(compiled.locations.map((l) => [l.name, l.cidrs]));
      const d = decodeGroup(g, { zone: record.zone, checks, regionIdFor: this.regionIdFor, cidrBlocks: (_id, location) => locations.get(location) });
      if (!d.ok) return record;
      const out = buildDecoded(g, d.data, buildContext(record.zone, { lenient: true, sets: new Set(), disabledValidators: new Map() }), true, []);
      if (!out) return record;
      const control: JsonObject = {};
      for (const k of CONTROL_KEYS) if (record.octodns && record.octodns[k] !== undefined) control[k] = record.octodns[k]!;
      if (Object.keys(control).length) out.octodns = { ...(out.octodns ?? {}), ...control };
      if (record.source) out.source = record.source;
      return out;
    } catch {
      return record;
    }
  }

  async apply(zone: string, changes: Change[], opts: ApplyOptions): Promise<ChangeResult[]> {
    const failAll = (error: string): ChangeResult[] => changes.map((change) => ({ change, status: 'failed' as const, error }));
    // an apply rides out a short outage: the circuit opens after 10 s of refused connections
    this.api.breaker.patienceMs = Math.max(this.api.breaker.patienceMs, APPLY_PATIENCE_MS);
    let zoneId: string | undefined;
    let live: ResourceRecordSet[];
    let decode: DecodeContext;
    const base = opts.base as ReadBase | undefined;
    try {
      if (base && this.bases.has(base) && base.zone === zone) {
        // the plan's read, its fingerprint checked just now: the zone, its rrsets and the health checks they use
        ({ zoneId, rrsets: live, decode } = base);
      } else {
        zoneId = (await this.zoneId(zone)) ?? (await this.createZone(zone));
        live = await listRrsets(this.api, zoneId);
        this.checks.invalidate();
        decode = await this.decodeContext(zone, live);
      }
    } catch (e) {
      // nothing was sent: the endpoint is down
      if (e instanceof EndpointDown) return changes.map((change) => ({ change, status: 'not-attempted' as const, error: `not attempted: ${e.message}` }));
      return failAll(`${this.id}: ${zone}: ${awsMessage(e)}`);
    }
    // subnet rules need the `octodns` CIDR collection: found, else created
    const cidr: { id?: string; unavailable?: string } = {};
    if (changes.some((c) => c.desired && hasSubnetRules(c.desired))) {
      try {
        const id = await this.cidr.collectionId(true);
        if (id) cidr.id = id;
      } catch (e) {
        cidr.unavailable = awsMessage(e);
      }
    }
    const { results, stats } = await applyZoneChanges(
      {
        api: this.api,
        checks: this.checks,
        zone,
        zoneId,
        compile: this.compileContext(zoneId, cidr, zone),
        decode,
        cidr: this.cidr,
        limits: { records: this.options.maxChanges, chars: this.options.maxValueChars },
        wait: this.options.wait || opts.wait === true,
        orphanGraceMs: this.options.orphanGraceMs,
        waitTimeoutMs: this.options.waitTimeoutMs,
        pollMs: this.options.waitPollMs,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      changes,
      live,
    );
    this.lastApply.set(zone, stats);
    if (changes.some((c) => c.desired?.dynamic)) {
      try {
        await this.indexSwitches(zone, zoneId);
      } catch (e) {
        opts.onNote?.(`the break-glass switch index of ${zone} could not be written (${awsMessage(e)}); the next apply writes it`);
      }
    }
    if (stats.waitError) opts.onNote?.(`stopped waiting for INSYNC: ${stats.waitError} (the changes are applied)`);
    if (stats.insyncMs !== undefined) opts.onNote?.(`changes INSYNC ${(stats.insyncMs / 1000).toFixed(1)} s after the last batch`);
    return results;
  }

  /** Writes the zone's `_dnsctl-switch` index when a switch of it is missing there (one write, only when switches are new). */
  private async indexSwitches(zone: string, zoneId: string): Promise<void> {
    const all = await this.checks.all();
    const byRef = new Map([...all.values()].map((hc) => [hc.callerReference, hc.id]));
    const index = new Map<string, string>();
    for (const region of Object.keys(this.options.regions)) {
      const id = byRef.get(switchReference(zone, region));
      if (id) index.set(region, id);
    }
    if (index.size === 0) return;
    const live = (await this.locks.read(zone, zoneId)).switch;
    const want = switchIndexRrset(zone, index);
    const have = switchIndex(live);
    if (have.size === index.size && [...index].every(([r, id]) => have.get(r) === id)) return;
    await this.locks.change(zoneId, [{ Action: 'UPSERT', ResourceRecordSet: want }], 'dnsctl: break-glass switch index');
  }

  close(): void {
    this.api.destroy();
  }
}
