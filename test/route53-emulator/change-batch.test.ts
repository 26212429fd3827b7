import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { CreateHealthCheckCommand, ListResourceRecordSetsCommand, type Change, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { a, change, createZone, failure, startHarness, stopHarness, type Harness } from './helpers.js';

let h: Harness;
let zone: string;
beforeEach(async () => {
  h = await startHarness();
  zone = await createZone(h.client);
});
afterEach(async () => { await stopHarness(h); });

const send = (changes: Change[]) => h.client.send(change(changes, zone));
const list = async (): Promise<ResourceRecordSet[]> =>
  (await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }))).ResourceRecordSets ?? [];
const names = async (): Promise<string[]> => (await list()).filter((r) => r.Type !== 'SOA' && r.Type !== 'NS').map((r) => `${r.Name} ${r.Type} ${r.SetIdentifier ?? ''}`.trim());
const weighted = (name: string, id: string, weight: number, value: string, ttl = 60): ResourceRecordSet =>
  a(name, [value], { SetIdentifier: id, Weight: weight }, ttl)!;
const expectBatchError = async (changes: Change[], message: string): Promise<void> => {
  const err = await failure(send(changes));
  expect(err.name).toBe('InvalidChangeBatch');
  expect(err.$metadata?.httpStatusCode).toBe(400);
  expect(err.message).toBe(message);
};
const expectInvalidInput = async (changes: Change[], message: string | RegExp): Promise<void> => {
  const err = await failure(send(changes));
  expect(err.name).toBe('InvalidInput');
  expect(err.message).toMatch(message);
};

