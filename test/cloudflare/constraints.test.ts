/**
 * Plan-time truth on Cloudflare: two dynamic records at one name (dual-stack A + AAAA)
 * cannot both be load balancers (one per hostname). The plan says so — an error by
 * default, with strict_supports: false a warning and the AAAA's static values — instead of
 * an apply that fails on the second record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planZoneTarget } from '../../src/api/plan.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { DnsRecord } from '../../src/model/record.js';
import { orderChanges } from '../../src/plan/order.js';
import { checkInvariants, startCf, type CfHarness } from './helpers.js';

const ZONE = 'example.com.';
const config = standaloneConfig('test', { baseDir: '.' });
const zc = zoneConfig(ZONE, { targets: ['cloudflare'] });

let h: CfHarness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

const dyn = (type: 'A' | 'AAAA', eu: string, us: string, statics: string): DnsRecord => ({
  zone: ZONE,
  name: 'www',
  type,
  ttl: 60,
  values: [statics],
  dynamic: {
    pools: { 'eu-west-1': { fallback: 'us-east-1', values: [{ value: eu, weight: 1, status: 'obey' }] }, 'us-east-1': { fallback: null, values: [{ value: us, weight: 1, status: 'obey' }] } },
    rules: [{ geos: ['EU'], pool: 'eu-west-1' }, { pool: 'us-east-1' }],
  },
});
const dualStack = () => [dyn('A', '192.0.2.10', '192.0.2.20', '192.0.2.30'), dyn('AAAA', '2001:db8::10', '2001:db8::20', '2001:db8::30')];

describe('Cloudflare: one load balancer per hostname, checked when planning', () => {
  it('a dynamic A and a dynamic AAAA at one name: an error loss on the AAAA; the A keeps its routing', async () => {
    h = await startCf();
    const zp = await planZoneTarget(config, zc, dualStack(), h.provider);
    expect(zp.losses).toEqual([
      {
        record: 'www.example.com.',
        type: 'AAAA',
        severity: 'error',
        message: expect.stringContaining('the dynamic A record at this name holds its load balancer, and Cloudflare holds one load balancer per hostname; falling back to its static values ["2001:db8::30"]'),
      },
    ]);
  });

  it('with strict_supports: false both apply (the AAAA as plain records) and the zone re-plans empty', async () => {
    h = await startCf({}, { strict_supports: false });
    const zp = await planZoneTarget(config, zc, dualStack(), h.provider);
    expect(zp.losses.map((l) => `${l.severity} ${l.type}`)).toEqual(['warning AAAA']);
    const results = await h.provider.apply!(ZONE, orderChanges(zp.changes), {});
    expect(results.map((r) => `${r.change.type} ${r.status}`).sort()).toEqual(['A applied', 'AAAA applied']);
    const state = h.emu.admin.state();
    expect(state.loadBalancers.map((l) => l.name)).toEqual(['www.example.com']);
    expect(Object.values(state.records).flat().filter((r) => r.type === 'AAAA').map((r) => r.content)).toEqual(['2001:db8::30']);
    checkInvariants(h.emu);
    expect((await planZoneTarget(config, zc, dualStack(), h.fresh({ strict_supports: false }))).changes).toEqual([]);
  });
});

describe('Cloudflare: a TTL over its largest (86400) is shown when planning, never clamped silently', () => {
  it('a week-long TTL: a warning naming the record; apply publishes 86400 and the zone re-plans empty', async () => {
    h = await startCf();
    const records: DnsRecord[] = [
      { zone: ZONE, name: 'long', type: 'TXT', ttl: 604800, values: ['v=1'] },
      { zone: ZONE, name: 'short', type: 'TXT', ttl: 86400, values: ['v=2'] },
    ];
    const zp = await planZoneTarget(config, zc, records, h.provider);
    expect(zp.losses).toEqual([{ record: 'long.example.com.', type: 'TXT', severity: 'warning', message: "cloudflare: ttl 604800 is over Cloudflare's largest TTL; published as 86400" }]);
    await h.provider.apply!(ZONE, orderChanges(zp.changes), {});
    const txt = Object.values(h.emu.admin.state().records).flat().filter((r) => r.type === 'TXT');
    expect(txt.map((r) => r.ttl)).toEqual([86400, 86400]);
    const again = await planZoneTarget(config, zc, records, h.provider);
    expect(again.changes).toEqual([]);
  });
});

describe('Cloudflare: hostnames it refuses, checked when planning', () => {
  const recs = (): DnsRecord[] => [
    { zone: ZONE, name: 'sub', type: 'NS', ttl: 3600, values: ['6.2.3.4.', '7.2.3.4.'] },
    { zone: ZONE, name: '_srv._tcp', type: 'SRV', ttl: 600, values: [{ port: 0, priority: 0, target: '.', weight: 0 }] },
    { zone: ZONE, name: 'www', type: 'A', ttl: 300, values: ['192.0.2.1'] },
  ];

  it('an NS target that reads as an IP address and an SRV target "." are error losses (the batch would be refused whole)', async () => {
    h = await startCf();
    const zp = await planZoneTarget(config, zc, recs(), h.provider);
    expect(zp.losses.map((l) => `${l.severity} ${l.type} ${l.message.replace(/^cloudflare: /, '')}`)).toEqual([
      'error NS NS target "6.2.3.4." not supported for sub.example.com. (Cloudflare takes it only as a hostname, not "." or an IP address); omitting record',
      'error SRV SRV target "." not supported for _srv._tcp.example.com. (Cloudflare takes it only as a hostname, not "." or an IP address); omitting record',
    ]);
  });

  it('with strict_supports: false they are omitted and the rest of the zone applies and converges', async () => {
    h = await startCf({}, { strict_supports: false });
    const zp = await planZoneTarget(config, zc, recs(), h.provider);
    expect(zp.changes.map((c) => `${c.kind} ${c.name} ${c.type}`)).toEqual(['create www A']);
    const results = await h.provider.apply!(ZONE, orderChanges(zp.changes), {});
    expect(results.map((r) => r.status)).toEqual(['applied']);
    expect((await planZoneTarget(config, zc, recs(), h.fresh({ strict_supports: false }))).changes).toEqual([]);
  });
});
