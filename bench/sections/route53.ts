/**
 * `route53`: the Route 53 provider against its emulator, in process, through the real
 * `@aws-sdk/client-route-53`, planner and apply engine.
 * - 1k and 10k plain record changes (creates, TTL updates, deletes): ChangeResourceRecordSets
 *   calls must be ceil(N / 1000) — ceil(2N / 1000) for updates, since Route 53 counts an
 *   UPSERT twice against its 1,000-record limit —, total API calls, plan and apply wall time.
 * - 100 dynamic records (octodns-route53 layout, 2 pools, 3 health-checked values each).
 * The emulator's rate limit is off, and the provider's pacing and CreateHealthCheck interval
 * are off, so the figures are dnsctl + SDK + emulator cost; the "at 5 req/s" column is what
 * Route 53's classic 5 requests/s account budget would make of the same calls.
 */
import { resolve } from 'node:path';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { Route53Provider } from '../../providers/route53/index.js';
import { planZoneTarget } from '../../src/api/plan.js';
import type { DnsRecord } from '../../src/model/record.js';
import { orderChanges } from '../../src/plan/order.js';
import type { BenchContext, BenchSection, SectionOutcome } from '../lib/section.js';
import { fmt, formatTable } from '../lib/table.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import { dynamicRecords, plainRecords, PROVIDER_BENCH_ZONE } from '../lib/records.js';

const ZONE = PROVIDER_BENCH_ZONE;
const config = standaloneConfig('bench', { baseDir: resolve('.') });
const zc = zoneConfig(ZONE);

interface Step {
  label: string;
  changes: number;
  writes: number;
  expectedWrites?: number;
  calls: number;
  healthChecks: number;
  planMs: number;
  applyMs: number;
  replanClean: boolean;
}

const total = (c: Record<string, number>) => Object.values(c).reduce((a, v) => a + v, 0);

async function step(emu: Route53Emulator, p: Route53Provider, label: string, desired: DnsRecord[], expectedWrites?: number): Promise<Step> {
  emu.resetCounters();
  const t0 = performance.now();
  const zp = await planZoneTarget(config, zc, desired, p);
  const t1 = performance.now();
  const results = await p.apply(ZONE, orderChanges(zp.changes), {});
  const t2 = performance.now();
  const failed = results.filter((r) => r.status !== 'applied');
  if (failed.length) throw new Error(`${label}: ${failed.length} change(s) failed: ${failed[0]?.error ?? failed[0]?.status}`);
  const counters = emu.counters();
  const again = await planZoneTarget(config, zc, desired, p);
  const s: Step = {
    label,
    changes: zp.changes.length,
    writes: counters['ChangeResourceRecordSets'] ?? 0,
    calls: total(counters),
    healthChecks: (counters['CreateHealthCheck'] ?? 0) + (counters['DeleteHealthCheck'] ?? 0),
    planMs: t1 - t0,
    applyMs: t2 - t1,
    replanClean: again.changes.length === 0,
  };
  if (expectedWrites !== undefined) s.expectedWrites = expectedWrites;
  return s;
}

async function withEmulator<T>(fn: (emu: Route53Emulator, p: Route53Provider) => Promise<T>): Promise<T> {
  const emu = await startRoute53Emulator({ rate: false, syncDelayMs: 0, allowNonPublicHealthCheckIps: true });
  const p = new Route53Provider('route53', {
    endpoint: emu.url,
    access_key_id: 'bench',
    secret_access_key: 'bench',
    requests_per_second: 0,
    health_check_interval_ms: 0,
  });
  try {
    return await fn(emu, p);
  } finally {
    p.close();
    await emu.close();
  }
}

async function run(ctx: BenchContext): Promise<SectionOutcome> {
  const sizes = ctx.quick ? [1_000] : [1_000, 10_000];
  const steps: Step[] = [];
  for (const n of sizes) {
    await withEmulator(async (emu, p) => {
      const k = `${n / 1000}k`;
      steps.push(await step(emu, p, `${k} creates`, plainRecords(n, 300), Math.ceil(n / 1000)));
      steps.push(await step(emu, p, `${k} TTL updates (UPSERT counts 2)`, plainRecords(n, 600), Math.ceil((2 * n) / 1000)));
      steps.push(await step(emu, p, `${k} deletes`, [], Math.ceil(n / 1000)));
    });
  }
  const dyn: Step[] = [];
  await withEmulator(async (emu, p) => {
    dyn.push(await step(emu, p, '100 dynamic records: create', dynamicRecords(100, 0, { path: '/healthz' })));
    dyn.push(await step(emu, p, '100 dynamic records: replace one value', dynamicRecords(100, 1, { path: '/healthz' })));
    dyn.push(await step(emu, p, '100 dynamic records: delete', []));
  });

  ctx.out('route53: provider → @aws-sdk/client-route-53 → emulator (loopback), in process');
  ctx.out('emulator rate limit off, provider pacing and CreateHealthCheck interval off: times are dnsctl + SDK + emulator cost, not AWS pacing;');
  ctx.out('"at 5 req/s" = calls / 5 s, the floor under Route 53\'s classic account budget (health checks: 0.5 creates/s on top)');
  ctx.out('');
  const row = (s: Step) => [
    s.label,
    fmt(s.changes),
    s.expectedWrites !== undefined ? `${fmt(s.writes)} (target ${fmt(s.expectedWrites)})` : fmt(s.writes),
    fmt(s.calls),
    fmt(s.healthChecks),
    fmt(s.planMs),
    fmt(s.applyMs),
    `${fmt(s.calls / 5, 1)} s`,
    s.replanClean ? 'yes' : 'NO',
  ];
  const head = ['bench', 'changes', 'ChangeResourceRecordSets', 'API calls (plan+apply)', 'health-check writes', 'plan ms', 'apply ms', 'at 5 req/s', 're-plan clean'];
  ctx.out(formatTable(head, steps.map(row)));
  ctx.out('');
  ctx.out("dynamic records: octodns-route53's layout (default pool, weighted values, failover pairs, a geolocation '*' rule), one health check per value");
  ctx.out(formatTable(head, dyn.map(row)));
  const ok = steps.every((s) => s.writes === s.expectedWrites && s.replanClean) && dyn.every((s) => s.replanClean);
  if (!ok) ctx.out('\nMISSED: ChangeResourceRecordSets calls differ from the target or a re-plan was not clean');
  return { ok };
}

export const route53Section: BenchSection = {
  name: 'route53',
  description: 'Route 53 provider: ChangeResourceRecordSets calls for 1k/10k record changes, 100 dynamic records with health checks',
  run,
  tasks: {},
};
