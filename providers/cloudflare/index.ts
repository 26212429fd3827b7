/**
 * The Cloudflare provider: plain records through the DNS batch endpoint, dynamic records
 * as Load Balancing (monitors, pools, load balancers marked `dnsctl:`), read back into the
 * same model. A target for plan/apply and a source for `dnsctl dump`.
 *
 * Options (octodns-cloudflare's names where they exist):
 *   token, email          API token; with email, a Global API key (X-Auth-Email/X-Auth-Key)
 *   account_id            account holding pools and monitors (default: the zone's account)
 *   base_url              API base (default: the SDK's CLOUDFLARE_BASE_URL, else api.cloudflare.com)
 *   batch_limit           records per batch call: 200 (Free, default) or 3,500 (paid plans)
 *   load_balancing        false: the account has no Load Balancing (dynamic → static values)
 *   min_ttl               smallest TTL of DNS-only records (default 60)
 *   records_per_page      page size when listing records (default 5,000)
 *   rate_limit            requests per second of dnsctl's own limiter (default 4)
 *   retries               retries of 429 / 5xx / dropped connections (default 3)
 *   timeout               seconds per request (default 60)
 *   regions               {region id: Cloudflare region code}, added to the built-in AWS table
 *   strict_supports       octoDNS's: false turns what cannot be represented into warnings
 *   update_pcent_threshold, delete_pcent_threshold, apply_disabled   as octoDNS
 *   orphan_grace           seconds an unreferenced dnsctl pool/monitor is left before apply collects it (3600)
 *   cdn, pagerules, retry_count, retry_period, auth_error_retry_count, zones_per_page
 *                         octodns-cloudflare's: accepted, no effect (a warning)
 */
import { parseThresholds, ProviderOptionError, type OptionNames } from '../../src/config/provider-options.js';
import type { ApplyOptions, Capabilities, ConstrainResult, PopulateOptions, PopulateResult, Provider } from '../../src/model/provider.js';
import type { DnsRecord } from '../../src/model/record.js';
import type { Change, ChangeResult } from '../../src/plan/types.js';
import { applyChanges } from './apply.js';
import { cloudflareCapabilities, DEFAULT_BATCH_LIMIT } from './capabilities.js';
import { CloudflareClient, type ZoneInfo } from './client.js';
import { constrainCloudflare } from './constraints.js';
import { APPLY_PATIENCE_MS, EndpointDown } from '../../src/model/endpoint-breaker.js';
import { canonicalRecord, DEFAULT_REGION_CODES, poolRegionOf, type CompileOptions } from './compile.js';
import { fetchLbState, fetchRecords, snapshotToModel, type LbState, type NativePool, type NativeRecord } from './read.js';
import { DEFAULT_ORPHAN_GRACE_S, SharedRegistry } from './shared-objects.js';
import { cloudflareSharedObjects } from './shared-cost.js';
import type { PlannedZoneChanges, SharedObjectsReport } from '../../src/plan/shared-objects.js';
import { CloudflareControl } from './control.js';
import { CloudflareBreakglass } from './breakglass.js';
import { isControlFqdn } from '../../src/breakglass/control-records.js';

/** The zone's records without dnsctl's control records (lock, override): never planned, never deleted. */
async function zoneRecords(client: CloudflareClient, zone: ZoneInfo, perPage: number, seen?: Map<string, NativeRecord[]>): Promise<NativeRecord[]> {
  const all = await fetchRecords(client, zone.id, perPage);
  seen?.set(zone.name, all.filter((r) => isControlFqdn(r.name, zone.name)));
  return all.filter((r) => !isControlFqdn(r.name, zone.name));
}

export { CLOUDFLARE_CAPABILITIES } from './capabilities.js';

/** One zone as populate read it, handed back to apply as its base. */
interface ReadBase {
  zone: string;
  info: ZoneInfo;
  records: NativeRecord[];
  lb: LbState | undefined;
  accountId: string | undefined;
}

export class CloudflareOptionsError extends ProviderOptionError {}

/** The options this provider reads (see the header), and octodns-cloudflare's that it accepts without effect. */
export const CLOUDFLARE_OPTION_NAMES: OptionNames = {
  read: ['token', 'email', 'account_id', 'base_url', 'batch_limit', 'load_balancing', 'min_ttl', 'records_per_page', 'rate_limit', 'retries', 'timeout', 'regions', 'orphan_grace'],
  noEffect: ['cdn', 'pagerules', 'retry_count', 'retry_period', 'auth_error_retry_count', 'zones_per_page'],
};

function str(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new CloudflareOptionsError(`${k} must be a string`);
  return v;
}

function num(o: Record<string, unknown>, k: string, def: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = o[k];
  if (v === undefined || v === null) return def;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new CloudflareOptionsError(`${k} must be a number between ${min} and ${max}`);
  return n;
}

