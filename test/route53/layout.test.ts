/**
 * octodns-route53's layout, both ways: a zone written the way octodns-route53 writes it
 * (built by hand through the real SDK from the notes' tables, §1.1–1.3) reads back as the
 * exact octoDNS dynamic record, and what dnsctl writes for that record is the same
 * layout name for name. Latency and weighted records (dnsctl's extension) round-trip.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  type HealthCheckConfig,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { sameRecord } from '../../src/plan/compare.js';
import { configKey } from '../../providers/route53/compile.js';
import type { Route53Emulator } from '../../providers/route53/emulator/index.js';
import { assertZoneInvariants, changeLines, plan, planAndApply, record, sdkClient, startProvider, ZONE, type Route53Harness } from './helpers.js';

let h: Route53Harness | undefined;
let client: Route53Client | undefined;
afterEach(async () => {
  client?.destroy();
  client = undefined;
  await h?.close();
  h = undefined;
});

const FQDN = 'www.example.com.';

/** The octoDNS record of the notes' §1.1 example (plus a down value, an up value, a country rule). */
const www = () =>
  record('www', {
    type: 'A',
    ttl: 60,
    values: ['192.0.2.1', '192.0.2.2'],
    dynamic: {
      pools: {
        ap: { fallback: 'us', values: [{ value: '203.0.113.10' }] },
        eu: { fallback: 'us', values: [{ value: '192.0.2.10', weight: 2 }, { value: '192.0.2.11', status: 'down' }] },
        us: { values: [{ value: '198.51.100.10', status: 'up' }, { value: '198.51.100.11' }] },
      },
      rules: [{ geos: ['EU', 'NA-US-CA'], pool: 'eu' }, { geos: ['AS-JP'], pool: 'ap' }, { pool: 'us' }],
    },
  });

/** octodns-route53's HealthCheckConfig with its defaults (notes §1.3). */
const octodnsCheck = (ip: string, down = false): HealthCheckConfig => ({
  Type: 'HTTPS',
  Port: 443,
  EnableSNI: true,
  FailureThreshold: 6,
  RequestInterval: 10,
  MeasureLatency: true,
  Disabled: down,
  Inverted: down,
  FullyQualifiedDomainName: 'www.example.com',
  ResourcePath: '/_dns',
  IPAddress: ip,
});

const alias = (zoneId: string, target: string) => ({ HostedZoneId: zoneId, DNSName: target, EvaluateTargetHealth: true });

/** The rrsets octodns-route53 writes for `www()`, in a valid creation order; `hc` maps value → check id. */
function octodnsRrsets(zoneId: string, hc: Record<string, string>): ResourceRecordSet[] {
  const value = (pool: string, i: number, ip: string, weight: number): ResourceRecordSet => ({
    Name: `_octodns-${pool}-value.${FQDN}`,
    Type: 'A',
    SetIdentifier: `${pool}-${String(i).padStart(3, '0')}`,
    Weight: weight,
    TTL: 60,
    ResourceRecords: [{ Value: ip }],
    ...(hc[ip] ? { HealthCheckId: hc[ip] } : {}),
  });
  const pool = (p: string, fallback: string): ResourceRecordSet[] => [
    { Name: `_octodns-${p}-pool.${FQDN}`, Type: 'A', SetIdentifier: `${p}-Primary`, Failover: 'PRIMARY', AliasTarget: alias(zoneId, `_octodns-${p}-value.${FQDN}`) },
    { Name: `_octodns-${p}-pool.${FQDN}`, Type: 'A', SetIdentifier: `${p}-Secondary-${fallback}`, Failover: 'SECONDARY', AliasTarget: alias(zoneId, `_octodns-${fallback}-pool.${FQDN}`) },
  ];
  const rule = (id: string, geo: ResourceRecordSet['GeoLocation'], p: string): ResourceRecordSet => ({
    Name: FQDN,
    Type: 'A',
    SetIdentifier: id,
    GeoLocation: geo,
    AliasTarget: alias(zoneId, `_octodns-${p}-pool.${FQDN}`),
  });
  return [
    { Name: `_octodns-default-pool.${FQDN}`, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.2' }] },
    value('ap', 0, '203.0.113.10', 1),
    value('eu', 0, '192.0.2.10', 2),
    value('eu', 1, '192.0.2.11', 1),
    value('us', 0, '198.51.100.10', 1),
    value('us', 1, '198.51.100.11', 1),
    ...pool('ap', 'us').slice(0, 1),
    ...pool('eu', 'us').slice(0, 1),
    ...pool('us', 'default'),
    ...pool('ap', 'us').slice(1),
    ...pool('eu', 'us').slice(1),
    rule('0-eu-EU', { ContinentCode: 'EU' }, 'eu'),
    rule('0-eu-NA-US-CA', { CountryCode: 'US', SubdivisionCode: 'CA' }, 'eu'),
    rule('1-ap-AS-JP', { CountryCode: 'JP' }, 'ap'),
    rule('2-us-None', { CountryCode: '*' }, 'us'),
  ];
}

const CHECKED: Array<[string, boolean]> = [
  ['203.0.113.10', false],
  ['192.0.2.10', false],
  ['192.0.2.11', true],
  ['198.51.100.11', false],
];

/** Writes the zone the way octodns-route53 does (checks with its CallerReference, then one batch). */
async function writeAsOctodns(c: Route53Client, extra: ResourceRecordSet[] = []): Promise<{ zoneId: string; checks: Record<string, string> }> {
  const z = await c.send(new CreateHostedZoneCommand({ Name: ZONE, CallerReference: 'octodns-zone' }));
  const zoneId = z.HostedZone!.Id!.replace('/hostedzone/', '');
  const checks: Record<string, string> = {};
  let n = 0;
  for (const [ip, down] of CHECKED) {
    const out = await c.send(new CreateHealthCheckCommand({ CallerReference: `0001:A:${FQDN}:${String(++n).padStart(12, 'a')}`, HealthCheckConfig: octodnsCheck(ip, down) }));
    checks[ip] = out.HealthCheck!.Id!;
  }
  const rrsets = [...octodnsRrsets(zoneId, checks), ...extra];
  await c.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: rrsets.map((r) => ({ Action: 'CREATE', ResourceRecordSet: r })) } }));
  return { zoneId, checks };
}

