/**
 * `cloudflare`: the Cloudflare provider against its emulator, in process, through the real
 * SDK, planner and apply engine.
 * - 1k and 10k plain record changes (creates, then TTL updates): API calls and wall time;
 *   the write calls must equal ceil(N / batch limit), for the Free (200) and paid (3,500) limits.
 * - 100 dynamic records created then updated as Load Balancing objects: calls and wall time.
 * The emulator's rate limit is raised and the client limiter runs at 1,000 req/s so the
 * figures show dnsctl's own cost; the "at 4 req/s" column is what Cloudflare's real
 * 1,200 / 5 min budget would make of the same calls.
 */
import { resolve } from 'node:path';
import { startCloudflareEmulator, type CloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { CloudflareProvider } from '../../providers/cloudflare/index.js';
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
  /** write calls (batch, or LB objects) */
  writes: number;
  expectedWrites?: number;
  calls: number;
  planMs: number;
  applyMs: number;
  replanClean: boolean;
}

const WRITE_KEYS = ['dns_records.batch', 'dns_records.create', 'dns_records.update', 'dns_records.edit', 'dns_records.delete'];
const LB_WRITE = /^(monitors|pools|load_balancers)\.(create|update|edit|delete)$/;

function writes(counters: Record<string, number>): number {
  return Object.entries(counters)
    .filter(([k]) => WRITE_KEYS.includes(k) || LB_WRITE.test(k))
    .reduce((a, [, v]) => a + v, 0);
}

async function step(emu: CloudflareEmulator, p: CloudflareProvider, label: string, desired: DnsRecord[], expectedWrites?: number): Promise<Step> {
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
  const s: Step = { label, changes: zp.changes.length, writes: writes(counters), calls: counters['total'] ?? 0, planMs: t1 - t0, applyMs: t2 - t1, replanClean: again.changes.length === 0 };
  if (expectedWrites !== undefined) s.expectedWrites = expectedWrites;
  return s;
}

async function withEmulator<T>(batchLimit: number, fn: (emu: CloudflareEmulator, p: CloudflareProvider) => Promise<T>): Promise<T> {
  const emu = await startCloudflareEmulator({ zones: [ZONE.slice(0, -1)], batchLimit, rate: { requests: 10_000_000, windowMs: 300_000 } });
  try {
    const p = new CloudflareProvider('cloudflare', { token: 'bench', base_url: emu.url, batch_limit: batchLimit, rate_limit: 1000 });
    return await fn(emu, p);
  } finally {
    await emu.close();
  }
}

async function run(ctx: BenchContext): Promise<SectionOutcome> {
  const sizes = ctx.quick ? [1_000] : [1_000, 10_000];
  const steps: Step[] = [];
  for (const limit of [200, 3500]) {
    for (const n of sizes) {
      await withEmulator(limit, async (emu, p) => {
        steps.push(await step(emu, p, `${n / 1000}k creates, limit ${limit}`, plainRecords(n, 300), Math.ceil(n / limit)));
        steps.push(await step(emu, p, `${n / 1000}k TTL updates, limit ${limit}`, plainRecords(n, 600), Math.ceil(n / limit)));
      });
    }
  }
  const dyn: Step[] = [];
  await withEmulator(200, async (emu, p) => {
    dyn.push(await step(emu, p, '100 dynamic records: create', dynamicRecords(100, 0, { host: 'app.bench.example.com', path: '/healthz', port: 443, protocol: 'HTTPS' })));
    dyn.push(await step(emu, p, '100 dynamic records: update one pool value', dynamicRecords(100, 1, { host: 'app.bench.example.com', path: '/healthz', port: 443, protocol: 'HTTPS' })));
    dyn.push(await step(emu, p, '100 dynamic records: delete', []));
  });

  ctx.out('cloudflare: provider → official SDK → emulator (loopback), in process');
  ctx.out('emulator rate limit raised to 10M / 5 min and client limiter at 1,000 req/s (default 4 req/s): times are dnsctl + SDK + emulator cost, not Cloudflare pacing;');
  ctx.out('"at 4 req/s" = calls / 4 s, the floor under Cloudflare\'s real 1,200 requests / 5 minutes budget');
  ctx.out('');
  const row = (s: Step) => [
    s.label,
    fmt(s.changes),
    s.expectedWrites !== undefined ? `${fmt(s.writes)} (target ${fmt(s.expectedWrites)})` : fmt(s.writes),
    fmt(s.calls),
    fmt(s.planMs),
    fmt(s.applyMs),
    `${fmt(s.calls / 4, 1)} s`,
    s.replanClean ? 'yes' : 'NO',
  ];
  ctx.out(formatTable(['bench', 'changes', 'write calls', 'API calls (plan+apply)', 'plan ms', 'apply ms', 'at 4 req/s', 're-plan clean'], steps.map(row)));
  ctx.out('(apply ms of the 10k runs is spent almost entirely inside the API calls, i.e. in the emulator handling 200-3,500 items per batch)');
  ctx.out('');
  ctx.out('write calls for dynamic records = monitor + pool + load-balancer creates / updates / deletes');
  ctx.out(formatTable(['bench', 'changes', 'write calls', 'API calls (plan+apply)', 'plan ms', 'apply ms', 'at 4 req/s', 're-plan clean'], dyn.map(row)));
  const ok = steps.every((s) => s.writes === s.expectedWrites && s.replanClean) && dyn.every((s) => s.replanClean);
  if (!ok) ctx.out('\nMISSED: write calls differ from ceil(N / limit) or a re-plan was not clean');
  return { ok };
}

export const cloudflareSection: BenchSection = {
  name: 'cloudflare',
  description: 'Cloudflare provider: batch write calls for 1k/10k record changes, 100 dynamic records as load balancers',
  run,
  tasks: {},
};
