/**
 * `dnsctl plan`: validate the repository, read every target's live state, and compute
 * per zone and target the changes, losses, traffic shifts and safety verdicts. Pure:
 * nothing is written anywhere.
 */
import { sharedObjectReports } from './plan-shared.js';
import type { DnsctlConfig, ZoneConfig } from '../config/types.js';
import { idnaEncode } from '../model/names.js';
import { DnsctlError, type Finding } from '../model/findings.js';
import type { DnsRecord } from '../model/record.js';
import type { PopulateOptions, PopulateResult, Provider, ProviderFactory } from '../model/provider.js';
import { diffZone } from '../plan/diff.js';
import { changesDigest, desiredDigest, fingerprint } from '../plan/fingerprint.js';
import { overrideBanner } from '../plan/overrides.js';
import { checkSafety, DEFAULT_THRESHOLD, trafficShifts } from '../plan/safety.js';
import { processorsProblem, processPlan, processSource, processSourceAndTarget, processTarget, zoneProcessors } from '../plan/processors.js';
import { adaptToTarget } from '../plan/supports.js';
import { isAccepted } from '../plan/acceptance.js';
import { PLAN_VERSION, type Plan, type ZonePlan } from '../plan/types.js';
import { mapLimit } from './concurrency.js';
import { ProviderSet, validateRepository } from './validate.js';
import { withLiveSources } from './live-sources.js';

export { processorsProblem } from '../plan/processors.js';

export interface PlanOptions {
  /** limit to these zones (names with or without trailing dot) */
  zones?: string[];
  /** limit to these target ids */
  targets?: string[];
  /** the providers to plan with (apply reuses them, and their reads, to write) */
  providers?: ProviderSet;
  /** limit to these zone/target pairs (a saved plan's, recomputed by apply) */
  pairs?: ReadonlyArray<{ zone: string; target: string }>;
  /** zones read in parallel (default 4) */
  concurrency?: number;
  /** called as each zone's live state at one target has been read and diffed */
  onProgress?: (done: number, total: number, zone: string, target: string) => void;
}

export interface PlanResult {
  plan: Plan;
  /** validation warnings of the repository */
  findings: Finding[];
  /** the providers used, for apply */
  providers: ProviderSet;
}

export function keepsUnmanaged(config: DnsctlConfig, zone: string): boolean {
  const k = config.keepUnmanaged;
  return k === true || (Array.isArray(k) && k.includes(zone));
}

/**
 * How targets are read: lenient, and with no validator set — live state is what it is;
 * the repository was validated already (octoDNS, too, reads targets leniently).
 */
export const TARGET_READ = { lenient: true, target: true, sets: new Set<never>(), disabledValidators: new Map() } as const;

/** A provider that can read a zone while the caller works on (the YAML provider: in a worker thread). */
interface ConcurrentReader {
  populateConcurrently(zone: string, opts: PopulateOptions, signal?: AbortSignal): Promise<PopulateResult>;
}

function isConcurrent(p: Provider): p is Provider & ConcurrentReader {
  return typeof (p as Partial<ConcurrentReader>).populateConcurrently === 'function';
}

