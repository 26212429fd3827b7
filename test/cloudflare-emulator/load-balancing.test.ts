import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudflareEmulator, REGION_LATENCY_MS } from '../../providers/cloudflare/emulator/index.js';
import { expectCfError, raw, startHarness, type Harness } from './helpers.js';

let h: Harness;
let account: string;
beforeAll(async () => {
  h = await startHarness({ seed: 3 });
  account = h.emu.accountId;
});
afterAll(async () => {
  await h.emu.close();
});

let originSeq = 0;
async function pool(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  originSeq += 1;
  const p = await h.cf.loadBalancers.pools.create({
    account_id: account,
    name,
    origins: [
      { name: `${name}-1`, address: `192.0.2.${originSeq}`, weight: 1, enabled: true },
      { name: `${name}-2`, address: `198.51.100.${originSeq}`, weight: 0.5 },
    ],
    ...extra,
  });
  if (!p.id) throw new Error('pool without id');
  return p.id;
}

describe('monitors, pools and load balancers (CRUD through the SDK)', () => {
  it('creates a monitor with Cloudflare defaults, edits and deletes it', async () => {
    const m = await h.cf.loadBalancers.monitors.create({ account_id: account, expected_codes: '2xx', type: 'https', path: '/health' });
    expect(m).toMatchObject({ type: 'https', path: '/health', interval: 60, timeout: 5, retries: 2, method: 'GET' });
    const edited = await h.cf.loadBalancers.monitors.edit(m.id ?? '', { account_id: account, expected_codes: '200', interval: 30 });
    expect(edited.interval).toBe(30);
    expect(edited.path).toBe('/health');
    expect((await h.cf.loadBalancers.monitors.list({ account_id: account })).result.map((x) => x.id)).toContain(m.id);
    await h.cf.loadBalancers.monitors.delete(m.id ?? '', { account_id: account });
    const e = await expectCfError(h.cf.loadBalancers.monitors.get(m.id ?? '', { account_id: account }));
    expect(e.status).toBe(404);
  });

  it('takes origin weights that are multiples of 0.01 despite float division (0.28, 0.57), refuses 0.285', async () => {
    const p = await h.cf.loadBalancers.pools.create({ account_id: account, name: 'weights', origins: [{ name: 'a', address: '192.0.2.77', weight: 0.28 }, { name: 'b', address: '192.0.2.78', weight: 0.57 }] });
    expect(p.origins?.map((o) => o.weight)).toEqual([0.28, 0.57]);
    const e = await expectCfError(h.cf.loadBalancers.pools.create({ account_id: account, name: 'weights2', origins: [{ name: 'a', address: '192.0.2.79', weight: 0.285 }] }));
    expect(e.errors[0]?.message).toContain('multiple of 0.01');
  });

  it('creates pools, disables one with PATCH, reports health, refuses to delete a pool in use', async () => {
    const monitor = await h.cf.loadBalancers.monitors.create({ account_id: account, expected_codes: '200' });
    const p = await h.cf.loadBalancers.pools.create({ account_id: account, name: 'eu_west', monitor: monitor.id ?? '', origins: [{ name: 'o1', address: '192.0.2.10', weight: 0.5 }], check_regions: ['WEU'] } as never);
    expect(p.origins?.[0]).toMatchObject({ enabled: true, weight: 0.5 });
    expect(p.minimum_origins).toBe(1);
    const updated = await h.cf.loadBalancers.pools.update(p.id ?? '', { account_id: account, name: 'eu_west', origins: [{ name: 'o1', address: '192.0.2.10', enabled: false, weight: 0.5 }], enabled: true, monitor: monitor.id ?? '', check_regions: ['WEU'], minimum_origins: 1 });
    expect(updated.origins?.[0]?.enabled).toBe(false);
    const disabled = await h.cf.loadBalancers.pools.edit(p.id ?? '', { account_id: account, enabled: false });
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabled_at).toBeTruthy();
    const health = await h.cf.loadBalancers.pools.health.get(p.id ?? '', { account_id: account });
    expect(health).toMatchObject({ pool_id: p.id });

    const lb = await h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'inuse', default_pools: [p.id ?? ''], fallback_pool: p.id ?? '' });
    const e = await expectCfError(h.cf.loadBalancers.pools.delete(p.id ?? '', { account_id: account }));
    expect(e.codes).toEqual([1002]);
    expect(e.errors[0]?.message).toContain('still referenced');
    const m = await expectCfError(h.cf.loadBalancers.monitors.delete(monitor.id ?? '', { account_id: account }));
    expect(m.codes).toEqual([1002]);
    await h.cf.loadBalancers.delete(lb.id ?? '', { zone_id: h.zoneId });
    await h.cf.loadBalancers.pools.delete(p.id ?? '', { account_id: account });
  });

  it('creates, reads, patches, overwrites and deletes a load balancer', async () => {
    const eu = await pool('lb_eu');
    const us = await pool('lb_us');
    const lb = await h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'www.example.com', default_pools: [eu, us], fallback_pool: us, steering_policy: 'geo', region_pools: { WEU: [eu], ENAM: [us] }, proxied: true });
    expect(lb).toMatchObject({ name: 'www.example.com', steering_policy: 'geo', proxied: true, enabled: true, default_pools: [eu, us] });
    const listed = await h.cf.loadBalancers.list({ zone_id: h.zoneId });
    expect(listed.result.map((x) => x.id)).toContain(lb.id);
    const patched = await h.cf.loadBalancers.edit(lb.id ?? '', { zone_id: h.zoneId, default_pools: [us, eu] });
    expect(patched.default_pools).toEqual([us, eu]);
    expect(patched.region_pools).toEqual({ WEU: [eu], ENAM: [us] });
    const put = await h.cf.loadBalancers.update(lb.id ?? '', { zone_id: h.zoneId, name: 'www.example.com', default_pools: [eu], fallback_pool: eu, ttl: 30 });
    expect(put.region_pools).toEqual({});
    expect(put.steering_policy).toBe('off');
    await h.cf.loadBalancers.delete(lb.id ?? '', { zone_id: h.zoneId });
    expect((await expectCfError(h.cf.loadBalancers.get(lb.id ?? '', { zone_id: h.zoneId }))).status).toBe(404);
  });

  it('validates references and the schema', async () => {
    const e = await expectCfError(h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'bad', default_pools: ['0'.repeat(32)], fallback_pool: '0'.repeat(32) }));
    expect(e.codes).toEqual([1002]);
    const weight = await raw(h.emu, 'POST', `/accounts/${account}/load_balancers/pools`, { name: 'w', origins: [{ name: 'o', address: '192.0.2.1', weight: 1.5 }] });
    expect(weight.status).toBe(400);
    expect(JSON.stringify(weight.json.errors)).toContain('/origins/0/weight');
    const region = await expectCfError(h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'r', default_pools: [await pool('r_pool')], fallback_pool: await pool('r_pool2'), region_pools: { MARS: ['x'] } } as never));
    expect(region.codes).toEqual([1002]);
  });

  it('lists the 13 regions and gets one', async () => {
    const list = (await h.cf.loadBalancers.regions.list({ account_id: account })) as { regions: { region_code: string }[] };
    expect(list.regions.map((r) => r.region_code)).toHaveLength(13);
    const de = (await h.cf.loadBalancers.regions.list({ account_id: account, country_code_a2: 'DE' })) as { regions: { region_code: string }[] };
    expect(de.regions.map((r) => r.region_code)).toEqual(['WEU']);
    const weu = (await h.cf.loadBalancers.regions.get('WEU', { account_id: account })) as { regions: { region_code: string }[] };
    expect(weu.regions[0]?.region_code).toBe('WEU');
  });
});

