/**
 * `fleet` (issue #11): the first apply of a fleet — 1,000 dynamic records over 4 regions
 * whose pools use 20 distinct endpoint sets (5 per region, 2 addresses each: 40 values) and
 * one health-check config — against both emulators with the providers' real rate limits on
 * (Route 53: 5 requests/s per account; Cloudflare: 1,200 per 5 minutes, the client's 4/s).
 * Prints wall time, API calls by operation, objects created, the plan's shared-object cost
 * and the floor the unavoidable calls set at those rates beside the measured time.
 *
 * FLEET_RECORDS=N changes the fleet size; FLEET_ONLY=route53|cloudflare runs one provider; FLEET_RATE=off turns the rate limits off (to count
 * calls quickly, e.g. on an older commit to measure the per-record layout; see README).
 */
import { resolve } from 'node:path';
import { startCloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { CloudflareProvider } from '../../providers/cloudflare/index.js';
import { startRoute53Emulator } from '../../providers/route53/emulator/index.js';
import { Route53Provider } from '../../providers/route53/index.js';
import { planZoneTarget } from '../../src/api/plan.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { Provider } from '../../src/model/provider.js';
import type { DnsRecord } from '../../src/model/record.js';
import { orderChanges } from '../../src/plan/order.js';
import type { BenchContext, BenchSection, SectionOutcome } from '../lib/section.js';
import { fmt, formatTable } from '../lib/table.js';

const ZONE = 'fleet.example.com.';
const REGIONS = ['ap-southeast-1', 'eu-west-1', 'us-east-1', 'us-west-2'] as const;
const SETS_PER_REGION = 5;
const config = standaloneConfig('bench', { baseDir: resolve('.') });
const zc = zoneConfig(ZONE);

/** Record i uses, in each region, endpoint set (i + region) mod 5: every set is used, each by 250 records. */
export function fleetRecords(n: number): DnsRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const pools: Record<string, { fallback: string | null; values: Array<{ value: string; weight: number; status: 'obey' }> }> = {};
    REGIONS.forEach((region, r) => {
      const set = (i + r) % SETS_PER_REGION;
      pools[region] = {
        fallback: r + 1 < REGIONS.length ? REGIONS[(r + 1) % REGIONS.length]! : null,
        values: [1, 2].map((k) => ({ value: `100.${64 + r}.${set}.${k}`, weight: 1, status: 'obey' as const })),
      };
    });
    return {
      zone: ZONE,
      name: `host${String(i).padStart(4, '0')}`,
      type: 'A' as const,
      ttl: 60,
      values: ['100.64.0.1', '100.64.0.2'],
      dynamic: { pools, rules: [{ pool: 'us-east-1' }] },
      octodns: { healthcheck: { host: 'health.fleet.example.com', path: '/healthz', port: 443, protocol: 'HTTPS' } },
    };
  });
}

interface Outcome {
  provider: string;
  wallS: number;
  planS: number;
  calls: Record<string, number>;
  planCost: string;
  created: Record<string, number>;
  /** unavoidable calls and the time they take at the rate limit */
  floorCalls: number;
  floorS: number;
  replanClean: boolean;
}

async function firstApply(p: Provider, records: DnsRecord[], counters: () => Record<string, number>): Promise<{ wallS: number; planS: number; planCost: string; replanClean: boolean; calls: Record<string, number> }> {
  const t0 = performance.now();
  const zp = await planZoneTarget(config, zc, records, p);
  const cost = p.sharedObjects ? await p.sharedObjects([{ zone: ZONE, changes: zp.changes }]) : { objects: [] };
  const planS = (performance.now() - t0) / 1000;
  const results = await p.apply!(ZONE, orderChanges(zp.changes), {});
  const wallS = (performance.now() - t0) / 1000;
  const calls = counters();
  const failed = results.filter((r) => r.status !== 'applied');
  if (failed.length) throw new Error(`${failed.length} change(s) failed: ${failed[0]?.error}`);
  const again = await planZoneTarget(config, zc, records, p);
  const planCost = cost.objects.map((o) => `${o.kind} +${o.create} → ${o.after}`).join(', ');
  return { wallS, planS, planCost, replanClean: again.changes.length === 0, calls };
}

async function route53(records: DnsRecord[], rated: boolean): Promise<Outcome> {
  const emu = await startRoute53Emulator({ ...(rated ? {} : { rate: false }), syncDelayMs: 0, allowNonPublicHealthCheckIps: true });
  const p = new Route53Provider('route53', { endpoint: emu.url, access_key_id: 'bench', secret_access_key: 'bench', requests_per_second: rated ? 5 : 0, ...(rated ? {} : { health_check_interval_ms: 0 }) });
  try {
    const r = await firstApply(p, records, () => ({ ...emu.counters(), ...Object.fromEntries(Object.entries(emu.errorCounters()).map(([k, v]) => [`refused ${k}`, v])) }));
    const calls = r.calls;
    const checks = calls['CreateHealthCheck'] ?? 0;
    // unavoidable: the zone, every check and its Name tag (ChangeTagsForResource takes one resource), the batches
    const floorCalls = (calls['CreateHostedZone'] ?? 0) + checks + (calls['ChangeTagsForResource'] ?? 0) + (calls['ChangeResourceRecordSets'] ?? 0);
    return { provider: 'route53', ...r, calls, created: { 'health checks': Object.keys(emu.snapshot().healthChecks).length }, floorCalls, floorS: floorCalls / 5 };
  } finally {
    p.close();
    await emu.close();
  }
}

