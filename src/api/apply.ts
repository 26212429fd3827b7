/**
 * `dnsctl apply`: carries out exactly a reviewed plan. Live state is read again first;
 * if any zone changed since the plan (its fingerprint differs) nothing is applied.
 * Zones run in parallel (bounded), each target applies its zone's changes in an order
 * where every intermediate state is valid, and the report says per zone and target
 * what was applied, what failed with the provider's message, and what was not attempted.
 */
import { collectsOrphans } from './plan-shared.js';
import type { DnsctlConfig } from '../config/types.js';
import { redact } from '../config/secrets.js';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { fingerprint } from '../plan/fingerprint.js';
import { orderChanges } from '../plan/order.js';
import { PLAN_VERSION, type ApplyReport, type ChangeResult, type Plan, type ZoneApplyReport, type ZonePlan } from '../plan/types.js';
import { mapLimit } from './concurrency.js';
import { blockers, planOnlyReason, processorsProblem, readTarget } from './plan.js';
import { ProviderSet } from './validate.js';
import { lockPairs, withLocks, type LockOptions } from './locking.js';

export class StalePlanError extends DnsctlError {
  constructor(readonly zones: string[]) {
    super(
      `live state changed since the plan was made (${zones.join(', ')}); nothing was applied. Run dnsctl plan again and review the new plan.`,
    );
    this.name = 'StalePlanError';
  }
}

export class UnsafePlanError extends DnsctlError {
  constructor(readonly reasons: string[]) {
    super(`the plan cannot be applied:\n  - ${reasons.join('\n  - ')}`);
    this.name = 'UnsafePlanError';
  }
}

export interface ApplyOptions {
  force?: boolean;
  /** zone/target pairs applied at once (default 4) */
  concurrency?: number;
  /** progress: called as changes complete */
  onProgress?: (zone: string, target: string, done: number, total: number) => void;
  providers?: ProviderSet;
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

export function parsePlan(text: string, file: string): Plan {
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (e) {
    throw new DnsctlError(`${file} is not a dnsctl plan: ${(e as Error).message}`);
  }
  const p = plan as Partial<Plan>;
  if (typeof plan !== 'object' || plan === null || p.version !== PLAN_VERSION || !Array.isArray(p.zones)) {
    throw new DnsctlError(`${file} is not a dnsctl plan of version ${PLAN_VERSION} (made by another dnsctl version?)`);
  }
  return plan as Plan;
}

export async function applyPlan(plan: Plan, config: DnsctlConfig, factory: ProviderFactory, opts: ApplyOptions = {}): Promise<ApplyReport> {
  // a plan made before processors were added to the config (or by hand) is refused too:
  // ones dnsctl does not run, and ones it runs that differ from those the plan ran
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
  const blocked = blockers(plan, opts.force ?? false);
  if (blocked.length) throw new UnsafePlanError(blocked);
  const providers = opts.providers ?? new ProviderSet(config, factory);
  // the plan's reason, or the config's as it is now: turning apply_disabled or always-dry-run
  // on stops the apply of an older plan (worked out once per zone plan, used by both passes)
  const reasons = new Map<ZonePlan, Promise<string | undefined>>();
  const planOnly = (zp: ZonePlan): Promise<string | undefined> => {
    let r = reasons.get(zp);
    if (!r) {
      r = zp.planOnly ? Promise.resolve(zp.planOnly) : providers.get(zp.target).then(() => planOnlyReason(configured(zp.zone), zp.target, providers));
      reasons.set(zp, r);
    }
    return r;
  };
  // the lock of every (zone, provider) this apply writes to, held from before the stale check to the end
  const wanted: Array<{ zone: string; target: string }> = [];
  for (const zp of plan.zones) if ((orderChanges(zp.changes).length || collectsOrphans(plan, zp)) && !(await planOnly(zp))) wanted.push({ zone: zp.zone, target: zp.target });
  const pairs = opts.lock?.held ? [] : await lockPairs(providers, wanted);
  return withLocks(pairs, 'routine', opts.lock ?? {}, () => applyLocked(plan, opts, providers, planOnly));
}

async function applyLocked(
  plan: Plan,
  opts: ApplyOptions,
  providers: ProviderSet,
  planOnly: (zp: ZonePlan) => Promise<string | undefined>,
): Promise<ApplyReport> {
  // stale-plan check: every zone the plan read must read the same now
  const stale: string[] = [];
  await mapLimit(plan.zones, opts.concurrency ?? 4, async (zp) => {
    // a zone apply never writes to need not be current
    if (await planOnly(zp)) return;
    const live = await readTarget(await providers.get(zp.target), zp.zone);
    if (fingerprint(live.records, live.exists) !== zp.fingerprint) stale.push(`${zp.zone} at ${zp.target}`);
  });
  if (stale.length) throw new StalePlanError(stale.sort());

  const reports = await mapLimit(plan.zones, opts.concurrency ?? 4, async (zp): Promise<ZoneApplyReport> => {
    const started = Date.now();
    const ordered = orderChanges(zp.changes);
    // no changes: nothing to do, unless the plan listed orphans this target's apply collects
    if (ordered.length === 0 && !collectsOrphans(plan, zp)) return { zone: zp.zone, target: zp.target, results: [], durationMs: 0 };
    if (opts.signal?.aborted) {
      return { zone: zp.zone, target: zp.target, results: ordered.map((change) => ({ change, status: 'not-attempted' as const })), durationMs: 0 };
    }
    const only = await planOnly(zp);
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
    try {
      results = await provider.apply(zp.zone, ordered, {
        onProgress: (done, total) => opts.onProgress?.(zp.zone, zp.target, done, total),
        onNote: (n) => notes.push(redact(n)),
        ...(opts.wait ? { wait: true } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
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
