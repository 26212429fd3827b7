import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { GetChangeCommand, ListResourceRecordSetsCommand, type Change, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { a, change, createZone, failure, startHarness, stopHarness, type Harness } from './helpers.js';

let h: Harness;
let zone: string;
beforeEach(async () => {
  h = await startHarness();
  zone = await createZone(h.client);
});
afterEach(async () => { await stopHarness(h); });

const key = (r: ResourceRecordSet): string => `${r.Name}|${r.Type}|${r.SetIdentifier ?? ''}`;

async function listAll(maxItems?: number): Promise<{ records: ResourceRecordSet[]; pages: number; identifiers: string[] }> {
  const records: ResourceRecordSet[] = [];
  const identifiers: string[] = [];
  let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet['Type']; StartRecordIdentifier?: string } = {};
  let pages = 0;
  for (;;) {
    const page = await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, MaxItems: maxItems, ...start }));
    pages++;
    records.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) break;
    if (page.NextRecordIdentifier) identifiers.push(page.NextRecordIdentifier);
    start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
  }
  return { records, pages, identifiers };
}

describe('ListResourceRecordSets', () => {
  it('pages 300 at a time across >300 rrsets, resuming inside a routed group with NextRecordIdentifier', async () => {
    const changes: Change[] = [];
    for (let i = 0; i < 600; i++) changes.push({ Action: 'CREATE', ResourceRecordSet: a(`n${String(i).padStart(4, '0')}.example.com`, ['192.0.2.1']) });
    // 2 apex rrsets + n0000..n0288 = 291 rrsets sort before this group of 20, so the first page ends inside it
    for (let i = 0; i < 20; i++) {
      changes.push({ Action: 'CREATE', ResourceRecordSet: a('n0288x.example.com', [`192.0.2.${i + 1}`], { SetIdentifier: `id-${String(i).padStart(2, '0')}`, Weight: 1 }) });
    }
    await h.client.send(change(changes, zone));

    const first = await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }));
    expect(first.ResourceRecordSets).toHaveLength(300);
    expect(first.MaxItems).toBe(300);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextRecordName).toBe('n0288x.example.com.');
    expect(first.NextRecordType).toBe('A');
    expect(first.NextRecordIdentifier).toBe('id-09');

    const all = await listAll();
    expect(all.pages).toBe(3);
    expect(all.records).toHaveLength(622);
    expect(new Set(all.records.map(key)).size).toBe(622);

    // the same content whatever the page size, including pages smaller than the group
    const small = await listAll(7);
    expect(small.records.map(key)).toEqual(all.records.map(key));
    expect(small.identifiers.length).toBeGreaterThan(0);

    // MaxItems above 300 still returns 300
    const big = await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, MaxItems: 1000 }));
    expect(big.ResourceRecordSets).toHaveLength(300);
  });

  it('sorts by reversed labels compared on the escaped name, then by type', async () => {
    await h.client.send(change([
      { Action: 'CREATE', ResourceRecordSet: a('a.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: a('a-b.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: a('b.a.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: a('*.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'a.example.com', Type: 'AAAA', TTL: 60, ResourceRecords: [{ Value: '2001:db8::1' }] } },
      { Action: 'CREATE', ResourceRecordSet: { Name: '_octodns-x.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"x"' }] } },
    ], zone));
    const { records } = await listAll();
    expect(records.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      'example.com. NS', 'example.com. SOA',
      '\\052.example.com. A', '_octodns-x.example.com. TXT', 'a-b.example.com. A',
      'a.example.com. A', 'a.example.com. AAAA', 'b.a.example.com. A',
    ]);
  });

  it('starts at StartRecordName/Type and refuses a type without a name', async () => {
    await h.client.send(change([
      { Action: 'CREATE', ResourceRecordSet: a('m.example.com', ['192.0.2.1']) },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'm.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"t"' }] } },
      { Action: 'CREATE', ResourceRecordSet: a('z.example.com', ['192.0.2.1']) },
    ], zone));
    const page = await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: 'm.example.com', StartRecordType: 'MX' }));
    expect(page.ResourceRecordSets?.map((r) => `${r.Name} ${r.Type}`)).toEqual(['m.example.com. TXT', 'z.example.com. A']);
    const err = await failure(h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordType: 'A' })));
    expect(err.name).toBe('InvalidInput');
  });
});

describe('GetChange', () => {
  it('reports PENDING, then INSYNC after the sync delay, per change id', async () => {
    const out = await h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('p.example.com', ['192.0.2.1']) }], zone));
    expect(out.ChangeInfo?.Status).toBe('PENDING');
    const id = out.ChangeInfo!.Id!;
    expect(id).toMatch(/^\/change\/C[A-Z0-9]+$/);
    const other = await h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('q.example.com', ['192.0.2.1']) }], zone));
    expect(other.ChangeInfo?.Id).not.toBe(id);
    await new Promise((r) => setTimeout(r, 80));
    const later = await h.client.send(new GetChangeCommand({ Id: id }));
    expect(later.ChangeInfo?.Status).toBe('INSYNC');
    expect(later.ChangeInfo?.SubmittedAt).toEqual(out.ChangeInfo?.SubmittedAt);
  });

  it('reports PENDING while the delay runs', async () => {
    const slow = await startHarness({ syncDelayMs: 60_000 });
    try {
      const z = await createZone(slow.client);
      const out = await slow.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('p.example.com', ['192.0.2.1']) }], z));
      const now = await slow.client.send(new GetChangeCommand({ Id: out.ChangeInfo!.Id }));
      expect(now.ChangeInfo?.Status).toBe('PENDING');
    } finally {
      await stopHarness(slow);
    }
  });

  it('answers NoSuchChange for an unknown id', async () => {
    const err = await failure(h.client.send(new GetChangeCommand({ Id: '/change/CNOPE' })));
    expect(err.name).toBe('NoSuchChange');
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });
});
