/**
 * Plan-time truth on Route 53: what the layout or Route 53 would refuse is a loss in the
 * plan (an error by default; with strict_supports: false a warning and the static values),
 * never a failed batch that takes the zone's other changes with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DnsRecord } from '../../src/model/record.js';
import { Route53Provider } from '../../providers/route53/index.js';
import { changeLines, fastOptions, plan, planAndApply, record, startProvider, type Route53Harness } from './helpers.js';

let h: Route53Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const errors = (losses: { severity: string; message: string }[]) => losses.filter((l) => l.severity === 'error').map((l) => l.message);

/** octoDNS's dynamic-config fixture's shape: a pool named `default` */
const defaultPool = (): DnsRecord =>
  record('www', {
    type: 'A',
    ttl: 60,
    values: ['1.2.3.4'],
    dynamic: { pools: { default: { values: [{ value: '5.6.7.8' }] }, eu: { fallback: 'default', values: [{ value: '9.9.9.9' }] } }, rules: [{ geos: ['EU'], pool: 'eu' }, { pool: 'default' }] },
  });
const plainA = (): DnsRecord => record('api', { type: 'A', ttl: 300, value: '192.0.2.1' });

describe('Route 53 constraints checked when planning', () => {
  it('a pool named "default" is an error loss naming the reserved rrset; nothing is applied', async () => {
    h = await startProvider();
    const zp = await plan(h.provider, [defaultPool(), plainA()]);
    expect(errors(zp.losses)).toEqual([expect.stringContaining('pool "default" of www.example.com. A: the pool id "default" is reserved by octodns-route53\'s layout (_octodns-default-pool.www.example.com.')]);
    await expect(planAndApply(h.provider, [defaultPool(), plainA()])).rejects.toThrow(/reserved/);
    expect(h.emulator.snapshot().zones).toEqual({});
  });

  it('with strict_supports: false the record is written as its static values, the zone applies and re-plans empty', async () => {
    h = await startProvider({}, { strict_supports: false });
    const { plan: zp, results } = await planAndApply(h.provider, [defaultPool(), plainA()]);
    expect(zp.losses.map((l) => l.severity)).toEqual(['warning']);
    expect(zp.losses[0]!.message).toContain('falling back to its static values ["1.2.3.4"]');
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(changeLines(await plan(h.provider, [defaultPool(), plainA()]))).toEqual([]);
  });

  it('an upper-case pool id (Route 53 lower-cases rrset names) and two latency pools in one region are losses', async () => {
    h = await startProvider();
    const upper = record('up', { type: 'A', ttl: 60, values: ['1.2.3.4'], dynamic: { pools: { EU: { values: [{ value: '5.6.7.8' }] } }, rules: [{ pool: 'EU' }] } });
    const sameRegion = record('lat', {
      type: 'A',
      ttl: 60,
      values: ['1.2.3.4'],
      dynamic: { pools: { 'eu-west-1': { fallback: 'eu-backup', values: [{ value: '5.6.7.8' }] }, 'eu-backup': { values: [{ value: '9.9.9.9' }] } }, rules: [{ pool: 'eu-west-1' }] },
      octodns: { dnsctl: { routing: 'latency', regions: { 'eu-backup': 'eu-west-1' } } },
    });
    const zp = await plan(h.provider, [upper, sameRegion]);
    expect(errors(zp.losses)).toEqual([
      expect.stringContaining('pool "EU" of up.example.com. A: Route 53 lower-cases the rrset names'),
      expect.stringContaining('pools eu-backup and eu-west-1 of lat.example.com. A: both are in Route 53 region eu-west-1'),
    ]);
  });

  it('a latency pool without a Route 53 region is a loss at plan time, not a failed apply', async () => {
    h = await startProvider();
    const p = new Route53Provider('route53', fastOptions(h.emulator.url));
    const r = record('far', { type: 'A', ttl: 60, values: ['1.2.3.4'], dynamic: { pools: { mars: { values: [{ value: '5.6.7.8' }] } }, rules: [{ pool: 'mars' }] }, octodns: { dnsctl: { routing: 'latency' } } });
    const zp = await plan(p, [r]);
    expect(errors(zp.losses)).toEqual([expect.stringContaining('region "mars" is not a Route 53 latency region')]);
    p.close();
  });
});
