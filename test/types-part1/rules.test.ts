import { describe, expect, it } from 'vitest';
import type { DnsRecord, RecordType, Value } from '../../src/model/record.js';
import type { ValidatorSet } from '../../src/model/types/spec.js';
import { validateRecordRules } from '../../src/validate/record-rules.js';
import { validateZoneRules } from '../../src/validate/zone-rules.js';

const ZONE = 'example.com.';
const g = (sets: ValidatorSet[], disabled: string[] = []) => ({ sets: new Set(sets), disabled: new Set(disabled) });

function rr(name: string, type: RecordType, extra: { ttl?: unknown; octodns?: unknown } = {}) {
  return {
    name,
    fqdn: name ? `${name}.${ZONE}` : ZONE,
    type,
    ttl: 'ttl' in extra ? extra.ttl : 300,
    octodns: extra.octodns,
  };
}

type RCase = [string, ReturnType<typeof rr>, ValidatorSet[], Array<[string, string]>];

const long = 'a'.repeat(64);
const RECORD_CASES: RCase[] = [
  ['@ name', rr('@', 'A'), ['legacy'], [['invalid name "@", use "" instead', 'name-rfc']]],
  ['long label', rr(long, 'A'), ['legacy'], [[`invalid label, "${long}" is too long at 64 chars, max is 63`, 'name-rfc']]],
  ['double dot', rr('a..b', 'A'), ['strict'], [['invalid name, double `.` in "a..b.example.com."', 'name-rfc']]],
  ['trailing dot', rr('a.', 'A'), ['legacy'], [['invalid name, double `.` in "a..example.com."', 'name-rfc']]],
  ['missing ttl', rr('a', 'A', { ttl: undefined }), ['legacy'], [['missing ttl', 'ttl-rfc']]],
  ['negative ttl', rr('a', 'A', { ttl: -1 }), ['legacy'], [['invalid ttl', 'ttl-rfc']]],
  ['string ttl ok', rr('a', 'A', { ttl: '60' }), ['legacy'], []],
  ['bad protocol', rr('a', 'A', { octodns: { healthcheck: { protocol: 'BOGUS' } } }), ['legacy'], [
    ['invalid healthcheck protocol', 'healthcheck'],
  ]],
  ['good protocol', rr('a', 'A', { octodns: { healthcheck: { protocol: 'TCP' } } }), ['strict'], []],
  ['no protocol', rr('a', 'A', { octodns: { healthcheck: { host: 'x' } } }), ['strict'], []],
  ['root CNAME', rr('', 'CNAME'), ['legacy'], [['root CNAME not allowed', 'cname-root-rfc']]],
  ['non-root ALIAS', rr('www', 'ALIAS'), ['strict'], [['non-root ALIAS not allowed', 'alias-root']]],
  ['root ALIAS', rr('', 'ALIAS'), ['strict'], []],
  ['SRV name legacy', rr('srv', 'SRV'), ['legacy'], [['invalid name for SRV record', 'srv-name']]],
  ['SRV name legacy ok', rr('_srv._tcp', 'SRV'), ['legacy'], []],
  ['SRV wildcard legacy ok', rr('*._tcp', 'SRV'), ['legacy'], []],
  ['SRV one label strict', rr('_srv', 'SRV'), ['strict'], [
    ['SRV name must have at least two labels (_service._proto)', 'srv-name-rfc'],
  ]],
  ['SRV bad labels strict', rr('_1srv._t--cp', 'SRV'), ['strict'], [
    ['invalid SRV service label "_1srv"', 'srv-name-rfc'],
    ['invalid SRV proto label "_t--cp"', 'srv-name-rfc'],
  ]],
  ['SRV long service strict', rr('_abcdefghijklmnop._tcp', 'SRV'), ['strict'], [
    ['invalid SRV service label "_abcdefghijklmnop"', 'srv-name-rfc'],
  ]],
  ['SRV ok strict', rr('_imap-s._tcp.sub', 'SRV'), ['strict'], []],
  ['URI name legacy', rr('uri', 'URI'), ['legacy'], [['invalid name for URI record', 'uri-name']]],
  ['URI name strict', rr('', 'URI'), ['strict'], [
    ['URI name must have at least two labels (_service._proto)', 'uri-name-rfc'],
  ]],
  ['URI labels strict', rr('x._tcp-', 'URI'), ['strict'], [
    ['invalid URI service label "x"', 'uri-name-rfc'],
    ['invalid URI proto label "_tcp-"', 'uri-name-rfc'],
  ]],
  ['SPF strict', rr('', 'SPF'), ['strict'], [
    ['The SPF record type is DEPRECATED in favor of TXT values and will become an ValidationError in 2.0', 'spf-record-type'],
  ]],
  ['SPF legacy', rr('', 'SPF'), ['legacy'], []],
];

