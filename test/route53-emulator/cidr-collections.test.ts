import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import {
  ChangeCidrCollectionCommand,
  CreateCidrCollectionCommand,
  DeleteCidrCollectionCommand,
  ListCidrBlocksCommand,
  ListCidrCollectionsCommand,
  ListCidrLocationsCommand,
  ListResourceRecordSetsCommand,
  type CidrCollectionChange,
} from '@aws-sdk/client-route-53';
import { a, change, createZone, failure, startHarness, stopHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ cidrLimits: { collections: 3, blocksPerCollection: 6 } });
});
afterEach(async () => { await stopHarness(h); });

const create = async (name: string, ref = `ref-${name}`) =>
  (await h.client.send(new CreateCidrCollectionCommand({ Name: name, CallerReference: ref }))).Collection!;
const put = (LocationName: string, CidrList: string[]): CidrCollectionChange => ({ LocationName, Action: 'PUT', CidrList });
const del = (LocationName: string, CidrList: string[]): CidrCollectionChange => ({ LocationName, Action: 'DELETE_IF_EXISTS', CidrList });
const changeCidrs = (Id: string, Changes: CidrCollectionChange[], CollectionVersion?: number) =>
  h.client.send(new ChangeCidrCollectionCommand({ Id, Changes, ...(CollectionVersion !== undefined ? { CollectionVersion } : {}) }));
const blocks = async (CollectionId: string, LocationName?: string): Promise<string[]> => {
  const out = await h.client.send(new ListCidrBlocksCommand({ CollectionId, ...(LocationName ? { LocationName } : {}) }));
  return (out.CidrBlocks ?? []).map((b) => `${b.LocationName} ${b.CidrBlock}`);
};
const UNKNOWN = '11111111-2222-3333-4444-555555555555';

