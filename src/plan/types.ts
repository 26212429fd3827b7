/**
 * A plan: the pure result of diffing desired against live, per zone and target. It is
 * what reviewers read and what `dnsctl apply plan.json` carries out, exactly.
 */
import type { DnsRecord } from '../model/record.js';
import type { FieldDifference } from './record-diff.js';
import type { SharedObjectsReport } from './shared-objects.js';

export const PLAN_VERSION = 1;

export type ChangeKind = 'create' | 'update' | 'delete';

export interface Change {
  kind: ChangeKind;
  name: string;
  type: DnsRecord['type'];
  /** live record (update, delete) */
  existing?: DnsRecord;
  /** desired record as the target will hold it (create, update) */
  desired?: DnsRecord;
  /** why a delete happens: the repository does not hold the record */
  reason?: string;
  /** an update's changed fields (saved plans and `--format json`; derived from existing/desired) */
  differences?: FieldDifference[];
}

/** Something a target cannot represent, and what dnsctl does instead. */
export interface Loss {
  record: string;
  type: string;
  message: string;
  /** 'error' with strict_supports (the default), 'warning' when falling back */
  severity: 'error' | 'warning';
}

export type SafetyRule = 'update-threshold' | 'delete-threshold' | 'root-ns' | 'zero-serving-pools' | 'region-shift';

export interface SafetyViolation {
  rule: SafetyRule;
  zone: string;
  target: string;
  message: string;
  records: string[];
  /** a violation --force overrides; zero-serving-pools is lifted only by configuration (min_serving_pools) */
  forceable: boolean;
}

/** Safety violations accepted on purpose with `--force --reason`, recorded in the plan they were accepted for. */
export interface SafetyAcceptance {
  /** who forced them: $DNSCTL_ACTOR, else git's user.email, else user@host */
  by: string;
  /** why, as given with --reason */
  reason: string;
  /** when (ISO 8601, UTC) */
  at: string;
  /** the violations accepted, each by rule, zone, target and records */
  violations: Array<Pick<SafetyViolation, 'rule' | 'zone' | 'target' | 'records'>>;
}

/** Region traffic moved by one record's change, as a share (0-1) of that record's traffic. */
export interface TrafficShift {
  record: string;
  region: string;
  before: number;
  after: number;
}

export interface ZonePlan {
  zone: string;
  target: string;
  /** provider kind, for display */
  provider: string;
  /** the zone exists at the target (false: it will be created) */
  exists: boolean;
  /** records held by the target before the change */
  existingCount: number;
  changes: Change[];
  losses: Loss[];
  shifts: TrafficShift[];
  /** fingerprint of the live state read for this plan (sha256 over the normalised records) */
  fingerprint: string;
  /**
   * Digest (sha256) of the desired state this plan was computed for: the repository's
   * records after processors and this target's fallbacks. Apply recomputes it from the
   * checkout and refuses the plan when it differs (the repository moved since review).
   */
  desiredDigest: string;
  /** Digest (sha256) of `changes` as planned: a hand edit of the saved changes shows here. */
  changesDigest: string;
  /** records the target holds that dnsctl does not manage and leaves alone */
  unmanaged: string[];
  /** live operational overrides kept by this plan (see plan/overrides.ts) */
  overrides: string[];
  /**
   * Why apply writes nothing here (planned for review only): octoDNS's `apply_disabled` on
   * the target, or `always-dry-run` on the zone. Absent: apply carries the changes out.
   */
  planOnly?: string;
  /**
   * The octoDNS processors (config names) this plan ran, in order; absent: none. Apply
   * refuses the plan when the zone's processors in the config differ.
   */
  processors?: string[];
  /** warnings of this zone's processors (also in the plan's warnings; not saved per zone) */
  warnings?: string[];
}

export interface Plan {
  version: typeof PLAN_VERSION;
  createdAt: string;
  config: string;
  zones: ZonePlan[];
  safety: SafetyViolation[];
  /** per target whose provider shares objects across records: their cost and orphans */
  shared?: SharedObjectsReport[];
  /** the forceable violations accepted with --force --reason (absent: none were forced) */
  accepted?: SafetyAcceptance;
  /** warnings that are not losses (e.g. validation warnings of sources) */
  warnings: string[];
}

export function changeCounts(p: Pick<Plan, 'zones'>): { create: number; update: number; delete: number; total: number } {
  const c = { create: 0, update: 0, delete: 0, total: 0 };
  for (const z of p.zones) for (const ch of z.changes) c[ch.kind]++, c.total++;
  return c;
}

export type ChangeStatus = 'applied' | 'failed' | 'not-attempted';

export interface ChangeResult {
  change: Change;
  status: ChangeStatus;
  /** the provider's own message for a failure */
  error?: string;
}

export interface ZoneApplyReport {
  zone: string;
  target: string;
  results: ChangeResult[];
  /** a failure before any change (e.g. zone could not be created) */
  error?: string;
  /** what the provider reported besides the changes (e.g. `INSYNC after 42 s`) */
  notes?: string[];
  /** why nothing was attempted on purpose (apply_disabled); not a failure */
  skipped?: string;
  durationMs: number;
}

export interface ApplyReport {
  version: typeof PLAN_VERSION;
  zones: ZoneApplyReport[];
  ok: boolean;
  /** the operator interrupted the apply (Ctrl-C, a cancelled CI job): batches in flight finished, nothing new was started */
  interrupted?: boolean;
}
