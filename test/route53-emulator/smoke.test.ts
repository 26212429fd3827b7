import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ListResourceRecordSetsCommand, GetHostedZoneCommand } from '@aws-sdk/client-route-53';
import { startHarness, stopHarness, createZone, change, a, failure, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await stopHarness(h); });

describe('smoke', () => {
  it('creates a zone and a record', async () => {
    const id = await createZone(h.client);
    const z = await h.client.send(new GetHostedZoneCommand({ Id: id }));
    console.log(JSON.stringify(z, null, 1));
    const c = await h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }], id));
    console.log(c.ChangeInfo);
    const l = await h.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }));
    console.log(JSON.stringify(l.ResourceRecordSets));
    const e = await failure(h.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('www.example.com', ['192.0.2.1']) }], id)));
    console.log(e.name, e.message, e.messages, e.$metadata);
    expect(e.name).toBe('InvalidChangeBatch');
  });
});