describe('steering evaluation', () => {
  it('off: failover order, then the fallback pool when every pool is down', async () => {
    const a = await pool('off_a');
    const b = await pool('off_b');
    const fb = await pool('off_fb');
    const lb = await h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'off', default_pools: [a, b], fallback_pool: fb, steering_policy: 'off' });
    const ev = () => h.emu.admin.evaluate({ loadBalancerId: lb.id ?? '', location: { country: 'DE' } });
    expect(ev().pool?.id).toBe(a);
    h.emu.admin.setOriginHealth(a, 'off_a-1', false);
    h.emu.admin.setOriginHealth(a, 'off_a-2', false); // 0 healthy origins < minimum_origins
    expect(ev()).toMatchObject({ pool: { id: b }, fallback: false });
    await h.cf.loadBalancers.pools.edit(b, { account_id: account, enabled: false }); // evacuate b
    const r = ev();
    expect(r.pool?.id).toBe(fb);
    expect(r.fallback).toBe(true);
    h.emu.admin.setOriginHealth(a, 'off_a-1', null);
    expect(ev().pool?.id).toBe(a);
  });

  it('geo: country_pools beat region_pools, unmapped locations use default_pools, over HTTP too', async () => {
    const eu = await pool('geo_eu');
    const us = await pool('geo_us');
    const uk = await pool('geo_uk');
    await h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'geo', default_pools: [us], fallback_pool: us, steering_policy: 'geo', region_pools: { WEU: [eu], ENAM: [us] }, country_pools: { GB: [uk] } });
    const at = async (body: Record<string, unknown>): Promise<string | undefined> => {
      const res = await fetch(`${h.emu.adminUrl}/evaluate`, { method: 'POST', body: JSON.stringify({ name: 'geo.example.com', ...body }) });
      return ((await res.json()) as { result: { pool: { id: string } | null } }).result.pool?.id;
    };
    expect(await at({ country: 'DE' })).toBe(eu);
    expect(await at({ country: 'GB' })).toBe(uk);
    expect(await at({ region: 'WEU' })).toBe(eu);
    expect(await at({ country: 'JP' })).toBe(us);
    h.emu.admin.setPoolHealth(eu, false);
    expect(await at({ country: 'DE' })).toBe(us); // mapped pool down → default pools
  });

  it('random: picks in proportion to random_steering weights, skipping unhealthy pools', async () => {
    const a = await pool('rnd_a');
    const b = await pool('rnd_b');
    const lb = await h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'rnd', default_pools: [a, b], fallback_pool: b, steering_policy: 'random', random_steering: { default_weight: 1, pool_weights: { [a]: 0.8, [b]: 0.2 } } });
    const counts: Record<string, number> = { [a]: 0, [b]: 0 };
    for (let i = 0; i < 1000; i++) {
      const id = h.emu.admin.evaluate({ loadBalancerId: lb.id ?? '', location: { country: 'US' } }).pool?.id ?? '';
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts[a]).toBeGreaterThan(720);
    expect(counts[a]).toBeLessThan(880);
    h.emu.admin.setPoolHealth(a, false);
    for (let i = 0; i < 20; i++) expect(h.emu.admin.evaluate({ loadBalancerId: lb.id ?? '', location: {} }).pool?.id).toBe(b);
  });

  it('dynamic_latency: lowest assumed RTT from the client region wins', async () => {
    const eu = await pool('lat_eu', { check_regions: ['WEU'] });
    const asia = await pool('lat_asia', { check_regions: ['SEAS'] });
    const lb = await h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'lat', default_pools: [eu, asia], fallback_pool: eu, steering_policy: 'dynamic_latency' });
    expect(h.emu.admin.evaluate({ loadBalancerId: lb.id ?? '', location: { country: 'SG' } }).pool?.id).toBe(asia);
    expect(h.emu.admin.evaluate({ loadBalancerId: lb.id ?? '', location: { country: 'FR' } }).pool?.id).toBe(eu);
    expect(REGION_LATENCY_MS.SEAS.SEAS).toBeLessThan(REGION_LATENCY_MS.SEAS.WEU);
  });

  it('proximity: the closest pool by coordinates wins', async () => {
    const sydney = await pool('prox_syd', { latitude: -33.87, longitude: 151.21 });
    const london = await pool('prox_lon', { latitude: 51.5, longitude: -0.12 });
    const lb = await h.cf.loadBalancers.create({ zone_id: h.zoneId, name: 'prox', default_pools: [london, sydney], fallback_pool: london, steering_policy: 'proximity' });
    expect(h.emu.admin.evaluate({ loadBalancerId: lb.id ?? '', location: { country: 'NZ' } }).pool?.id).toBe(sydney);
    expect(h.emu.admin.evaluate({ loadBalancerId: lb.id ?? '', location: { latitude: 48.85, longitude: 2.35 } }).pool?.id).toBe(london);
  });
});

