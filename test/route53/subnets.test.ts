/**
 * Subnet rules in octodns-route53's layout: IP-based rule aliases `<i>-<pool>-subnet` to CIDR
 * locations of the `octodns` collection (named by a sha256 prefix of the sorted CIDRs, the
 * catch-all at `*`), created on demand, read back with zero diff, and answered by
 * TestDNSAnswer for client subnets. All through the real SDK against the emulator.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ChangeResourceRecordSetsCommand,
  CreateCidrCollectionCommand,
  ChangeCidrCollectionCommand,
  ListCidrBlocksCommand,
  ListCidrCollectionsCommand,
  TestDNSAnswerCommand,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { sameRecord } from '../../src/plan/compare.js';
import { cidrLocationName } from '../../providers/route53/cidr.js';
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

const subnetRecord = (officeSubnets = ['10.1.0.0/16', '10.2.0.0/16']) =>
  record('www', {
    type: 'A',
    ttl: 60,
    values: ['192.0.2.1'],
    dynamic: {
      pools: {
        office: { fallback: 'world', values: [{ value: '192.0.2.10' }] },
        lab: { values: [{ value: '192.0.2.20', status: 'up' }] },
        world: { values: [{ value: '198.51.100.10', status: 'up' }] },
      },
      rules: [{ subnets: officeSubnets, pool: 'office' }, { subnets: ['2001:db8::/32', '10.0.0.0/8'], pool: 'lab' }, { pool: 'world' }],
    },
  });

const hash = (cidrs: string[]) => createHash('sha256').update([...cidrs].sort().join(',')).digest('hex').slice(0, 16);

async function zoneRrsets(): Promise<ResourceRecordSet[]> {
  const state = h!.emulator.snapshot();
  return Object.values(state.zones).find((z) => z.Name === ZONE)!.rrsets as ResourceRecordSet[];
}

async function collectionBlocks(): Promise<Record<string, string[]>> {
  const cols = await client!.send(new ListCidrCollectionsCommand({}));
  const octodns = (cols.CidrCollections ?? []).filter((c) => c.Name === 'octodns');
  expect(octodns).toHaveLength(1);
  const out: Record<string, string[]> = {};
  const blocks = await client!.send(new ListCidrBlocksCommand({ CollectionId: octodns[0]!.Id! }));
  for (const b of blocks.CidrBlocks ?? []) (out[b.LocationName!] ??= []).push(b.CidrBlock!);
  for (const v of Object.values(out)) v.sort();
  return out;
}

describe('location names', () => {
  it('are the first 16 hex characters of sha256 of the sorted, comma-joined CIDRs', () => {
    expect(cidrLocationName(['10.2.0.0/16', '10.1.0.0/16'])).toBe(hash(['10.1.0.0/16', '10.2.0.0/16']));
    expect(cidrLocationName(['10.1.0.0/16', '10.2.0.0/16'])).toBe(createHash('sha256').update('10.1.0.0/16,10.2.0.0/16').digest('hex').slice(0, 16));
    expect(cidrLocationName(['10.0.0.0/8'])).toHaveLength(16);
  });
});

describe('subnet rules', () => {
  it('create: the collection on demand, one location per rule, IP-based rule aliases; reads back with zero diff', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    const { plan: zp, results } = await planAndApply(h.provider, [subnetRecord()]);
    expect(zp.losses).toEqual([]);
    expect(changeLines(zp)).toEqual(['create www A']);
    expect(results.map((r) => r.status)).toEqual(['applied']);

    const office = hash(['10.1.0.0/16', '10.2.0.0/16']);
    const lab = hash(['10.0.0.0/8', '2001:db8::/32']);
    expect(await collectionBlocks()).toEqual({ [office]: ['10.1.0.0/16', '10.2.0.0/16'], [lab]: ['10.0.0.0/8', '2001:db8::/32'] });
    const collectionId = (await client.send(new ListCidrCollectionsCommand({}))).CidrCollections![0]!.Id!;

    const rules = (await zoneRrsets()).filter((r) => r.Name === FQDN);
    const zoneId = Object.values(h.emulator.snapshot().zones)[0]!.Id;
    expect(rules.map((r) => ({ id: r.SetIdentifier, cidr: r.CidrRoutingConfig, alias: r.AliasTarget })).sort((a, b) => (a.id! < b.id! ? -1 : 1))).toEqual([
      { id: '0-office-subnet', cidr: { CollectionId: collectionId, LocationName: office }, alias: { HostedZoneId: zoneId, DNSName: `_octodns-office-pool.${FQDN}`, EvaluateTargetHealth: true } },
      { id: '1-lab-subnet', cidr: { CollectionId: collectionId, LocationName: lab }, alias: { HostedZoneId: zoneId, DNSName: `_octodns-lab-pool.${FQDN}`, EvaluateTargetHealth: true } },
      { id: '2-world-subnet', cidr: { CollectionId: collectionId, LocationName: '*' }, alias: { HostedZoneId: zoneId, DNSName: `_octodns-world-pool.${FQDN}`, EvaluateTargetHealth: true } },
    ]);
    expect(rules.every((r) => r.GeoLocation === undefined && r.TTL === undefined)).toBe(true);

    // read back: the same record, and a plan with nothing to do
    const live = await h.provider.populate(ZONE, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(live.unmanaged ?? []).toEqual([]);
    const www = live.records.filter((r) => r.name === 'www');
    expect(www).toHaveLength(1);
    expect(sameRecord(www[0]!, subnetRecord())).toBe(true);
    expect(www[0]!.dynamic!.rules).toEqual(subnetRecord().dynamic!.rules);
    expect(changeLines(await plan(h.provider, [subnetRecord()]))).toEqual([]);
    assertZoneInvariants(h.emulator, ZONE);
  });

  it('TestDNSAnswer answers the rule pool for a client subnet, the catch-all pool otherwise', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    await planAndApply(h.provider, [subnetRecord()]);
    const zoneId = Object.values(h.emulator.snapshot().zones)[0]!.Id;
    const ask = async (ip: string, mask?: string) =>
      ((await client!.send(new TestDNSAnswerCommand({ HostedZoneId: zoneId, RecordName: 'www.example.com', RecordType: 'A', EDNS0ClientSubnetIP: ip, ...(mask ? { EDNS0ClientSubnetMask: mask } : {}) }))).RecordData ?? []).join(',');
    expect(await ask('10.1.2.3')).toBe('192.0.2.10'); // office /16 beats lab /8
    expect(await ask('10.2.200.1')).toBe('192.0.2.10');
    expect(await ask('10.3.0.1')).toBe('192.0.2.20'); // lab
    expect(await ask('2001:db8:5::1')).toBe('192.0.2.20');
    expect(await ask('172.16.0.1')).toBe('198.51.100.10'); // world (*)
    expect(await ask('10.1.0.0', '12')).toBe('192.0.2.20'); // a /12 client is not inside office's /16s
    // office's value fails its health check: office falls back to world
    const hc = (await zoneRrsets()).find((r) => r.SetIdentifier === 'office-000')!.HealthCheckId!;
    h.emulator.setHealth(hc, false);
    expect(await ask('10.1.2.3')).toBe('198.51.100.10');
  });

  it('changing a rule\'s subnets adds a new location (the old one stays: blocks are never removed); delete removes the rrsets', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    await planAndApply(h.provider, [subnetRecord()]);
    const next = subnetRecord(['10.1.0.0/16', '10.9.0.0/16']);
    const { plan: zp, results } = await planAndApply(h.provider, [next]);
    expect(changeLines(zp)).toEqual(['update www A']);
    expect(results.map((r) => r.status)).toEqual(['applied']);
    const oldOffice = hash(['10.1.0.0/16', '10.2.0.0/16']);
    const newOffice = hash(['10.1.0.0/16', '10.9.0.0/16']);
    const blocks = await collectionBlocks();
    expect(blocks[newOffice]).toEqual(['10.1.0.0/16', '10.9.0.0/16']);
    expect(blocks[oldOffice]).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
    const office = (await zoneRrsets()).find((r) => r.SetIdentifier === '0-office-subnet')!;
    expect(office.CidrRoutingConfig!.LocationName).toBe(newOffice);
    expect(changeLines(await plan(h.provider, [next]))).toEqual([]);

    const del = await planAndApply(h.provider, []);
    expect(changeLines(del.plan)).toEqual(['delete www A']);
    expect(del.results.map((r) => r.status)).toEqual(['applied']);
    expect((await zoneRrsets()).filter((r) => r.Name.endsWith(FQDN))).toEqual([]);
    expect(Object.keys(await collectionBlocks()).sort()).toEqual([newOffice, oldOffice, hash(['10.0.0.0/8', '2001:db8::/32'])].sort());
    assertZoneInvariants(h.emulator, ZONE);
  });

  it('uses an existing `octodns` collection and its locations (one octoDNS made): no new collection, no ChangeCidrCollection', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    const id = (await client.send(new CreateCidrCollectionCommand({ Name: 'octodns', CallerReference: 'octodns-made' }))).Collection!.Id!;
    await client.send(new ChangeCidrCollectionCommand({
      Id: id,
      Changes: [
        { LocationName: hash(['10.1.0.0/16', '10.2.0.0/16']), Action: 'PUT', CidrList: ['10.1.0.0/16', '10.2.0.0/16'] },
        { LocationName: hash(['10.0.0.0/8', '2001:db8::/32']), Action: 'PUT', CidrList: ['10.0.0.0/8', '2001:db8::/32'] },
      ],
    }));
    h.emulator.resetCounters();
    await planAndApply(h.provider, [subnetRecord()]);
    const counters = h.emulator.counters();
    expect(counters['CreateCidrCollection']).toBeUndefined();
    expect(counters['ChangeCidrCollection']).toBeUndefined();
    expect((await zoneRrsets()).find((r) => r.SetIdentifier === '0-office-subnet')!.CidrRoutingConfig!.CollectionId).toBe(id);
  });

  it('reads a subnet record written the way octodns-route53 writes it (by hand through the SDK)', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    await planAndApply(h.provider, [record('x', { type: 'A', ttl: 60, value: '192.0.2.99' })]); // creates the zone
    const zoneId = Object.values(h.emulator.snapshot().zones)[0]!.Id;
    const id = (await client.send(new CreateCidrCollectionCommand({ Name: 'octodns', CallerReference: 'octodns' }))).Collection!.Id!;
    const loc = hash(['192.0.2.0/24']);
    await client.send(new ChangeCidrCollectionCommand({ Id: id, Changes: [{ LocationName: loc, Action: 'PUT', CidrList: ['192.0.2.0/24'] }] }));
    const f = 'api.example.com.';
    const al = (t: string) => ({ HostedZoneId: zoneId, DNSName: t, EvaluateTargetHealth: true });
    const sets: ResourceRecordSet[] = [
      { Name: `_octodns-default-pool.${f}`, Type: 'A', TTL: 30, ResourceRecords: [{ Value: '198.51.100.1' }] },
      ...['a', 'b'].flatMap((p, i): ResourceRecordSet[] => [
        { Name: `_octodns-${p}-value.${f}`, Type: 'A', SetIdentifier: `${p}-000`, Weight: 1, TTL: 30, ResourceRecords: [{ Value: `203.0.113.${i + 1}` }] },
        { Name: `_octodns-${p}-pool.${f}`, Type: 'A', SetIdentifier: `${p}-Primary`, Failover: 'PRIMARY', AliasTarget: al(`_octodns-${p}-value.${f}`) },
        { Name: `_octodns-${p}-pool.${f}`, Type: 'A', SetIdentifier: `${p}-Secondary-default`, Failover: 'SECONDARY', AliasTarget: al(`_octodns-default-pool.${f}`) },
      ]),
      { Name: f, Type: 'A', SetIdentifier: '0-a-subnet', CidrRoutingConfig: { CollectionId: id, LocationName: loc }, AliasTarget: al(`_octodns-a-pool.${f}`) },
      { Name: f, Type: 'A', SetIdentifier: '1-b-subnet', CidrRoutingConfig: { CollectionId: id, LocationName: '*' }, AliasTarget: al(`_octodns-b-pool.${f}`) },
    ];
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: sets.map((ResourceRecordSet) => ({ Action: 'CREATE', ResourceRecordSet })) } }));
    const live = await h.provider.populate(ZONE, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    const api = live.records.find((r) => r.name === 'api')!;
    expect(api.dynamic!.rules).toEqual([{ pool: 'a', subnets: ['192.0.2.0/24'] }, { pool: 'b' }]);
    const desired = record('api', {
      type: 'A', ttl: 30, value: '198.51.100.1',
      dynamic: {
        pools: { a: { values: [{ value: '203.0.113.1', status: 'up' }] }, b: { values: [{ value: '203.0.113.2', status: 'up' }] } },
        rules: [{ subnets: ['192.0.2.0/24'], pool: 'a' }, { pool: 'b' }],
      },
    });
    expect(sameRecord(api, desired)).toBe(true);
    expect(changeLines(await plan(h.provider, [record('x', { type: 'A', ttl: 60, value: '192.0.2.99' }), desired]))).toEqual([]);
  });
});

describe('what Route 53 cannot hold', () => {
  const mixed = () =>
    record('mix', {
      type: 'A',
      values: ['192.0.2.1'],
      dynamic: {
        pools: { a: { values: [{ value: '192.0.2.10' }] }, b: { values: [{ value: '192.0.2.20' }] }, c: { values: [{ value: '192.0.2.30' }] } },
        rules: [{ subnets: ['10.0.0.0/8'], pool: 'a' }, { geos: ['EU'], pool: 'b' }, { pool: 'c' }],
      },
    });

  it('geo and subnet rules in one record: an error loss (strict), never sent', async () => {
    h = await startProvider();
    const zp = await plan(h.provider, [mixed()]);
    expect(zp.losses).toEqual([expect.objectContaining({ record: 'mix.example.com.', severity: 'error', message: expect.stringMatching(/subnet and geo rules in one record not supported/) })]);
    await expect(planAndApply(h.provider, [mixed()])).rejects.toThrow(/subnet and geo rules/);
    expect(h.emulator.counters()['ChangeResourceRecordSets']).toBeUndefined();
  });

  it('with strict_supports: false a warning, and the record is written without its subnet rule (geo rules renumbered)', async () => {
    h = await startProvider({}, { strict_supports: false });
    const { plan: zp, results } = await planAndApply(h.provider, [mixed()]);
    expect(zp.losses.map((l) => l.severity)).toEqual(['warning']);
    expect(results.map((r) => r.status)).toEqual(['applied']);
    const rules = (await zoneRrsets()).filter((r) => r.Name === 'mix.example.com.');
    expect(rules.map((r) => r.SetIdentifier).sort()).toEqual(['0-b-EU', '1-c-None']);
    expect(rules.every((r) => r.GeoLocation && !r.CidrRoutingConfig)).toBe(true);
  });

  const narrow = () =>
    record('n', {
      type: 'A',
      values: ['192.0.2.1'],
      dynamic: {
        pools: { a: { values: [{ value: '192.0.2.10' }] }, b: { values: [{ value: '192.0.2.20' }] }, c: { values: [{ value: '192.0.2.30' }] } },
        rules: [{ subnets: ['10.0.0.1/32'], pool: 'a' }, { subnets: ['10.1.0.0/16', '10.2.0.0/25'], pool: 'b' }, { pool: 'c' }],
      },
    });

  it('a subnet outside Route 53\'s prefix range (/1-/24 IPv4) is a loss at plan time (strict: an error), never sent', async () => {
    h = await startProvider();
    const zp = await plan(h.provider, [narrow()]);
    expect(zp.losses).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('subnet prefix lengths outside IPv4 /1-/24, IPv6 /1-/48 not supported for n.example.com. (10.0.0.1/32, 10.2.0.0/25)') }),
    ]);
    await expect(planAndApply(h.provider, [narrow()])).rejects.toThrow(/subnet prefix lengths outside/);
    expect(h.emulator.counters()['ChangeCidrCollection']).toBeUndefined();
  });

  it('with strict_supports: false, those subnets are dropped (a rule left with none goes with its pool) and the rest is written', async () => {
    h = await startProvider({}, { strict_supports: false });
    const { plan: zp, results } = await planAndApply(h.provider, [narrow()]);
    expect(zp.losses.map((l) => l.severity)).toEqual(['warning']);
    expect(results.map((r) => r.status)).toEqual(['applied']);
    const rules = (await zoneRrsets()).filter((r) => r.Name === 'n.example.com.');
    expect(rules.map((r) => r.SetIdentifier).sort()).toEqual(['0-b-subnet', '1-c-subnet']);
    expect(changeLines(await plan(h.provider, [narrow()]))).toEqual([]);
  });

  it('the compiler still refuses such a subnet if a change carrying one reaches it (defence in depth)', async () => {
    h = await startProvider();
    const results = await h.provider.apply('example.com.', [{ kind: 'create', name: 'n', type: 'A', desired: narrow() }], {});
    expect(results.map((r) => r.status)).toEqual(['failed']);
    expect(results[0]!.error).toMatch(/10\.0\.0\.1\/32: Route 53 CIDR locations take IPv4 prefixes \/1 to \/24/);
    expect(h.emulator.counters()['ChangeCidrCollection']).toBeUndefined();
  });
});
