/**
 * `reads`: requests per step of the real commands' API path (planRepository, a saved plan
 * through applyPlan) against the Route 53 emulator, beside the floor: what any tool must
 * send. Plan floor: one zone lookup and ceil(rrsets / 300) ListResourceRecordSets pages
 * (health checks too when the zone has dynamic records). Apply floor of a saved plan: the
 * same reads once (the read that binds the plan is the provider's apply base), the
 * ceil(N / 1000) ChangeResourceRecordSets batches, and the zone lock's create + delete.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRoute53Emulator } from '../../providers/route53/emulator/index.js';
import { createProvider } from '../../providers/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan, parsePlan } from '../../src/api/apply.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { zoneToYaml } from '../../src/render/zone-yaml.js';
import type { BenchContext, BenchSection, SectionOutcome } from '../lib/section.js';
import { fmt, formatTable } from '../lib/table.js';
import { plainRecords, PROVIDER_BENCH_ZONE } from '../lib/records.js';

const ZONE = PROVIDER_BENCH_ZONE;
const total = (c: Record<string, number>) => Object.values(c).reduce((a, v) => a + v, 0);

async function run(ctx: BenchContext): Promise<SectionOutcome> {
  const n = ctx.quick ? 1_000 : 10_000;
  const emu = await startRoute53Emulator({ rate: false, syncDelayMs: 0 });
  const dir = join(ctx.tmp, 'reads');
  mkdirSync(join(dir, 'zones'), { recursive: true });
  const file = join(dir, 'dnsctl.yaml');
  writeFileSync(
    file,
    `providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ${JSON.stringify(join(dir, 'zones'))}\n  route53:\n    class: octodns_route53.Route53Provider\n    endpoint: ${emu.url}\n    access_key_id: bench\n    secret_access_key: bench\n    requests_per_second: 0\n    health_check_interval_ms: 0\nzones:\n  ${ZONE}:\n    sources: [config]\n    targets: [route53]\n`,
  );
  const writeZone = (changed: number) => {
    const records = plainRecords(n, 300).map((r, i) => (i < changed ? { ...r, ttl: 600 } : r));
    writeFileSync(join(dir, 'zones', `${ZONE}yaml`), zoneToYaml(records, 3600));
  };
  const rows: Array<[string, number, number, number, number]> = [];
  // the rrsets a read lists: the records plus the apex NS and SOA, 300 a page
  const pages = (rrsets: number) => Math.max(1, Math.ceil(rrsets / 300));
  let ok = true;
  const step = async (label: string, changed: number, existing: number) => {
    writeZone(changed);
    emu.resetCounters();
    const made = await planRepository(loadConfig(file), createProvider);
    const planCalls = total(emu.counters());
    const planFloor = 1 + (existing ? pages(existing + 2) : 0);
    rows.push([`${label}: plan`, made.plan.zones[0]!.changes.length, planCalls, planFloor, 0]);
    const saved = await parsePlan(renderPlanJson(made.plan), 'plan.json');
    emu.resetCounters();
    const report = await applyPlan(saved, loadConfig(file), createProvider);
    if (!report.ok) throw new Error(`${label}: apply failed`);
    const c = emu.counters();
    const changes = made.plan.zones[0]!.changes;
    const upserts = changes.filter((x) => x.kind === 'update').length;
    const writes = Math.ceil((changes.length + upserts) / 1000);
    // a new zone: lookup, CreateHostedZone, its first listing (NS/SOA); an existing one: the binding read
    const reads = existing ? planFloor : 1;
    const applyFloor = reads + writes + (existing ? 0 : 2) + 2;
    rows.push([`${label}: apply plan.json`, changes.length, total(c), applyFloor, c['ChangeResourceRecordSets'] ?? 0]);
    // an existing zone: apply must re-read nothing — its requests are the plan's reads plus its writes
    if (existing && total(c) !== planCalls + (c['ChangeResourceRecordSets'] ?? 0)) ok = false;
  };
  try {
    await step(`${fmt(n)} creates`, 0, 0);
    await step(`1% change (${fmt(n / 100)} TTLs)`, n / 100, n);
  } finally {
    await emu.close();
  }
  ctx.out(`reads: requests per step of plan and apply plan.json (planRepository, applyPlan: the CLI's path) against the Route 53 emulator, ${fmt(n)} records`);
  ctx.out('floor: the reads any tool needs (zone lookup, ListResourceRecordSets pages of 300) plus ceil(N/1000) write batches (UPSERT counts 2) and the zone lock (create, delete)');
  ctx.out(formatTable(['step', 'changes', 'requests', 'floor', 'ChangeResourceRecordSets'], rows.map((r) => [r[0], fmt(r[1]), fmt(r[2]), fmt(r[3]), fmt(r[4])])));
  ctx.out('plan reads 2 over the floor: ListHealthChecks and ListHostedZones, account-wide, for the shared-object cost and orphan listing;');
  ctx.out('an apply of a saved plan sends exactly the plan\'s reads (the binding read, which is the provider\'s apply base) plus its writes');
  if (!ok) ctx.out('\nMISSED: apply of an existing zone re-read something beyond the plan\'s reads');
  return { ok };
}

export const readsSection: BenchSection = {
  name: 'reads',
  description: 'requests per step (plan, apply plan.json, 1% change) beside the floor, Route 53 emulator',
  run,
  tasks: {},
};
