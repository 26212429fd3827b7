/**
 * A plan shows what it costs in shared objects per provider (to create, to delete, the
 * account's total after) and lists orphans with their age; apply collects the old ones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateHealthCheckCommand } from '@aws-sdk/client-route-53';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { DnsRecord } from '../../src/model/record.js';
import { fleetRecord as sharedFleetRecord } from '../fleet-record.js';
import type { Provider } from '../../src/model/provider.js';
import type { Plan } from '../../src/plan/types.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { healthCheckConfig } from '../../providers/route53/compile.js';
import { REF_BUCKET_MS } from '../../providers/route53/health-checks.js';
import { sdkClient, startProvider, type Route53Harness } from '../route53/helpers.js';
import { startCf, type CfHarness } from '../cloudflare/helpers.js';
import { sharedReport } from './shared-objects.fixtures.js';
import { fullPlan } from '../render/fixtures.js';

let r53: Route53Harness | undefined;
let cf: CfHarness | undefined;
afterEach(async () => {
  await r53?.close();
  await cf?.emu.close();
  r53 = cf = undefined;
});

const config = standaloneConfig('test', { baseDir: '.' });
const ZONE = 'example.com.';

const fleetRecord = (name: string, us: string[]): DnsRecord => sharedFleetRecord(ZONE, name, us);

const fleet = (n: number, us = ['192.0.2.1', '192.0.2.2']) => Array.from({ length: n }, (_, i) => fleetRecord(`host${i}`, us));

async function costOf(p: Provider, desired: DnsRecord[]) {
  const zp = await planZoneTarget(config, zoneConfig(ZONE), desired, p);
  return { zp, cost: await p.sharedObjects!([{ zone: ZONE, changes: zp.changes }]) };
}

async function apply(p: Provider, desired: DnsRecord[]): Promise<void> {
  const zp = await planZoneTarget(config, zoneConfig(ZONE), desired, p);
  const results = await p.apply!(ZONE, orderChanges(zp.changes), {});
  expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
}

describe('shared-object cost in plans', () => {
  it('Route 53: creates, deletes and the account total after, per plan', async () => {
    r53 = await startProvider();
    expect((await costOf(r53.provider, fleet(20))).cost.objects).toEqual([{ kind: 'health-check', existing: 0, create: 3, delete: 0, after: 3 }]);
    await apply(r53.provider, fleet(20));
    expect((await costOf(r53.provider, fleet(20))).cost.objects).toEqual([{ kind: 'health-check', existing: 3, create: 0, delete: 0, after: 3 }]);
    // moving every record to one new us endpoint: one check to create, two nobody uses any more
    expect((await costOf(r53.provider, fleet(20, ['192.0.2.7']))).cost.objects).toEqual([{ kind: 'health-check', existing: 3, create: 1, delete: 2, after: 2 }]);
    // moving only one record: the shared checks stay
    expect((await costOf(r53.provider, [...fleet(19), fleetRecord('host19', ['192.0.2.7'])])).cost.objects).toEqual([{ kind: 'health-check', existing: 3, create: 1, delete: 0, after: 4 }]);
  });

  it('Route 53: orphans are listed with their age; apply deletes those past the grace period and keeps a fresh one', async () => {
    r53 = await startProvider();
    await apply(r53.provider, fleet(2));
    const c = sdkClient(r53.emulator.url);
    const bucket = (ms: number) => Math.floor(ms / REF_BUCKET_MS).toString(36);
    const hash = 'f'.repeat(32);
    const old = await c.send(new CreateHealthCheckCommand({ CallerReference: `0001:dnsctl:${hash}:${bucket(Date.now() - 3 * 3600_000)}`, HealthCheckConfig: healthCheckConfig(fleetRecord('x', []), '192.0.2.50', 'obey') }));
    const young = await c.send(new CreateHealthCheckCommand({ CallerReference: `0001:dnsctl:${'e'.repeat(32)}:${bucket(Date.now())}`, HealthCheckConfig: healthCheckConfig(fleetRecord('x', []), '192.0.2.51', 'obey') }));
    c.destroy();
    const { cost } = await costOf(r53.provider, fleet(2));
    // the age is known to the 10-minute bucket of the reference
    expect(cost.orphans.map((o) => [o.id, o.collectable])).toEqual([
      [old.HealthCheck!.Id, true],
      [young.HealthCheck!.Id, false],
    ]);
    expect(cost.orphans[0]!.ageSeconds).toBeGreaterThanOrEqual(3 * 3600 - REF_BUCKET_MS / 1000);
    expect(cost.orphans[1]!.ageSeconds).toBeLessThanOrEqual(REF_BUCKET_MS / 1000);
    expect(cost.objects[0]).toMatchObject({ existing: 5, delete: 1, after: 4 });
    // an apply (here with no record change at all) collects the old orphan only
    await r53.provider.apply(ZONE, [], {});
    const left = Object.keys(r53.emulator.snapshot().healthChecks);
    expect(left).not.toContain(old.HealthCheck!.Id);
    expect(left).toContain(young.HealthCheck!.Id);
  });

  it('Cloudflare: monitors and pools to create and delete, and orphan pools with their age', async () => {
    cf = await startCf();
    expect((await costOf(cf.provider, fleet(20))).cost.objects).toEqual([
      { kind: 'monitor', existing: 0, create: 1, delete: 0, after: 1 },
      { kind: 'pool', existing: 0, create: 3, delete: 0, after: 3 },
    ]);
    await apply(cf.provider, fleet(20));
    expect((await costOf(cf.provider, fleet(20, ['192.0.2.7']))).cost.objects).toEqual([
      { kind: 'monitor', existing: 1, create: 0, delete: 0, after: 1 },
      { kind: 'pool', existing: 3, create: 1, delete: 1, after: 3 },
    ]);
    const account = cf.provider.client.accountId((await cf.provider.client.zone(ZONE))!);
    const stray = await cf.provider.client.sdk.loadBalancers.pools.create({
      account_id: account,
      name: 'dnsctl-us-east-1-abcdefabcdef',
      description: 'dnsctl:{"v":2,"k":"abcdefabcdefabcd","r":"us-east-1","g":"0a0b0c0d0e0f"}',
      origins: [{ name: '192.0.2.60', address: '192.0.2.60' }],
    });
    const { cost } = await costOf(cf.provider, fleet(20));
    expect(cost.orphans.map((o) => [o.kind, o.id, o.collectable])).toEqual([['pool', stray.id, false]]);
    expect(cost.orphans[0]!.ageSeconds).toBeLessThan(60);
  });
});

describe('shared-object cost in renders', () => {
  const plan: Plan = { ...fullPlan, shared: [sharedReport] };
  it('text: one line per target with create, delete and the total after; one line per orphan', () => {
    const text = renderPlanText(plan, { colour: false });
    expect(text).toContain('Shared objects at route53: health checks +40 -1 → 41 in the account');
    expect(text).toContain('! orphan health-check 192.0.2.9 0001:dnsctl:00:1 (hc-old), 2h 01m old, no record references it: apply deletes it');
    expect(text).toContain('(hc-new), 30s old, no record references it: left');
  });
  it('markdown: a table row per target and kind, orphans listed', () => {
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('| route53 | health-check | 2 | +40 | -1 | **41** |');
    expect(md).toContain('orphan health-check 192.0.2.9');
  });
});
