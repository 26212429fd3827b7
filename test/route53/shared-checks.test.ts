/**
 * Route 53 health checks shared across records and zones: one check per distinct (value,
 * settings, status) in the account, deleted only when no rrset of any zone references it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ChangeResourceRecordSetsCommand, CreateHealthCheckCommand, CreateHostedZoneCommand, DeleteHealthCheckCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { DnsRecord } from '../../src/model/record.js';
import { fleetRecord } from '../fleet-record.js';
import { Route53Provider } from '../../providers/route53/index.js';
import { healthCheckConfig } from '../../providers/route53/compile.js';
import { applyZoneChanges } from '../../providers/route53/apply.js';
import { faultConfig, fastOptions, sdkClient, startProvider, type Route53Harness } from './helpers.js';

let h: Route53Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const config = standaloneConfig('route53-test', { baseDir: '.' });

async function converge(p: Route53Provider, zone: string, desired: DnsRecord[]): Promise<void> {
  const zc = zoneConfig(zone, { targets: ['route53'] });
  const plan = await planZoneTarget(config, zc, desired, p);
  const results = plan.changes.length ? await p.apply(zone, orderChanges(plan.changes), {}) : [];
  expect(results.filter((r) => r.status !== 'applied').map((r) => r.error)).toEqual([]);
  const again = await planZoneTarget(config, zc, desired, p);
  expect(again.changes.map((c) => `${c.kind} ${c.name}`), `${zone} re-plans empty`).toEqual([]);
}

const checks = (hh: Route53Harness) => Object.values(hh.emulator.snapshot().healthChecks);
const ips = (hh: Route53Harness) => checks(hh).map((c) => c.HealthCheckConfig.IPAddress).sort();

/** Every check referenced by some rrset of some zone, and no two checks with one config. */
function assertAccountInvariants(hh: Route53Harness): void {
  const state = hh.emulator.snapshot();
  const referenced = new Set(Object.values(state.zones).flatMap((z) => z.rrsets.flatMap((r) => (r.HealthCheckId ? [r.HealthCheckId] : []))));
  expect(checks(hh).filter((c) => !referenced.has(c.Id)).map((c) => c.CallerReference), 'orphan checks').toEqual([]);
  const configs = checks(hh).map((c) => JSON.stringify(c.HealthCheckConfig));
  expect(configs.length, 'duplicate checks').toBe(new Set(configs).size);
}

const fresh = (hh: Route53Harness, extra: Record<string, unknown> = {}) => new Route53Provider('route53', fastOptions(hh.emulator.url, extra));