function bool(o: Record<string, unknown>, k: string, def: boolean): boolean {
  const v = o[k];
  if (v === undefined || v === null) return def;
  if (typeof v !== 'boolean') throw new CloudflareOptionsError(`${k} must be true or false`);
  return v;
}

export class CloudflareProvider implements Provider {
  readonly kind = 'cloudflare';
  readonly optionNames: OptionNames = CLOUDFLARE_OPTION_NAMES;
  readonly strictSupports: boolean;
  readonly thresholds?: { update?: number; delete?: number };
  readonly client: CloudflareClient;
  readonly batchLimit: number;
  /** the per-zone lock and break-glass records */
  readonly locks: CloudflareControl;
  /** evacuate / restore / status through the region's pools */
  readonly breakglass: CloudflareBreakglass;
  /** the control records (lock, override) of each zone as its last full read saw them */
  private readonly controlSeen = new Map<string, NativeRecord[]>();
  private readonly perPage: number;
  private readonly compileOpts: CompileOptions;
  /** false when configured off or when the API refused Load Balancing */
  private loadBalancing: boolean;
  /** monitors and pools shared by the zones this provider applies (creates in flight, counts) */
  readonly shared = new SharedRegistry();
  /** unreferenced dnsctl objects younger than this are left alone (a concurrent apply's) */
  readonly orphanGraceMs: number;