describe('ChangeResourceRecordSets basics', () => {
  it('is all or nothing: a failing change leaves earlier changes unapplied', async () => {
    const err = await failure(send([
      { Action: 'CREATE', ResourceRecordSet: a('ok.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: a('www.other.org', ['192.0.2.2']) },
    ]));
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.message).toBe('RRSet with DNS name www.other.org. is not permitted in zone example.com.');
    expect(await names()).toEqual([]);
  });

  it('lists every problem of a batch, bracketed, and exposes them as `messages`', async () => {
    const err = await failure(send([
      { Action: 'DELETE', ResourceRecordSet: a('gone.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: a('www.other.org', ['192.0.2.2']) },
    ]));
    expect(err.messages).toEqual([
      "Tried to delete resource record set [name='gone.example.com.', type='A'] but it was not found",
      'RRSet with DNS name www.other.org. is not permitted in zone example.com.',
    ]);
    expect(err.message).toBe(`[${err.messages!.join(', ')}]`);
  });

  it('rejects CREATE of an existing name+type whatever the values', async () => {
    await send([{ Action: 'CREATE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }]);
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: a('WWW.example.com.', ['192.0.2.9'], {}, 60) }],
      "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
    );
  });

  it('names the set identifier when CREATE collides inside a routed group', async () => {
    await send([{ Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'one', 1, '192.0.2.1') }]);
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'one', 5, '192.0.2.7') }],
      "Tried to create resource record set [name='w.example.com.', type='A', set-identifier='one'] but it already exists",
    );
  });

  it('DELETE must match every field exactly', async () => {
    await send([
      { Action: 'CREATE', ResourceRecordSet: a('www.example.com', ['192.0.2.1', '192.0.2.2']) },
      { Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'one', 10, '192.0.2.1') },
    ]);
    const mismatch = (n: string, t = 'A') => `Tried to delete resource record set [name='${n}', type='${t}'] but the values provided do not match the current values`;
    await expectBatchError([{ Action: 'DELETE', ResourceRecordSet: a('www.example.com', ['192.0.2.1', '192.0.2.2'], {}, 301) }], mismatch('www.example.com.'));
    await expectBatchError([{ Action: 'DELETE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }], mismatch('www.example.com.'));
    await expectBatchError(
      [{ Action: 'DELETE', ResourceRecordSet: weighted('w.example.com', 'one', 11, '192.0.2.1') }],
      "Tried to delete resource record set [name='w.example.com.', type='A', set-identifier='one'] but the values provided do not match the current values",
    );
    await expectBatchError(
      [{ Action: 'DELETE', ResourceRecordSet: weighted('w.example.com', 'two', 10, '192.0.2.1') }],
      "Tried to delete resource record set [name='w.example.com.', type='A', set-identifier='two'] but it was not found",
    );
    // value order does not matter; exact match deletes
    await send([
      { Action: 'DELETE', ResourceRecordSet: a('www.example.com', ['192.0.2.2', '192.0.2.1']) },
      { Action: 'DELETE', ResourceRecordSet: weighted('w.example.com', 'one', 10, '192.0.2.1') },
    ]);
    expect(await names()).toEqual([]);
  });

  it('rejects deleting the same rrset twice in one batch', async () => {
    await send([{ Action: 'CREATE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }]);
    await expectBatchError(
      [
        { Action: 'DELETE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) },
        { Action: 'DELETE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) },
      ],
      "Tried to delete resource record set [name='www.example.com.', type='A'] but it was not found",
    );
    expect(await names()).toEqual(['www.example.com. A']);
  });

  it('UPSERT creates, then replaces by name, type and SetIdentifier', async () => {
    await send([{ Action: 'UPSERT', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }]);
    await send([{ Action: 'UPSERT', ResourceRecordSet: a('www.example.com', ['192.0.2.5'], {}, 60) }]);
    await send([
      { Action: 'UPSERT', ResourceRecordSet: weighted('w.example.com', 'one', 1, '192.0.2.1') },
      { Action: 'UPSERT', ResourceRecordSet: weighted('w.example.com', 'two', 1, '192.0.2.2') },
    ]);
    await send([{ Action: 'UPSERT', ResourceRecordSet: weighted('w.example.com', 'one', 7, '192.0.2.9') }]);
    const all = await list();
    expect(all.find((r) => r.Name === 'www.example.com.')).toEqual(a('www.example.com.', ['192.0.2.5'], {}, 60));
    expect(all.filter((r) => r.Name === 'w.example.com.').map((r) => [r.SetIdentifier, r.Weight, r.ResourceRecords?.[0]?.Value])).toEqual([
      ['one', 7, '192.0.2.9'],
      ['two', 1, '192.0.2.2'],
    ]);
  });

  it('scopes SetIdentifier to its name and type', async () => {
    await send([
      { Action: 'CREATE', ResourceRecordSet: weighted('a.example.com', 'us-000', 1, '192.0.2.1') },
      { Action: 'CREATE', ResourceRecordSet: weighted('b.example.com', 'us-000', 1, '192.0.2.2') },
      { Action: 'CREATE', ResourceRecordSet: { ...weighted('a.example.com', 'us-000', 1, '2001:db8::1'), Type: 'AAAA' } },
    ]);
    await send([{ Action: 'DELETE', ResourceRecordSet: weighted('a.example.com', 'us-000', 1, '192.0.2.1') }]);
    expect(await names()).toEqual(['a.example.com. AAAA us-000', 'b.example.com. A us-000']);
  });

  it('returns names lower-cased, absolute, with special characters as octal escapes', async () => {
    await send([{ Action: 'CREATE', ResourceRecordSet: a('*.Wild.EXAMPLE.com', ['192.0.2.1']) }]);
    expect(await names()).toEqual(['\\052.wild.example.com. A']);
    // the escaped form addresses the same rrset
    await send([{ Action: 'DELETE', ResourceRecordSet: a('\\052.wild.example.com.', ['192.0.2.1']) }]);
    expect(await names()).toEqual([]);
  });

  it('rejects an empty change list and schema violations with InvalidInput', async () => {
    await expectInvalidInput([], /Member must have length greater than or equal to 1/);
    await expectInvalidInput(
      [{ Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'x', 256, '192.0.2.1') }],
      "1 validation error detected: Value '256' at 'changeBatch.changes.1.member.resourceRecordSet.weight' failed to satisfy constraint: Member must have value less than or equal to 255",
    );
    await expectInvalidInput(
      [{ Action: 'CREATE', ResourceRecordSet: a('l.example.com', ['192.0.2.1'], { SetIdentifier: 'x', Region: 'mars-north-1' as never }) }],
      /Value 'mars-north-1' at 'changeBatch.changes.1.member.resourceRecordSet.region' failed to satisfy constraint: Member must satisfy enum value set: \[.*us-east-1/,
    );
  });
});

describe('record values', () => {
  it('checks values per type', async () => {
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: a('x.example.com', ['not-an-ip']) }],
      "Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with 'not-an-ip'",
    );
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: { Name: 't.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: 'unquoted' }] } }],
      "Invalid Resource Record: FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with 'unquoted'",
    );
    await send([{ Action: 'CREATE', ResourceRecordSet: { Name: 't.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"a b" "c\\"d"' }] } }]);
    const err = await failure(send([{ Action: 'CREATE', ResourceRecordSet: { Name: 'v6.example.com', Type: 'AAAA', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] } }]));
    expect(err.name).toBe('InvalidChangeBatch');
  });
});

