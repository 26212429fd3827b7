/**
 * Shared Load Balancing objects: one monitor per health check, one pool per distinct
 * (region, origins, monitor, settings) across records and zones of the account, reference
 * counted; a record's change never rewrites a pool others use.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import type { DnsRecord } from '../../src/model/record.js';
import { fleetRecord } from '../fleet-record.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { CloudflareProvider } from '../../providers/cloudflare/index.js';
import { checkInvariants, startCf, type CfHarness } from './helpers.js';

let h: CfHarness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

const config = standaloneConfig('test');

async function converge(p: CloudflareProvider, zone: string, desired: DnsRecord[]): Promise<void> {
  const plan = await planZoneTarget(config, zoneConfig(zone), desired, p);
  const results = await p.apply!(zone, orderChanges(plan.changes), {});
  expect(results.filter((r) => r.status !== 'applied').map((r) => r.error)).toEqual([]);
  const again = await planZoneTarget(config, zoneConfig(zone), desired, p);
  expect(again.changes.map((c) => `${c.kind} ${c.name}`), `${zone} re-plans empty`).toEqual([]);
}

const counts = (hh: CfHarness) => {
  const s = hh.emu.admin.state();
  return { lbs: s.loadBalancers.length, pools: s.pools.length, monitors: s.monitors.length };
};

describe('shared pools and monitors', () => {
  it('many records over the same endpoints cost one monitor and one pool per region (plus one static pool)', async () => {
    h = await startCf();
    const records = Array.from({ length: 12 }, (_, i) => fleetRecord('example.com.', `host${i}`));
    await converge(h.provider, 'example.com.', records);
    expect(counts(h)).toEqual({ lbs: 12, pools: 3, monitors: 1 });
    checkInvariants(h.emu);
  });

  it('two zones share pools; deleting one zone\'s records keeps what the other uses, deleting both removes everything', async () => {
    h = await startCf({ zones: ['one.example', 'two.example'] });
    await converge(h.provider, 'one.example.', [fleetRecord('one.example.', 'api'), fleetRecord('one.example.', 'www')]);
    await converge(h.provider, 'two.example.', [fleetRecord('two.example.', 'api')]);
    expect(counts(h)).toEqual({ lbs: 3, pools: 3, monitors: 1 });
    // a fresh process (another operator) drops one.example.'s records: the pools stay, two.example. uses them
    await converge(h.fresh(), 'one.example.', []);
    expect(counts(h)).toEqual({ lbs: 1, pools: 3, monitors: 1 });
    checkInvariants(h.emu);
    await converge(h.fresh(), 'two.example.', []);
    expect(counts(h)).toEqual({ lbs: 0, pools: 0, monitors: 0 });
  });

  it('a value change on one record of many gets a new pool; the shared pool is not rewritten and stays for the others', async () => {
    h = await startCf();
    const records = ['a', 'b', 'c'].map((n) => fleetRecord('example.com.', n));
    await converge(h.provider, 'example.com.', records);
    const before = h.emu.admin.state().pools.map((p) => ({ id: p.id, origins: p.origins.map((o) => o.address), modified: p.modified_on }));
    const changed = [records[0]!, records[1]!, fleetRecord('example.com.', 'c', ['192.0.2.1', '192.0.2.3'])];
    await converge(h.fresh(), 'example.com.', changed);
    const after = h.emu.admin.state().pools;
    // every pool that existed is untouched (same content, never modified), and one new pool holds c's new origins
    for (const p of before) expect(after.find((x) => x.id === p.id), `pool ${p.id}`).toMatchObject({ modified_on: p.modified });
    const added = after.filter((p) => !before.some((b) => b.id === p.id));
    expect(added.map((p) => p.origins.map((o) => o.address))).toEqual([['192.0.2.1', '192.0.2.3']]);
    checkInvariants(h.emu);
    // when c returns to the shared content, the pool only it used is collected
    await converge(h.fresh(), 'example.com.', records);
    expect(h.emu.admin.state().pools.map((p) => p.id).sort()).toEqual(before.map((p) => p.id).sort());
  });

  it('an evacuated (disabled) shared pool keeps its operator-set enabled flag across an apply', async () => {
    h = await startCf();
    await converge(h.provider, 'example.com.', [fleetRecord('example.com.', 'a'), fleetRecord('example.com.', 'b')]);
    const us = await h.provider.regionPools('example.com.', 'us-east-1');
    expect(us).toHaveLength(1);
    const cf = h.provider.client.sdk;
    const account = h.provider.client.accountId((await h.provider.client.zone('example.com.'))!);
    await cf.loadBalancers.pools.edit(us[0]!.id, { account_id: account, enabled: false });
    // a new record reusing the pool, applied by another process
    await converge(h.fresh(), 'example.com.', [fleetRecord('example.com.', 'a'), fleetRecord('example.com.', 'b'), fleetRecord('example.com.', 'c')]);
    expect((await h.provider.regionPools('example.com.', 'us-east-1')).map((p) => [p.id, p.enabled])).toEqual([[us[0]!.id, false]]);
  });

  it('an unreferenced dnsctl pool younger than the grace period is left (a concurrent apply\'s), an older one is collected', async () => {
    h = await startCf();
    await converge(h.provider, 'example.com.', [fleetRecord('example.com.', 'a')]);
    const cf = h.provider.client.sdk;
    const account = h.provider.client.accountId((await h.provider.client.zone('example.com.'))!);
    // another operator's apply has just created a pool for a record it has not written yet
    const fresh = await cf.loadBalancers.pools.create({
      account_id: account,
      name: 'dnsctl-us-east-1-000000000000',
      description: 'dnsctl:{"v":2,"k":"0000000000000000","r":"us-east-1","g":"0a0b0c0d0e0f"}',
      origins: [{ name: '192.0.2.9', address: '192.0.2.9' }],
    });
    await converge(h.fresh(), 'example.com.', [fleetRecord('example.com.', 'a'), fleetRecord('example.com.', 'b', ['192.0.2.7'])]);
    expect(h.emu.admin.state().pools.some((p) => p.id === fresh.id)).toBe(true);
    // with no grace period the same pool is an orphan any apply collects
    await converge(h.fresh({ orphan_grace: 0 }), 'example.com.', [fleetRecord('example.com.', 'a')]);
    expect(h.emu.admin.state().pools.some((p) => p.id === fresh.id)).toBe(false);
    checkInvariants(h.emu);
  });

  it('with 20% faults (5xx and dropped connections), two zones applying at once leave no orphan and no duplicate shared object', async () => {
    h = await startCf({ zones: ['one.example', 'two.example'], seed: 11 });
    h.emu.setFaults({ rate5xx: 0.1, dropRate: 0.1 });
    const zones = ['one.example.', 'two.example.'];
    for (const us of [['192.0.2.1', '192.0.2.2'], ['192.0.2.3']]) {
      // one apply over both zones (one process): each shared object is created once
      const p = h.fresh({ retries: 12 });
      await Promise.all(zones.map((z) => converge(p, z, ['a', 'b', 'c'].map((n) => fleetRecord(z, n, us)))));
    }
    expect(h.emu.counters()['rejected.fault'] ?? 0).toBeGreaterThan(0);
    h.emu.setFaults({});
    checkInvariants(h.emu);
    const s = h.emu.admin.state();
    const shares = s.pools.map((p) => p.description);
    expect(shares.map((d) => JSON.parse(d.slice('dnsctl:'.length)).k).length, 'duplicate shared pools').toBe(new Set(shares.map((d) => JSON.parse(d.slice('dnsctl:'.length)).k)).size);
    expect(counts(h)).toEqual({ lbs: 6, pools: 3, monitors: 1 });
  }, 60_000);
});