/** Layout rows of a zone's rrsets for one record: name, set identifier, routing, target, values, checked. */
function rows(emulator: Route53Emulator, match: (name: string) => boolean): string[] {
  const zone = Object.values(emulator.snapshot().zones).find((z) => z.Name === ZONE)!;
  return zone.rrsets
    .filter((r) => match(r.Name) && r.Type !== 'SOA' && r.Type !== 'NS')
    .map((r) =>
      [
        r.Name,
        r.Type,
        r.SetIdentifier ?? '',
        r.TTL ?? '',
        r.Weight ?? '',
        r.Region ?? '',
        r.Failover ?? '',
        r.GeoLocation ? JSON.stringify(r.GeoLocation) : '',
        r.AliasTarget ? `${r.AliasTarget.DNSName} eth=${r.AliasTarget.EvaluateTargetHealth}` : '',
        (r.ResourceRecords ?? []).map((v) => v.Value).sort().join(','),
        r.HealthCheckId ? 'checked' : '',
      ].join(' | '),
    )
    .sort();
}

const ofWww = (n: string) => n === FQDN || n.endsWith(`.${FQDN}`);

describe('octodns-route53 layout', () => {
  it('reads a zone octoDNS wrote into the exact octoDNS dynamic record (zero diff)', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    await writeAsOctodns(client);
    const live = await h.provider.populate(ZONE, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(live.findings).toEqual([]);
    expect(live.unmanaged ?? []).toEqual([]);
    const got = live.records.find((r) => r.name === 'www' && r.type === 'A')!;
    const want = www();
    expect(got.dynamic).toEqual(want.dynamic);
    expect(got.values).toEqual(want.values);
    expect(got.ttl).toBe(60);
    expect(got.octodns).toBeUndefined(); // octoDNS's defaults read back as no settings
    expect(sameRecord(got, want)).toBe(true);
    // and the planner sees nothing to do (the apex NS is left alone)
    expect(changeLines(await plan(h.provider, [want]))).toEqual([]);
  });

  it('writes a geo record name for name as octodns-route53 does, checks included', async () => {
    h = await startProvider();
    const { results } = await planAndApply(h.provider, [www()]);
    expect(results.map((r) => r.status)).toEqual(['applied']);
    const written = rows(h.emulator, ofWww);

    // the hand-built octoDNS zone in a second emulator, compared row for row
    const ref = await startProvider();
    const refClient = sdkClient(ref.emulator.url);
    try {
      await writeAsOctodns(refClient);
      expect(written).toEqual(rows(ref.emulator, ofWww));
    } finally {
      refClient.destroy();
      await ref.close();
    }

    // health checks: octoDNS's config, one per checked value, with dnsctl's shared reference
    // (`0001:` head: octoDNS lists them; `dnsctl` where octoDNS puts the type: its per-record clean-up never matches)
    const state = h.emulator.snapshot();
    const checks = Object.values(state.healthChecks);
    expect(checks).toHaveLength(CHECKED.length);
    for (const c of checks) {
      expect(c.CallerReference).toMatch(/^0001:dnsctl:[0-9a-f]{32}:[0-9a-z]+$/);
      const ip = c.HealthCheckConfig.IPAddress!;
      const down = CHECKED.find(([v]) => v === ip)![1];
      expect(configKey(c.HealthCheckConfig as HealthCheckConfig)).toBe(configKey(octodnsCheck(ip, down)));
    }
    assertZoneInvariants(h.emulator, ZONE);
    expect(changeLines(await plan(h.provider, [www()]))).toEqual([]);
  });

  it('reuses octoDNS-created checks when dnsctl takes over the zone, and replaces a check when a status changes', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    const { checks } = await writeAsOctodns(client);
    // foreign checks: never reused, never deleted
    const foreign = await client.send(new CreateHealthCheckCommand({ CallerReference: 'ops-team-manual', HealthCheckConfig: octodnsCheck('192.0.2.10') }));
    const next = www();
    next.dynamic!.pools['eu']!.values = next.dynamic!.pools['eu']!.values.map((v) => (v.value === '192.0.2.10' ? { ...v, status: 'down' as const } : v));
    const { plan: zp, results } = await planAndApply(h.provider, [next]);
    expect(changeLines(zp)).toEqual(['update www A']);
    expect(results.map((r) => r.status)).toEqual(['applied']);
    const state = h.emulator.snapshot();
    const ids = Object.keys(state.healthChecks);
    expect(ids).toContain(foreign.HealthCheck!.Id!);
    // untouched values keep octoDNS's checks; the changed one has a new Disabled+Inverted check
    for (const ip of ['203.0.113.10', '192.0.2.11', '198.51.100.11']) expect(ids).toContain(checks[ip]);
    expect(ids).not.toContain(checks['192.0.2.10']);
    const replaced = Object.values(state.healthChecks).find((c) => c.HealthCheckConfig.IPAddress === '192.0.2.10' && c.CallerReference.startsWith('0001:'))!;
    expect(replaced.HealthCheckConfig.Disabled && replaced.HealthCheckConfig.Inverted).toBe(true);
    expect(ids).toHaveLength(5);
    assertZoneInvariants(h.emulator, ZONE);
    expect(changeLines(await plan(h.provider, [next]))).toEqual([]);
  });

  it('reads health-check settings back as the octodns keys that differ from the defaults', async () => {
    h = await startProvider();
    const api = record('api', {
      type: 'A',
      ttl: 60,
      values: ['192.0.2.20'],
      dynamic: { pools: { one: { values: [{ value: '192.0.2.20' }] } }, rules: [{ pool: 'one' }] },
      octodns: {
        healthcheck: { host: 'api.example.com', path: '/healthz', port: 8443, protocol: 'HTTPS' },
        route53: { healthcheck: { failure_threshold: 3, request_interval: 30, measure_latency: false } },
        dnsctl: { routing: 'failover' },
      },
    });
    const canon = h.provider.canonical(api);
    expect(canon.octodns).toEqual({ healthcheck: { path: '/healthz', port: 8443 }, route53: { healthcheck: { failure_threshold: 3, request_interval: 30, measure_latency: false } } });
    await planAndApply(h.provider, [api]);
    const live = await h.provider.populate(ZONE, { lenient: true, sets: new Set(), disabledValidators: new Map() });
    expect(live.records.find((r) => r.name === 'api')!.octodns).toEqual(canon.octodns);
    expect(changeLines(await plan(h.provider, [api]))).toEqual([]);
  });
});