describe('account without Load Balancing', () => {
  it('refuses LB, pool, monitor and region calls the way Cloudflare does; DNS still works', async () => {
    const h2 = await startHarness({ loadBalancing: false });
    try {
      const lb = await expectCfError(h2.cf.loadBalancers.list({ zone_id: h2.zoneId }));
      expect(lb.status).toBe(403);
      expect(lb.codes).toEqual([1002]);
      expect(lb.errors[0]?.message).toContain('load balancing not enabled');
      const p = await expectCfError(h2.cf.loadBalancers.pools.create({ account_id: h2.emu.accountId, name: 'x', origins: [{ address: '192.0.2.1' }] }));
      expect(p.codes).toEqual([1002]);
      const m = await expectCfError(h2.cf.loadBalancers.monitors.list({ account_id: h2.emu.accountId }));
      expect(m.status).toBe(403);
      await h2.cf.dns.records.create({ zone_id: h2.zoneId, type: 'A', name: 'ok', content: '192.0.2.1', ttl: 300 });
    } finally {
      await h2.emu.close();
    }
  });
});

describe('emulator start-up', () => {
  it('fails clearly when the schema file is missing', async () => {
    await expect(startCloudflareEmulator({ schemaPath: '/nonexistent/openapi.json' })).rejects.toThrow(/schema not found/);
  });
});
