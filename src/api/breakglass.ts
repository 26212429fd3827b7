/**
 * The break-glass operations (`dnsctl evacuate`, `restore`, `status`): impact from the
 * repository's traffic model, safety rules, the zones' locks (break-glass kind), then every
 * provider in parallel — one failing never stops another — and an audit event. Providers
 * act through `RegionTraffic` (src/breakglass/region-traffic.ts).
 */
import { dirname, resolve } from 'node:path';
import type { DnsctlConfig } from '../config/types.js';
import { redact } from '../config/secrets.js';
import { DnsctlError } from '../model/findings.js';
import type { DnsRecord } from '../model/record.js';
import type { Provider, ProviderFactory } from '../model/provider.js';
import { appendAudit, auditFile } from '../breakglass/audit.js';
import { checkEvacuation, regionImpact, type RecordImpact, type SafetyRefusal } from '../breakglass/impact.js';
import { isExpired, type RegionOverride } from '../breakglass/override.js';
import type { RegionChangeResult, RegionState } from '../breakglass/region-traffic.js';
import { mapLimit } from './concurrency.js';
import { takeLocks, type LockOptions } from './locking.js';
import { LockHeldError, releaseLocks } from '../breakglass/lock.js';
import { ProviderSet, validateRepository } from './validate.js';

export type RegionCommand = 'evacuate' | 'restore';

export interface RegionCommandOptions {
  command: RegionCommand;
  region: string;
  reason?: string;
  /** limit to these zones (default: every configured zone with dynamic records in the region) */
  zones?: string[];
  /** limit to these targets */
  targets?: string[];
  /** ISO time when the override is due for review */
  expires?: string;
  force?: boolean;
  dryRun?: boolean;
  /** wait until each provider reports the change live */
  wait?: boolean;
  actor: string;
  lock?: LockOptions;
  /** asked with the impact before any write (the CLI's terminal prompt); false: nothing is done */
  confirm?: (report: RegionCommandReport) => Promise<boolean>;
  now?: () => number;
}

export interface ProviderOutcome {
  target: string;
  zone: string;
  ok: boolean;
  writes: number;
  notes: string[];
  error?: string;
  /** ms until the provider reported the change live (--wait) */
  liveMs?: number;
}

export interface RegionCommandReport {
  version: 1;
  event: RegionCommand;
  region: string;
  at: string;
  actor: string;
  reason: string;
  forced: boolean;
  expires?: string;
  dryRun: boolean;
  zones: string[];
  targets: string[];
  impact: RecordImpact[];
  refusals: SafetyRefusal[];
  outcomes: ProviderOutcome[];
  /** 'done' everywhere, 'partial' (exit 3), 'refused' or 'failed' (exit 1), 'dry-run', 'declined' */
  result: 'done' | 'partial' | 'refused' | 'failed' | 'dry-run' | 'declined';
  /** wall time of the writes, ms */
  durationMs: number;
  /** the bound on when clients have moved: provider propagation + the largest TTL among the affected records */
  timeToEffect: { maxTtl: number; propagation: string; note: string };
}

interface ZoneDesire {
  zone: string;
  records: DnsRecord[];
  targets: string[];
}

async function desiredZones(config: DnsctlConfig, factory: ProviderFactory, zones: string[] | undefined, targets: string[] | undefined): Promise<ZoneDesire[]> {
  const report = await validateRepository(config, factory);
  if (report.errors) {
    const findings = [...report.findings, ...report.zones.flatMap((z) => z.findings)].filter((f) => f.severity === 'error');
    throw new DnsctlError(`the repository is invalid (${report.errors} error(s)); nothing was changed`, findings);
  }
  const want = zones?.map((z) => (z.endsWith('.') ? z : `${z}.`));
  for (const z of want ?? []) if (!report.zones.some((r) => r.zone === z)) throw new DnsctlError(`zone ${z} is not in the config; nothing was changed`);
  const out: ZoneDesire[] = [];
  for (const z of report.zones) {
    if (want && !want.includes(z.zone)) continue;
    const zc = config.zones.find((c) => c.name === z.zone);
    if (!zc) continue;
    const t = zc.targets.filter((x) => !targets || targets.includes(x));
    if (t.length) out.push({ zone: z.zone, records: z.records, targets: t });
  }
  return out;
}

export function requireRegion(config: DnsctlConfig, region: string): void {
  if (!config.regions.has(region)) {
    throw new DnsctlError(`region ${region} is not in the catalogue (dnsctl.regions: ${[...config.regions.keys()].sort().join(', ') || 'none'}); nothing was changed`);
  }
}

const errText = (e: unknown): string => redact(e instanceof Error ? e.message : String(e));

