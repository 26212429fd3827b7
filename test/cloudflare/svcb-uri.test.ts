/**
 * HTTPS, SVCB and URI records through the Cloudflare provider, the real SDK and the real
 * planner against the emulator: what is stored as Cloudflare `data`, zero-diff re-plans,
 * in-place updates, deletes, alias mode, and records written by other tools.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import Cloudflare from 'cloudflare';
import { planZoneTarget } from '../../src/api/plan.js';
import { buildRecord } from '../../src/model/build-record.js';
import { orderChanges } from '../../src/plan/order.js';
import type { DnsRecord, JsonObject } from '../../src/model/record.js';
import type { ZonePlan } from '../../src/plan/types.js';
import type { DnsRecordState } from '../../providers/cloudflare/emulator/types.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import { checkInvariants, startCf, type CfHarness } from './helpers.js';

const ZONE = 'example.com.';
const config = standaloneConfig('test', { baseDir: resolve(__dirname, '../..') });
const zc = zoneConfig(ZONE);
const READ = { lenient: false, sets: new Set(['legacy' as const]), disabledValidators: new Map() };

/** A record as the YAML provider builds it from a zone-file mapping. */
function rec(name: string, data: JsonObject): DnsRecord {
  const res = buildRecord(name, data, { zone: ZONE, sets: new Set(['legacy']), disabled: new Map(), defaultTtl: 3600, escapedSemicolons: true });
  if (!res.ok) throw new Error(`invalid test record ${name}: ${JSON.stringify(res.reasons)}`);
  return res.record;
}

const plan = (h: CfHarness, desired: DnsRecord[]) => planZoneTarget(config, zc, desired, h.provider);
async function planApply(h: CfHarness, desired: DnsRecord[]): Promise<ZonePlan> {
  const zp = await plan(h, desired);
  const results = await h.provider.apply(ZONE, orderChanges(zp.changes), {});
  const bad = results.filter((r) => r.status !== 'applied');
  if (bad.length) throw new Error(bad.map((r) => `${r.change.name} ${r.change.type}: ${r.status} ${r.error ?? ''}`).join('\n'));
  return zp;
}
const kinds = (zp: ZonePlan) => zp.changes.map((c) => `${c.kind} ${c.name} ${c.type}`);

function stored(h: CfHarness, name: string, type: string): DnsRecordState[] {
  const [zone] = h.emu.admin.state().zones;
  return h.emu.admin.state().records[zone!.id]!.filter((r) => r.name === name && r.type === type);
}

// svcparams written in no particular key order, port as a YAML integer: canonical() must
// still match what Cloudflare holds and dnsctl reads back
const https = () =>
  rec('www', {
    type: 'HTTPS',
    ttl: 300,
    values: [
      { svcpriority: 1, targetname: '.', svcparams: { port: 8443, ipv4hint: ['192.0.2.1', '192.0.2.2'], alpn: ['h3', 'h2'] } },
      { svcpriority: 2, targetname: 'alt.example.net.', svcparams: { 'no-default-alpn': null, alpn: ['h2'], mandatory: ['alpn'] } },
    ],
  });
const svcb = () => rec('_dns', { type: 'SVCB', ttl: 600, value: { svcpriority: 1, targetname: 'dns.example.com.', svcparams: { alpn: ['dot', 'doq'], port: '853' } } });
const uri = () =>
  rec('_ftp._tcp', {
    type: 'URI',
    ttl: 3600,
    values: [
      { priority: 10, weight: 1, target: 'ftp://ftp1.example.com/public' },
      { priority: 20, weight: 5, target: 'ftp://ftp2.example.com/public' },
    ],
  });

let h: CfHarness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