  constructor(
    readonly id: string,
    options: Record<string, unknown>,
  ) {
    const regions = options['regions'];
    if (regions !== undefined && (typeof regions !== 'object' || regions === null || Array.isArray(regions))) throw new CloudflareOptionsError('regions must be a mapping of region id to Cloudflare region code');
    this.batchLimit = num(options, 'batch_limit', DEFAULT_BATCH_LIMIT, 1, 3500);
    this.perPage = num(options, 'records_per_page', 5000, 5, 5_000_000);
    this.orphanGraceMs = num(options, 'orphan_grace', DEFAULT_ORPHAN_GRACE_S, 0, 30 * 86400) * 1000;
    this.loadBalancing = bool(options, 'load_balancing', true);
    this.strictSupports = bool(options, 'strict_supports', true);
    const thresholds = parseThresholds(options);
    if (thresholds) this.thresholds = thresholds;
    this.compileOpts = {
      minTtl: num(options, 'min_ttl', 60, 1, 86400),
      regionCodes: { ...DEFAULT_REGION_CODES, ...((regions ?? {}) as Record<string, string>) },
    };
    const token = str(options, 'token');
    const email = str(options, 'email');
    const baseUrl = str(options, 'base_url');
    const accountId = str(options, 'account_id');
    this.client = new CloudflareClient({
      provider: id,
      ...(token ? { token } : {}),
      ...(email ? { email } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(accountId ? { accountId } : {}),
      limiter: { ratePerSecond: num(options, 'rate_limit', 4, 0.01), retries: num(options, 'retries', 3, 0, 20) },
      timeoutMs: num(options, 'timeout', 60, 1) * 1000,
    });
    this.locks = new CloudflareControl(id, this.client);
    this.breakglass = new CloudflareBreakglass(id, this.client, this.locks, (zone) => this.controlSeen.get(zone));
  }

  get capabilities(): Capabilities {
    return cloudflareCapabilities({ loadBalancing: this.loadBalancing, batchLimit: this.batchLimit });
  }

  /** Load Balancing is usable (not configured off, not refused by the API so far). */
  get hasLoadBalancing(): boolean {
    return this.loadBalancing;
  }

  private noZoneMessage(zone: string): string {
    return `zone ${zone} does not exist at Cloudflare (${this.id}); to have dnsctl create it, add account_id: <the Cloudflare account id that should hold it> to the provider's options (as octodns-cloudflare), or create it in Cloudflare first`;
  }

  /** Plan-time truth: one load balancer per hostname (constraints.ts). */
  constrain(records: DnsRecord[], strict: boolean): ConstrainResult {
    return constrainCloudflare(records, strict, this.id);
  }

  canonical(record: DnsRecord): DnsRecord {
    return canonicalRecord(record, this.compileOpts);
  }

  async listZones(): Promise<string[]> {
    return [...(await this.client.listZones(true)).keys()].sort();
  }

  private async readLb(zone: ZoneInfo): Promise<{ lb: LbState | undefined; accountId: string | undefined }> {
    if (!this.loadBalancing) return { lb: undefined, accountId: undefined };
    const accountId = this.client.accountId(zone);
    const lb = await fetchLbState(this.client, zone.id, accountId);
    if (lb === 'unavailable') {
      this.loadBalancing = false;
      return { lb: undefined, accountId: undefined };
    }
    return { lb, accountId };
  }

  /**
   * The account's dnsctl pools serving a region (shared pools; per-record pools of layout v1
   * by their pool id), oldest first: what a regional evacuation acts on (PATCH `enabled`).
   * `zone` names a zone of the account (its account id is used when `account_id` is unset).
   */
  async regionPools(zone: string, region: string): Promise<NativePool[]> {
    const info = await this.client.zone(zone);
    if (!info) throw new Error(`zone ${zone} not found at Cloudflare (${this.id})`);
    const account = this.client.accountId(info);
    const res = await this.client.call((cf) => cf.loadBalancers.pools.list({ account_id: account }));
    return (res.result as unknown as NativePool[]).filter((p) => poolRegionOf(p.description) === region).sort((a, b) => String(a.created_on ?? '').localeCompare(String(b.created_on ?? '')) || a.id.localeCompare(b.id));
  }

  async sharedObjects(zones: readonly PlannedZoneChanges[]): Promise<Omit<SharedObjectsReport, 'target'>> {
    if (!this.loadBalancing) return { objects: [], orphans: [] };
    return cloudflareSharedObjects(this.client, this.compileOpts, this.orphanGraceMs, zones);
  }

  async populate(zone: string, opts: PopulateOptions): Promise<PopulateResult> {
    const info = await this.client.zone(zone);
    if (!info) {
      // a missing target zone is created by apply when the account is known; otherwise say what to add, now
      if (opts.target && !this.client.configuredAccount) throw new Error(this.noZoneMessage(zone));
      if (opts.target && zone.split('.').filter(Boolean).length < 2) throw new Error(`zone ${zone} does not exist at Cloudflare (${this.id}), and Cloudflare creates none for a top-level domain`);
      if (opts.target) return { records: [], findings: [], exists: false };
      return { records: [], findings: [{ severity: 'error', reason: `zone ${zone} not found at Cloudflare (${this.id})`, zone }], exists: false };
    }
    const records = await zoneRecords(this.client, info, this.perPage, this.controlSeen);
    const { lb, accountId } = await this.readLb(info);
    const read = snapshotToModel({ zone: info, records, lb: lb ?? 'unavailable' }, { zone, opts, compile: this.compileOpts });
    // what was read, for an apply of the plan made from it (ApplyOptions.base): no second read
    const base: ReadBase = { zone, info, records, lb, accountId };
    this.bases.add(base);
    return { ...read, base };
  }

  /** Reads this provider handed out, so apply accepts only its own as a base. */
  private readonly bases = new WeakSet<ReadBase>();

  async apply(zone: string, changes: Change[], opts: ApplyOptions): Promise<ChangeResult[]> {
    // an apply rides out a short outage: the circuit opens after 10 s of refused connections
    this.client.breaker.patienceMs = Math.max(this.client.breaker.patienceMs, APPLY_PATIENCE_MS);
    const notAttempted = (e: EndpointDown): ChangeResult[] => changes.map((change) => ({ change, status: 'not-attempted' as const, error: `not attempted: ${e.message}` }));
    let info: ZoneInfo | undefined;
    try {
      info = (await this.client.zone(zone)) ?? (this.client.configuredAccount ? await this.client.createZone(zone) : undefined);
    } catch (e) {
      // nothing was sent: the endpoint is down
      if (e instanceof EndpointDown) return notAttempted(e);
      const error = `${this.id}: ${zone}: ${e instanceof Error ? e.message : String(e)}`;
      return changes.map((change) => ({ change, status: 'failed' as const, error }));
    }
    if (!info) {
      const error = this.noZoneMessage(zone);
      return changes.map((change) => ({ change, status: 'failed' as const, error }));
    }
    const base = opts.base as ReadBase | undefined;
    const fromPlan = base && this.bases.has(base) && base.zone === zone && base.info.id === info.id ? base : undefined;
    let records: NativeRecord[];
    let lb: Awaited<ReturnType<CloudflareProvider['readLb']>>['lb'];
    let accountId: string | undefined;
    try {
      if (fromPlan) {
        // the plan's read, its fingerprint checked just now: records and load-balancing state need no second read
        ({ records, lb, accountId } = fromPlan);
      } else {
        records = changes.length ? await zoneRecords(this.client, info, this.perPage, this.controlSeen) : [];
        const needsLb = changes.some((c) => c.desired?.dynamic || c.existing?.dynamic);
        ({ lb, accountId } = needsLb || this.loadBalancing ? await this.readLb(info) : { lb: undefined, accountId: undefined });
      }
    } catch (e) {
      if (e instanceof EndpointDown) return notAttempted(e);
      throw e;
    }
    // a region evacuated in this zone stays off: pools created for it start disabled
    const needsOverrides = changes.some((c) => c.desired?.dynamic || c.existing?.dynamic);
    const off = needsOverrides ? (await this.breakglass.readOverrides(zone, { fromLastRead: true })).filter((o) => o.percent === 0).map((o) => o.region) : [];
    return applyChanges(
      { client: this.client, zone: info, accountId, compile: this.compileOpts, batchLimit: this.batchLimit, records, lb, registry: this.shared, orphanGraceMs: this.orphanGraceMs, ...(off.length ? { offRegions: new Set(off) } : {}) },
      changes,
      opts,
    );
  }
}
