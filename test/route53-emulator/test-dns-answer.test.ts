import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { CreateHealthCheckCommand, TestDNSAnswerCommand, type Change, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { a, change, createZone, startHarness, stopHarness, type Harness } from './helpers.js';

let h: Harness;
let zone: string;
let bare: string;
beforeEach(async () => {
  h = await startHarness({ seed: 1234 });
  zone = await createZone(h.client);
  bare = zone.replace('/hostedzone/', '');
});
afterEach(async () => { await stopHarness(h); });

const send = (changes: Change[]) => h.client.send(change(changes, zone));
const create = (...sets: ResourceRecordSet[]) => send(sets.map((ResourceRecordSet) => ({ Action: 'CREATE' as const, ResourceRecordSet })));
const ask = async (name: string, opts: { resolver?: string; subnet?: string; type?: 'A' | 'AAAA' | 'TXT' } = {}) => {
  const out = await h.client.send(new TestDNSAnswerCommand({
    HostedZoneId: zone, RecordName: name, RecordType: opts.type ?? 'A', ResolverIP: opts.resolver, EDNS0ClientSubnetIP: opts.subnet,
  }));
  return out;
};
const answer = async (name: string, opts: { resolver?: string; subnet?: string } = {}): Promise<string> => ((await ask(name, opts)).RecordData ?? []).join(',');
const healthCheck = async (ref: string): Promise<string> =>
  (await h.client.send(new CreateHealthCheckCommand({ CallerReference: ref, HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: `${ref}.example.net` } }))).HealthCheck!.Id!;
const setHealth = async (id: string, healthy: boolean): Promise<void> => {
  const res = await fetch(`${h.emulator.url}/_emulator/health-checks/${id}/status`, { method: 'POST', body: JSON.stringify({ healthy }) });
  expect(res.status).toBe(200);
};