/** Route 53: health-check status reaches resolvers in ~30 s plus the record TTL; Cloudflare load-balancer decisions are immediate, the TTL remains. */
function timeToEffect(impacts: RecordImpact[], kinds: string[]): RegionCommandReport['timeToEffect'] {
  const maxTtl = impacts.reduce((m, i) => Math.max(m, i.ttl), 0);
  const parts = [...new Set(kinds)].map((k) => (k === 'route53' ? 'route53: health-check state reaches the resolvers in about 30 s (3 checker intervals)' : k === 'cloudflare' ? 'cloudflare: steering changes at once' : `${k}: unknown`));
  return {
    maxTtl,
    propagation: parts.join('; '),
    note: `clients have moved within propagation + ${maxTtl} s (the largest TTL among the affected records); resolvers that ignore TTLs keep some clients longer`,
  };
}

export async function regionCommand(config: DnsctlConfig, factory: ProviderFactory, opts: RegionCommandOptions): Promise<RegionCommandReport> {
  requireRegion(config, opts.region);
  if (opts.force && !opts.reason?.trim()) throw new DnsctlError('--force needs --reason (it is recorded in the override and the audit log); nothing was changed');
  const now = opts.now ?? Date.now;
  const desired = await desiredZones(config, factory, opts.zones, opts.targets);
  const providers = new ProviderSet(config, factory);
  const pairs: Array<{ zone: string; target: string; provider: Provider; records: DnsRecord[] }> = [];
  for (const d of desired) {
    // only zones whose records route through the region
    if (!d.records.some((r) => r.dynamic && regionImpact(d.zone, [r], opts.region, new Set(), new Set()).length)) continue;
    for (const target of d.targets) {
      const provider = await providers.get(target);
      if (provider.breakglass) pairs.push({ zone: d.zone, target, provider, records: d.records });
    }
  }
  if (pairs.length === 0) throw new DnsctlError(`no dynamic record of ${opts.zones ? 'these zones' : 'the repository'} routes through ${opts.region} at a provider that can evacuate; nothing was changed`);

  // the overrides in force now, per zone and provider (one read each); a provider that cannot
  // be read fails alone (its outcome says why), the others go on
  const read = await mapLimit(pairs, 4, async (p): Promise<RegionOverride[] | { error: string }> => {
    try {
      return await p.provider.breakglass!.readOverrides(p.zone);
    } catch (e) {
      return { error: `cannot read the overrides of ${p.zone}: ${errText(e)}` };
    }
  });
  const live = read.map((x) => (Array.isArray(x) ? x : []));
  const offNow = new Set(live.flat().filter((o) => o.percent === 0).map((o) => o.region));
  const offAfter = new Set(offNow);
  if (opts.command === 'evacuate') offAfter.add(opts.region);
  else offAfter.delete(opts.region);
  const zonesSeen = new Set<string>();
  const impact: RecordImpact[] = [];
  for (const p of pairs) {
    if (zonesSeen.has(p.zone)) continue;
    zonesSeen.add(p.zone);
    const before = new Set(offNow);
    if (opts.command === 'restore') before.add(opts.region);
    impact.push(...regionImpact(p.zone, p.records, opts.region, before, offAfter));
  }
  const refusals = opts.command === 'evacuate' ? checkEvacuation(config, offAfter, impact) : [];
  const at = new Date(now()).toISOString();
  const report: RegionCommandReport = {
    version: 1,
    event: opts.command,
    region: opts.region,
    at,
    actor: opts.actor,
    reason: opts.reason ?? '',
    forced: Boolean(opts.force && refusals.length),
    dryRun: Boolean(opts.dryRun),
    zones: [...zonesSeen].sort(),
    targets: [...new Set(pairs.map((p) => p.target))],
    impact,
    refusals,
    outcomes: [],
    result: 'done',
    durationMs: 0,
    timeToEffect: timeToEffect(impact, pairs.map((p) => p.provider.kind)),
  };
  if (opts.expires) report.expires = opts.expires;
  if (refusals.length && !opts.force) {
    report.result = 'refused';
    return report;
  }
  if (opts.dryRun) {
    report.result = 'dry-run';
    return report;
  }
  if (opts.confirm && !(await opts.confirm(report))) {
    report.result = 'declined';
    return report;
  }

  const entry: RegionOverride = { region: opts.region, percent: 0, by: opts.actor, at, reason: opts.reason ?? '', command: opts.command };
  if (opts.expires) entry.expires = opts.expires;
  if (report.forced) entry.forced = true;
  const t0 = Date.now();
  const act = async (p: (typeof pairs)[number], i: number): Promise<ProviderOutcome> => {
    const others = live[i]!.filter((o) => o.region !== opts.region);
    const overrides = opts.command === 'evacuate' ? [...others, entry] : others;
    let res: RegionChangeResult;
    try {
      res = await p.provider.breakglass!.setRegion({ zone: p.zone, region: opts.region, percent: opts.command === 'evacuate' ? 0 : 100, overrides });
    } catch (e) {
      return { target: p.target, zone: p.zone, ok: false, writes: 0, notes: [], error: errText(e) };
    }
    const out: ProviderOutcome = { target: p.target, zone: p.zone, ok: true, writes: res.writes, notes: res.notes };
    if (opts.wait && p.provider.breakglass!.waitLive) {
      try {
        out.liveMs = await p.provider.breakglass!.waitLive(res, 600_000);
      } catch (e) {
        out.notes.push(`stopped waiting: ${errText(e)}`);
      }
    }
    return out;
  };
  // the locks per provider: one held by another break-glass command refuses the whole command;
  // a provider that cannot be reached fails alone, the others go on
  const targets = [...new Set(pairs.map((p) => p.target))];
  const lockOpts = { ...opts.lock, command: `${opts.command} ${opts.region}` };
  const taken = await Promise.allSettled(
    targets.map((t) => takeLocks(pairs.filter((p) => p.target === t && p.provider.locks).map((p) => ({ store: p.provider.locks!, zone: p.zone })), 'breakglass', lockOpts)),
  );
  const held = taken.flatMap((x) => (x.status === 'fulfilled' ? x.value : []));
  const refused = taken.find((x): x is PromiseRejectedResult => x.status === 'rejected' && x.reason instanceof LockHeldError);
  if (refused) {
    await releaseLocks(held, lockOpts.onNotice ? { onNotice: lockOpts.onNotice } : {});
    throw refused.reason;
  }
  try {
    report.outcomes = await mapLimit(pairs, 8, async (p, i): Promise<ProviderOutcome> => {
      const unread = read[i]!;
      if (!Array.isArray(unread)) return { target: p.target, zone: p.zone, ok: false, writes: 0, notes: [], error: unread.error };
      const lockFailed = taken[targets.indexOf(p.target)]!;
      if (lockFailed.status === 'rejected') return { target: p.target, zone: p.zone, ok: false, writes: 0, notes: [], error: errText(lockFailed.reason) };
      return act(p, i);
    });
  } finally {
    await releaseLocks(held, lockOpts.onNotice ? { onNotice: lockOpts.onNotice } : {});
  }
  report.durationMs = Date.now() - t0;
  const ok = report.outcomes.filter((o) => o.ok).length;
  report.result = ok === report.outcomes.length ? 'done' : ok === 0 ? 'failed' : 'partial';
  appendAudit(auditFile(dirname(resolve(config.file))), report);
  return report;
}

