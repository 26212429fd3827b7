/**
 * Reads at the floor (#13.10): applying a saved plan reads each zone at each provider once —
 * the read that binds the plan (its fingerprint) is the base the provider applies against —
 * and applying in one go reads nothing after the plan. Counted at the Route 53 emulator
 * (the real SDK), on a zone with health-checked dynamic records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { createProvider } from '../../providers/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan, applyPlanned, parsePlan } from '../../src/api/apply.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { makeRepo } from '../cli/helpers.js';

let emu: Route53Emulator;
beforeAll(async () => {
  emu = await startRoute53Emulator({ rate: false, syncDelayMs: 5, allowNonPublicHealthCheckIps: true });
});
afterAll(async () => {
  await emu?.close();
});

const ZONE = (value: string) => `---
a:
  type: A
  value: ${value}
www:
  dynamic:
    pools:
      eu-west-1:
        values:
          - value: 198.51.100.1
      us-east-1:
        fallback: eu-west-1
        values:
          - value: 192.0.2.1
    rules:
      - pool: us-east-1
  type: A
  value: 192.0.2.9
`;

let seq = 0;
function repo() {
  const zone = `reads${++seq}.example.`;
  const dir = makeRepo({
    [`zones/${zone}yaml`]: ZONE('192.0.2.1'),
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  route53:
    class: octodns_route53.Route53Provider
    endpoint: ${emu.url}
    access_key_id: test
    secret_access_key: test
    requests_per_second: 0
    health_check_interval_ms: 0
zones:
  ${zone}:
    sources: [config]
    targets: [route53]
`,
  });
  return { zone, dir, file: join(dir, 'dnsctl.yaml') };
}

const READS = ['ListResourceRecordSets', 'ListHealthChecks', 'GetHealthCheck', 'ListHostedZonesByName'];
const reads = (c: Record<string, number>) => Object.fromEntries(READS.map((op) => [op, c[op] ?? 0]));

describe('apply reads each zone once', () => {
  it('a saved plan: the read that checks the plan is the one the provider applies against', async () => {
    const r = repo();
    const first = await planRepository(loadConfig(r.file), createProvider);
    expect((await applyPlanned(first)).ok).toBe(true);
    writeFileSync(join(r.dir, `zones/${r.zone}yaml`), ZONE('192.0.2.2'));
    const saved = await parsePlan(renderPlanJson((await planRepository(loadConfig(r.file), createProvider)).plan), 'plan.json');
    // what planning alone reads (a fresh process: nothing cached)
    emu.resetCounters();
    await planRepository(loadConfig(r.file), createProvider);
    const planReads = reads(emu.counters());
    emu.resetCounters();
    const report = await applyPlan(saved, loadConfig(r.file), createProvider);
    expect(report.ok).toBe(true);
    const applyReads = reads(emu.counters());
    // apply = exactly the reads of planning it again: no stale-check read, no provider re-read
    expect(applyReads).toEqual(planReads);
    expect(applyReads['ListResourceRecordSets']).toBe(1);
  });

  it('in one go: nothing is read after the plan', async () => {
    const r = repo();
    expect((await applyPlanned(await planRepository(loadConfig(r.file), createProvider))).ok).toBe(true);
    writeFileSync(join(r.dir, `zones/${r.zone}yaml`), ZONE('192.0.2.3'));
    const result = await planRepository(loadConfig(r.file), createProvider);
    expect(result.plan.zones[0]!.changes.length).toBeGreaterThan(0);
    emu.resetCounters();
    expect((await applyPlanned(result)).ok).toBe(true);
    expect(reads(emu.counters())).toEqual({ ListResourceRecordSets: 0, ListHealthChecks: 0, GetHealthCheck: 0, ListHostedZonesByName: 0 });
  });
});
