import { describe, expect, it } from 'vitest';
import {
  checkTargetFormat,
  compareStrings,
  idnaEncode,
  isIpAddress,
  isPyIPv6,
  isStrictIPv4,
  isValidFqdn,
  normaliseIPv6,
  pyInt,
  pyStr,
} from '../../src/model/types/common.js';

describe('isValidFqdn (fqdn 1.5 FQDN(..., allow_underscores=True).is_valid)', () => {
  it.each([
    ['foo.bar', true],
    ['foo.bar.', true],
    ['_sip._tcp.example.com.', true],
    ['a-b.c_d.', true],
    ['1.2.3.4', true],
    ['m.', false],
    ['foo', false],
    ['.', false],
    ['', false],
    ['-a.com.', false],
    ['a-.com.', false],
    ['a..com.', false],
    ['a b.com.', false],
    [`${'a'.repeat(63)}.com.`, true],
    [`${'a'.repeat(64)}.com.`, false],
    ['foo.com\n', true],
  ])('%j -> %s', (name, ok) => {
    expect(isValidFqdn(name)).toBe(ok);
  });

  it('total length: 253 without the trailing dot', () => {
    const labels = Array.from({ length: 127 }, (_, i) => String.fromCharCode(97 + (i % 26)));
    const n253 = labels.join('.');
    expect(n253.length).toBe(253);
    expect(isValidFqdn(n253)).toBe(true);
    expect(isValidFqdn(`${n253}.`)).toBe(true);
    expect(isValidFqdn(`x${n253}`)).toBe(false);
  });
});

describe('ipaddress semantics', () => {
  it.each([
    ['1.2.3.4', true],
    ['01.2.3.4', false],
    ['1.2.3', false],
    ['256.1.1.1', false],
    ['1.2.3.4 ', false],
  ])('IPv4 %j -> %s', (v, ok) => expect(isStrictIPv4(v)).toBe(ok));

  it.each([
    ['2001:db8::1', true],
    ['::', true],
    ['::1', true],
    ['1::', true],
    ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8', true],
    ['::ffff:1.2.3.4', true],
    ['fe80::1%eth0', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    [':1::2', false],
    ['12345::', false],
    ['1:2:3:4:5:6:7:8::', false],
    ['::ffff:01.2.3.4', false],
    ['1.2.3.4', false],
  ])('IPv6 %j -> %s', (v, ok) => expect(isPyIPv6(v)).toBe(ok));

  it.each([
    ['2001:DB8::0001', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['0:0:1:0:0:2:0:0', '::1:0:0:2:0:0'],
    ['::ffff:1.2.3.4', '::ffff:102:304'],
    ['0:0:0:0:0:0:0:0', '::'],
  ])('normaliseIPv6 %j -> %j', (v, out) => expect(normaliseIPv6(v)).toBe(out));

  it('ip_address accepts either family', () => {
    expect(isIpAddress('10.0.0.1')).toBe(true);
    expect(isIpAddress('::1')).toBe(true);
    expect(isIpAddress('example.com')).toBe(false);
  });
});

describe('python helpers', () => {
  it('pyInt follows int()', () => {
    expect(pyInt('10')).toEqual({ ok: true, value: 10 });
    expect(pyInt(' 10 ')).toEqual({ ok: true, value: 10 });
    expect(pyInt('1_0')).toEqual({ ok: true, value: 10 });
    expect(pyInt(10.7)).toEqual({ ok: true, value: 10 });
    expect(pyInt(true)).toEqual({ ok: true, value: 1 });
    expect(pyInt('10.5').ok).toBe(false);
    expect(pyInt('abc').ok).toBe(false);
    expect(pyInt(null)).toEqual({ ok: false, error: 'TypeError' });
  });
  it('pyStr follows str()', () => {
    expect(pyStr(null)).toBe('None');
    expect(pyStr(true)).toBe('True');
    expect(pyStr(['a', 1])).toBe("['a', 1]");
    expect(pyStr({ a: 'b' })).toBe("{'a': 'b'}");
  });
  it('compareStrings orders by code point', () => {
    expect(compareStrings('a', 'b')).toBeLessThan(0);
    expect(compareStrings('B', 'a')).toBeLessThan(0);
    expect(compareStrings('\u{10000}', '\uffff')).toBeGreaterThan(0);
  });
  it('idnaEncode lower-cases and punycodes', () => {
    expect(idnaEncode('WWW.Example.COM.')).toBe('www.example.com.');
    expect(idnaEncode('bücher.de.')).toBe('xn--bcher-kva.de.');
    expect(idnaEncode('*.bücher.de.')).toBe('*.xn--bcher-kva.de.');
  });
  it('checkTargetFormat texts', () => {
    expect(checkTargetFormat('', 'CNAME')).toEqual(['missing value']);
    expect(checkTargetFormat('.', 'MX', 'exchange')).toEqual([]);
    expect(checkTargetFormat('.', 'CNAME')).toEqual(['CNAME value "." is not a valid FQDN']);
    expect(checkTargetFormat('{zone_name}', 'CNAME')).toEqual([]);
    expect(checkTargetFormat('FOO', 'CNAME')).toEqual(['CNAME value "foo" is not a valid FQDN']);
  });
});