describe('routing policy rules', () => {
  it('keeps simple and routed rrsets of one name and type apart, both ways', async () => {
    await send([{ Action: 'CREATE', ResourceRecordSet: a('s.example.com', ['192.0.2.1'], {}, 60) }]);
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: weighted('s.example.com', 'w1', 1, '192.0.2.2') }],
      'RRSet with DNS name s.example.com., type A, SetIdentifier w1 cannot be created as a non-weighted set exists with the same name and type.',
    );
    await send([{ Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'w1', 1, '192.0.2.2') }]);
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: a('w.example.com', ['192.0.2.3'], {}, 60) }],
      'RRSet with DNS name w.example.com., type A cannot be created as other RRSets exist with the same name and type.',
    );
  });

  it('allows one routing policy kind per name and type', async () => {
    await send([{ Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'w1', 1, '192.0.2.2') }]);
    const err = await failure(send([{ Action: 'CREATE', ResourceRecordSet: a('w.example.com', ['192.0.2.3'], { SetIdentifier: 'l1', Region: 'eu-west-1' }, 60) }]));
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.message).toBe('RRSet with DNS name w.example.com., type A, SetIdentifier l1 cannot be created as a non-latency set exists with the same name and type.');
  });

  it('requires a SetIdentifier with a routing policy and only one policy per rrset', async () => {
    await expectInvalidInput(
      [{ Action: 'CREATE', ResourceRecordSet: a('w.example.com', ['192.0.2.1'], { Weight: 1 }) }],
      "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=null]",
    );
    await expectInvalidInput(
      [{ Action: 'CREATE', ResourceRecordSet: a('w.example.com', ['192.0.2.1'], { SetIdentifier: 'x', Weight: 1, Region: 'us-east-1' }) }],
      /^Invalid request: Expected exactly one of \[Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig\], but found more than one in Change with \[Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=x\]$/,
    );
  });

  it('rejects alias plus TTL/ResourceRecords', async () => {
    await expectInvalidInput(
      [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'x.example.com', Type: 'A', TTL: 60, AliasTarget: { HostedZoneId: zone, DNSName: 'y.example.com', EvaluateTargetHealth: false } } }],
      'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in Change with [Action=UPSERT, Name=x.example.com., Type=A, SetIdentifier=null]',
    );
  });

  it('validates geolocation codes and refuses two rrsets for one location', async () => {
    const geo = (id: string, loc: Record<string, string>) => a('g.example.com', ['192.0.2.1'], { SetIdentifier: id, GeoLocation: loc }, 60);
    await expectInvalidInput([{ Action: 'CREATE', ResourceRecordSet: geo('zz', { CountryCode: 'ZZ' }) }], /Unsupported GeoLocation \[CountryCode=ZZ\]/);
    await expectInvalidInput([{ Action: 'CREATE', ResourceRecordSet: geo('ca', { CountryCode: 'CA', SubdivisionCode: 'ON' }) }], /Unsupported GeoLocation/);
    await send([
      { Action: 'CREATE', ResourceRecordSet: geo('eu', { ContinentCode: 'EU' }) },
      { Action: 'CREATE', ResourceRecordSet: geo('us-ca', { CountryCode: 'US', SubdivisionCode: 'CA' }) },
      { Action: 'CREATE', ResourceRecordSet: geo('default', { CountryCode: '*' }) },
    ]);
    const err = await failure(send([{ Action: 'CREATE', ResourceRecordSet: geo('eu2', { ContinentCode: 'EU' }) }]));
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.message).toContain('SetIdentifier eu2 cannot be created');
  });

  it('allows one PRIMARY and one SECONDARY failover rrset', async () => {
    const fo = (id: string, role: 'PRIMARY' | 'SECONDARY', ip: string) => a('f.example.com', [ip], { SetIdentifier: id, Failover: role }, 60);
    await send([{ Action: 'CREATE', ResourceRecordSet: fo('p', 'PRIMARY', '192.0.2.1') }, { Action: 'CREATE', ResourceRecordSet: fo('s', 'SECONDARY', '192.0.2.2') }]);
    const err = await failure(send([{ Action: 'CREATE', ResourceRecordSet: fo('p2', 'PRIMARY', '192.0.2.3') }]));
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.message).toBe('RRSet with DNS name f.example.com., type A, SetIdentifier p2 cannot be created as a PRIMARY failover set already exists with the same name and type.');
  });

  it('allows one value per weighted rrset and the same TTL across the group', async () => {
    const err = await failure(send([{ Action: 'CREATE', ResourceRecordSet: a('w.example.com', ['192.0.2.1', '192.0.2.2'], { SetIdentifier: 'x', Weight: 1 }) }]));
    expect(err.name).toBe('InvalidChangeBatch');
    await send([{ Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'a', 1, '192.0.2.1', 60) }]);
    const ttl = await failure(send([{ Action: 'CREATE', ResourceRecordSet: weighted('w.example.com', 'b', 1, '192.0.2.2', 300) }]));
    expect(ttl.name).toBe('InvalidChangeBatch');
    expect(ttl.message).toContain('same TTL');
  });
});