describe('HTTPS, SVCB and URI records', () => {
  it('are supported: created as Cloudflare data, then re-planned with zero diff', async () => {
    h = await startCf();
    const desired = [https(), svcb(), uri()];
    const first = await planApply(h, desired);
    expect(first.losses).toEqual([]);
    expect(kinds(first).sort()).toEqual(['create _dns SVCB', 'create _ftp._tcp URI', 'create www HTTPS']);

    const www = stored(h, 'www.example.com', 'HTTPS').sort((a, b) => Number(a.data?.priority) - Number(b.data?.priority));
    expect(www.map((r) => r.data)).toEqual([
      { priority: 1, target: '.', value: 'alpn="h3,h2" port="8443" ipv4hint="192.0.2.1,192.0.2.2"' },
      { priority: 2, target: 'alt.example.net', value: 'mandatory="alpn" alpn="h2" no-default-alpn' },
    ]);
    expect(www[0]!.content).toBe('1 . alpn="h3,h2" port="8443" ipv4hint="192.0.2.1,192.0.2.2"');
    expect(stored(h, '_dns.example.com', 'SVCB').map((r) => [r.ttl, r.data])).toEqual([[600, { priority: 1, target: 'dns.example.com', value: 'alpn="dot,doq" port="853"' }]]);
    const ftp = stored(h, '_ftp._tcp.example.com', 'URI').sort((a, b) => Number(a.priority) - Number(b.priority));
    expect(ftp.map((r) => [r.priority, r.data, r.content])).toEqual([
      [10, { weight: 1, target: 'ftp://ftp1.example.com/public' }, '1 "ftp://ftp1.example.com/public"'],
      [20, { weight: 5, target: 'ftp://ftp2.example.com/public' }, '5 "ftp://ftp2.example.com/public"'],
    ]);

    expect(kinds(await plan(h, desired))).toEqual([]);
    // another process reads the same
    expect(kinds(await planZoneTarget(config, zc, desired, h.fresh()))).toEqual([]);
    const live = await h.provider.populate(ZONE, READ);
    expect(live.findings).toEqual([]);
    expect(live.records.find((r) => r.type === 'HTTPS')?.values[0]).toEqual({
      svcpriority: 1,
      targetname: '.',
      svcparams: { alpn: ['h3', 'h2'], port: '8443', ipv4hint: ['192.0.2.1', '192.0.2.2'] },
    });
    checkInvariants(h.emu);
  });

  it('updates one svcparam in place: one put, the other value untouched, then zero diff', async () => {
    h = await startCf();
    await planApply(h, [https()]);
    const before = stored(h, 'www.example.com', 'HTTPS');
    const changed = https();
    changed.values = changed.values.map((v) => {
      const o = v as JsonObject;
      return o['svcpriority'] === 1 ? { ...o, svcparams: { ...(o['svcparams'] as JsonObject), port: 8444 } } : o;
    });
    h.emu.resetCounters();
    const zp = await planApply(h, [changed]);
    expect(kinds(zp)).toEqual(['update www HTTPS']);
    expect(h.emu.counters()['dns_records.batch']).toBe(1);
    const after = stored(h, 'www.example.com', 'HTTPS');
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    const one = after.find((r) => r.data?.priority === 1)!;
    const two = after.find((r) => r.data?.priority === 2)!;
    expect(one.data?.value).toBe('alpn="h3,h2" port="8444" ipv4hint="192.0.2.1,192.0.2.2"');
    expect(two.modified_on).toBe(before.find((r) => r.id === two.id)!.modified_on);
    expect(kinds(await plan(h, [changed]))).toEqual([]);
  });

  it('deletes HTTPS, SVCB and URI records', async () => {
    h = await startCf();
    await planApply(h, [https(), svcb(), uri()]);
    const zp = await planApply(h, [svcb()]);
    expect(kinds(zp).sort()).toEqual(['delete _ftp._tcp URI', 'delete www HTTPS']);
    expect(stored(h, 'www.example.com', 'HTTPS')).toEqual([]);
    expect(stored(h, '_ftp._tcp.example.com', 'URI')).toEqual([]);
    expect(stored(h, '_dns.example.com', 'SVCB')).toHaveLength(1);
    expect(kinds(await planApply(h, []))).toEqual(['delete _dns SVCB']);
    const [zone] = h.emu.admin.state().zones;
    expect(h.emu.admin.state().records[zone!.id]).toEqual([]);
    expect(kinds(await plan(h, []))).toEqual([]);
  });

  it('alias-mode HTTPS (priority 0, no svcparams) at the apex round-trips', async () => {
    h = await startCf();
    const alias = rec('', { type: 'HTTPS', ttl: 300, value: { svcpriority: 0, targetname: 'cdn.example.net.' } });
    expect(kinds(await planApply(h, [alias]))).toEqual(['create  HTTPS']);
    const [r] = stored(h, 'example.com', 'HTTPS');
    expect(r?.data).toEqual({ priority: 0, target: 'cdn.example.net', value: '' });
    expect(r?.content).toBe('0 cdn.example.net');
    const live = await h.provider.populate(ZONE, READ);
    expect(live.records.map((x) => [x.name, x.type, x.values])).toEqual([['', 'HTTPS', [{ svcpriority: 0, targetname: 'cdn.example.net.', svcparams: {} }]]]);
    expect(kinds(await plan(h, [alias]))).toEqual([]);
    // pointing the alias elsewhere is an update of the one record
    const moved = rec('', { type: 'HTTPS', ttl: 300, value: { svcpriority: 0, targetname: '.' } });
    expect(kinds(await planApply(h, [moved]))).toEqual(['update  HTTPS']);
    expect(stored(h, 'example.com', 'HTTPS').map((x) => x.data)).toEqual([{ priority: 0, target: '.', value: '' }]);
    expect(kinds(await plan(h, [moved]))).toEqual([]);
  });

  it('URI: priority at the top level, weight and target in data; a weight change is an in-place update', async () => {
    h = await startCf();
    await planApply(h, [uri()]);
    const ids = stored(h, '_ftp._tcp.example.com', 'URI').map((r) => r.id).sort();
    const heavier = uri();
    heavier.values = heavier.values.map((v) => ((v as JsonObject)['priority'] === 20 ? { ...(v as JsonObject), weight: 7 } : v));
    expect(kinds(await planApply(h, [heavier]))).toEqual(['update _ftp._tcp URI']);
    const after = stored(h, '_ftp._tcp.example.com', 'URI');
    expect(after.map((r) => r.id).sort()).toEqual(ids);
    expect(after.find((r) => r.priority === 20)?.data).toEqual({ weight: 7, target: 'ftp://ftp2.example.com/public' });
    expect(kinds(await plan(h, [heavier]))).toEqual([]);
  });

  it('reads HTTPS records written by other tools (bare values, any key order, no-default-alpn="", trailing dot) without a diff', async () => {
    h = await startCf();
    const [zone] = h.emu.admin.state().zones;
    const cf = new Cloudflare({ apiToken: 't', baseURL: h.emu.url, maxRetries: 0 });
    await cf.dns.records.create({
      zone_id: zone!.id,
      type: 'HTTPS',
      name: 'svc.example.com',
      ttl: 300,
      data: { priority: 1, target: 'pool.example.net.', value: 'port=8443 no-default-alpn="" alpn=h3,h2' },
    });
    const live = await h.provider.populate(ZONE, READ);
    expect(live.records.map((r) => r.values)).toEqual([[{ svcpriority: 1, targetname: 'pool.example.net.', svcparams: { port: '8443', 'no-default-alpn': null, alpn: ['h3', 'h2'] } }]]);
    const same = rec('svc', { type: 'HTTPS', ttl: 300, value: { svcpriority: 1, targetname: 'pool.example.net.', svcparams: { alpn: ['h3', 'h2'], 'no-default-alpn': null, port: 8443 } } });
    expect(kinds(await plan(h, [same]))).toEqual([]);
  });
});
