/**
 * The one interface every provider implements (YAML, Route 53, Cloudflare, memory).
 * The core reaches providers only through this; capabilities are data.
 */
import type { Finding } from './findings.js';
import type { DnsRecord, RecordType } from './record.js';
import type { RoutingKind } from './traffic.js';
import type { ValidatorSet } from './types/spec.js';
import type { ProviderConfig, RegionConfig } from '../config/types.js';
import type { OptionNames } from '../config/provider-options.js';
import type { Change, ChangeResult, Loss } from '../plan/types.js';
import type { PlannedZoneChanges, SharedObjectsReport } from '../plan/shared-objects.js';
import type { LockStore } from '../breakglass/lock.js';
import type { RegionTraffic } from '../breakglass/region-traffic.js';

export interface Capabilities {
  /** record types the provider can hold */
  types: RecordType[];
  /** routing kinds of the traffic model it can represent natively */
  routing: RoutingKind[];
  healthChecks: boolean;
  /** per-value up/down/obey */
  poolValueStatus: boolean;
  /** subnet-targeted rules */
  dynamicSubnets: boolean;
  /** subnet and geo rules in one record (default true; Route 53 cannot mix them) */
  subnetsWithGeos?: boolean;
  /** prefix lengths a subnet rule may use, per IP version (default: any) */
  subnetPrefixes?: { 4: readonly [number, number]; 6: readonly [number, number] };
  rootNs: boolean;
  /** can be a target of plan/apply */
  target: boolean;
  /** largest number of record changes one write call may carry (undefined: one per call / no limit) */
  batchLimit?: number;
  notes?: string[];
}

export interface PopulateOptions {
  /** validation failures become warnings (zone `lenient`, or reading a target) */
  lenient: boolean;
  /** validator sets and per-type disabled validator ids */
  sets: ReadonlySet<ValidatorSet>;
  disabledValidators: ReadonlyMap<string, ReadonlySet<string>>;
  /** reading as a target: a missing zone is simply empty */
  target?: boolean;
}

export interface PopulateResult {
  records: DnsRecord[];
  /** things the provider holds that dnsctl cannot represent and will never touch (reported in plans) */
  unmanaged?: string[];
  /** what was found while reading: invalid records, ignored keys, … */
  findings: Finding[];
  /** false when the zone does not exist at this provider */
  exists: boolean;
  /**
   * The provider's own record of what it read (opaque to the core), handed back to its
   * `apply` as `ApplyOptions.base` so applying a plan needs no second read of the zone.
   */
  base?: unknown;
}

export interface ApplyOptions {
  /** called after each change (or batch) completes */
  onProgress?: (done: number, total: number) => void;
  /** wait until the provider says the change is live everywhere (e.g. Route 53 INSYNC) */
  wait?: boolean;
  /** a line for the apply report (e.g. how long propagation took) */
  onNote?: (note: string) => void;
  /**
   * Aborted when the operator interrupts: finish the write in flight, send nothing more,
   * and report every change not yet sent as not attempted.
   */
  signal?: AbortSignal;
  /**
   * The `base` of the read this plan was computed from (its fingerprint checked): apply
   * against it rather than reading the zone again. Absent: read it.
   */
  base?: unknown;
}

/** The records as the provider will hold them, and what it could not hold as written. */
export interface ConstrainResult {
  records: DnsRecord[];
  losses: Loss[];
}

export interface Provider {
  readonly id: string;
  readonly kind: string;
  readonly capabilities: Capabilities;
  /**
   * The config options it reads besides octoDNS's base ones (apply_disabled, thresholds,
   * strict_supports): any other option is refused when the provider is built.
   * Undefined: options are not checked (a provider built in code, not from config).
   */
  readonly optionNames?: OptionNames;
  /** octoDNS's strict_supports: what the target cannot represent is an error (true) or a warning + fallback */
  readonly strictSupports?: boolean;
  /** provider-level safety thresholds (octoDNS's update_pcent_threshold / delete_pcent_threshold) */
  readonly thresholds?: { update?: number; delete?: number };
  populate(zone: string, opts: PopulateOptions): Promise<PopulateResult>;
  /** zones this provider holds (for `'*'` zone configs) */
  listZones?(): Promise<string[]>;
  /**
   * The record as this target will hold it and read it back (native rounding, the
   * `octodns:` keys it stores). The planner compares this with live state, so
   * normalisation differences never show as changes. Default: the record unchanged.
   */
  canonical?(record: DnsRecord): DnsRecord;
  /**
   * Plan-time truth: the constraints this provider (or the API behind it) enforces on a
   * zone's records that capability data cannot express — reserved names, one load
   * balancer per name, what its compiler refuses. Each record it cannot hold as it is
   * becomes a loss: an error with `strict_supports`, else a warning and the record as it
   * will be written instead. Runs on the whole zone after the capability checks and
   * before `canonical`, so apply never discovers what plan could have said.
   */
  constrain?(records: DnsRecord[], strict: boolean): ConstrainResult;
  /**
   * The per-(zone, provider) lock held at the provider (src/breakglass/lock.ts); apply and
   * the break-glass commands hold it. Undefined: the provider keeps no shared state (YAML).
   */
  readonly locks?: LockStore;
  /**
   * Objects shared across records and zones (health checks, monitors, pools): what applying
   * these zones' changes would create and delete, the account's total after, and orphans.
   */
  sharedObjects?(zones: readonly PlannedZoneChanges[]): Promise<Omit<SharedObjectsReport, 'target'>>;
  /** Break-glass: a region's traffic off and on in O(1) writes, and the zone's overrides (src/breakglass/). */
  readonly breakglass?: RegionTraffic;
  /** Carries out one zone's changes, in the given order, reporting each change's outcome. */
  apply?(zone: string, changes: Change[], opts: ApplyOptions): Promise<ChangeResult[]>;
}

/**
 * Builds a provider from its config entry and its options with secrets resolved. May be
 * async, so a provider's SDK is loaded only when a command uses that provider.
 */
export type ProviderFactory = (config: ProviderConfig, options: Record<string, unknown>, context?: ProviderContext) => Provider | Promise<Provider>;

/** What every provider may need from the repository's config beyond its own options. */
export interface ProviderContext {
  /** the region catalogue (dnsctl.regions): region id -> Route 53 latency region, Cloudflare region code */
  regions: ReadonlyMap<string, RegionConfig>;
}
