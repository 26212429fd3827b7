import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ batchLimit: 3500 });
});
afterAll(async () => {
  await h.emu.close();
});

describe('the SDK calls dnsctl makes pass the schema unchanged', () => {
  it('runs the reference call shapes without a single schema rejection', async () => {
    const { cf, zoneId } = h;
    const account = h.emu.accountId;
    h.emu.resetCounters();
    const r1 = await cf.dns.records.create({ zone_id: zoneId, type: 'A', name: 'a.example.com', ttl: 60, content: '192.0.2.10' });
    const r2 = await cf.dns.records.create({ zone_id: zoneId, type: 'A', name: 'b.example.com', ttl: 60, content: '192.0.2.11' });
    const r3 = await cf.dns.records.create({ zone_id: zoneId, type: 'CNAME', name: 'c.example.com', ttl: 300, content: 'old.example.net' });
    await cf.dns.records.batch({
      zone_id: zoneId,
      deletes: [{ id: r1.id }],
      patches: [{ id: r2.id, type: 'A', name: 'b.example.com', ttl: 60, content: '192.0.2.20' }],
      puts: [{ id: r3.id, type: 'CNAME', name: 'c.example.com', ttl: 1, content: 'lb.example.net', proxied: true }],
      posts: [{ type: 'TXT', name: 't.example.com', ttl: 300, content: '"v=1"', comment: 'dnsctl', tags: ['owner:dnsctl'] }],
    });
    for await (const _ of cf.dns.records.list({ zone_id: zoneId, per_page: 5000 })) void _;
    await cf.dns.records.export({ zone_id: zoneId });

    const monitor = await cf.loadBalancers.monitors.create({ account_id: account, expected_codes: '2xx', type: 'https', path: '/healthz', interval: 60 });
    const pool = await cf.loadBalancers.pools.create({ account_id: account, name: 'eu_west', origins: [{ name: 'o1', address: '192.0.2.10' }], monitor: monitor.id ?? '' });
    await cf.loadBalancers.pools.update(pool.id ?? '', { account_id: account, name: 'eu_west', origins: [{ name: 'o1', address: '192.0.2.10', enabled: false, weight: 0.5 }], enabled: true, monitor: monitor.id ?? '', check_regions: ['WEU'], minimum_origins: 1 });
    await cf.loadBalancers.pools.edit(pool.id ?? '', { account_id: account, enabled: false });
    const lb = await cf.loadBalancers.create({ zone_id: zoneId, name: 'www.example.com', default_pools: [pool.id ?? ''], fallback_pool: pool.id ?? '', steering_policy: 'geo', region_pools: { WEU: [pool.id ?? ''] }, proxied: true });
    await cf.loadBalancers.edit(lb.id ?? '', { zone_id: zoneId, default_pools: [pool.id ?? ''] });
    await cf.loadBalancers.pools.health.get(pool.id ?? '', { account_id: account });
    await cf.loadBalancers.regions.list({ account_id: account });
    await cf.loadBalancers.delete(lb.id ?? '', { zone_id: zoneId });
    await cf.zones.list({ name: 'example.com' });

    const counters = h.emu.counters();
    expect(counters['rejected.schema']).toBeUndefined();
    expect(counters['dns_records.batch']).toBe(1);
    expect(counters['dns_records.list']).toBe(2); // one page of data + the empty page
  });

  it('answers unknown routes, wrong methods and alternative credentials like Cloudflare', async () => {
    expect((await raw(h.emu, 'GET', '/nope')).status).toBe(404);
    const wrong = await raw(h.emu, 'DELETE', `/zones/${h.zoneId}`);
    expect(wrong.status).toBe(405);
    expect(wrong.json.success).toBe(false);
    const keyAuth = await raw(h.emu, 'GET', '/zones', undefined, { 'x-auth-email': 'me@example.com', 'x-auth-key': 'k' });
    expect(keyAuth.status).toBe(200);
    const badHeader = await raw(h.emu, 'GET', '/zones', undefined, { authorization: 'Token x' });
    expect((badHeader.json.errors as { code: number }[])[0]?.code).toBe(6003);
  });
});