export interface StatusCell {
  zone: string;
  target: string;
  state: RegionState;
  override?: RegionOverride;
  expired?: boolean;
}

export interface StatusReport {
  version: 1;
  regions: Array<{ region: string; cells: StatusCell[] }>;
  /** providers that could not be read: named, the others still reported */
  errors: string[];
}

/** Regions x providers: is each region serving in each zone, and the override that says why not. */
export async function regionStatus(config: DnsctlConfig, factory: ProviderFactory, opts: { zones?: string[]; targets?: string[]; now?: () => number } = {}): Promise<StatusReport> {
  const now = opts.now ?? Date.now;
  const desired = await desiredZones(config, factory, opts.zones, opts.targets);
  const providers = new ProviderSet(config, factory);
  const jobs: Array<{ zone: string; target: string; provider: Provider; regions: string[] }> = [];
  for (const d of desired) {
    const regions = [...config.regions.keys()].filter((region) => d.records.some((r) => regionImpact(d.zone, [r], region, new Set(), new Set()).length));
    if (!regions.length) continue;
    for (const target of d.targets) {
      const provider = await providers.get(target);
      if (provider.breakglass) jobs.push({ zone: d.zone, target, provider, regions });
    }
  }
  const errors: string[] = [];
  const cells = (
    await mapLimit(jobs, 4, async (j) => {
      try {
        const overrides = await j.provider.breakglass!.readOverrides(j.zone);
        return await Promise.all(
          j.regions.map(async (region): Promise<[string, StatusCell]> => {
            const cell: StatusCell = { zone: j.zone, target: j.target, state: await j.provider.breakglass!.regionState(j.zone, region) };
            const o = overrides.find((x) => x.region === region);
            if (o) {
              cell.override = o;
              if (isExpired(o, now())) cell.expired = true;
            }
            return [region, cell];
          }),
        );
      } catch (e) {
        errors.push(`${j.target}: ${j.zone}: ${errText(e)}`);
        return [];
      }
    })
  ).flat();
  const regions = [...config.regions.keys()].sort().map((region) => ({ region, cells: cells.filter(([r]) => r === region).map(([, c]) => c) })).filter((r) => r.cells.length);
  return { version: 1, regions, errors };
}