describe('record-level validators', () => {
  it.each(RECORD_CASES)('%s', (_label, input, sets, expected) => {
    expect(validateRecordRules(input, g(sets)).map((r) => [r.reason, r.via])).toEqual(expected);
  });

  it('long fqdn', () => {
    const name = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
    const fqdn = `${name}.${ZONE}`;
    expect(validateRecordRules({ ...rr(name, 'A'), fqdn }, g(['legacy']))).toEqual([
      { reason: `invalid fqdn, "${fqdn}" is too long at ${fqdn.length} chars, max is 253`, via: 'name-rfc' },
    ]);
  });

  it('order: global validators first, then type validators', () => {
    const got = validateRecordRules(rr('@', 'CNAME', { ttl: -5 }), g(['legacy']));
    expect(got.map((r) => r.via)).toEqual(['name-rfc', 'ttl-rfc']);
    const got2 = validateRecordRules(rr('', 'CNAME', { ttl: -5 }), g(['legacy']));
    expect(got2.map((r) => r.via)).toEqual(['ttl-rfc', 'cname-root-rfc']);
  });

  it('disabled ids are skipped', () => {
    expect(validateRecordRules(rr('', 'CNAME'), g(['legacy'], ['cname-root-rfc']))).toEqual([]);
    expect(
      validateRecordRules(rr('a', 'A', { octodns: { healthcheck: { protocol: 'BOGUS' } } }), g(['legacy'], ['healthcheck'])),
    ).toEqual([]);
  });
});

function rec(name: string, type: RecordType, values: Value[]): DnsRecord {
  return { zone: ZONE, name, type, ttl: 300, values };
}

const zr = (records: DnsRecord[], sets: ValidatorSet[], subZones?: string[]) =>
  validateZoneRules(ZONE, records, { ...g(sets), ...(subZones ? { subZones } : {}) }).map((r) => [r.reason, r.via]);

