import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { ChangeCidrCollectionCommand, CreateCidrCollectionCommand, CreateHealthCheckCommand, TestDNSAnswerCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { a, change, createZone, startHarness, stopHarness, type Harness } from './helpers.js';

let h: Harness;
let zone: string;
let collection: string;
beforeEach(async () => {
  h = await startHarness();
  zone = await createZone(h.client);
  collection = (await h.client.send(new CreateCidrCollectionCommand({ Name: 'octodns', CallerReference: 'r' }))).Collection!.Id!;
  await h.client.send(new ChangeCidrCollectionCommand({
    Id: collection,
    Changes: [
      { LocationName: 'wide', Action: 'PUT', CidrList: ['10.0.0.0/8', '2001:db8::/32'] },
      { LocationName: 'narrow', Action: 'PUT', CidrList: ['10.1.0.0/16'] },
      { LocationName: 'v6narrow', Action: 'PUT', CidrList: ['2001:db8:1::/48'] },
      { LocationName: 'unused', Action: 'PUT', CidrList: ['10.1.2.0/24'] },
    ],
  }));
});
afterEach(async () => { await stopHarness(h); });

const ip = (LocationName: string, value: string, extra: Partial<ResourceRecordSet> = {}): ResourceRecordSet =>
  a('ip.example.com', [value], { SetIdentifier: `s-${LocationName}`, CidrRoutingConfig: { CollectionId: collection, LocationName }, ...extra }, 60);
const answer = async (subnet: string | undefined, mask?: string, resolver?: string): Promise<string> => {
  const out = await h.client.send(new TestDNSAnswerCommand({
    HostedZoneId: zone, RecordName: 'ip.example.com', RecordType: 'A',
    ...(subnet ? { EDNS0ClientSubnetIP: subnet } : {}), ...(mask ? { EDNS0ClientSubnetMask: mask } : {}), ...(resolver ? { ResolverIP: resolver } : {}),
  }));
  return (out.RecordData ?? []).join(',');
};

describe('TestDNSAnswer for IP-based (CIDR) records', () => {
  beforeEach(async () => {
    await h.client.send(change(
      // 'a-wide' lists first, so a first-match (not longest-prefix) selection would answer it
      [ip('wide', '192.0.2.1', { SetIdentifier: 'a-wide' }), ip('narrow', '192.0.2.2'), ip('v6narrow', '192.0.2.6'), ip('*', '192.0.2.9')].map((ResourceRecordSet) => ({ Action: 'CREATE' as const, ResourceRecordSet })),
      zone,
    ));
  });

  it('answers the location with the longest block covering the client subnet, else the `*` default', async () => {
    expect(await answer('10.1.2.3')).toBe('192.0.2.2'); // /16 beats /8
    expect(await answer('10.2.0.1')).toBe('192.0.2.1');
    expect(await answer('172.16.0.1')).toBe('192.0.2.9');
    expect(await answer(undefined)).toBe('192.0.2.9');
    // a block of a location the record does not use (10.1.2.0/24 'unused') is not an answer
    expect(await answer('10.1.2.200')).toBe('192.0.2.2');
  });

  it('uses the resolver address without a client subnet, and IPv6 clients too', async () => {
    expect(await answer(undefined, undefined, '10.9.9.9')).toBe('192.0.2.1');
    expect(await answer('2001:db8:1:5::1')).toBe('192.0.2.6');
    expect(await answer('2001:db8:2::1')).toBe('192.0.2.1');
    expect(await answer('2001:db9::1')).toBe('192.0.2.9');
  });

  it('honours EDNS0ClientSubnetMask: a block longer than the client prefix does not match', async () => {
    expect(await answer('10.1.0.0', '16')).toBe('192.0.2.2');
    expect(await answer('10.1.0.0', '12')).toBe('192.0.2.1'); // /16 longer than the /12 query; /8 covers it
    expect(await answer('10.0.0.0', '7')).toBe('192.0.2.9');
    expect(await answer('2001:db8:1::', '40')).toBe('192.0.2.1');
  });
});

describe('TestDNSAnswer for IP-based aliases with health', () => {
  it('an unhealthy matched record falls back to `*`', async () => {
    const hc = (await h.client.send(new CreateHealthCheckCommand({ CallerReference: 'hc', HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'x.example.net' } }))).HealthCheck!.Id!;
    await h.client.send(change([ip('narrow', '192.0.2.2', { HealthCheckId: hc }), ip('*', '192.0.2.9')].map((ResourceRecordSet) => ({ Action: 'CREATE' as const, ResourceRecordSet })), zone));
    expect(await answer('10.1.0.1')).toBe('192.0.2.2');
    h.emulator.setHealth(hc, false);
    expect(await answer('10.1.0.1')).toBe('192.0.2.9');
  });
});