describe('CreateCidrCollection / ListCidrCollections', () => {
  it('creates a collection at version 1 with an id, an ARN and a Location header', async () => {
    const out = await h.client.send(new CreateCidrCollectionCommand({ Name: 'octodns', CallerReference: 'r1' }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    const c = out.Collection!;
    expect(c.Id).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
    expect(c).toMatchObject({ Name: 'octodns', Version: 1, Arn: `arn:aws:route53:::cidrcollection/${c.Id}` });
    expect(out.Location).toBe(`https://route53.amazonaws.com/2013-04-01/cidrcollection/${c.Id}`);
    const list = await h.client.send(new ListCidrCollectionsCommand({}));
    expect(list.CidrCollections).toEqual([{ Arn: c.Arn, Id: c.Id, Name: 'octodns', Version: 1 }]);
    expect(list.NextToken).toBeUndefined();
  });

  it('a retried create (same reference) returns the collection; another reference is CidrCollectionAlreadyExists', async () => {
    const first = await create('octodns', 'same');
    expect((await create('octodns', 'same')).Id).toBe(first.Id);
    const err = await failure(create('octodns', 'other'));
    expect(err.name).toBe('CidrCollectionAlreadyExistsException');
    expect((await h.client.send(new ListCidrCollectionsCommand({}))).CidrCollections).toHaveLength(1);
  });

  it('checks names against the model (pattern, length) and the collection quota (LimitsExceeded)', async () => {
    expect((await failure(create('has space'))).name).toBe('InvalidInput');
    expect((await failure(create('x'.repeat(65)))).name).toBe('InvalidInput');
    await create('a');
    await create('b');
    await create('c');
    const err = await failure(create('d'));
    expect(err.name).toBe('LimitsExceeded');
  });

  it('pages by NextToken and MaxResults, in name order, and refuses a bad token', async () => {
    for (const n of ['c', 'a', 'b']) await create(n);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await h.client.send(new ListCidrCollectionsCommand({ MaxResults: '2', ...(token ? { NextToken: token } : {}) }));
      names.push(...(out.CidrCollections ?? []).map((c) => c.Name!));
      token = out.NextToken;
      pages++;
    } while (token);
    expect(names).toEqual(['a', 'b', 'c']);
    expect(pages).toBe(2);
    expect((await failure(h.client.send(new ListCidrCollectionsCommand({ NextToken: 'not-a-token' })))).name).toBe('InvalidInput');
    expect((await failure(h.client.send(new ListCidrCollectionsCommand({ MaxResults: '0' })))).name).toBe('InvalidInput');
  });
});

describe('ChangeCidrCollection / ListCidrLocations / ListCidrBlocks', () => {
  it('PUT adds blocks (canonical text) and creates locations; DELETE_IF_EXISTS removes them; the version increments', async () => {
    const c = await create('octodns');
    const out = await changeCidrs(c.Id!, [put('office', ['192.0.2.0/24', '2001:DB8:0:0::/32']), put('lab', ['198.51.100.0/24'])]);
    expect(out.Id).toMatch(/^C[A-Z0-9]+$/);
    expect(await blocks(c.Id!)).toEqual(['lab 198.51.100.0/24', 'office 192.0.2.0/24', 'office 2001:db8::/32']);
    expect(await blocks(c.Id!, 'office')).toEqual(['office 192.0.2.0/24', 'office 2001:db8::/32']);
    const locations = await h.client.send(new ListCidrLocationsCommand({ CollectionId: c.Id! }));
    expect(locations.CidrLocations).toEqual([{ LocationName: 'lab' }, { LocationName: 'office' }]);
    await changeCidrs(c.Id!, [put('office', ['192.0.2.0/24']), del('lab', ['198.51.100.0/24', '203.0.113.0/24'])], 2);
    expect(await blocks(c.Id!)).toEqual(['office 192.0.2.0/24', 'office 2001:db8::/32']);
    expect((await h.client.send(new ListCidrCollectionsCommand({}))).CidrCollections![0]!.Version).toBe(3);
  });

  it('refuses a stale CollectionVersion (CidrCollectionVersionMismatch, 409) and changes nothing', async () => {
    const c = await create('octodns');
    await changeCidrs(c.Id!, [put('office', ['192.0.2.0/24'])], 1);
    const err = await failure(changeCidrs(c.Id!, [put('lab', ['198.51.100.0/24'])], 1));
    expect(err.name).toBe('CidrCollectionVersionMismatchException');
    expect(err.$metadata?.httpStatusCode).toBe(409);
    expect(await blocks(c.Id!)).toEqual(['office 192.0.2.0/24']);
  });

  it('refuses bad CIDRs with InvalidInput: syntax, host bits, prefix outside /1-/24 (IPv4) and /1-/48 (IPv6); nothing applied', async () => {
    const c = await create('octodns');
    for (const bad of ['not-a-cidr', '192.0.2.0', '192.0.2.1/24', '192.0.2.0/25', '0.0.0.0/0', '2001:db8::/64', '300.0.0.0/8']) {
      const err = await failure(changeCidrs(c.Id!, [put('ok', ['198.51.100.0/24']), put('office', [bad])]));
      expect(err.name, bad).toBe('InvalidInput');
    }
    expect(await blocks(c.Id!)).toEqual([]);
    // location names: model pattern, at most 16 characters, `*` not allowed here
    for (const name of ['*', 'x'.repeat(17), 'a.b']) {
      expect((await failure(changeCidrs(c.Id!, [put(name, ['192.0.2.0/24'])]))).name, name).toBe('InvalidInput');
    }
  });

  it('enforces the per-request (1000) and per-collection block limits', async () => {
    const c = await create('octodns');
    const many = Array.from({ length: 1001 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
    expect((await failure(changeCidrs(c.Id!, [put('big', many)]))).name).toBe('InvalidInput');
    const seven = Array.from({ length: 7 }, (_, i) => `10.0.${i}.0/24`);
    expect((await failure(changeCidrs(c.Id!, [put('big', seven)]))).name).toBe('LimitsExceeded');
    await changeCidrs(c.Id!, [put('big', seven.slice(0, 6))]);
    expect(await blocks(c.Id!)).toHaveLength(6);
  });

  it('unknown collections are NoSuchCidrCollection (404); an unknown location in ListCidrBlocks is NoSuchCidrLocation', async () => {
    for (const call of [
      () => changeCidrs(UNKNOWN, [put('office', ['192.0.2.0/24'])]),
      () => h.client.send(new ListCidrLocationsCommand({ CollectionId: UNKNOWN })),
      () => h.client.send(new ListCidrBlocksCommand({ CollectionId: UNKNOWN })),
      () => h.client.send(new DeleteCidrCollectionCommand({ Id: UNKNOWN })),
    ]) {
      const err = await failure(call());
      expect(err.name).toBe('NoSuchCidrCollectionException');
      expect(err.$metadata?.httpStatusCode).toBe(404);
    }
    const c = await create('octodns');
    const err = await failure(h.client.send(new ListCidrBlocksCommand({ CollectionId: c.Id!, LocationName: 'nowhere' })));
    expect(err.name).toBe('NoSuchCidrLocationException');
    // a malformed id fails the model's UUID pattern
    expect((await failure(h.client.send(new ListCidrLocationsCommand({ CollectionId: 'nope' })))).name).toBe('InvalidInput');
  });

  it('pages blocks and locations by NextToken', async () => {
    await stopHarness(h);
    h = await startHarness(); // default quota: 1000 blocks per collection
    const col = await create('octodns');
    const cidrs = Array.from({ length: 250 }, (_, i) => `10.${Math.floor(i / 200)}.${i % 200}.0/24`);
    await changeCidrs(col.Id!, [put('one', cidrs.slice(0, 120)), put('two', cidrs.slice(120))]);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await h.client.send(new ListCidrBlocksCommand({ CollectionId: col.Id!, ...(token ? { NextToken: token } : {}) }));
      expect((out.CidrBlocks ?? []).length).toBeLessThanOrEqual(100);
      seen.push(...(out.CidrBlocks ?? []).map((b) => b.CidrBlock!));
      token = out.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(cidrs));
    const first = await h.client.send(new ListCidrLocationsCommand({ CollectionId: col.Id!, MaxResults: '1' }));
    expect(first.CidrLocations).toEqual([{ LocationName: 'one' }]);
    const second = await h.client.send(new ListCidrLocationsCommand({ CollectionId: col.Id!, MaxResults: '1', NextToken: first.NextToken! }));
    expect(second.CidrLocations).toEqual([{ LocationName: 'two' }]);
    expect(second.NextToken).toBeUndefined();
  });
});

describe('DeleteCidrCollection', () => {
  it('deletes an empty collection, refuses one with locations (CidrCollectionInUse)', async () => {
    const c = await create('octodns');
    await changeCidrs(c.Id!, [put('office', ['192.0.2.0/24'])]);
    expect((await failure(h.client.send(new DeleteCidrCollectionCommand({ Id: c.Id! })))).name).toBe('CidrCollectionInUseException');
    await changeCidrs(c.Id!, [del('office', ['192.0.2.0/24'])]);
    await h.client.send(new DeleteCidrCollectionCommand({ Id: c.Id! }));
    expect((await h.client.send(new ListCidrCollectionsCommand({}))).CidrCollections).toEqual([]);
  });
});

describe('CidrRoutingConfig on rrsets', () => {
  it('stores and returns CidrRoutingConfig; the collection and location must exist (`*` always does)', async () => {
    const zone = await createZone(h.client);
    const c = await create('octodns');
    await changeCidrs(c.Id!, [put('office', ['192.0.2.0/24'])]);
    const cidr = (LocationName: string, CollectionId = c.Id!) => ({ SetIdentifier: `id-${LocationName}`, CidrRoutingConfig: { CollectionId, LocationName } });
    const missingLocation = await failure(h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('ip.example.com', ['192.0.2.9'], cidr('lab')) }], zone)));
    expect(missingLocation.name).toBe('InvalidChangeBatch');
    expect(missingLocation.message).toMatch(/location lab does not exist/);
    const missingCollection = await failure(h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('ip.example.com', ['192.0.2.9'], cidr('*', UNKNOWN)) }], zone)));
    expect(missingCollection.name).toBe('InvalidChangeBatch');
    expect(missingCollection.message).toMatch(/collection .* does not exist/);
    await h.client.send(change([
      { Action: 'CREATE', ResourceRecordSet: a('ip.example.com', ['192.0.2.1'], cidr('office')) },
      { Action: 'CREATE', ResourceRecordSet: a('ip.example.com', ['192.0.2.2', '192.0.2.3'], cidr('*')) },
    ], zone));
    const listed = await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: 'ip.example.com', MaxItems: 2 }));
    expect(listed.ResourceRecordSets!.map((r) => [r.SetIdentifier, r.CidrRoutingConfig])).toEqual([
      ['id-*', { CollectionId: c.Id, LocationName: '*' }],
      ['id-office', { CollectionId: c.Id, LocationName: 'office' }],
    ]);
    // DELETE must match the CidrRoutingConfig too
    const wrong = await failure(h.client.send(change([{ Action: 'DELETE', ResourceRecordSet: a('ip.example.com', ['192.0.2.1'], { SetIdentifier: 'id-office', CidrRoutingConfig: { CollectionId: c.Id!, LocationName: '*' } }) }], zone)));
    expect(wrong.message).toMatch(/do not match/);
  });

  it('refuses two rrsets for one location, two collections in one name+type, and mixing with geolocation', async () => {
    const zone = await createZone(h.client);
    const c1 = await create('one');
    const c2 = await create('two');
    await changeCidrs(c1.Id!, [put('office', ['192.0.2.0/24'])]);
    await changeCidrs(c2.Id!, [put('office', ['192.0.2.0/24'])]);
    const rr = (id: string, CollectionId: string, LocationName: string) => a('ip.example.com', ['192.0.2.1'], { SetIdentifier: id, CidrRoutingConfig: { CollectionId, LocationName } });
    const dup = await failure(h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: rr('a', c1.Id!, 'office') }, { Action: 'CREATE', ResourceRecordSet: rr('b', c1.Id!, 'office') }], zone)));
    expect(dup.name).toBe('InvalidChangeBatch');
    expect(dup.message).toMatch(/location office already exists/);
    const two = await failure(h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: rr('a', c1.Id!, 'office') }, { Action: 'CREATE', ResourceRecordSet: rr('b', c2.Id!, '*') }], zone)));
    expect(two.message).toMatch(/same CIDR collection/);
    const mixed = await failure(h.client.send(change([
      { Action: 'CREATE', ResourceRecordSet: rr('a', c1.Id!, 'office') },
      { Action: 'CREATE', ResourceRecordSet: a('ip.example.com', ['192.0.2.2'], { SetIdentifier: 'geo', GeoLocation: { CountryCode: '*' } }) },
    ], zone)));
    expect(mixed.message).toMatch(/non-(ip-based|geolocation) set exists/);
  });

  it('a location in use keeps its last block (CidrBlockInUse); the collection stays in use while rrsets reference it', async () => {
    const zone = await createZone(h.client);
    const c = await create('octodns');
    await changeCidrs(c.Id!, [put('office', ['192.0.2.0/24', '198.51.100.0/24'])]);
    await h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('ip.example.com', ['192.0.2.1'], { SetIdentifier: 'x', CidrRoutingConfig: { CollectionId: c.Id!, LocationName: 'office' } }) }], zone));
    await changeCidrs(c.Id!, [del('office', ['198.51.100.0/24'])]);
    const err = await failure(changeCidrs(c.Id!, [del('office', ['192.0.2.0/24'])]));
    expect(err.name).toBe('CidrBlockInUseException');
    expect(await blocks(c.Id!)).toEqual(['office 192.0.2.0/24']);
    expect((await failure(h.client.send(new DeleteCidrCollectionCommand({ Id: c.Id! }))))?.name).toBe('CidrCollectionInUseException');
  });
});