describe('zone-level validators', () => {
  it('cname-coexistence (legacy)', () => {
    const records = [rec('www', 'CNAME', ['a.example.net.']), rec('www', 'TXT', ['x'])];
    expect(zr(records, ['legacy'])).toEqual([
      ['Invalid state, CNAME at www.example.com. cannot coexist with other records', 'cname-coexistence'],
    ]);
    const reasons = validateZoneRules(ZONE, records, g(['legacy']));
    expect(reasons[0]!.records).toHaveLength(2);
  });

  it('ALIAS with A', () => {
    expect(zr([rec('', 'ALIAS', ['a.example.net.']), rec('', 'A', ['1.2.3.4'])], ['strict'])).toContainEqual([
      'Invalid state, ALIAS at example.com. cannot coexist with A or AAAA records',
      'cname-coexistence',
    ]);
  });

  it('root-cname (strict only)', () => {
    const records = [rec('', 'CNAME', ['a.example.net.'])];
    expect(zr(records, ['strict'])).toEqual([['CNAME record at zone apex "example.com." is not allowed', 'root-cname']]);
    expect(zr(records, ['legacy'])).toEqual([]);
  });

  it('no-cname-loop', () => {
    const records = [rec('a', 'CNAME', ['b.example.com.']), rec('b', 'CNAME', ['a.example.com.'])];
    expect(zr(records, ['strict'])).toEqual([
      ['Loop detected: a.example.com. -> b.example.com. -> a.example.com.', 'no-cname-loop'],
    ]);
  });

  it('cname-target-not-cname and resolvable (best-practice)', () => {
    const records = [
      rec('a', 'CNAME', ['b.example.com.']),
      rec('b', 'CNAME', ['c.example.net.']),
      rec('d', 'CNAME', ['missing.example.com.']),
    ];
    expect(zr(records, ['best-practice'])).toEqual([
      ['CNAME record "d.example.com." points to in-zone target "missing.example.com." that does not exist', 'cname-target-resolvable-in-zone'],
      ['CNAME record "a.example.com." points to target "b.example.com." which is also a CNAME', 'cname-target-not-cname'],
    ]);
  });

  it('dname-coexistence', () => {
    const records = [
      rec('d', 'DNAME', ['x.example.net.']),
      rec('d', 'CNAME', ['y.example.net.']),
      rec('d', 'NS', ['ns1.example.net.', 'ns2.example.net.']),
      rec('w.d', 'A', ['1.2.3.4']),
    ];
    expect(zr(records, ['strict']).filter((r) => r[1] === 'dname-coexistence')).toEqual([
      ['Invalid state, DNAME at d.example.com. cannot coexist with CNAME', 'dname-coexistence'],
      ['Invalid state, DNAME at d.example.com. cannot coexist with NS at a non-apex node', 'dname-coexistence'],
      ['Record "w.d.example.com." is occluded by DNAME "d.example.com."', 'dname-coexistence'],
    ]);
  });

  it('mx/ns/srv targets that are CNAMEs (strict)', () => {
    const records = [
      rec('', 'MX', [{ exchange: 'mail.example.com.', preference: 10 }, { exchange: '.', preference: 0 }]),
      rec('', 'NS', ['ns.example.com.', 'ns2.example.net.']),
      rec('_sip._tcp', 'SRV', [{ port: 5060, priority: 1, target: 'sip.example.com.', weight: 1 }]),
      rec('mail', 'CNAME', ['mail.example.net.']),
      rec('ns', 'CNAME', ['ns.example.net.']),
      rec('sip', 'CNAME', ['sip.example.net.']),
    ];
    const got = zr(records, ['strict']);
    expect(got).toContainEqual([
      'MX record "example.com." points to exchange "mail.example.com." which is a CNAME',
      'mx-target-not-cname',
    ]);
    expect(got).toContainEqual(['NS record "example.com." points to target "ns.example.com." which is a CNAME', 'ns-target-not-cname']);
    expect(got).toContainEqual([
      'SRV record "_sip._tcp.example.com." points to target "sip.example.com." which is a CNAME',
      'srv-target-not-cname',
    ]);
    expect(got).toContainEqual([
      'NS record "example.com." points to in-zone target "ns.example.com." without glue records (A/AAAA)',
      'glue-for-in-zone-ns',
    ]);
  });

  it('glue satisfied by AAAA; sub-zone NS targets are not owned', () => {
    const records = [rec('', 'NS', ['ns1.example.com.', 'ns1.sub.example.com.']), rec('ns1', 'AAAA', ['2001:db8::1'])];
    expect(zr(records, ['strict'], ['sub'])).toEqual([]);
    expect(zr(records, ['strict'])).toEqual([
      ['NS record "example.com." points to in-zone target "ns1.sub.example.com." without glue records (A/AAAA)', 'glue-for-in-zone-ns'],
    ]);
  });

  it('mx/srv resolvable in zone and multi-value-ns (best-practice)', () => {
    const records = [
      rec('', 'MX', [{ exchange: 'mx.example.com.', preference: 10 }]),
      rec('', 'NS', ['ns1.example.net.']),
      rec('_sip._tcp', 'SRV', [{ port: 5060, priority: 1, target: 'sip.example.com.', weight: 1 }]),
    ];
    expect(zr(records, ['best-practice'])).toEqual([
      ['MX record "example.com." points to in-zone target "mx.example.com." that does not exist', 'mx-target-resolvable-in-zone'],
      ['NS record "example.com." has only 1 value; at least 2 are recommended for redundancy', 'multi-value-ns'],
      ['SRV record "_sip._tcp.example.com." points to in-zone target "sip.example.com." that does not exist', 'srv-target-resolvable-in-zone'],
    ]);
  });

  it('disabled zone validators are skipped', () => {
    const records = [rec('www', 'CNAME', ['a.example.net.']), rec('www', 'A', ['1.2.3.4'])];
    expect(validateZoneRules(ZONE, records, g(['legacy'], ['cname-coexistence']))).toEqual([]);
  });
});