describe('aliases, health checks and CNAMEs', () => {
  const alias = (name: string, target: string, extra: Record<string, unknown> = {}): ResourceRecordSet => ({
    Name: name, Type: 'A', AliasTarget: { HostedZoneId: zone, DNSName: target, EvaluateTargetHealth: true }, ...extra,
  });

  it('requires alias targets to exist, created earlier in the same batch at the latest', async () => {
    const bare = zone.replace('/hostedzone/', '');
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: alias('al.example.com', 'target.example.com') }],
      `Tried to create an alias that targets target.example.com., type A in zone ${bare}, but that target was not found`,
    );
    await expectBatchError(
      [
        { Action: 'CREATE', ResourceRecordSet: alias('al.example.com', 'target.example.com') },
        { Action: 'CREATE', ResourceRecordSet: a('target.example.com', ['192.0.2.1']) },
      ],
      `Tried to create an alias that targets target.example.com., type A in zone ${bare}, but that target was not found`,
    );
    await send([
      { Action: 'CREATE', ResourceRecordSet: a('target.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: alias('al.example.com', 'target.example.com') },
    ]);
    const rr = (await list()).find((r) => r.Name === 'al.example.com.');
    expect(rr?.AliasTarget).toEqual({ HostedZoneId: bare, DNSName: 'target.example.com.', EvaluateTargetHealth: true });
    expect(rr?.TTL).toBeUndefined();
    // a target still referenced by an alias cannot be deleted
    const err = await failure(send([{ Action: 'DELETE', ResourceRecordSet: a('target.example.com', ['192.0.2.1']) }]));
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.message).toContain("but it is the target of the alias resource record set [name='al.example.com.', type='A']");
  });

  it('requires HealthCheckIds to exist (NoSuchHealthCheck)', async () => {
    const err = await failure(send([{ Action: 'CREATE', ResourceRecordSet: a('h.example.com', ['192.0.2.1'], { HealthCheckId: 'no-such-check' }) }]));
    expect(err.name).toBe('NoSuchHealthCheck');
    expect(err.$metadata?.httpStatusCode).toBe(404);
    const hc = await h.client.send(new CreateHealthCheckCommand({ CallerReference: 'hc', HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'app.example.net' } }));
    await send([{ Action: 'CREATE', ResourceRecordSet: a('h.example.com', ['192.0.2.1'], { HealthCheckId: hc.HealthCheck!.Id }) }]);
    expect((await list()).find((r) => r.Name === 'h.example.com.')?.HealthCheckId).toBe(hc.HealthCheck!.Id);
  });

  it('keeps a CNAME alone at its name, both ways, and off the apex', async () => {
    const cname = (name: string): ResourceRecordSet => ({ Name: name, Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'elsewhere.example.net' }] });
    await send([{ Action: 'CREATE', ResourceRecordSet: a('x.example.com', ['192.0.2.1']) }, { Action: 'CREATE', ResourceRecordSet: cname('c.example.com') }]);
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: cname('x.example.com') }],
      'RRSet of type CNAME with DNS name x.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.',
    );
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: { Name: 'c.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"x"' }] } }],
      'RRSet of type TXT with DNS name c.example.com. is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone example.com.',
    );
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: cname('example.com') }],
      'RRSet of type CNAME with DNS name example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.',
    );
    // replacing an A by a CNAME in one batch (DELETE then CREATE) is fine
    await send([{ Action: 'DELETE', ResourceRecordSet: a('x.example.com', ['192.0.2.1']) }, { Action: 'CREATE', ResourceRecordSet: cname('x.example.com') }]);
  });

  it('refuses a second apex NS rrset and removing the apex SOA', async () => {
    const all = await list();
    const ns = all.find((r) => r.Type === 'NS')!;
    const soa = all.find((r) => r.Type === 'SOA')!;
    await expectBatchError([{ Action: 'CREATE', ResourceRecordSet: ns }], "Tried to create resource record set [name='example.com.', type='NS'] but it already exists");
    await expectBatchError([{ Action: 'DELETE', ResourceRecordSet: soa }], 'A HostedZone must contain exactly one SOA record.');
  });
});

