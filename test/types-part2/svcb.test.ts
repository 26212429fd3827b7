import { describe, expect, it } from 'vitest';
import { HTTPS_SPEC, SVCB_SPEC, isPyBase64 } from '../../src/model/types/svcb.js';
import { PART2_SPECS } from '../../src/model/types/part2.js';
import { ALL, BP, LEGACY, OPTS, STRICT, reasons } from './helpers.js';

const FULL = {
  svcparams: {
    alpn: ['h2', 'h3'],
    ech: 'AEj+DQBE',
    ipv4hint: ['192.0.2.1'],
    ipv6hint: ['2001:db8::1'],
    key65000: 'x',
    mandatory: ['alpn', 'port'],
    'no-default-alpn': null,
    port: 8443,
  },
  svcpriority: 1,
  targetname: 'Foo.Example.com.',
};

function one(svcparams: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown[] {
  return [{ svcpriority: 1, targetname: 'foo.bar.com.', svcparams, ...extra }];
}

describe('SVCB / HTTPS', () => {
  it('normalises: int priority, IDNA-encoded lower-case target, params as written', () => {
    expect(SVCB_SPEC.normalise({ ...FULL, svcpriority: '1' }, OPTS)).toEqual({
      svcpriority: 1,
      targetname: 'foo.example.com.',
      svcparams: FULL.svcparams,
    });
    expect(SVCB_SPEC.normalise({ svcpriority: 0, targetname: 'münchen.de.' }, OPTS)).toEqual({
      svcpriority: 0,
      targetname: 'xn--mnchen-3ya.de.',
      svcparams: {},
    });
  });

  it('renders rdata with params sorted by key number', () => {
    expect(SVCB_SPEC.toText(SVCB_SPEC.normalise(FULL, OPTS))).toBe(
      '1 foo.example.com. mandatory=alpn,port alpn=h2,h3 no-default-alpn port=8443 ipv4hint=192.0.2.1 ech=AEj+DQBE ipv6hint=2001:db8::1 key65000=x',
    );
  });

  it('accepts valid values in every set', () => {
    expect(reasons(SVCB_SPEC, [FULL], ALL)).toEqual([]);
    expect(reasons(HTTPS_SPEC, [FULL, { svcpriority: 0, targetname: 'a.example.com.' }], ALL)).toEqual([]);
    // the root label is a valid target
    expect(reasons(SVCB_SPEC, [{ svcpriority: 1, targetname: '.' }], ALL)).toEqual([]);
  });

  it('priority and target reasons (legacy and strict)', () => {
    for (const sets of [LEGACY, STRICT]) {
      expect(reasons(SVCB_SPEC, [{ targetname: 'foo.bar.baz.' }], sets)).toEqual([
        'missing svcpriority, via: svcb-value-rfc',
      ]);
      expect(reasons(SVCB_SPEC, [{ svcpriority: 'foo', targetname: 'foo.bar.baz.' }], sets)).toEqual([
        'invalid priority "foo", via: svcb-value-rfc',
      ]);
      expect(reasons(SVCB_SPEC, [{ svcpriority: 100000, targetname: 'foo.bar.baz.' }], sets)).toEqual([
        'invalid priority "100000", via: svcb-value-rfc',
      ]);
      expect(reasons(SVCB_SPEC, [{ svcpriority: 1 }], sets)).toEqual(['missing targetname, via: svcb-value-rfc']);
      expect(reasons(SVCB_SPEC, [{ svcpriority: 1, targetname: '' }], sets)).toEqual([
        'missing targetname, via: svcb-value-rfc',
      ]);
      expect(reasons(SVCB_SPEC, [{ svcpriority: 1, targetname: 'bla foo.bar.com.' }], sets)).toEqual([
        'SVCB targetname "bla foo.bar.com." is not a valid FQDN, via: svcb-value-rfc',
      ]);
      expect(reasons(HTTPS_SPEC, [{ svcpriority: 1, targetname: 'foo' }], sets)).toEqual([
        'HTTPS targetname "foo" is not a valid FQDN, via: https-value-rfc',
      ]);
    }
    // a missing trailing dot is only a best-practice finding since octoDNS 1.17
    expect(reasons(SVCB_SPEC, [{ svcpriority: 1, targetname: 'foo.bar.baz' }], LEGACY)).toEqual([]);
  });

  it('best-practice: targetname trailing dot', () => {
    expect(reasons(SVCB_SPEC, [{ svcpriority: 1, targetname: 'Foo.Bar.baz' }], BP)).toEqual([
      'SVCB targetname "foo.bar.baz" missing trailing ., via: svcb-value-best-practice',
    ]);
    expect(reasons(HTTPS_SPEC, [{ svcpriority: 1, targetname: 'foo.bar.baz' }], BP)).toEqual([
      'HTTPS targetname "foo.bar.baz" missing trailing ., via: https-value-best-practice',
    ]);
    expect(reasons(HTTPS_SPEC, [{ svcpriority: 1, targetname: 'foo.bar.baz' }], ALL, ['https-value-best-practice'])).toEqual([]);
  });

  it('svcparams reasons', () => {
    const r = (params: Record<string, unknown>, extra?: Record<string, unknown>) =>
      reasons(SVCB_SPEC, one(params, extra), LEGACY).map((s) => s.replace(', via: svcb-value-rfc', ''));
    expect(r({ port: '8000' }, { svcpriority: 0 })).toEqual(['svcparams set on AliasMode SVCB record']);
    expect(r({}, { svcpriority: 0 })).toEqual([]);
    expect(r({ blablabla: '222' })).toEqual(['Unknown SvcParam blablabla']);
    expect(r({ port: 100000 })).toEqual(['port 100000 is not a valid number']);
    expect(r({ port: 'foo' })).toEqual(['port is not a number']);
    // octoDNS's range checks are `0 < port > 65535` and `7 < n > 65535`: only the upper bound counts
    expect(r({ port: -1 })).toEqual([]);
    expect(r({ key1: 'x', mandatory: ['key2'] })).toEqual([]);
    expect(r({ 'no-default-alpn': 'x' })).toEqual(['SvcParam no-default-alpn has value when it should not']);
    expect(r({ alpn: 'h2' })).toEqual(['alpn is not a list']);
    expect(r({ alpn: ['h2;x', 'é', ''] })).toEqual([
      'unescaped ; in "h2;x"',
      'non ASCII character in "é"',
      'missing value(s)',
    ]);
    expect(r({ ipv4hint: '192.0.2.1' })).toEqual(['ipv4hint is not a list']);
    expect(r({ ipv4hint: ['192.0.2.300', '01.2.3.4'] })).toEqual([
      'ipv4hint "192.0.2.300" is not a valid IPv4 address',
      'ipv4hint "01.2.3.4" is not a valid IPv4 address',
    ]);
    expect(r({ ipv6hint: ['1.2.3.4'] })).toEqual(['ipv6hint "1.2.3.4" is not a valid IPv6 address']);
    expect(r({ mandatory: 'alpn' })).toEqual(['mandatory is not a list']);
    expect(r({ mandatory: ['ipv4hint', 'unknown', 'key4444'] })).toEqual([
      'unsupported SvcParam "unknown" in mandatory',
    ]);
    expect(r({ mandatory: ['key70000', 'keyX'] })).toEqual([
      'SvcParam key "key70000" has wrong key number',
      'SvcParam key "keyX" has wrong format',
    ]);
    expect(r({ ech: ' dG90YWxseUZha2VFQ0hPcHRpb24' })).toEqual(['ech SvcParam is invalid Base64']);
    expect(r({ key100000: 'foo', key3333: 'bar', keyXXX: 'foo' })).toEqual([
      'SvcParam key "key100000" has wrong key number',
      'SvcParam key "keyXXX" has wrong format',
    ]);
  });

  it('checks base64 the way b64decode(validate=True) does', () => {
    expect(isPyBase64('')).toBe(true);
    expect(isPyBase64('QUJD')).toBe(true);
    expect(isPyBase64('QQ==')).toBe(true);
    expect(isPyBase64('QUI=')).toBe(true);
    expect(isPyBase64('QQ=')).toBe(false);
    expect(isPyBase64('QUJDR')).toBe(false);
    expect(isPyBase64('dG90YWxseUZha2VFQ0hPcHRpb24')).toBe(false);
    expect(isPyBase64('QU JD')).toBe(false);
  });

  it('orders by (priority, target, params) like octoDNS', () => {
    const n = (v: Record<string, unknown>) => SVCB_SPEC.normalise(v, OPTS);
    const a = n({ svcpriority: 0, targetname: 'foo.', svcparams: {} });
    const b = n({ svcpriority: 1, targetname: 'foo.', svcparams: {} });
    const c = n({ svcpriority: 0, targetname: 'foo.', svcparams: { port: 8080, 'no-default-alpn': null } });
    const e = n({ svcpriority: 0, targetname: 'mmm.', svcparams: { ipv4hint: ['192.0.2.1'] } });
    expect(SVCB_SPEC.compare(a, b)).toBeLessThan(0);
    expect(SVCB_SPEC.compare(a, c)).toBeLessThan(0);
    expect(SVCB_SPEC.compare(c, b)).toBeLessThan(0);
    expect(SVCB_SPEC.compare(c, e)).toBeLessThan(0);
    expect(SVCB_SPEC.compare(c, c)).toBe(0);
    // `port: '8080'` and `port: 8080` are the same parameter to octoDNS
    expect(SVCB_SPEC.compare(c, n({ svcpriority: 0, targetname: 'foo.', svcparams: { 'no-default-alpn': null, port: '8080' } }))).toBe(0);
    expect([b, e, c, a].sort(SVCB_SPEC.compare)).toEqual([a, c, e, b]);
  });
});

describe('PART2_SPECS', () => {
  it('exports one multi-value, non-dynamic spec per part-2 type', () => {
    expect(PART2_SPECS.map((s) => s.type).sort()).toEqual(
      ['DS', 'HTTPS', 'LOC', 'NAPTR', 'SSHFP', 'SVCB', 'TLSA', 'URLFWD'].sort(),
    );
    for (const s of PART2_SPECS) {
      expect(s.multi).toBe(true);
      expect(s.dynamic).toBe(false);
    }
  });
});
