/**
 * `dnsctl apply`: carries out exactly a reviewed plan. A saved plan is bound to what was
 * reviewed: it must be well-formed (schemas/plan.schema.json), made from this config, for
 * zones and targets the config holds; apply then plans again from the checkout (one read of
 * each zone at each target) and refuses, writing nothing, unless live state still has the
 * plan's fingerprint and the plan's changes are exactly what the repository needs from it.
 * Safety rules are evaluated again on those changes; a forced plan lifts only the
 * violations it recorded. The read that planned is the base each provider applies against.
 * Zones run in parallel (bounded), each target applies its zone's changes in an order
 * where every intermediate state is valid, and the report says per zone and target
 * what was applied, what failed with the provider's message, and what was not attempted.
 */
import { collectsOrphans } from './plan-shared.js';
import { resolve } from 'node:path';
import type { DnsctlConfig } from '../config/types.js';
import { redact } from '../config/secrets.js';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { accept, forceReason } from '../plan/acceptance.js';
import { changesDigest } from '../plan/fingerprint.js';
import { orderChanges } from '../plan/order.js';
import { pinMetaValues } from '../plan/meta-pin.js';
import { shellWord } from '../render/apply-command.js';
import { planSchemaErrors } from '../plan/saved-plan-schema.js';
import { PLAN_VERSION, type ApplyReport, type ChangeResult, type Plan, type ZoneApplyReport, type ZonePlan } from '../plan/types.js';
import { mapLimit } from './concurrency.js';
import { blockers, liveReadOf, planRepository, processorsProblem, type PlanResult } from './plan.js';
import { ProviderSet } from './validate.js';
import { lockPairs, withLocks, type LockOptions } from './locking.js';

export class StalePlanError extends DnsctlError {
  constructor(readonly zones: string[]) {
    super(
      `live state changed since the plan was made (${zones.join(', ')}); nothing was applied. Run dnsctl plan again and review the new plan.`,
      [],
      'plan_stale',
    );
    this.name = 'StalePlanError';
  }
}

/** The saved plan is not what the checkout needs now: edited by hand, or the repository moved. */
export class PlanMismatchError extends DnsctlError {
  constructor(readonly problems: string[]) {
    super(`the saved plan is not what the repository needs now; nothing was applied:\n  - ${problems.join('\n  - ')}\nRun dnsctl plan again and review the new plan.`, [], 'plan_mismatch');
    this.name = 'PlanMismatchError';
  }
}

export class UnsafePlanError extends DnsctlError {
  constructor(readonly reasons: string[]) {
    super(`the plan cannot be applied:\n  - ${reasons.join('\n  - ')}`, [], 'plan_unsafe');
    this.name = 'UnsafePlanError';
  }
}

export interface ApplyOptions {
  /** accept the forceable safety violations at apply time; needs `reason` */
  force?: boolean;
  /** why the violations are accepted (recorded with who accepted them) */
  reason?: string;
  /** zone/target pairs applied at once (default 4) */
  concurrency?: number;
  /** progress: called as changes complete */
  onProgress?: (zone: string, target: string, done: number, total: number) => void;
  /** wait for each provider to report its changes live (Route 53: GetChange INSYNC) */
  wait?: boolean;
  /**
   * Aborted on an interrupt: zones not started are not attempted, providers finish the
   * write in flight and send nothing more; the report says what was and was not done.
   */
  signal?: AbortSignal;
  /** the per-(zone, provider) lock: how long to wait for it, who holds it, where notices go */
  lock?: LockOptions;
}