describe('TestDNSAnswer', () => {
  it('answers simple records, NXDOMAIN for missing names and NOERROR/no data for other types', async () => {
    await create(a('www.example.com', ['192.0.2.1', '192.0.2.2']));
    const out = await ask('www.example.com');
    expect(out.RecordData).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(out.ResponseCode).toBe('NOERROR');
    expect(out.Protocol).toBe('UDP');
    expect(out.RecordName).toBe('www.example.com.');
    expect(out.Nameserver).toMatch(/^ns-\d+\.awsdns-\d+\.com$/);
    expect((await ask('missing.example.com')).ResponseCode).toBe('NXDOMAIN');
    const other = await ask('www.example.com', { type: 'AAAA' });
    expect(other.ResponseCode).toBe('NOERROR');
    expect(other.RecordData).toEqual([]);
  });

  it('chooses weighted records in proportion to weight, never weight 0 while others are healthy', async () => {
    await create(
      a('w.example.com', ['192.0.2.1'], { SetIdentifier: 'one', Weight: 1 }, 60),
      a('w.example.com', ['192.0.2.3'], { SetIdentifier: 'three', Weight: 3 }, 60),
      a('w.example.com', ['192.0.2.9'], { SetIdentifier: 'zero', Weight: 0 }, 60),
    );
    const counts: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const v = await answer('w.example.com');
      counts[v] = (counts[v] ?? 0) + 1;
    }
    expect(counts['192.0.2.9']).toBeUndefined();
    expect(counts['192.0.2.3']! / 200).toBeGreaterThan(0.65);
    expect(counts['192.0.2.3']! / 200).toBeLessThan(0.85);
  });

  it('is deterministic for a seed', async () => {
    await create(
      a('w.example.com', ['192.0.2.1'], { SetIdentifier: 'one', Weight: 1 }, 60),
      a('w.example.com', ['192.0.2.2'], { SetIdentifier: 'two', Weight: 1 }, 60),
    );
    const seq = async (): Promise<string> => {
      let s = '';
      for (let i = 0; i < 16; i++) s += (await answer('w.example.com')).slice(-1);
      return s;
    };
    const first = await seq();
    const other = await startHarness({ seed: 1234 });
    try {
      const z2 = await createZone(other.client);
      await other.client.send(change([
        { Action: 'CREATE', ResourceRecordSet: a('w.example.com', ['192.0.2.1'], { SetIdentifier: 'one', Weight: 1 }, 60) },
        { Action: 'CREATE', ResourceRecordSet: a('w.example.com', ['192.0.2.2'], { SetIdentifier: 'two', Weight: 1 }, 60) },
      ], z2));
      let s = '';
      for (let i = 0; i < 16; i++) {
        s += ((await other.client.send(new TestDNSAnswerCommand({ HostedZoneId: z2, RecordName: 'w.example.com', RecordType: 'A' }))).RecordData ?? []).join(',').slice(-1);
      }
      expect(s).toBe(first);
      expect(first).toMatch(/1/);
      expect(first).toMatch(/2/);
    } finally {
      await stopHarness(other);
    }
  });

  it('uses zero-weight records only when every non-zero one is unhealthy', async () => {
    const hc = await healthCheck('w1');
    await create(
      a('w.example.com', ['192.0.2.1'], { SetIdentifier: 'one', Weight: 5, HealthCheckId: hc }, 60),
      a('w.example.com', ['192.0.2.9'], { SetIdentifier: 'zero', Weight: 0 }, 60),
    );
    expect(await answer('w.example.com')).toBe('192.0.2.1');
    await setHealth(hc, false);
    expect(await answer('w.example.com')).toBe('192.0.2.9');
  });

  it('fails over from an unhealthy PRIMARY to the SECONDARY and back', async () => {
    const hc = await healthCheck('primary');
    await create(
      a('f.example.com', ['192.0.2.1'], { SetIdentifier: 'p', Failover: 'PRIMARY', HealthCheckId: hc }, 60),
      a('f.example.com', ['192.0.2.2'], { SetIdentifier: 's', Failover: 'SECONDARY' }, 60),
    );
    expect(await answer('f.example.com')).toBe('192.0.2.1');
    await setHealth(hc, false);
    expect(await answer('f.example.com')).toBe('192.0.2.2');
    h.emulator.setHealth(hc, true);
    expect(await answer('f.example.com')).toBe('192.0.2.1');
  });

  it('routes latency records to the nearest healthy region of the client', async () => {
    const eu = await healthCheck('eu');
    await create(
      a('l.example.com', ['192.0.2.10'], { SetIdentifier: 'use1', Region: 'us-east-1' }, 60),
      a('l.example.com', ['192.0.2.20'], { SetIdentifier: 'euc1', Region: 'eu-central-1', HealthCheckId: eu }, 60),
      a('l.example.com', ['192.0.2.30'], { SetIdentifier: 'apne1', Region: 'ap-northeast-1' }, 60),
    );
    expect(await answer('l.example.com', { resolver: '198.51.100.10' })).toBe('192.0.2.20'); // Germany
    expect(await answer('l.example.com', { resolver: '203.0.113.7' })).toBe('192.0.2.30'); // Japan
    expect(await answer('l.example.com', { resolver: '192.0.2.200' })).toBe('192.0.2.10'); // California → us-east-1 is nearer than Tokyo
    // the EDNS client subnet wins over the resolver address
    expect(await answer('l.example.com', { resolver: '203.0.113.7', subnet: '198.51.100.10' })).toBe('192.0.2.20');
    await setHealth(eu, false);
    expect(await answer('l.example.com', { resolver: '198.51.100.10' })).toBe('192.0.2.10');
  });

  it('routes geolocation records to the most specific location, falling back when unhealthy', async () => {
    const cal = await healthCheck('cal');
    const geo = (id: string, loc: Record<string, string>, ip: string, extra: Record<string, unknown> = {}) =>
      a('g.example.com', [ip], { SetIdentifier: id, GeoLocation: loc, ...extra }, 60);
    await create(
      geo('eu', { ContinentCode: 'EU' }, '192.0.2.1'),
      geo('us', { CountryCode: 'US' }, '192.0.2.2'),
      geo('us-ca', { CountryCode: 'US', SubdivisionCode: 'CA' }, '192.0.2.3', { HealthCheckId: cal }),
      geo('default', { CountryCode: '*' }, '192.0.2.4'),
    );
    expect(await answer('g.example.com', { resolver: '198.51.100.10' })).toBe('192.0.2.1'); // DE → EU
    expect(await answer('g.example.com', { resolver: '192.0.2.10' })).toBe('192.0.2.2'); // US-VA → US
    expect(await answer('g.example.com', { resolver: '192.0.2.200' })).toBe('192.0.2.3'); // US-CA
    expect(await answer('g.example.com', { resolver: '203.0.113.7' })).toBe('192.0.2.4'); // JP → default
    expect(await answer('g.example.com', { resolver: '8.8.8.8' })).toBe('192.0.2.4'); // unmapped → default
    await setHealth(cal, false);
    expect(await answer('g.example.com', { resolver: '192.0.2.200' })).toBe('192.0.2.2'); // CA unhealthy → US
  });

  it('answers with no data for a location without a matching rrset nor a default', async () => {
    await create(a('g.example.com', ['192.0.2.1'], { SetIdentifier: 'eu', GeoLocation: { ContinentCode: 'EU' } }, 60));
    const out = await ask('g.example.com', { resolver: '203.0.113.7' });
    expect(out.ResponseCode).toBe('NOERROR');
    expect(out.RecordData).toEqual([]);
  });

  it('follows octoDNS-style alias chains with EvaluateTargetHealth down to the default pool', async () => {
    const [v1, v2] = [await healthCheck('v1'), await healthCheck('v2')];
    const alias = (name: string, target: string, extra: Record<string, unknown>): ResourceRecordSet =>
      ({ Name: name, Type: 'A', AliasTarget: { HostedZoneId: bare, DNSName: target, EvaluateTargetHealth: true }, ...extra });
    await create(
      a('_octodns-default-pool.www.example.com', ['192.0.2.100'], {}, 60),
      a('_octodns-eu-value.www.example.com', ['192.0.2.1'], { SetIdentifier: 'eu-000', Weight: 1, HealthCheckId: v1 }, 60),
      a('_octodns-eu-value.www.example.com', ['192.0.2.2'], { SetIdentifier: 'eu-001', Weight: 1, HealthCheckId: v2 }, 60),
      alias('_octodns-eu-pool.www.example.com', '_octodns-eu-value.www.example.com', { SetIdentifier: 'eu-Primary', Failover: 'PRIMARY' }),
      alias('_octodns-eu-pool.www.example.com', '_octodns-default-pool.www.example.com', { SetIdentifier: 'eu-Secondary-default', Failover: 'SECONDARY' }),
      alias('www.example.com', '_octodns-eu-pool.www.example.com', { SetIdentifier: '0-eu-None', GeoLocation: { CountryCode: '*' } }),
    );
    expect(['192.0.2.1', '192.0.2.2']).toContain(await answer('www.example.com'));
    await setHealth(v1, false);
    for (let i = 0; i < 5; i++) expect(await answer('www.example.com')).toBe('192.0.2.2');
    await setHealth(v2, false);
    expect(await answer('www.example.com')).toBe('192.0.2.100');
  });

  it('answers a wildcard for names that do not exist', async () => {
    await create(a('*.example.com', ['192.0.2.7']));
    expect(await answer('anything.example.com')).toBe('192.0.2.7');
  });
});