describe('shared health checks', () => {
  it('many records over the same endpoints cost one check per distinct value, each tagged once', async () => {
    h = await startProvider();
    await converge(h.provider, 'example.com.', Array.from({ length: 10 }, (_, i) => fleetRecord('example.com.', `host${i}`)));
    expect(ips(h)).toEqual(['192.0.2.1', '192.0.2.2', '198.51.100.1']);
    expect(h.emulator.counters()['CreateHealthCheck']).toBe(3);
    expect(h.emulator.counters()['ChangeTagsForResource']).toBe(3);
    assertAccountInvariants(h);
  });

  it("two zones share checks; deleting one zone's records keeps what the other references, deleting both removes them", async () => {
    h = await startProvider();
    await converge(h.provider, 'one.example.', [fleetRecord('one.example.', 'api'), fleetRecord('one.example.', 'www')]);
    await converge(h.provider, 'two.example.', [fleetRecord('two.example.', 'api', ['192.0.2.1', '192.0.2.9'])]);
    expect(ips(h)).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.9', '198.51.100.1']);
    await converge(fresh(h), 'one.example.', []);
    // 192.0.2.2 was one.example.'s alone; the rest two.example. still names
    expect(ips(h)).toEqual(['192.0.2.1', '192.0.2.9', '198.51.100.1']);
    assertAccountInvariants(h);
    await converge(fresh(h), 'two.example.', []);
    expect(ips(h)).toEqual([]);
  });

  it('a value change on one record of many adds a check for the new value and leaves the shared ones as they are', async () => {
    h = await startProvider();
    const records = ['a', 'b', 'c'].map((n) => fleetRecord('example.com.', n));
    await converge(h.provider, 'example.com.', records);
    const before = checks(h).map((c) => `${c.Id} ${c.HealthCheckVersion}`).sort();
    h.emulator.resetCounters();
    await converge(fresh(h), 'example.com.', [records[0]!, records[1]!, fleetRecord('example.com.', 'c', ['192.0.2.1', '192.0.2.3'])]);
    expect(h.emulator.counters()['UpdateHealthCheck'] ?? 0).toBe(0);
    expect(h.emulator.counters()['DeleteHealthCheck'] ?? 0).toBe(0);
    const after = checks(h).map((c) => `${c.Id} ${c.HealthCheckVersion}`);
    for (const b of before) expect(after).toContain(b);
    expect(ips(h)).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3', '198.51.100.1']);
    // c back to the shared endpoints: the check only it used goes
    await converge(fresh(h), 'example.com.', records);
    expect(ips(h)).toEqual(['192.0.2.1', '192.0.2.2', '198.51.100.1']);
    assertAccountInvariants(h);
  });

  it('two operators applying at once create each shared check once (the CallerReference is deterministic)', async () => {
    h = await startProvider();
    const c = sdkClient(h.emulator.url);
    for (const z of ['one.example.', 'two.example.']) await c.send(new CreateHostedZoneCommand({ Name: z, CallerReference: `zone-${z}` }));
    c.destroy();
    await Promise.all([
      converge(fresh(h), 'one.example.', [fleetRecord('one.example.', 'api')]),
      converge(fresh(h), 'two.example.', [fleetRecord('two.example.', 'api')]),
    ]);
    expect(ips(h)).toEqual(['192.0.2.1', '192.0.2.2', '198.51.100.1']);
    assertAccountInvariants(h);
  });

  it('with 20% faults injected, applies converge with no orphan and no duplicate check', async () => {
    h = await startProvider({ faults: faultConfig(0.2), seed: 7 });
    const zone = 'example.com.';
    const p = fresh(h, { client_max_attempts: 30 });
    await converge(p, zone, Array.from({ length: 6 }, (_, i) => fleetRecord(zone, `host${i}`, i % 2 ? ['192.0.2.1', '192.0.2.2'] : ['192.0.2.3'])));
    await converge(fresh(h, { client_max_attempts: 30 }), zone, Array.from({ length: 6 }, (_, i) => fleetRecord(zone, `host${i}`, ['192.0.2.4'])));
    // the run must have met injected faults, or it proved nothing
    expect(Object.values(h.emulator.errorCounters()).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    h.emulator.setFaults({});
    assertAccountInvariants(h);
    expect(ips(h)).toEqual(['192.0.2.4', '198.51.100.1']);
  });

  it("adopts octoDNS's per-record checks: a zone octoDNS wrote plans with no change, and a later change keeps each value's check", async () => {
    h = await startProvider();
    const zone = 'example.com.';
    const records = [fleetRecord(zone, 'a'), fleetRecord(zone, 'b')];
    // octoDNS's layout: dnsctl compiles the same rrsets; only the checks differ (one per record and value)
    const c = sdkClient(h.emulator.url);
    await converge(fresh(h), zone, records);
    const ids = new Map<string, string>();
    for (const r of records) {
      for (const ip of ['192.0.2.1', '192.0.2.2', '198.51.100.1']) {
        const ref = `0001:A:${r.name}.${zone}:${createHash('sha256').update(ip).digest('hex').slice(0, 12)}`;
        const out = await c.send(new CreateHealthCheckCommand({ CallerReference: ref, HealthCheckConfig: healthCheckConfig(r, ip, 'obey') }));
        ids.set(`${r.name} ${ip}`, out.HealthCheck!.Id!);
      }
    }
    // point each record's value rrsets at its own octoDNS check, as octoDNS writes them, and drop dnsctl's
    const shared = checks(h).filter((x) => x.CallerReference.startsWith('0001:dnsctl:')).map((x) => x.Id);
    const zoneId = Object.values(h.emulator.snapshot().zones).find((z) => z.Name === zone)!.Id.replace('/hostedzone/', '');
    const listed = await c.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    const upserts = (listed.ResourceRecordSets ?? []).flatMap((rr) => {
      const m = /^_octodns-[^.]+-value\.([^.]+)\./.exec(rr.Name ?? '');
      return m && rr.HealthCheckId ? [{ Action: 'UPSERT' as const, ResourceRecordSet: { ...rr, HealthCheckId: ids.get(`${m[1]} ${rr.ResourceRecords![0]!.Value}`)! } }] : [];
    });
    expect(upserts).toHaveLength(6);
    await c.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: upserts } }));
    for (const id of shared) await c.send(new DeleteHealthCheckCommand({ HealthCheckId: id }));
    c.destroy();
    const p = fresh(h);
    const zc = zoneConfig(zone, { targets: ['route53'] });
    expect((await planZoneTarget(config, zc, records, p)).changes).toEqual([]);
    // a TTL change of a: its rrsets keep their octoDNS checks (no check churn), b is untouched
    h.emulator.resetCounters();
    await converge(p, zone, [{ ...records[0]!, ttl: 120 }, records[1]!]);
    expect(h.emulator.counters()['CreateHealthCheck'] ?? 0).toBe(0);
    const referenced = new Set(Object.values(h.emulator.snapshot().zones).flatMap((z) => z.rrsets.flatMap((r) => (r.HealthCheckId ? [r.HealthCheckId] : []))));
    for (const id of ids.values()) expect(referenced.has(id)).toBe(true);
  });

  it("a zone whose view of the checks is stale (another operator's apply collected a shared check since) makes the check again and applies", async () => {
    h = await startProvider();
    await converge(h.provider, 'one.example.', [fleetRecord('one.example.', 'api')]);
    // another process plans two.example. with the same endpoints and lists the account's checks…
    const p2 = fresh(h);
    const c = sdkClient(h.emulator.url);
    const zoneId = (await c.send(new CreateHostedZoneCommand({ Name: 'two.example.', CallerReference: 'zone-two' }))).HostedZone!.Id!.replace('/hostedzone/', '');
    c.destroy();
    const zc = zoneConfig('two.example.', { targets: ['route53'] });
    const plan = await planZoneTarget(config, zc, [fleetRecord('two.example.', 'api')], p2);
    expect((await p2.checks.all()).size).toBe(3);
    // …then one.example. drops its record: its checks, now unused, are deleted
    await converge(fresh(h), 'one.example.', []);
    expect(checks(h)).toHaveLength(0);
    // two.example. writes from its stale view: the batch names checks that are gone
    const { results } = await applyZoneChanges(
      {
        api: p2.api,
        checks: p2.checks,
        zone: 'two.example.',
        zoneId,
        compile: { zoneId, route53Region: (r) => r },
        decode: { zone: 'two.example.', checks: new Map(), regionIdFor: () => undefined },
        limits: { records: 1000, chars: 32000 },
        wait: false,
        waitTimeoutMs: 0,
        pollMs: 0,
        orphanGraceMs: 3600_000,
      },
      orderChanges(plan.changes),
      [],
    );
    expect(results.map((r) => r.error ?? r.status)).toEqual(['applied']);
    expect((await planZoneTarget(config, zc, [fleetRecord('two.example.', 'api')], fresh(h))).changes).toEqual([]);
    expect(ips(h)).toEqual(['192.0.2.1', '192.0.2.2', '198.51.100.1']);
    assertAccountInvariants(h);
  });
});