/** Reads a saved plan: JSON, of this version, valid against schemas/plan.schema.json; else an error naming what is wrong. */
export async function parsePlan(text: string, file: string): Promise<Plan> {
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (e) {
    throw new DnsctlError(`${file} is not a dnsctl plan: ${(e as Error).message}`);
  }
  const p = plan as Partial<Plan>;
  if (typeof plan !== 'object' || plan === null || p.version !== PLAN_VERSION) {
    throw new DnsctlError(`${file} is not a dnsctl plan of version ${PLAN_VERSION} (made by another dnsctl version?)`);
  }
  const errors = await planSchemaErrors(plan);
  if (errors.length) {
    const shown = errors.slice(0, 10).map((e) => `${file}#${e.path || '/'}: ${e.message}`);
    if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more`);
    throw new DnsctlError(`${file} is not a valid dnsctl plan (schemas/plan.schema.json); nothing was applied:\n  ${shown.join('\n  ')}`);
  }
  return plan as Plan;
}

const pairKey = (z: { zone: string; target: string }) => `${z.zone}\u0000${z.target}`;

/** Every zone and target of the plan must be in the config (a zone renamed by hand is not created anywhere). */
function checkScope(plan: Plan, config: DnsctlConfig): void {
  const problems: string[] = [];
  const wildcard = config.zones.some((z) => z.dynamic);
  for (const zp of plan.zones) {
    const zc = config.zones.find((z) => !z.dynamic && z.name === zp.zone);
    if (!zc) {
      // a '*' entry's zones are known once its sources are listed: planning again decides
      if (!wildcard) problems.push(`zone ${zp.zone} is not in the config (its zones: ${config.zones.map((z) => z.name).join(', ') || 'none'})`);
      continue;
    }
    if (!zc.targets.includes(zp.target)) problems.push(`${zp.target} is not a target of zone ${zp.zone} (its targets: ${zc.targets.join(', ') || 'none'})`);
  }
  if (problems.length) throw new DnsctlError(`the plan does not fit the config ${config.file}; nothing was applied:\n  - ${[...new Set(problems)].join('\n  - ')}`, [], 'plan_outside_config');
}

/** The plan's processors must be the ones the config runs now (a plan made before processors were added, or by hand). */
function checkProcessors(plan: Plan, config: DnsctlConfig): void {
  const withProcessors = new Set<string>();
  const configured = (zone: string) => config.zones.find((z) => !z.dynamic && z.name === zone);
  for (const zp of plan.zones) {
    // a zone from a '*' entry: any '*' entry with processors may be the one it came from
    const zc = configured(zp.zone) ?? config.zones.find((z) => z.dynamic && z.processors.length);
    const problem = zc && processorsProblem({ ...zc, name: zp.zone }, config.processors);
    if (problem) withProcessors.add(problem);
    else if ((zc?.processors ?? []).join('\u0000') !== (zp.processors ?? []).join('\u0000')) {
      withProcessors.add(`zone ${zp.zone}: its octoDNS processors changed since the plan was made (plan: ${zp.processors?.join(', ') || 'none'}; config: ${zc?.processors.join(', ') || 'none'}); run dnsctl plan again`);
    }
  }
  if (withProcessors.size) throw new DnsctlError([...withProcessors].join('\n'));
}

/**
 * Why the recomputed zone plan `now` does not carry out the saved `saved`: empty when the
 * live state read is the one the plan fingerprinted and the changes are exactly the ones
 * the repository needs from it. `stale` is set when live state moved.
 */
function bindingProblems(saved: ZonePlan, now: ZonePlan): { stale: boolean; problems: string[] } {
  const where = `${saved.zone} at ${saved.target}`;
  if (now.fingerprint !== saved.fingerprint) return { stale: true, problems: [`${where}: live state changed since the plan was made`] };
  const problems: string[] = [];
  const savedDigest = changesDigest(saved.changes);
  if (savedDigest !== saved.changesDigest) problems.push(`${where}: the plan's changes were edited after it was made (they no longer match its changesDigest)`);
  else if (saved.desiredDigest !== now.desiredDigest) problems.push(`${where}: the repository changed since the plan was made (its desired state differs)`);
  if (!problems.length && savedDigest !== now.changesDigest) {
    problems.push(`${where}: the plan's changes are not what the repository needs from the live state it read (${describeDifference(saved, now)})`);
  }
  return { stale: false, problems };
}

function describeDifference(saved: ZonePlan, now: ZonePlan): string {
  const label = (c: ZonePlan['changes'][number]) => `${c.kind} ${c.name === '' ? '@' : c.name} ${c.type}`;
  const extra = saved.changes.filter((c) => !now.changes.some((n) => label(n) === label(c))).map(label);
  const missing = now.changes.filter((c) => !saved.changes.some((n) => label(n) === label(c))).map(label);
  const parts = [extra.length ? `not needed: ${extra.slice(0, 5).join(', ')}` : '', missing.length ? `missing: ${missing.slice(0, 5).join(', ')}` : ''].filter(Boolean);
  return parts.join('; ') || 'a change differs in its values';
}

/**
 * Applies a saved, reviewed plan (see the module comment): nothing is written unless the
 * plan is exactly what the checkout needs from live state as the plan read it.
 */
export async function applyPlan(plan: Plan, config: DnsctlConfig, factory: ProviderFactory, opts: ApplyOptions = {}): Promise<ApplyReport> {
  const reason = forceReason(opts.force, opts.reason);
  checkScope(plan, config);
  checkProcessors(plan, config);
  if (resolve(plan.config) !== resolve(config.file)) {
    throw new DnsctlError(`the plan was made from ${plan.config}, not ${config.file}; nothing was applied. Apply it with: dnsctl apply --config ${shellWord(plan.config)} <plan>`, [], 'plan_outside_config');
  }
  pinMetaValues(config, plan);
  // what the saved plan itself shows as blocking blocks (its lists are checked again below on the recomputed plan)
  const shown = blockers(plan, reason !== undefined);
  if (shown.length) throw new UnsafePlanError(shown);
  const pairs = plan.zones.map((z) => ({ zone: z.zone, target: z.target }));
  if (pairs.length === 0) return { version: PLAN_VERSION, zones: [], ok: true };
  const providers = new ProviderSet(config, factory);
  // the lock of every (zone, provider) this apply writes to, held from before the read that binds the plan to the end
  const wanted = plan.zones.filter((zp) => (zp.changes.length || collectsOrphans(plan, zp)) && !zp.planOnly).map((zp) => ({ zone: zp.zone, target: zp.target }));
  const locks = opts.lock?.held ? [] : await lockPairs(providers, wanted);
  return withLocks(locks, 'routine', opts.lock ?? {}, async () => {
    const now = await planRepository(config, factory, { zones: [...new Set(pairs.map((p) => p.zone))], pairs, providers, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) });
    bindTo(plan, now);
    // the safety rules, evaluated again on the recomputed changes: a forced plan lifts only what it recorded
    if (plan.accepted) now.plan.accepted = plan.accepted;
    if (reason) now.plan.accepted = accept(now.plan.safety, reason);
    const blocked = blockers(now.plan, false);
    if (blocked.length) throw new UnsafePlanError(blocked);
    const { force: _force, reason: _reason, ...rest } = opts;
    return applyPlanned(now, { ...rest, lock: { ...opts.lock, held: true } });
  });
}

