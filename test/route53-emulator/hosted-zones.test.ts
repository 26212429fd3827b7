import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import {
  CreateHostedZoneCommand, DeleteHostedZoneCommand, GetHostedZoneCommand, ListHostedZonesByNameCommand,
  ListHostedZonesCommand, ListResourceRecordSetsCommand, UpdateHostedZoneCommentCommand,
} from '@aws-sdk/client-route-53';
import { a, change, createZone, failure, startHarness, stopHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await stopHarness(h); });

describe('hosted zones', () => {
  it('creates a zone with its SOA and NS records, a delegation set and a PENDING change', async () => {
    const out = await h.client.send(new CreateHostedZoneCommand({
      Name: 'Example.COM', CallerReference: 'r1', HostedZoneConfig: { Comment: 'hello' },
    }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.HostedZone?.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]+$/);
    expect(out.HostedZone?.Name).toBe('example.com.');
    expect(out.HostedZone?.Config).toEqual({ Comment: 'hello', PrivateZone: false });
    expect(out.HostedZone?.ResourceRecordSetCount).toBe(2);
    expect(out.ChangeInfo?.Status).toBe('PENDING');
    expect(out.DelegationSet?.NameServers).toHaveLength(4);
    expect(out.Location).toContain(out.HostedZone!.Id!.replace('/hostedzone/', ''));
    const records = await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: out.HostedZone!.Id }));
    expect(records.ResourceRecordSets?.map((r) => r.Type)).toEqual(['NS', 'SOA']);
    expect(records.ResourceRecordSets?.[0]?.ResourceRecords?.map((r) => r.Value)).toEqual(
      out.DelegationSet!.NameServers!.map((n) => `${n}.`),
    );
  });

  it('refuses a reused CallerReference with HostedZoneAlreadyExists (409)', async () => {
    await h.client.send(new CreateHostedZoneCommand({ Name: 'a.example', CallerReference: 'same' }));
    const err = await failure(h.client.send(new CreateHostedZoneCommand({ Name: 'b.example', CallerReference: 'same' })));
    expect(err.name).toBe('HostedZoneAlreadyExists');
    expect(err.$metadata?.httpStatusCode).toBe(409);
    expect(err.message).toBe('A hosted zone has already been created with the specified caller reference.');
  });

  it('answers NoSuchHostedZone (404) with AWS wording for an unknown id', async () => {
    const err = await failure(h.client.send(new GetHostedZoneCommand({ Id: '/hostedzone/ZNOPE' })));
    expect(err.name).toBe('NoSuchHostedZone');
    expect(err.$metadata?.httpStatusCode).toBe(404);
    expect(err.message).toBe('No hosted zone found with ID: ZNOPE');
  });

  it('refuses a top-level domain with InvalidDomainName', async () => {
    const err = await failure(h.client.send(new CreateHostedZoneCommand({ Name: 'com', CallerReference: 'tld' })));
    expect(err.name).toBe('InvalidDomainName');
  });

  it('deletes only zones holding nothing but the apex SOA and NS', async () => {
    const id = await createZone(h.client);
    await h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }], id));
    const err = await failure(h.client.send(new DeleteHostedZoneCommand({ Id: id })));
    expect(err.name).toBe('HostedZoneNotEmpty');
    await h.client.send(change([{ Action: 'DELETE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }], id));
    const out = await h.client.send(new DeleteHostedZoneCommand({ Id: id }));
    expect(out.ChangeInfo?.Status).toBe('PENDING');
    expect((await failure(h.client.send(new GetHostedZoneCommand({ Id: id })))).name).toBe('NoSuchHostedZone');
  });

  it('pages ListHostedZones with Marker/NextMarker and sorts ListHostedZonesByName by reversed labels', async () => {
    for (const name of ['b.example.org', 'a.example.com', 'z.example.com', 'example.net']) await createZone(h.client, name);
    const first = await h.client.send(new ListHostedZonesCommand({ MaxItems: 3 }));
    expect(first.HostedZones).toHaveLength(3);
    expect(first.IsTruncated).toBe(true);
    const second = await h.client.send(new ListHostedZonesCommand({ MaxItems: 3, Marker: first.NextMarker }));
    expect(second.HostedZones).toHaveLength(1);
    expect(second.IsTruncated).toBe(false);
    const byName = await h.client.send(new ListHostedZonesByNameCommand({}));
    expect(byName.HostedZones?.map((z) => z.Name)).toEqual(['a.example.com.', 'z.example.com.', 'example.net.', 'b.example.org.']);
    const fromNet = await h.client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.net', MaxItems: 1 }));
    expect(fromNet.HostedZones?.map((z) => z.Name)).toEqual(['example.net.']);
    expect(fromNet.NextDNSName).toBe('b.example.org.');
  });

  it('updates the comment', async () => {
    const id = await createZone(h.client);
    const out = await h.client.send(new UpdateHostedZoneCommentCommand({ Id: id, Comment: 'new' }));
    expect(out.HostedZone?.Config?.Comment).toBe('new');
  });
});