async function cloudflare(records: DnsRecord[], rated: boolean): Promise<Outcome> {
  const emu = await startCloudflareEmulator({ zones: [ZONE.slice(0, -1)], ...(rated ? {} : { rate: false }) });
  const p = new CloudflareProvider('cloudflare', { token: 'bench', base_url: emu.url, rate_limit: rated ? 4 : 1000 });
  try {
    const r = await firstApply(p, records, () => emu.counters());
    const calls = r.calls;
    const s = emu.admin.state();
    // unavoidable: one load balancer per hostname, each distinct pool and monitor once
    const floorCalls = (calls['load_balancers.create'] ?? 0) + (calls['pools.create'] ?? 0) + (calls['monitors.create'] ?? 0);
    return { provider: 'cloudflare', ...r, calls, created: { monitors: s.monitors.length, pools: s.pools.length, 'load balancers': s.loadBalancers.length }, floorCalls, floorS: floorCalls / 4 };
  } finally {
    await emu.close();
  }
}

const shown = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([k, v]) => v > 0 && k !== 'total')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');

async function run(ctx: BenchContext): Promise<SectionOutcome> {
  const n = Number(process.env['FLEET_RECORDS'] ?? (ctx.quick ? 100 : 1000));
  const rated = process.env['FLEET_RATE'] !== 'off';
  const records = fleetRecords(n);
  const values = new Set(records.flatMap((r) => Object.values(r.dynamic!.pools).flatMap((p) => p.values.map((v) => String(v.value)))));
  ctx.out(`fleet: first apply of ${fmt(n)} dynamic records, ${REGIONS.length} regions, ${REGIONS.length * SETS_PER_REGION} endpoint sets (${values.size} values), one health-check config`);
  ctx.out(rated ? 'rate limits on: Route 53 emulator 5 req/s (client 5/s); Cloudflare emulator 1,200 / 5 min (client 4/s); both providers at once' : 'rate limits OFF (call counts only)');
  ctx.out('');
  const only = process.env['FLEET_ONLY'];
  const outcomes = await Promise.all([route53, cloudflare].filter((f) => !only || f.name === only).map((f) => f(records, rated)));
  ctx.out(
    formatTable(
      ['provider', 'wall s (plan s)', 'floor s (unavoidable calls / rate)', 'wall / floor', 'objects created', 'plan said (shared objects)', 're-plan clean'],
      outcomes.map((o) => [
        o.provider,
        `${fmt(o.wallS, 1)} (${fmt(o.planS, 1)})`,
        `${fmt(o.floorS, 1)} (${fmt(o.floorCalls)} calls)`,
        rated ? `${fmt(o.wallS / o.floorS, 2)}` : '-',
        Object.entries(o.created).map(([k, v]) => `${k} ${fmt(v)}`).join(', '),
        o.planCost,
        o.replanClean ? 'yes' : 'NO',
      ]),
    ),
  );
  ctx.out('');
  for (const o of outcomes) ctx.out(`${o.provider} API calls by operation (plan + apply, refusals included): ${shown(o.calls)}`);
  const r53 = outcomes.find((o) => o.provider === 'route53');
  const cf = outcomes.find((o) => o.provider === 'cloudflare');
  const targets = [
    ...(r53 ? [{ what: `Route 53 health checks ≤ distinct (value, config) = ${values.size}`, ok: r53.created['health checks']! <= values.size }] : []),
    ...(cf
      ? [
          { what: `Cloudflare pools ≤ ${REGIONS.length * SETS_PER_REGION} regional + 1 static (the records' shared static values)`, ok: cf.created['pools']! <= REGIONS.length * SETS_PER_REGION + 1 },
          { what: 'Cloudflare monitors = 1', ok: cf.created['monitors'] === 1 },
        ]
      : []),
    ...(rated ? outcomes.map((o) => ({ what: `${o.provider} first apply within 15% of the floor`, ok: o.wallS <= o.floorS * 1.15 })) : []),
    { what: 'both re-plan clean', ok: outcomes.every((o) => o.replanClean) },
  ];
  ctx.out('');
  for (const t of targets) ctx.out(`${t.ok ? 'met   ' : 'MISSED'} ${t.what}`);
  return { ok: targets.every((t) => t.ok) };
}

export const fleetSection: BenchSection = {
  name: 'fleet',
  description: 'first apply of 1,000 dynamic records sharing 20 endpoint sets, both providers at their real rate limits',
  run,
  tasks: {},
};
