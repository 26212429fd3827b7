/**
 * The SvcParams presentation string of Cloudflare's HTTPS/SVCB `data.value`: what dnsctl
 * writes reads back as the same svcparams (quotes, commas and backslashes inside values
 * included), and the forms other writers use read as octoDNS reads them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Json, JsonObject } from '../../src/model/record.js';
import { formatSvcParams, parseSvcParams, svcbValue } from '../../providers/cloudflare/svcb.js';

describe('SvcParams presentation form', () => {
  it('writes keys in SvcParamKey order, values quoted, list items escaped', () => {
    expect(formatSvcParams({ key65000: 'x', ipv6hint: ['2001:db8::1'], ech: 'AEn+', port: 443, 'no-default-alpn': null, alpn: ['h2', 'a,b', 'c\\d'], mandatory: ['alpn', 'port'] })).toBe(
      'mandatory="alpn,port" alpn="h2,a\\\\,b,c\\\\\\\\d" no-default-alpn port="443" ech="AEn+" ipv6hint="2001:db8::1" key65000="x"',
    );
    expect(formatSvcParams({})).toBe('');
  });

  it('reads bare and quoted values, escapes, any key order and flag keys written key=""', () => {
    expect(parseSvcParams('  port=8443   alpn=h3,h2 no-default-alpn="" ech="AEn+" ipv4hint="192.0.2.1,192.0.2.2" key7="a b"  ')).toEqual({
      port: '8443',
      alpn: ['h3', 'h2'],
      'no-default-alpn': null,
      ech: 'AEn+',
      ipv4hint: ['192.0.2.1', '192.0.2.2'],
      key7: 'a b',
    });
    // RFC 9460 appendix D: alpn="f\\\\oo\\,bar,h2" and alpn=f\\\092oo\092,bar,h2 are both the ids "f\oo,bar" and "h2"
    expect(parseSvcParams('alpn="f\\\\\\\\oo\\\\,bar,h2"')).toEqual({ alpn: ['f\\oo,bar', 'h2'] });
    expect(parseSvcParams('alpn=f\\\\\\092oo\\092,bar,h2')).toEqual({ alpn: ['f\\oo,bar', 'h2'] });
    expect(parseSvcParams('')).toEqual({});
  });

  it('reads a record from data, or from content when data is missing', () => {
    const want = { svcpriority: 1, targetname: 'svc.example.net.', svcparams: { alpn: ['h2'] } };
    expect(svcbValue({ priority: 1, target: 'svc.example.net', value: 'alpn="h2"' })).toEqual(want);
    expect(svcbValue(undefined, '1 svc.example.net. alpn="h2"')).toEqual(want);
    expect(svcbValue({ priority: 0, target: '.', value: '' })).toEqual({ svcpriority: 0, targetname: '.', svcparams: {} });
  });

  it('reads back whatever it writes (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', '\\', '"', ' ', '=', '\t', 'é') });
    const item = fc.string({ minLength: 1, unit: fc.constantFrom('h', '3', ',', '\\', '"', ' ', '=') });
    const params: fc.Arbitrary<JsonObject> = fc.record(
      {
        mandatory: fc.array(fc.constantFrom('alpn', 'port', 'key9'), { maxLength: 3 }),
        alpn: fc.array(item, { maxLength: 4 }),
        'no-default-alpn': fc.constant(null),
        port: text,
        ipv4hint: fc.array(fc.ipV4(), { maxLength: 3 }),
        ech: fc.base64String(),
        ipv6hint: fc.array(fc.ipV6(), { maxLength: 2 }),
        key1234: text,
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Record<string, Json>>;
    fc.assert(
      fc.property(params, (p) => {
        expect(parseSvcParams(formatSvcParams(p))).toEqual(p);
      }),
      { numRuns: 500 },
    );
  });
});
