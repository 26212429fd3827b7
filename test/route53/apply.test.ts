/**
 * Batching, failures, retries and things dnsctl must not touch — the real SDK against
 * the emulator, counted with the emulator's own counters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import type { DnsRecord } from '../../src/model/record.js';
import type { Change } from '../../src/plan/types.js';
import { Route53Provider } from '../../providers/route53/index.js';
import { decodeZone, groupRrsets } from '../../providers/route53/read.js';
import { assertZoneInvariants, changeLines, fastOptions, faultConfig, plan, planAndApply, record, sdkClient, startProvider, ZONE, type Route53Harness } from './helpers.js';

let h: Route53Harness | undefined;
let client: Route53Client | undefined;
afterEach(async () => {
  client?.destroy();
  client = undefined;
  await h?.close();
  h = undefined;
});

const plainA = (n: number): DnsRecord[] =>
  Array.from({ length: n }, (_, i) => ({ zone: ZONE, name: `h${i}`, type: 'A' as const, ttl: 300, values: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`] }));
const creates = (records: DnsRecord[]): Change[] => records.map((r) => ({ kind: 'create', name: r.name, type: r.type, desired: r }));
const calls = (h: Route53Harness) => h.emulator.counters()['ChangeResourceRecordSets'] ?? 0;

describe('batching', () => {
  it('N record changes take ceil(N / 1000) ChangeResourceRecordSets calls, and read back through pagination', async () => {
    h = await startProvider();
    const records = plainA(2500);
    const results = await h.provider.apply(ZONE, creates(records), {});
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(calls(h)).toBe(3);
    expect(h.provider.lastApply.get(ZONE)!.batches).toBe(3);
    const live = await h.provider.populate(ZONE, { lenient: true, sets: new Set(), disabledValidators: new Map() });
    expect(live.records.filter((r) => r.type === 'A')).toHaveLength(2500);
    expect(h.emulator.counters()['ListResourceRecordSets']).toBeGreaterThanOrEqual(Math.ceil(2502 / 300));

    // updates are UPSERTs, which Route 53 counts twice: 600 updates are 1,200 records, two calls
    h.emulator.resetCounters();
    const updates: Change[] = records.slice(0, 600).map((r) => ({ kind: 'update', name: r.name, type: r.type, existing: r, desired: { ...r, ttl: 60 } }));
    expect((await h.provider.apply(ZONE, updates, {})).every((r) => r.status === 'applied')).toBe(true);
    expect(calls(h)).toBe(2);
  }, 30_000);

  it('splits a change set over 32,000 value characters', async () => {
    h = await startProvider();
    // 200 TXT records of 252 characters each (quotes included): 50,400 characters, 200 records
    const records: DnsRecord[] = Array.from({ length: 200 }, (_, i) => ({ zone: ZONE, name: `t${i}`, type: 'TXT' as const, ttl: 300, values: [`${String(i).padStart(3, '0')}${'x'.repeat(247)}`] }));
    const results = await h.provider.apply(ZONE, creates(records), {});
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(calls(h)).toBe(2);
    expect(changeLines(await plan(h.provider, records))).toEqual([]);
  });

  it('fails a change that cannot fit one request, without sending it', async () => {
    h = await startProvider({}, { max_changes: 3 });
    const big: DnsRecord = { zone: ZONE, name: 'big', type: 'A', ttl: 300, values: ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'] };
    const [r] = await h.provider.apply(ZONE, creates([big]), {});
    expect(r!.status).toBe('failed');
    expect(r!.error).toMatch(/needs 4 records/);
    expect(calls(h)).toBe(0);
  });

  it('a failed batch fails its changes with AWS\'s message; later batches are not attempted', async () => {
    h = await startProvider({}, { max_changes: 1 });
    const changes = creates([
      { zone: ZONE, name: 'a1', type: 'A', ttl: 300, values: ['192.0.2.1'] },
      { zone: ZONE, name: 'c', type: 'A', ttl: 300, values: ['192.0.2.2'] },
      // a CNAME beside the A just created: Route 53 rejects this batch
      { zone: ZONE, name: 'c', type: 'CNAME', ttl: 300, values: ['target.example.net.'] },
      { zone: ZONE, name: 'a2', type: 'A', ttl: 300, values: ['192.0.2.3'] },
    ]);
    const results = await h.provider.apply(ZONE, changes, {});
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'failed', 'not-attempted']);
    expect(results[2]!.error).toMatch(/^InvalidChangeBatch: .*CNAME/);
    expect(calls(h)).toBe(3);
  });

  it('an interrupt lets the batch in flight finish and sends no further batch', async () => {
    h = await startProvider({}, { max_changes: 2 });
    const emu = h.emulator;
    // the operator interrupts while the first batch is on the wire
    const signal = { get aborted() { return (emu.counters()['ChangeResourceRecordSets'] ?? 0) >= 1; } } as AbortSignal;
    const results = await h.provider.apply(ZONE, creates(plainA(5)), { signal });
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'not-attempted', 'not-attempted', 'not-attempted']);
    expect(results[2]!.error).toBe('not attempted: the apply was interrupted');
    expect(calls(h)).toBe(1);
    expect(changeLines(await plan(h.provider, plainA(5)))).toEqual(['create h2 A', 'create h3 A', 'create h4 A']);
  });

  it('refuses an update whose live record changed since the plan (compare and swap)', async () => {
    h = await startProvider();
    const r = record('cas', { type: 'A', ttl: 300, value: '192.0.2.1' });
    await planAndApply(h.provider, [r]);
    const stale = { ...r, values: ['192.0.2.9'] };
    const [res] = await h.provider.apply(ZONE, [{ kind: 'update', name: 'cas', type: 'A', existing: stale, desired: { ...r, ttl: 60 } }], {});
    expect(res!.status).toBe('failed');
    expect(res!.error).toMatch(/changed at Route 53 since the plan/);
  });
});

describe('retries, zone creation, wait', () => {
  it('retries throttling, PriorRequestNotComplete, 5xx and dropped connections until the batch goes through', async () => {
    h = await startProvider({ seed: 3 }, { client_max_attempts: 30 });
    h.emulator.setFaults({ ...faultConfig(0.6), operations: ['ChangeResourceRecordSets', 'ListResourceRecordSets', 'CreateHealthCheck'] });
    const dyn = record('dyn', {
      type: 'A',
      ttl: 60,
      values: ['192.0.2.1'],
      dynamic: { pools: { one: { values: [{ value: '192.0.2.1' }, { value: '192.0.2.2' }] } }, rules: [{ pool: 'one' }] },
    });
    const { results } = await planAndApply(h.provider, [...plainA(20), dyn]);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const errors = Object.keys(h.emulator.errorCounters());
    expect(errors.length).toBeGreaterThan(0);
    h.emulator.setFaults({});
    expect(changeLines(await plan(h.provider, [...plainA(20), dyn]))).toEqual([]);
    assertZoneInvariants(h.emulator, ZONE);
  });

  it('creates the hosted zone when missing, upserts the root NS, and waits for INSYNC when asked', async () => {
    h = await startProvider({ syncDelayMs: 120 }, { wait: true, wait_poll_ms: 20 });
    const ns = record('', { type: 'NS', ttl: 3600, values: ['ns1.example.net.', 'ns2.example.net.'] });
    const { plan: zp, results } = await planAndApply(h.provider, [ns, ...plainA(2)]);
    expect(zp.exists).toBe(false);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(h.emulator.counters()['CreateHostedZone']).toBe(1);
    const stats = h.provider.lastApply.get(ZONE)!;
    expect(stats.insyncMs).toBeGreaterThanOrEqual(50);
    expect(h.emulator.counters()['GetChange']).toBeGreaterThanOrEqual(2);
    expect(await h.provider.listZones()).toEqual([ZONE]);
    expect(changeLines(await plan(h.provider, [ns, ...plainA(2)]))).toEqual([]);
  });

  it('takes the endpoint from AWS_ENDPOINT_URL_ROUTE_53 when the config has none', async () => {
    h = await startProvider();
    const before = process.env['AWS_ENDPOINT_URL_ROUTE_53'];
    process.env['AWS_ENDPOINT_URL_ROUTE_53'] = h.emulator.url;
    try {
      const { endpoint: _e, ...rest } = fastOptions(h.emulator.url);
      const p = new Route53Provider('env', rest);
      expect(await p.listZones()).toEqual([]);
      expect(h.emulator.counters()['ListHostedZones']).toBe(1);
      p.close();
    } finally {
      if (before === undefined) delete process.env['AWS_ENDPOINT_URL_ROUTE_53'];
      else process.env['AWS_ENDPOINT_URL_ROUTE_53'] = before;
    }
  });
});

describe('what dnsctl does not manage', () => {
  it('lists hand-made routing as unmanaged and never deletes it or its foreign health check', async () => {
    h = await startProvider();
    client = sdkClient(h.emulator.url);
    const z = await client.send(new CreateHostedZoneCommand({ Name: ZONE, CallerReference: 'hand' }));
    const zoneId = z.HostedZone!.Id!;
    const foreign = await client.send(
      new CreateHealthCheckCommand({ CallerReference: 'ops-blue-green', HealthCheckConfig: { Type: 'TCP', Port: 443, IPAddress: '192.0.2.80' } }),
    );
    const weighted = (id: string, w: number, v: string) => ({
      Name: `legacy.${ZONE}`,
      Type: 'A' as const,
      SetIdentifier: id,
      Weight: w,
      TTL: 60,
      ResourceRecords: [{ Value: v }],
      ...(id === 'blue' ? { HealthCheckId: foreign.HealthCheck!.Id! } : {}),
    });
    await client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            { Action: 'CREATE', ResourceRecordSet: weighted('blue', 90, '192.0.2.80') },
            { Action: 'CREATE', ResourceRecordSet: weighted('green', 10, '192.0.2.81') },
            { Action: 'CREATE', ResourceRecordSet: { Name: `old.${ZONE}`, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.90' }] } },
          ],
        },
      }),
    );
    const live = await h.provider.populate(ZONE, { lenient: true, sets: new Set(), disabledValidators: new Map() });
    expect(live.unmanaged).toEqual([expect.stringMatching(/^legacy\.example\.com\. A: weighted routing policy \(set identifiers blue, green\) .*left untouched$/)]);
    expect(live.records.map((r) => r.name).sort()).toEqual(['', 'old']); // apex NS and the plain record

    // a plan without them deletes the plain record only
    const { plan: zp, results } = await planAndApply(h.provider, [record('new', { type: 'A', ttl: 60, value: '192.0.2.99' })]);
    expect(changeLines(zp)).toEqual(['delete old A', 'create new A']);
    expect(zp.unmanaged).toEqual(live.unmanaged);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const state = h.emulator.snapshot();
    const names = Object.values(state.zones)[0]!.rrsets.map((r) => `${r.Name} ${r.SetIdentifier ?? ''}`.trim());
    expect(names).toEqual(expect.arrayContaining([`legacy.${ZONE} blue`, `legacy.${ZONE} green`, `new.${ZONE}`]));
    expect(names).not.toContain(`old.${ZONE}`);
    expect(state.healthChecks[foreign.HealthCheck!.Id!]).toBeDefined();

    // claiming the name fails loudly and touches nothing
    const { results: claim } = await planAndApply(h.provider, [record('new', { type: 'A', ttl: 60, value: '192.0.2.99' }), record('legacy', { type: 'A', ttl: 60, value: '192.0.2.1' })]);
    expect(claim.map((r) => r.status)).toEqual(['failed']);
    expect(claim[0]!.error).toMatch(/held by rrsets dnsctl does not manage/);
    expect(Object.values(h.emulator.snapshot().zones)[0]!.rrsets.filter((r) => r.Name === `legacy.${ZONE}`)).toHaveLength(2);
  });

  it('reports traffic-policy rrsets, foreign aliases and orphan _octodns- rrsets as unmanaged', () => {
    // Route 53 lists these; the emulator has no traffic-policy API, so the listing is given as data
    const rrsets = [
      { Name: `tp.${ZONE}`, Type: 'A' as const, TrafficPolicyInstanceId: 'tpi-1', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] },
      { Name: `lb.${ZONE}`, Type: 'A' as const, AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'my-elb.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: false } },
      { Name: `_octodns-default-pool.gone.${ZONE}`, Type: 'A' as const, TTL: 60, ResourceRecords: [{ Value: '192.0.2.2' }] },
    ];
    const d = decodeZone(ZONE, groupRrsets(ZONE, rrsets), { zone: ZONE, checks: new Map(), regionIdFor: () => undefined }, { lenient: true, sets: new Set(), disabledValidators: new Map() });
    expect(d.records).toEqual([]);
    expect(d.unmanaged).toEqual([
      'tp.example.com. A: created by traffic policy instance tpi-1; left untouched',
      'lb.example.com. A: alias to my-elb.us-east-1.elb.amazonaws.com. (Route 53 aliases are not in the model); left untouched',
      'gone.example.com. A: _octodns-* rrsets without rule rrsets at gone.example.com.; left untouched',
    ]);
  });
});
