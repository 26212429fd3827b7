/**
 * The Cloudflare provider against the emulator, through the real SDK and the real planner:
 * batch call counts, pagination, octodns.cloudflare keys, every steering policy, ownership,
 * LB-less accounts, batch failures and the client's rate limiting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import Cloudflare from 'cloudflare';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import type { DnsRecord } from '../../src/model/record.js';
import type { Provider } from '../../src/model/provider.js';
import type { ZonePlan } from '../../src/plan/types.js';
import { exampleRecords } from '../conformance/provider-suite.js';
import { checkInvariants, startCf, type CfHarness } from './helpers.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';

const ZONE = 'example.com.';
const config = standaloneConfig('test', { baseDir: resolve(__dirname, '../..') });
const zc = zoneConfig(ZONE);

const plan = (p: Provider, desired: DnsRecord[]) => planZoneTarget(config, zc, desired, p);
async function planApply(p: Provider, desired: DnsRecord[]): Promise<ZonePlan> {
  const zp = await plan(p, desired);
  const results = await p.apply!(ZONE, orderChanges(zp.changes), {});
  const bad = results.filter((r) => r.status !== 'applied');
  if (bad.length) throw new Error(bad.map((r) => `${r.change.name} ${r.change.type}: ${r.status} ${r.error ?? ''}`).join('\n'));
  return zp;
}
const kinds = (zp: ZonePlan) => zp.changes.map((c) => `${c.kind} ${c.name} ${c.type}`);
const a = (name: string, value: string, extra: Partial<DnsRecord> = {}): DnsRecord => ({ zone: ZONE, name, type: 'A', ttl: 300, values: [value], ...extra });

let h: CfHarness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

describe('plain records through the batch endpoint', () => {
  it('N record changes take exactly ceil(N / limit) batch calls, for creates, updates and deletes', async () => {
    h = await startCf({ batchLimit: 200 });
    const many = Array.from({ length: 450 }, (_, i) => a(`r${i}`, `192.0.2.${i % 250}`, { type: 'A', values: [`10.${Math.floor(i / 250)}.0.${i % 250}`] }));
    h.emu.resetCounters();
    const created = await planApply(h.provider, many);
    expect(created.changes).toHaveLength(450);
    expect(h.emu.counters()['dns_records.batch']).toBe(Math.ceil(450 / 200));
    expect(h.emu.counters()['dns_records.create'] ?? 0).toBe(0);

    // a provider with a smaller limit: 450 updates in ceil(450 / 100) calls
    const small = h.fresh({ batch_limit: 100 });
    h.emu.resetCounters();
    const updated = await planApply(small, many.map((r) => ({ ...r, ttl: 600 })));
    expect(updated.changes.every((c) => c.kind === 'update')).toBe(true);
    expect(h.emu.counters()['dns_records.batch']).toBe(5);

    // 320 deletes
    const kept = many.slice(0, 130).map((r) => ({ ...r, ttl: 600 }));
    h.emu.resetCounters();
    expect((await planApply(small, kept)).changes.every((c) => c.kind === 'delete')).toBe(true);
    expect(h.emu.counters()['dns_records.batch']).toBe(Math.ceil(320 / 100));
    expect(kinds(await plan(small, kept))).toEqual([]);
  }, 30_000);

  it('lists more than 100 records over several pages', async () => {
    h = await startCf();
    const many = Array.from({ length: 250 }, (_, i) => ({ zone: ZONE, name: `t${i}`, type: 'TXT' as const, ttl: 300, values: [`v ${i}`] }));
    await planApply(h.provider, many);
    const paged = h.fresh({ records_per_page: 100 });
    h.emu.resetCounters();
    const live = await paged.populate(ZONE, { lenient: true, target: true, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(live.records).toHaveLength(250);
    expect(h.emu.counters()['dns_records.list']).toBe(3);
    expect(kinds(await plan(paged, many))).toEqual([]);
  });

  it('round-trips octodns.cloudflare proxied, auto-ttl, comment and tags as octodns-cloudflare reads them', async () => {
    h = await startCf();
    const desired: DnsRecord[] = [
      a('proxied', '203.0.113.5', { ttl: 120, octodns: { cloudflare: { proxied: true } } }),
      a('auto', '203.0.113.6', { octodns: { cloudflare: { 'auto-ttl': true, comment: 'set by hand' } } }),
      { zone: ZONE, name: 'tagged', type: 'TXT', ttl: 3600, values: ['hello'], octodns: { cloudflare: { tags: ['team:dns', 'env:prod', 'env:prod'], comment: 'owned by dns' } } },
      a('short', '203.0.113.7', { ttl: 30, octodns: { cloudflare: { proxied: false } } }),
    ];
    await planApply(h.provider, desired);
    expect(kinds(await plan(h.provider, desired))).toEqual([]);
    const [zone] = h.emu.admin.state().zones;
    const recs = h.emu.admin.state().records[zone!.id]!;
    expect(recs.find((r) => r.name === 'proxied.example.com')).toMatchObject({ proxied: true, ttl: 1 });
    expect(recs.find((r) => r.name === 'auto.example.com')).toMatchObject({ proxied: false, ttl: 1, comment: 'set by hand' });
    expect(recs.find((r) => r.name === 'tagged.example.com')).toMatchObject({ tags: ['env:prod', 'team:dns'], comment: 'owned by dns', ttl: 3600 });
    expect(recs.find((r) => r.name === 'short.example.com')?.ttl).toBe(60); // clamped to Cloudflare's minimum
    const live = await h.provider.populate(ZONE, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    const byName = Object.fromEntries(live.records.map((r) => [r.name, r]));
    expect(byName['proxied']).toMatchObject({ ttl: 300, octodns: { cloudflare: { proxied: true, 'auto-ttl': true } } });
    expect(byName['auto']).toMatchObject({ ttl: 300, octodns: { cloudflare: { 'auto-ttl': true, comment: 'set by hand' } } });
    expect(byName['tagged']?.octodns).toEqual({ cloudflare: { comment: 'owned by dns', tags: ['env:prod', 'team:dns'] } });
    // turning the proxy off is a change
    const off = desired.map((r) => (r.name === 'proxied' ? { ...r, octodns: {} } : r));
    expect(kinds(await plan(h.provider, off))).toEqual(['update proxied A']);
  });

  it('a failed batch fails its changes and the later batches are not attempted', async () => {
    h = await startCf({}, { batch_limit: 2 });
    await planApply(h.provider, [a('taken', '192.0.2.1')]);
    // a CNAME beside the live A at "taken" is refused by Cloudflare (81053); the planner keeps the A
    const desired = [a('taken', '192.0.2.1'), a('b1', '192.0.2.11'), a('b2', '192.0.2.12'), { zone: ZONE, name: 'taken', type: 'CNAME' as const, ttl: 300, values: ['x.example.net.'] }, a('z1', '192.0.2.13'), a('z2', '192.0.2.14')];
    const zp = await plan(h.provider, desired);
    h.emu.resetCounters();
    const results = await h.provider.apply(ZONE, zp.changes, {});
    const status = Object.fromEntries(results.map((r) => [`${r.change.name} ${r.change.type}`, r.status]));
    expect(status).toEqual({ 'b1 A': 'applied', 'b2 A': 'applied', 'taken CNAME': 'failed', 'z1 A': 'failed', 'z2 A': 'not-attempted' });
    expect(results.find((r) => r.change.type === 'CNAME')?.error).toMatch(/81053/);
    expect(h.emu.counters()['dns_records.batch']).toBe(2);
  });
});

describe('an interrupted apply (Ctrl-C)', () => {
  it('finishes the batch in flight, sends no further batch, and reports the rest as not attempted', async () => {
    h = await startCf({}, { batch_limit: 2 });
    const desired = ['r1', 'r2', 'r3', 'r4', 'r5'].map((n, i) => a(n, `192.0.2.${i + 1}`));
    const zp = await plan(h.provider, desired);
    h.emu.resetCounters();
    // the operator interrupts while the first batch is on the wire: it completes, nothing more is sent
    const emu = h.emu;
    const signal = { get aborted() { return (emu.counters()['dns_records.batch'] ?? 0) >= 1; } } as AbortSignal;
    const results = await h.provider.apply(ZONE, orderChanges(zp.changes), { signal });
    expect(results.map((r) => `${r.change.name} ${r.status}`)).toEqual(['r1 applied', 'r2 applied', 'r3 not-attempted', 'r4 not-attempted', 'r5 not-attempted']);
    expect(emu.counters()['dns_records.batch']).toBe(1);
    const again = await plan(h.fresh(), desired);
    expect(kinds(again)).toEqual(['create r3 A', 'create r4 A', 'create r5 A']);
  });
});

describe('dynamic records as Load Balancing', () => {
  it('each steering policy round-trips with zero diff, and the emulator steers as the record says', async () => {
    h = await startCf();
    const example = (await exampleRecords()).filter((r) => r.dynamic);
    // and a geo record with a country rule and a subdivision
    const geo: DnsRecord = {
      zone: ZONE, name: 'geo2', type: 'A', ttl: 60, values: ['192.0.2.99'],
      dynamic: {
        pools: {
          de: { fallback: 'us', values: [{ value: '198.51.100.1', weight: 1, status: 'obey' }] },
          us: { fallback: null, values: [{ value: '192.0.2.1', weight: 2, status: 'obey' }, { value: '192.0.2.2', weight: 5, status: 'down' }] },
        },
        rules: [{ pool: 'de', geos: ['EU-DE', 'NA-US-CA'] }, { pool: 'us' }],
      },
    };
    const desired = [...example, geo];
    await planApply(h.provider, desired);
    expect(kinds(await plan(h.provider, desired))).toEqual([]);
    // a fresh provider (another process) reads the same
    expect(kinds(await plan(h.fresh(), desired))).toEqual([]);

    const s = h.emu.admin.state();
    const lb = (n: string) => s.loadBalancers.find((x) => x.name === `${n}.example.com`)!;
    const pool = (id: string) => s.pools.find((p) => p.id === id)!;
    expect(lb('api').steering_policy).toBe('off');
    // shared pools are named after their region and content: dnsctl-<region>-<12 hex>
    expect(lb('api').default_pools.map((id) => pool(id).name.replace(/-[0-9a-f]{12}$/, ''))).toEqual(['dnsctl-us-east-1', 'dnsctl-us-west-2']);
    expect(pool(lb('api').fallback_pool).origins.map((o) => o.address)).toEqual(['192.0.2.20', '198.51.100.20']);
    expect(lb('www').steering_policy).toBe('random');
    expect(Object.values(lb('www').random_steering.pool_weights ?? {}).sort()).toEqual([0.43, 1]);
    expect(lb('app').steering_policy).toBe('dynamic_latency');
    expect(lb('cdn').steering_policy).toBe('geo');
    expect(Object.keys(lb('cdn').region_pools).sort()).toEqual(['EEU', 'ME', 'NEAS', 'OC', 'SAS', 'SEAS', 'WEU']);
    expect(Object.keys(lb('geo2').country_pools).sort()).toEqual(['DE', 'US']);
    const us = pool(lb('geo2').default_pools[0]!);
    expect(us.origins).toMatchObject([{ address: '192.0.2.1', weight: 0.02, enabled: true }, { address: '192.0.2.2', weight: 0.05, enabled: false }]);
    expect(s.pools.every((p) => p.description.startsWith('dnsctl:'))).toBe(true);
    expect(s.monitors.map((m) => m.description.replace(/ ~[0-9a-f]+$/, '')).sort()).toEqual([
      'dnsctl:hc HTTPS api.example.com:443/healthz',
      'dnsctl:hc HTTPS app.example.com:443/healthz',
      'dnsctl:hc HTTPS cdn.example.com:443/_health',
      'dnsctl:hc HTTPS geo2.example.com:443/_dns',
      'dnsctl:hc HTTPS www.example.com:443/healthz',
    ]);

    const where = (n: string, location: Record<string, unknown>) => h!.emu.admin.evaluate({ name: `${n}.example.com`, location }).pool?.name;
    expect(where('cdn', { country: 'DE' })).toContain('eu-west-1');
    expect(where('cdn', { country: 'JP' })).toContain('ap-southeast-1');
    expect(where('cdn', { country: 'BR' })).toContain('us-east-1');
    expect(where('app', { country: 'SG' })).toContain('ap-southeast-1');
    expect(where('app', { country: 'FR' })).toContain('eu-west-1');
    expect(where('api', { country: 'US' })).toContain('us-east-1');
    h.emu.admin.setPoolHealth(lb('api').default_pools[0]!, false);
    expect(where('api', { country: 'US' })).toContain('us-west-2');
    h.emu.admin.setPoolHealth(lb('api').default_pools[1]!, false);
    expect(h.emu.admin.evaluate({ name: 'api.example.com', location: { country: 'US' } })).toMatchObject({ fallback: true });

    // updates in place: same LB and pool ids, one PUT per changed object
    const before = { lbs: s.loadBalancers.map((x) => x.id).sort(), pools: s.pools.map((p) => p.id).sort() };
    const changed = desired.map((r) => (r.name === 'www' ? { ...r, octodns: { ...r.octodns, dnsctl: { routing: 'weighted', weights: { 'eu-west-1': 50, 'us-east-1': 50 } } } } : r));
    h.emu.resetCounters();
    expect(kinds(await planApply(h.provider, changed))).toEqual(['update www A']);
    expect(h.emu.counters()['load_balancers.update']).toBe(1);
    expect(h.emu.counters()['pools.update'] ?? 0).toBe(0);
    const after = h.emu.admin.state();
    expect({ lbs: after.loadBalancers.map((x) => x.id).sort(), pools: after.pools.map((p) => p.id).sort() }).toEqual(before);
    expect(kinds(await plan(h.provider, changed))).toEqual([]);

    // dynamic → plain → gone: LB objects removed in reverse order, no orphans
    const plain = changed.map((r) => (r.name === 'api' ? { zone: ZONE, name: 'api', type: 'A' as const, ttl: 60, values: r.values } : r)).filter((r) => r.name !== 'cdn');
    expect(kinds(await planApply(h.provider, plain)).sort()).toEqual(['delete cdn CNAME', 'update api A']);
    expect(kinds(await plan(h.provider, plain))).toEqual([]);
    checkInvariants(h.emu);
    const end = h.emu.admin.state();
    expect(end.loadBalancers.map((x) => x.name).sort()).toEqual(['app.example.com', 'geo2.example.com', 'www.example.com']);
    expect(end.monitors).toHaveLength(3);
  });

  it('a load balancer edited outside dnsctl shows as a change and is rewritten', async () => {
    h = await startCf();
    const example = (await exampleRecords()).filter((r) => r.name === 'api');
    await planApply(h.provider, example);
    const lb = h.emu.admin.state().loadBalancers[0]!;
    const cf = new Cloudflare({ apiToken: 't', baseURL: h.emu.url, maxRetries: 0 });
    await cf.loadBalancers.edit(lb.id, { zone_id: lb.zone_id, default_pools: [...lb.default_pools].reverse() });
    expect(kinds(await plan(h.provider, example))).toEqual(['update api A']);
    await planApply(h.provider, example);
    expect(kinds(await plan(h.provider, example))).toEqual([]);
  });

  it('never touches a foreign (unmarked) pool or load balancer', async () => {
    h = await startCf();
    const cf = new Cloudflare({ apiToken: 't', baseURL: h.emu.url, maxRetries: 0 });
    const zoneId = h.emu.admin.state().zones[0]!.id;
    const account = h.emu.accountId;
    const mon = await cf.loadBalancers.monitors.create({ account_id: account, expected_codes: '200', description: 'ops monitor' });
    const p = await cf.loadBalancers.pools.create({ account_id: account, name: 'ops_pool', monitor: mon.id ?? '', origins: [{ name: 'o', address: '192.0.2.200' }] } as never);
    const foreignLb = await cf.loadBalancers.create({ zone_id: zoneId, name: 'legacy.example.com', default_pools: [p.id ?? ''], fallback_pool: p.id ?? '' });
    const snapshot = () => JSON.stringify({ lb: h!.emu.admin.state().loadBalancers.filter((x) => x.id === foreignLb.id), pools: h!.emu.admin.state().pools.filter((x) => x.id === p.id), m: h!.emu.admin.state().monitors.filter((x) => x.id === mon.id) });
    const before = snapshot();

    const example = await exampleRecords();
    const live = await h.provider.populate(ZONE, { lenient: true, target: true, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(live.unmanaged).toEqual(['legacy.example.com. load balancer (not managed by dnsctl)']);
    await planApply(h.provider, example.filter((r) => r.type !== 'SRV' || true));
    const legacy: DnsRecord = { ...example.find((r) => r.name === 'api')!, name: 'legacy', octodns: {} };
    const zp = await plan(h.provider, [...example, legacy]);
    expect(kinds(zp)).toEqual(['create legacy A']);
    const res = await h.provider.apply(ZONE, zp.changes, {});
    expect(res[0]).toMatchObject({ status: 'failed' });
    expect(res[0]?.error).toMatch(/not managed by dnsctl/);
    // and removing everything leaves the foreign objects alone
    await planApply(h.provider, []);
    expect(snapshot()).toBe(before);
    checkInvariants(h.emu);
  });
});

describe('accounts without Load Balancing', () => {
  for (const how of ['option load_balancing: false', 'API refusal (plan gating)'] as const) {
    it(`dynamic records become their static values with a plan warning (${how})`, async () => {
      h = how === 'API refusal (plan gating)' ? await startCf({ loadBalancing: false }, { strict_supports: false }) : await startCf({}, { load_balancing: false, strict_supports: false });
      const example = await exampleRecords();
      const zp = await plan(h.provider, example);
      expect(h.provider.capabilities.routing).toEqual([]);
      const dyn = example.filter((r) => r.dynamic).map((r) => `${r.name}.${ZONE}`);
      expect(zp.losses.map((l) => l.record).sort()).toEqual(dyn.sort());
      expect(zp.losses.every((l) => l.severity === 'warning' && /falling back to its static values/.test(l.message))).toBe(true);
      const results = await h.provider.apply(ZONE, orderChanges(zp.changes), {});
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      expect(kinds(await plan(h.provider, example))).toEqual([]);
      expect(h.emu.admin.state().loadBalancers).toEqual([]);
    });
  }

  it('with strict_supports (the default) the loss is an error', async () => {
    h = await startCf({ loadBalancing: false });
    const zp = await plan(h.provider, await exampleRecords());
    expect(zp.losses.length).toBeGreaterThan(0);
    expect(zp.losses.every((l) => l.severity === 'error')).toBe(true);
  });
});

describe('client', () => {
  it("waits out a 429's retry-after instead of failing, with the SDK's own retries off", async () => {
    h = await startCf({ rate: { requests: 4, windowMs: 1000 } });
    const t0 = Date.now();
    for (let i = 0; i < 2; i++) await h.provider.populate(ZONE, { lenient: true, target: true, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(h.provider.client.limiter.stats.rateLimited).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it('paces requests at the configured rate', async () => {
    h = await startCf({}, { rate_limit: 20 });
    const t0 = Date.now();
    for (let i = 0; i < 4; i++) await h.provider.listZones();
    // 4 requests at 20/s with a burst of 4 tokens: immediate; 8 more take ≈ 8 / 20 s
    for (let i = 0; i < 8; i++) await h.provider.listZones();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
  });

  it('lists zones and reads a zone as a source (load balancers included)', async () => {
    h = await startCf({ zones: ['example.com', 'example.org'] });
    expect(await h.provider.listZones()).toEqual(['example.com.', 'example.org.']);
    await planApply(h.provider, await exampleRecords());
    const src = await h.provider.populate(ZONE, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(src.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(src.records.filter((r) => r.dynamic).map((r) => r.name).sort()).toEqual(['api', 'app', 'cdn', 'www']);
    const missing = await h.provider.populate('nowhere.test.', { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(missing.exists).toBe(false);
  });
});