describe('batch limits', () => {
  const many = (prefix: string, n: number, valueLength = 0): Change['ResourceRecordSet'] => ({
    Name: `${prefix}.example.com`, Type: 'TXT', TTL: 60,
    ResourceRecords: Array.from({ length: n }, (_, i) => ({
      // two character-strings (each ≤255) making exactly valueLength characters
      Value: valueLength > 0 ? `"${'a'.repeat(200)}" "${String(i).padStart(valueLength - 205, '0')}"` : `"${i}"`,
    })),
  });

  it('accepts 1000 ResourceRecord elements and refuses 1001', async () => {
    await send([{ Action: 'CREATE', ResourceRecordSet: many('a', 500) }, { Action: 'CREATE', ResourceRecordSet: many('b', 500) }]);
    await expectBatchError(
      [{ Action: 'CREATE', ResourceRecordSet: many('c', 500) }, { Action: 'CREATE', ResourceRecordSet: many('d', 501) }],
      'Number of records limit of 1000 exceeded.',
    );
  });

  it('counts UPSERT twice', async () => {
    await send([{ Action: 'UPSERT', ResourceRecordSet: many('u', 500) }]);
    await expectBatchError([{ Action: 'UPSERT', ResourceRecordSet: many('v', 501) }], 'Number of records limit of 1000 exceeded.');
    await expectBatchError(
      [{ Action: 'UPSERT', ResourceRecordSet: many('w', 300) }, { Action: 'CREATE', ResourceRecordSet: many('x', 401) }],
      'Number of records limit of 1000 exceeded.',
    );
  });

  it('refuses more than 32,000 value characters (UPSERT counted twice)', async () => {
    // 100 values × 320 characters = 32,000
    await send([{ Action: 'CREATE', ResourceRecordSet: many('big', 100, 320) }]);
    await expectBatchError([{ Action: 'CREATE', ResourceRecordSet: many('bigger', 101, 320) }], 'Number of characters in resource record values limit of 32000 exceeded.');
    await expectBatchError([{ Action: 'UPSERT', ResourceRecordSet: many('half', 51, 320) }], 'Number of characters in resource record values limit of 32000 exceeded.');
  });
});