/** Refuses (StalePlanError, PlanMismatchError) unless `now`, planned again, carries out the saved `plan` exactly. */
function bindTo(plan: Plan, now: PlanResult): void {
  const byPair = new Map(now.plan.zones.map((z) => [pairKey(z), z]));
  const stale: string[] = [];
  const problems: string[] = [];
  for (const saved of plan.zones) {
    const zp = byPair.get(pairKey(saved));
    if (!zp) {
      problems.push(`${saved.zone} at ${saved.target}: the config no longer plans this zone at this target`);
      continue;
    }
    // a zone apply never writes to need not be current
    if (zp.planOnly) continue;
    const b = bindingProblems(saved, zp);
    if (b.stale) stale.push(`${saved.zone} at ${saved.target}`);
    problems.push(...b.problems);
  }
  if (stale.length && stale.length === problems.length) throw new StalePlanError(stale.sort());
  if (problems.length) throw new PlanMismatchError(problems);
}

/**
 * Applies a plan just computed (`dnsctl apply` without a file, or a saved plan once it is
 * bound): each provider applies against the live state the plan read, read once.
 */
export async function applyPlanned(result: Pick<PlanResult, 'plan' | 'providers'>, opts: ApplyOptions = {}): Promise<ApplyReport> {
  const { plan, providers } = result;
  const reason = forceReason(opts.force, opts.reason);
  if (reason) plan.accepted = accept(plan.safety, reason);
  const blocked = blockers(plan, false);
  if (blocked.length) throw new UnsafePlanError(blocked);
  const wanted = plan.zones.filter((zp) => (zp.changes.length || collectsOrphans(plan, zp)) && !zp.planOnly).map((zp) => ({ zone: zp.zone, target: zp.target }));
  const locks = opts.lock?.held ? [] : await lockPairs(providers, wanted);
  return withLocks(locks, 'routine', opts.lock ?? {}, () => writePlanned(plan, providers, opts));
}

