/**
 * Two zones in one account, applied at the same time, whose dynamic records share a
 * health check (one monitor): one zone's clean-up of unused monitors must never delete
 * the monitor the other zone is creating or reusing.
 */
import { afterEach, expect, it } from 'vitest';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import type { DnsRecord } from '../../src/model/record.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import { checkInvariants, startCf, type CfHarness } from './helpers.js';
import { applyChanges } from '../../providers/cloudflare/apply.js';
import { DEFAULT_REGION_CODES } from '../../providers/cloudflare/compile.js';
import { fetchLbState } from '../../providers/cloudflare/read.js';

let h: CfHarness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

const dynamicA = (zone: string, value: string, path: string): DnsRecord => ({
  zone,
  name: 'api',
  type: 'A',
  ttl: 60,
  values: [value],
  dynamic: {
    pools: {
      'eu-west-1': { fallback: null, values: [{ value: '198.51.100.1', weight: 1, status: 'obey' }] },
      'us-east-1': { fallback: 'eu-west-1', values: [{ value, weight: 1, status: 'obey' }] },
    },
    rules: [{ pool: 'us-east-1' }],
  },
  octodns: { healthcheck: { host: 'health.example.net', path, port: 443, protocol: 'HTTPS' } },
});

it('applies dynamic records of two zones concurrently; both read back with zero diff and no orphan', async () => {
  h = await startCf({ zones: ['one.example', 'two.example'] });
  const config = standaloneConfig('test');
  const zones = ['one.example.', 'two.example.'];
  for (let round = 0; round < 3; round++) {
    // each round changes the values and the shared health check, so the shared monitor is
    // replaced: created by one zone, reused by the other, the old one collected
    const desired = zones.map((z, i) => [dynamicA(z, `192.0.2.${10 * round + i + 1}`, `/ready${round}`)]);
    const plans = await Promise.all(zones.map((z, i) => planZoneTarget(config, zoneConfig(z), desired[i]!, h!.provider)));
    const results = await Promise.all(plans.map((p) => h!.provider.apply!(p.zone, orderChanges(p.changes), {})));
    expect(results.flat().map((r) => r.status)).toEqual(results.flat().map(() => 'applied'));
    for (let i = 0; i < zones.length; i++) {
      const again = await planZoneTarget(config, zoneConfig(zones[i]!), desired[i]!, h.provider);
      expect(again.changes.map((c) => `${c.kind} ${c.name}`), `${zones[i]} round ${round}`).toEqual([]);
    }
    checkInvariants(h.emu);
  }
}, 30_000);

it("a zone whose view of the account is stale (another zone's clean-up removed the shared monitor since) makes the monitor again and applies", async () => {
  h = await startCf({ zones: ['one.example', 'two.example'] });
  const config = standaloneConfig('test');
  const path = '/race';
  // one.example. holds the only user of the monitor
  const first = await planZoneTarget(config, zoneConfig('one.example.'), [dynamicA('one.example.', '192.0.2.1', path)], h.provider);
  await h.provider.apply!('one.example.', orderChanges(first.changes), {});
  // two.example. plans a record with the same health check and reads the account (monitor included)…
  const add = await planZoneTarget(config, zoneConfig('two.example.'), [dynamicA('two.example.', '192.0.2.2', path)], h.provider);
  const client = h.provider.client;
  const two = (await client.zone('two.example.'))!;
  const stale = await fetchLbState(client, two.id, client.accountId(two));
  if (stale === 'unavailable') throw new Error('load balancing unavailable');
  expect(stale.monitors).toHaveLength(1);
  // …then one.example. drops its record: its clean-up deletes the monitor, now unused
  const drop = await planZoneTarget(config, zoneConfig('one.example.'), [], h.provider);
  await h.provider.apply!('one.example.', orderChanges(drop.changes), {});
  expect(h.emu.admin.state().monitors).toHaveLength(0);
  // two.example. writes from its stale view: the pool write names a monitor that is gone
  const results = await applyChanges(
    { client, zone: two, accountId: client.accountId(two), compile: { minTtl: 60, regionCodes: DEFAULT_REGION_CODES }, batchLimit: 200, records: [], lb: stale },
    orderChanges(add.changes),
    {},
  );
  expect(results.map((r) => `${r.change.name} ${r.status} ${r.error ?? ''}`.trim())).toEqual(['api applied']);
  expect(h.emu.admin.state().monitors).toHaveLength(1);
  const again = await planZoneTarget(config, zoneConfig('two.example.'), [dynamicA('two.example.', '192.0.2.2', path)], h.provider);
  expect(again.changes).toEqual([]);
  checkInvariants(h.emu);
});
