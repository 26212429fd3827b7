/** Every record type the provider declares round-trips through Route 53's value text with no diff. */
import { afterEach, expect, it } from 'vitest';
import { sameRecord } from '../../src/plan/compare.js';
import { changeLines, plan, planAndApply, record, startProvider, type Route53Harness } from './helpers.js';

let h: Route53Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const records = () => [
  record('', { type: 'A', ttl: 300, values: ['192.0.2.1', '192.0.2.2'] }),
  record('v6', { type: 'AAAA', ttl: 300, values: ['2001:db8::1'] }),
  record('', { type: 'CAA', values: [{ flags: 0, tag: 'issue', value: 'ca.example.net; account=123' }, { flags: 128, tag: 'iodef', value: 'mailto:sec@example.com' }] }),
  record('alias', { type: 'CNAME', value: 'target.example.net.' }),
  record('sub', { type: 'DS', values: [{ key_tag: 60485, algorithm: 5, digest_type: 1, digest: '2bb183af5f22588179a53b0a98631fad1a292118' }] }),
  record('', { type: 'MX', values: [{ preference: 10, exchange: 'mx1.example.net.' }, { preference: 20, exchange: 'mx2.example.net.' }] }),
  record('naptr', { type: 'NAPTR', values: [{ order: 100, preference: 10, flags: 'S', service: 'SIP+D2U', regexp: '', replacement: '_sip._udp.example.com.' }, { order: 102, preference: 10, flags: 'U', service: 'E2U+sip', regexp: '!^.*$!sip:info@example.com!', replacement: '.' }] }),
  record('delegated', { type: 'NS', values: ['ns1.example.net.', 'ns2.example.net.'] }),
  record('1.2.0.192', { type: 'PTR', values: ['host.example.com.'] }),
  record('', { type: 'SPF', values: ['v=spf1 -all'] }),
  record('_sip._tcp', { type: 'SRV', values: [{ priority: 10, weight: 60, port: 5060, target: 'sip1.example.com.' }] }),
  record('ssh', { type: 'SSHFP', values: [{ algorithm: 1, fingerprint_type: 1, fingerprint: 'bf6b6825d2977c511a475bbefb88aad54a92ac73' }] }),
  record('_443._tcp.www', { type: 'TLSA', values: [{ certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: 'abcdef0123456789' }] }),
  record('txt', {
    type: 'TXT',
    values: ['v=DKIM1\\; k=rsa\\; p=' + 'A'.repeat(400), 'say "hello"', 'back\\\\slash', 'plain'],
  }),
  record('*', { type: 'A', ttl: 60, value: '192.0.2.9' }),
  record('svc', { type: 'HTTPS', values: [{ svcpriority: 1, targetname: '.', svcparams: { alpn: ['h2', 'h3'], port: '443' } }] }),
  record('_dns', { type: 'SVCB', values: [{ svcpriority: 0, targetname: 'svc.example.com.', svcparams: {} }] }),
];

it('writes and reads back every supported type, wildcards included, with no diff', async () => {
  h = await startProvider();
  const desired = records();
  for (const r of desired) expect(h.provider.capabilities.types).toContain(r.type);
  const { plan: zp, results } = await planAndApply(h.provider, desired);
  expect(zp.losses).toEqual([]);
  expect(results.filter((r) => r.status !== 'applied').map((r) => `${r.change.name} ${r.change.type}: ${r.error}`)).toEqual([]);
  const live = await h.provider.populate('example.com.', { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
  expect(live.findings).toEqual([]);
  expect(live.unmanaged ?? []).toEqual([]);
  expect(changeLines(await plan(h.provider, desired))).toEqual([]);
  // and nothing was lost on the way: what Route 53 holds reads back as the records themselves
  const byKey = new Map(live.records.map((r) => [`${r.name} ${r.type}`, r]));
  for (const r of desired) {
    expect(sameRecord(h.provider.canonical(r), r), `${r.name} ${r.type} canonical`).toBe(true);
    expect(byKey.get(`${r.name} ${r.type}`)?.values, `${r.name} ${r.type}`).toEqual(r.values);
  }
  // the long TXT value went out as 255-character chunks
  const txt = Object.values(h.emulator.snapshot().zones)[0]!.rrsets.find((r) => r.Name === 'txt.example.com.')!;
  expect(txt.ResourceRecords!.some((v) => /^"[^"]{255}" "/.test(v.Value))).toBe(true);
});

it('reads a wildcard dynamic record back from its escaped names', async () => {
  h = await startProvider();
  const wild = record('*.app', {
    type: 'A',
    ttl: 60,
    values: ['192.0.2.1'],
    dynamic: { pools: { one: { values: [{ value: '192.0.2.1' }, { value: '192.0.2.2', status: 'up' }] } }, rules: [{ pool: 'one' }] },
  });
  const { results } = await planAndApply(h.provider, [wild]);
  expect(results.map((r) => r.error ?? r.status)).toEqual(['applied']);
  expect(changeLines(await plan(h.provider, [wild]))).toEqual([]);
  expect(sameRecord(h.provider.canonical(wild), wild)).toBe(true);
  // one shared check; its Name tag replaces `*` as octoDNS does (Route 53 refuses it in tag values)
  const state = h.emulator.snapshot();
  expect(Object.values(state.healthChecks).map((c) => c.CallerReference)).toEqual([expect.stringMatching(/^0001:dnsctl:[0-9a-f]{32}:[0-9a-z]+$/)]);
});