/** Reads a target's live zone; a failure names the provider and zone (an SDK's "Connection error." alone helps nobody at 3 a.m.). */
export async function readTarget(target: Provider, zone: string, signal?: AbortSignal): Promise<PopulateResult> {
  try {
    if (signal && isConcurrent(target)) return await target.populateConcurrently(zone, TARGET_READ, signal);
    return await target.populate(zone, TARGET_READ);
  } catch (e) {
    throw new DnsctlError(`${target.id} (${target.kind}): cannot read ${zone}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Plans one zone against one target from the desired records. */
export async function planZoneTarget(
  config: DnsctlConfig,
  zc: ZoneConfig,
  desired: DnsRecord[],
  target: Provider,
  /** the target's live zone, when the caller started reading it already */
  early?: Promise<PopulateResult>,
): Promise<ZonePlan> {
  // octoDNS processors (the ones dnsctl runs): none for most zones, and each stage then returns its input
  const procs = zoneProcessors(config.processors, zc);
  const sourced = processSource(desired, zc.name, procs);
  const live = await (early ?? readTarget(target, zc.name));
  const existing = processTarget(live.records, zc.name, procs);
  const wanted = processSourceAndTarget(sourced, zc.name, target.id, procs);
  const strict = target.strictSupports ?? true;
  const adapted = adaptToTarget(wanted, target.capabilities, target.id, strict);
  const constrained = target.constrain ? target.constrain(adapted.records, strict) : { records: adapted.records, losses: [] };
  const records = constrained.records.map((r) => (target.canonical ? target.canonical(r) : r));
  // break-glass overrides live in objects plan never rewrites: listed, never undone
  const overrides = target.breakglass && live.exists ? overrideBanner(records, await target.breakglass.readOverrides(zc.name, { fromLastRead: true })) : [];
  const diff = diffZone(existing, records, {
    target: target.id,
    keepUnmanaged: keepsUnmanaged(config, zc.name),
    rootNs: target.capabilities.rootNs,
  });
  const { kept } = diff;
  const { changes, warnings } = processPlan(diff.changes, zc.name, target.id, procs, { existing, desired: records });
  const zp: ZonePlan = {
    zone: zc.name,
    target: target.id,
    provider: target.kind,
    exists: live.exists,
    existingCount: existing.length,
    changes,
    losses: [...adapted.losses, ...constrained.losses],
    shifts: [],
    fingerprint: '',
    desiredDigest: '',
    changesDigest: '',
    unmanaged: [...(live.unmanaged ?? []), ...kept],
    overrides,
  };
  if (procs.length) zp.processors = procs.map((p) => p.name);
  if (warnings.length) zp.warnings = warnings;
  lazyField(zp, 'fingerprint', () => fingerprint(live.records, live.exists));
  lazyField(zp, 'desiredDigest', () => desiredDigest(records));
  lazyField(zp, 'changesDigest', () => changesDigest(changes));
  zp.shifts = trafficShifts(zp);
  liveReads.set(zp, live);
  return zp;
}

/** The live read a zone plan was computed from: the stale check's fingerprint and the provider's apply base. */
const liveReads = new WeakMap<ZonePlan, PopulateResult>();

export function liveReadOf(zp: ZonePlan): PopulateResult | undefined {
  return liveReads.get(zp);
}

/**
 * A digest field computed when first read: a plan only printed never needs it (hashing
 * 50k records costs ~150 ms), a saved or JSON plan reads it as any other field. The
 * records it covers are never changed after planning.
 */
function lazyField(zp: ZonePlan, key: 'fingerprint' | 'desiredDigest' | 'changesDigest', compute: () => string): void {
  const settle = (target: ZonePlan, value: string) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(zp, key, {
    enumerable: true,
    configurable: true,
    get(this: ZonePlan): string {
      const value = compute();
      settle(this, value);
      return value;
    },
    set(this: ZonePlan, value: string) {
      settle(this, value);
    },
  });
}

/**
 * Starts reading the YAML targets of the config's explicit zones (a YAML read is pure),
 * so a large target is read in a worker thread while the repository is validated. Errors
 * surface only when a result is awaited, i.e. where the read would have happened anyway.
 */
function readYamlTargetsEarly(
  config: DnsctlConfig,
  providers: ProviderSet,
  wantZones: string[] | undefined,
  opts: PlanOptions,
  signal: AbortSignal,
): Map<string, Promise<PopulateResult>> {
  const early = new Map<string, Promise<PopulateResult>>();
  for (const zc of config.zones) {
    if (zc.dynamic || (wantZones && !wantZones.includes(zc.name))) continue;
    for (const t of zc.targets) {
      if ((opts.targets && !opts.targets.includes(t)) || providers.kindOf(t) !== 'yaml') continue;
      if (opts.pairs && !opts.pairs.some((p) => p.zone === zc.name && p.target === t)) continue;
      const key = `${zc.name}\u0000${t}`;
      if (early.has(key)) continue;
      const p = providers.get(t).then((target) => readTarget(target, zc.name, signal));
      p.catch(() => undefined);
      early.set(key, p);
    }
  }
  return early;
}

/**
 * An unknown --target or provider id in a plan's scope is an error naming the known ones
 * (a typo must not plan nothing and exit green).
 */
export function checkTargetScope(config: DnsctlConfig, targets: readonly string[] | undefined): void {
  if (!targets) return;
  const known = [...new Set(config.zones.flatMap((z) => z.targets))].sort();
  const unknown = targets.filter((t) => !known.includes(t));
  if (!unknown.length) return;
  const what = (t: string) => (config.providers.has(t) ? `${t} (a provider, but no zone's target)` : t);
  throw new DnsctlError(`unknown target ${unknown.map(what).join(', ')}; the config's targets are: ${known.join(', ') || '(none)'}`, [], 'unknown_target');
}

/** Explicitly named zones must be in the config (a '*' entry's zones are known only once its sources are listed). */
function checkZoneScope(config: DnsctlConfig, zones: readonly string[] | undefined): void {
  if (!zones || config.zones.some((z) => z.dynamic)) return;
  const known = config.zones.map((z) => z.name);
  const unknown = zones.filter((z) => !known.includes(z));
  if (unknown.length) throw new DnsctlError(`zone ${unknown.join(', ')} is not in the config; its zones are: ${known.join(', ') || '(none)'}`, [], 'unknown_zone');
}

export async function planRepository(config: DnsctlConfig, factory: ProviderFactory, opts: PlanOptions = {}): Promise<PlanResult> {
  const wantZones = opts.zones?.map((z) => (z.endsWith('.') ? z : `${z}.`)).map((z) => idnaEncode(z) ?? z);
  checkTargetScope(config, opts.targets);
  checkZoneScope(config, wantZones);
  const providers = opts.providers ?? new ProviderSet(config, factory);
  const abort = new AbortController();
  try {
    return await planWith(config, factory, opts, wantZones, providers, readYamlTargetsEarly(config, providers, wantZones, opts, abort.signal));
  } finally {
    // reads nobody awaited (an invalid repository, a failed job): stop their workers
    abort.abort();
  }
}

async function planWith(
  config: DnsctlConfig,
  factory: ProviderFactory,
  opts: PlanOptions,
  wantZones: string[] | undefined,
  providers: ProviderSet,
  early: Map<string, Promise<PopulateResult>>,
): Promise<PlanResult> {
  const report = await validateRepository(config, factory);
  const findings = [...report.findings, ...report.zones.flatMap((z) => z.findings)];
  if (report.errors) {
    throw new DnsctlError(`the repository is invalid (${report.errors} error(s)); nothing was planned`, findings.filter((f) => f.severity === 'error'));
  }
  if (wantZones) {
    const unknown = wantZones.filter((z) => !report.zones.some((r) => r.zone === z));
    if (unknown.length) throw new DnsctlError(`zone ${unknown.join(', ')} is not in the config; its zones are: ${report.zones.map((r) => r.zone).join(', ') || '(none)'}`, [], 'unknown_zone');
  }
  const planned: Array<{ zc: ZoneConfig; records: DnsRecord[]; targets: string[] }> = [];
  const selected = new Set<string>();
  for (const z of report.zones) {
    if (wantZones && !wantZones.includes(z.zone)) continue;
    const zc = config.zones.find((c) => c.name === z.zone) ?? { ...config.zones.find((c) => c.dynamic)!, name: z.zone };
    for (const t of zc.targets) selected.add(t);
    const targets = zc.targets.filter((t) => (!opts.targets || opts.targets.includes(t)) && (!opts.pairs || opts.pairs.some((p) => p.zone === zc.name && p.target === t)));
    if (targets.length) planned.push({ zc, records: z.records, targets });
  }
  const outside = (opts.targets ?? []).filter((t) => !selected.has(t));
  if (wantZones && outside.length) {
    throw new DnsctlError(`target ${outside.join(', ')} is not a target of zone ${wantZones.join(', ')}; its targets are: ${[...selected].join(', ') || '(none)'}`, [], 'unknown_target');
  }
  refuseUnsupportedZones(config, planned.map((p) => p.zc));
  // sources that are live providers (a migration): read now (zones in parallel), laid over the YAML sources
  const desired = await mapLimit(planned, opts.concurrency ?? 4, (p) => withLiveSources(config, p.zc, p.records, providers));
  const sourceFindings = desired.flatMap((d) => d.findings);
  const jobs = planned.flatMap((p, i) => p.targets.map((target) => ({ zc: p.zc, desired: desired[i]!.records, target })));
  const sourceErrors = sourceFindings.filter((f) => f.severity === 'error');
  if (sourceErrors.length) throw new DnsctlError(`a source could not be read as the desired state (${sourceErrors.length} error(s)); nothing was planned`, sourceErrors);
  findings.push(...sourceFindings);
  let done = 0;
  // every job runs: when providers cannot be read, the error names each of them, not only the first
  const failures: unknown[] = [];
  const results = await mapLimit(jobs, opts.concurrency ?? 4, async (j) => {
    const key = `${j.zc.name}\u0000${j.target}`;
    const live = early.get(key);
    early.delete(key);
    try {
      const zp = await planZoneTarget(config, j.zc, j.desired, await providers.get(j.target), live);
      const only = planOnlyReason(j.zc, j.target, providers);
      if (only) zp.planOnly = only;
      opts.onProgress?.(++done, jobs.length, j.zc.name, j.target);
      return zp;
    } catch (e) {
      failures.push(e);
      return undefined;
    }
  });
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const messages = [...new Set(failures.map((e) => (e instanceof Error ? e.message : String(e))))];
    throw new DnsctlError(messages.join('\n'));
  }
  const zones = results.filter((z): z is NonNullable<typeof z> => z !== undefined);
  const targets = new Map(await Promise.all([...new Set(zones.map((z) => z.target))].map(async (t) => [t, await providers.get(t)] as const)));
  const safety = zones.flatMap((zp) => {
    const zc = jobs.find((j) => j.zc.name === zp.zone)!.zc;
    const p = targets.get(zp.target)!;
    return checkSafety(zp, config.safety, {
      update: zc.updatePcentThreshold ?? p.thresholds?.update ?? DEFAULT_THRESHOLD,
      delete: zc.deletePcentThreshold ?? p.thresholds?.delete ?? DEFAULT_THRESHOLD,
    });
  });
  const sharedWarnings: string[] = [];
  const shared = await sharedObjectReports(zones, targets, (w) => sharedWarnings.push(w));
  const plan: Plan = {
    version: PLAN_VERSION,
    createdAt: new Date().toISOString(),
    config: config.file,
    zones,
    safety,
    ...(shared.length ? { shared } : {}),
    warnings: [
      ...providers.notices(),
      ...zones.flatMap((z) => z.warnings ?? []),
      ...findings.filter((f) => f.severity === 'warning').map((f) => `${f.record ?? f.zone ?? ''}: ${f.reason}`),
      ...sharedWarnings,
    ],
  };
  return { plan, findings, providers };
}

/**
 * Zones dnsctl must not plan: ones with octoDNS processors it does not run (an ownership
 * or meta processor would change what is created and deleted). Live (non-YAML) sources are
 * read, see live-sources.ts.
 */
function refuseUnsupportedZones(config: DnsctlConfig, zones: ZoneConfig[]): void {
  const problems: string[] = [];
  for (const zc of zones) {
    const p = processorsProblem(zc, config.processors);
    if (p) problems.push(p);
  }
  if (problems.length) throw new DnsctlError(problems.join('\n'));
}

/** Why apply must write nothing to this zone at this target (undefined: it may); the provider must have been built. */
export function planOnlyReason(zc: Pick<ZoneConfig, 'name' | 'alwaysDryRun'> | undefined, target: string, providers: ProviderSet): string | undefined {
  if (zc?.alwaysDryRun) return `always-dry-run is set on zone ${zc.name}`;
  if (providers.applyDisabled(target)) return `apply_disabled is set on ${target}`;
  return undefined;
}

/** Why a plan cannot be applied as it is; empty when it can. */
export function blockers(plan: Plan, force: boolean): string[] {
  const out: string[] = [];
  // a plan-only zone is never written: what it shows cannot block the others (it is still listed in the plan)
  const planOnly = new Set(plan.zones.filter((z) => z.planOnly).map((z) => `${z.zone}\u0000${z.target}`));
  for (const z of plan.zones) {
    if (z.planOnly) continue;
    for (const l of z.losses) if (l.severity === 'error') out.push(`${l.message} (set strict_supports: false on ${z.target} to fall back with a warning)`);
  }
  for (const v of plan.safety) {
    if (planOnly.has(`${v.zone}\u0000${v.target}`)) continue;
    if (!v.forceable) out.push(v.message);
    else if (!force && !isAccepted(v, plan.accepted)) out.push(v.message);
  }
  return out;
}