async function writePlanned(plan: Plan, providers: ProviderSet, opts: ApplyOptions): Promise<ApplyReport> {
  const reports = await mapLimit(plan.zones, opts.concurrency ?? 4, async (zp): Promise<ZoneApplyReport> => {
    const started = Date.now();
    const ordered = orderChanges(zp.changes);
    // no changes: nothing to do, unless the plan listed orphans this target's apply collects
    if (ordered.length === 0 && !collectsOrphans(plan, zp)) return { zone: zp.zone, target: zp.target, results: [], durationMs: 0 };
    if (opts.signal?.aborted) {
      return { zone: zp.zone, target: zp.target, results: ordered.map((change) => ({ change, status: 'not-attempted' as const })), durationMs: 0 };
    }
    const only = zp.planOnly;
    if (only) {
      return {
        zone: zp.zone,
        target: zp.target,
        results: ordered.map((change) => ({ change, status: 'not-attempted' as const })),
        skipped: `${only}: planned for review only, nothing written`,
        durationMs: 0,
      };
    }
    const provider = await providers.get(zp.target);
    if (!provider.apply) {
      return {
        zone: zp.zone,
        target: zp.target,
        results: ordered.map((change) => ({ change, status: 'not-attempted' as const })),
        error: `${zp.target} (${provider.kind}) cannot be a target`,
        durationMs: 0,
      };
    }
    let results: ChangeResult[];
    const notes: string[] = [];
    const base = liveReadOf(zp)?.base;
    try {
      results = await provider.apply(zp.zone, ordered, {
        onProgress: (done, total) => opts.onProgress?.(zp.zone, zp.target, done, total),
        onNote: (n) => notes.push(redact(n)),
        ...(opts.wait ? { wait: true } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        // the live state this plan read: the provider applies against it instead of reading again
        ...(base !== undefined ? { base } : {}),
      });
    } catch (e) {
      return {
        zone: zp.zone,
        target: zp.target,
        results: ordered.map((change) => ({ change, status: 'not-attempted' as const })),
        error: redact(e instanceof Error ? e.message : String(e)),
        durationMs: Date.now() - started,
      };
    }
    const report: ZoneApplyReport = { zone: zp.zone, target: zp.target, results: results.map((r) => (r.error ? { ...r, error: redact(r.error) } : r)), durationMs: Date.now() - started };
    if (notes.length) report.notes = notes;
    return report;
  });
  const ok = reports.every((z) => z.skipped !== undefined || (!z.error && z.results.every((r) => r.status === 'applied')));
  const report: ApplyReport = { version: PLAN_VERSION, zones: reports, ok };
  if (opts.signal?.aborted) {
    report.interrupted = true;
    report.ok = false;
  }
  return report;
}