describe("dnsctl's latency and weighted layout", () => {
  const lat = () =>
    record('lat', {
      type: 'A',
      ttl: 30,
      values: ['192.0.2.50'],
      dynamic: {
        pools: { primary: { fallback: 'secondary', values: [{ value: '192.0.2.50' }] }, secondary: { values: [{ value: '198.51.100.50' }] } },
        rules: [{ pool: 'primary' }],
      },
      octodns: { dnsctl: { routing: 'latency', regions: { primary: 'us-east-1', secondary: 'eu' } } },
    });
  const wgt = (weights: Record<string, number>) =>
    record('wgt', {
      type: 'AAAA',
      ttl: 30,
      values: ['2001:db8::1'],
      dynamic: {
        pools: {
          a: { fallback: 'b', values: [{ value: '2001:db8::10', weight: 2 }, { value: '2001:db8::11', status: 'up' }] },
          b: { fallback: 'c', values: [{ value: '2001:db8::20' }] },
          c: { values: [{ value: '2001:db8::30' }] },
        },
        rules: [{ pool: 'a' }],
      },
      octodns: { dnsctl: { routing: 'weighted', weights } },
    });

  it('writes latency and weighted rule aliases and reads back routing, weights and regions exactly', async () => {
    h = await startProvider({}, { regions: { eu: 'eu-west-1' } });
    const desired = [lat(), wgt({ a: 10, b: 0, c: 5 })];
    const { results } = await planAndApply(h.provider, desired);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const rules = rows(h.emulator, (n) => n === `lat.${ZONE}` || n === `wgt.${ZONE}`);
    expect(rules).toEqual([
      'lat.example.com. | A | 0-primary-latency |  |  | us-east-1 |  |  | _octodns-primary-pool.lat.example.com. eth=true |  | ',
      'lat.example.com. | A | secondary-latency |  |  | eu-west-1 |  |  | _octodns-secondary-pool.lat.example.com. eth=true |  | ',
      'wgt.example.com. | AAAA | 0-a-weighted |  | 10 |  |  |  | _octodns-a-pool.wgt.example.com. eth=true |  | ',
      'wgt.example.com. | AAAA | b-weighted |  | 0 |  |  |  | _octodns-b-pool.wgt.example.com. eth=true |  | ',
      'wgt.example.com. | AAAA | c-weighted |  | 5 |  |  |  | _octodns-c-pool.wgt.example.com. eth=true |  | ',
    ]);
    // the pools below the rules are octoDNS's failover layout
    expect(rows(h.emulator, (n) => n.startsWith('_octodns-') && n.endsWith(`.lat.${ZONE}`)).map((r) => r.split(' | ').slice(0, 3).join(' '))).toEqual([
      '_octodns-default-pool.lat.example.com. A ',
      '_octodns-primary-pool.lat.example.com. A primary-Primary',
      '_octodns-primary-pool.lat.example.com. A primary-Secondary-secondary',
      '_octodns-primary-value.lat.example.com. A primary-000',
      '_octodns-secondary-pool.lat.example.com. A secondary-Primary',
      '_octodns-secondary-pool.lat.example.com. A secondary-Secondary-default',
      '_octodns-secondary-value.lat.example.com. A secondary-000',
    ]);
    const live = await h.provider.populate(ZONE, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(live.findings).toEqual([]);
    const byName = new Map(live.records.map((r) => [r.name, r]));
    expect(byName.get('lat')!.octodns).toEqual({ dnsctl: { routing: 'latency', regions: { primary: 'us-east-1', secondary: 'eu' } } });
    expect(byName.get('wgt')!.octodns).toEqual({ dnsctl: { routing: 'weighted', weights: { a: 10, b: 0, c: 5 } } });
    for (const d of desired) expect(byName.get(d.name)!.dynamic).toEqual(d.dynamic);
    expect(changeLines(await plan(h.provider, desired))).toEqual([]);

    // shifting weights is an update of the rule aliases only
    h.emulator.resetCounters();
    const shifted = [lat(), wgt({ a: 5, b: 5, c: 5 })];
    const again = await planAndApply(h.provider, shifted);
    expect(changeLines(again.plan)).toEqual(['update wgt AAAA']);
    expect(h.emulator.counters()['ChangeResourceRecordSets']).toBe(1);
    expect(h.emulator.counters()['CreateHealthCheck'] ?? 0).toBe(0);
    expect(changeLines(await plan(h.provider, shifted))).toEqual([]);
    assertZoneInvariants(h.emulator, ZONE);
  });

  it('refuses a latency pool whose region is no Route 53 region when planning, before sending anything', async () => {
    h = await startProvider();
    await expect(planAndApply(h.provider, [lat()])).rejects.toThrow(/region "eu" is not a Route 53 latency region/);
    expect(h.emulator.counters()['ChangeResourceRecordSets'] ?? 0).toBe(0);
  });

  it('switches a record between routing kinds and back to plain in single valid batches', async () => {
    h = await startProvider({}, { regions: { eu: 'eu-west-1' } });
    const steps = [
      lat(),
      { ...lat(), octodns: { dnsctl: { routing: 'failover' } } },
      record('lat', { type: 'A', ttl: 30, values: ['192.0.2.50'] }),
      lat(),
    ];
    for (const step of steps) {
      const { results } = await planAndApply(h.provider, [step]);
      expect(results.every((r) => r.status === 'applied'), JSON.stringify(results.map((r) => r.error))).toBe(true);
      expect(changeLines(await plan(h.provider, [step]))).toEqual([]);
      assertZoneInvariants(h.emulator, ZONE);
    }
  });
});
