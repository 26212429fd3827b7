import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/model/record.js';
import { PART1_SPECS } from '../../src/model/types/part1.js';
import type { TypeSpec, ValidatorSet } from '../../src/model/types/spec.js';
import { ctx, OPTS } from './helpers.js';

const spec = (t: string): TypeSpec => {
  const s = PART1_SPECS.find((x) => x.type === t);
  if (!s) throw new Error(t);
  return s;
};

type Case = [type: string, values: unknown[], sets: ValidatorSet[], expected: Array<[reason: string, via: string]>];

const L: ValidatorSet[] = ['legacy'];
const S: ValidatorSet[] = ['strict'];
const B: ValidatorSet[] = ['best-practice'];
const SB: ValidatorSet[] = ['strict', 'best-practice'];

const REJECTS: Case[] = [
  // A / AAAA
  ['A', [], L, [['missing value(s)', 'ip-value-rfc']]],
  ['A', [''], L, [['empty value', 'ip-value-rfc']]],
  ['A', [null], S, [['missing value(s)', 'ip-value-rfc']]],
  ['A', ['01.2.3.4', '1.2.3.4'], L, [['invalid IPv4 address "01.2.3.4"', 'ip-value-rfc']]],
  ['A', ['2001:db8::1'], L, [['invalid IPv4 address "2001:db8::1"', 'ip-value-rfc']]],
  ['AAAA', ['1.2.3.4'], L, [['invalid IPv6 address "1.2.3.4"', 'ip-value-rfc']]],
  ['AAAA', [], S, [['missing value(s)', 'ip-value-rfc']]],
  // single targets
  ['CNAME', [], L, [['missing value', 'target-value-rfc']]],
  ['CNAME', [''], L, [['missing value', 'target-value-rfc']]],
  ['CNAME', ['foo'], L, [['CNAME value "foo" is not a valid FQDN', 'target-value-rfc']]],
  ['ALIAS', ['m.'], L, [['ALIAS value "m." is not a valid FQDN', 'target-value-rfc']]],
  ['DNAME', ['-bad.example.com.'], S, [['DNAME value "-bad.example.com." is not a valid FQDN', 'target-value-rfc']]],
  ['CNAME', ['1.2.3.4.'], S, [['CNAME value "1.2.3.4." is an IP address', 'target-value-not-ip']]],
  ['CNAME', ['target.example.com'], B, [['CNAME value "target.example.com" missing trailing .', 'target-value-best-practice']]],
  [
    'CNAME',
    ['1.2.3.4'],
    SB,
    [
      ['CNAME value "1.2.3.4" is an IP address', 'target-value-not-ip'],
      ['CNAME value "1.2.3.4" missing trailing .', 'target-value-best-practice'],
    ],
  ],
  // multi targets
  ['NS', [], L, [['missing value(s)', 'targets-value-rfc']]],
  ['NS', ['ns1.example.com.', 'nope'], L, [['NS value "nope" is not a valid FQDN', 'targets-value-rfc']]],
  ['NS', ['6.2.3.4.'], S, [['NS value "6.2.3.4." is an IP address', 'targets-value-not-ip']]],
  ['PTR', ['foo.bar.com'], B, [['PTR value "foo.bar.com" missing trailing .', 'targets-value-best-practice']]],
  ['PTR', [''], L, [['missing value', 'targets-value-rfc']]],
  // TXT / SPF
  ['TXT', [], L, [['missing value(s)', 'chunked-value-rfc']]],
  ['TXT', [null, null], L, [['missing value(s)', 'chunked-value-rfc'], ['missing value(s)', 'chunked-value-rfc']]],
  ['TXT', ["This has a semi-colon; that isn't escaped."], L, [
    ['unescaped ; in "This has a semi-colon; that isn\'t escaped."', 'chunked-value-rfc'],
  ]],
  ['SPF', ['This has a semi-colon\\\\; that is escaped.'], S, [
    ['double escaped ; in "This has a semi-colon\\\\; that is escaped."', 'chunked-value-rfc'],
  ]],
  ['TXT', ['héllo'], L, [['non ASCII character in "héllo"', 'chunked-value-rfc']]],
  // MX
  ['MX', [{ exchange: 'mx.example.com.' }], L, [['missing preference', 'mx-value']]],
  ['MX', [{ preference: 'x', exchange: 'mx.example.com.' }], L, [['invalid preference "x"', 'mx-value']]],
  ['MX', [{ preference: 10 }], L, [['missing exchange', 'mx-value']]],
  ['MX', [{ preference: 10, exchange: 'mx' }], L, [['MX exchange "mx" is not a valid FQDN', 'mx-value']]],
  ['MX', [{ preference: 70000, exchange: 'mx.example.com.' }], S, [['preference "70000" out of range 0-65535', 'mx-value-rfc']]],
  ['MX', [{ preference: 10, exchange: '.' }], S, [['preference must be 0 for null MX (exchange ".")', 'mx-value-rfc']]],
  ['MX', [{ priority: 'x', value: 'mx.example.com.' }], S, [['invalid preference "x"', 'mx-value-rfc']]],
  ['MX', [{ preference: 1 }], S, [['missing exchange', 'mx-value-rfc']]],
  ['MX', [{ preference: 1, exchange: '1.2.3.4.' }], B, [
    ['MX exchange "1.2.3.4." is an IP address', 'mx-value-not-ip'],
  ]],
  ['MX', [{ preference: 1, exchange: 'mx.example.com' }], B, [
    ['MX exchange "mx.example.com" missing trailing .', 'mx-value-best-practice'],
  ]],
  // SRV
  ['SRV', [{}], L, [
    ['missing priority', 'srv-value'],
    ['missing weight', 'srv-value'],
    ['missing port', 'srv-value'],
    ['missing target', 'srv-value'],
  ]],
  ['SRV', [{ priority: 'a', weight: 'b', port: 'c', target: 'foo' }], L, [
    ['invalid priority "a"', 'srv-value'],
    ['invalid weight "b"', 'srv-value'],
    ['invalid port "c"', 'srv-value'],
    ['SRV target "foo" is not a valid FQDN', 'srv-value'],
  ]],
  ['SRV', [{ priority: 70000, weight: 1, port: 1, target: 'a.example.com.' }], S, [
    ['priority "70000" out of range 0-65535', 'srv-value-rfc'],
  ]],
  ['SRV', [{ priority: 1, weight: 0, port: 0, target: '.' }], S, [['priority must be 0 when target is "."', 'srv-value-rfc']]],
  ['SRV', [{ priority: 1, weight: 1, port: 0, target: 'a.example.com.' }], S, [
    ['port 0 is reserved; must be > 0 when target is not "."', 'srv-value-rfc'],
  ]],
  ['SRV', [{ priority: 1, weight: 1, port: 1, target: '10.0.0.1' }], B, [
    ['SRV target "10.0.0.1" is an IP address', 'srv-value-not-ip'],
    ['SRV target "10.0.0.1" missing trailing .', 'srv-value-best-practice'],
  ]],
  // CAA
  ['CAA', [{ flags: 300, tag: 'issue', value: 'ca.example.net' }], L, [['invalid flags "300"', 'caa-value']]],
  ['CAA', [{ flags: 'x', tag: 'issue', value: 'ca.example.net' }], L, [['invalid flags "x"', 'caa-value']]],
  ['CAA', [{}], L, [['missing tag', 'caa-value'], ['missing value', 'caa-value']]],
  ['CAA', [{ flags: 1, tag: 'issue', value: 'x' }, { tag: 'issuewild', value: 'x' }], S, [
    ['flags "1" is not valid; must be 0 or 128', 'caa-value-rfc'],
  ]],
  ['CAA', [{ flags: 'x', tag: 'is-sue', value: 'x' }], S, [
    ['invalid flags "x"', 'caa-value-rfc'],
    ['invalid tag "is-sue"', 'caa-value-rfc'],
  ]],
  ['CAA', [{ flags: 0 }], S, [['missing tag', 'caa-value-rfc'], ['missing value', 'caa-value-rfc']]],
  ['CAA', [{ tag: 'issue', value: 'ca.example.net' }], B, [
    [
      'CAA issue tag is present without issuewild; add an explicit issuewild to clarify wildcard certificate policy',
      'caa-value-best-practice',
    ],
  ]],
  // URI
  ['URI', [{}], L, [['missing priority', 'uri-value'], ['missing weight', 'uri-value'], ['missing target', 'uri-value']]],
  ['URI', [{ priority: 'a', weight: 1, target: '' }], L, [['invalid priority "a"', 'uri-value'], ['missing target', 'uri-value']]],
  ['URI', [{ priority: 70000, weight: 'w', target: 'https://x/' }], S, [
    ['invalid priority "70000"; must be 0-65535', 'uri-value-rfc'],
    ['invalid weight "w"', 'uri-value-rfc'],
  ]],
  ['URI', [{}], S, [['missing priority', 'uri-value-rfc'], ['missing weight', 'uri-value-rfc'], ['missing target', 'uri-value-rfc']]],
  // OPENPGPKEY
  ['OPENPGPKEY', [], L, [['missing value(s)', 'openpgpkey-value-rfc']]],
  ['OPENPGPKEY', ['', null], S, [['missing value(s)', 'openpgpkey-value-rfc']]],
];

describe('value validators: octoDNS reason texts and ids', () => {
  it.each(REJECTS)('%s %j [%j]', (type, values, sets, expected) => {
    const got = spec(type).validateValues(values, ctx(type as never, sets));
    expect(got.map((r) => [r.reason, r.via])).toEqual(expected);
  });
});

const VALID: Array<[string, unknown[]]> = [
  ['A', ['1.2.3.4', '10.0.0.1']],
  ['AAAA', ['2001:db8::1']],
  ['ALIAS', ['target.example.com.']],
  ['CNAME', ['target.example.com.']],
  ['DNAME', ['target.example.com.']],
  ['NS', ['ns1.example.com.', 'ns2.example.com.']],
  ['PTR', ['foo.example.com.']],
  ['TXT', ['v=spf1 -all', 'semi\\; colon', '']],
  ['SPF', ['v=spf1 -all']],
  ['MX', [{ exchange: 'mx1.example.com.', preference: 10 }, { exchange: '.', preference: 0 }]],
  ['SRV', [{ port: 30, priority: 10, target: 'foo.example.com.', weight: 20 }, { port: 0, priority: 0, target: '.', weight: 0 }]],
  ['CAA', [{ flags: 0, tag: 'issue', value: 'ca.example.net' }, { tag: 'issuewild', value: ';' }]],
  ['URI', [{ priority: 10, weight: 1, target: 'https://example.com/' }]],
  ['OPENPGPKEY', ['mQINBFit2jsBEADrbl5vjVxYeAE0g0IDYCBpHirv1Sjlqxx5gjtPhb2YhvyDMXjq']],
];

describe('valid values pass every set', () => {
  it.each(VALID)('%s', (type, values) => {
    for (const sets of [L, S, B, SB]) {
      expect(spec(type).validateValues(values, ctx(type as never, sets))).toEqual([]);
    }
  });
});

describe('disabled validators and inactive sets', () => {
  it('a disabled id is skipped', () => {
    const c = ctx('A', L, { disabled: new Set(['ip-value-rfc']) });
    expect(spec('A').validateValues(['nope'], c)).toEqual([]);
  });
  it('best-practice checks do not run under legacy', () => {
    expect(spec('CNAME').validateValues(['foo.bar'], ctx('CNAME', L))).toEqual([]);
    expect(spec('CNAME').validateValues(['1.2.3.4'], ctx('CNAME', L))).toEqual([]);
  });
  it('no set enabled: nothing runs', () => {
    expect(spec('MX').validateValues([{}], ctx('MX', []))).toEqual([]);
  });
});

describe('escaped_semicolons: false', () => {
  const c = ctx('TXT', L, { escapedSemicolons: false });
  it('plain ; is fine and \\; is double escaped', () => {
    expect(spec('TXT').validateValues(["This has a semi-colon; that isn't escaped."], c)).toEqual([]);
    expect(spec('TXT').validateValues(['This has a semi-colon\\; that is escaped.'], c)).toEqual([
      { reason: 'double escaped ; in "This has a semi-colon\\\\; that is escaped."', via: 'chunked-value-rfc' },
    ]);
  });
  it('normalises to the escaped form', () => {
    expect(spec('TXT').normalise("a; b", { escapedSemicolons: false })).toBe('a\\; b');
  });
});

const NORMALISE: Array<[string, unknown, Value]> = [
  ['A', '1.2.3.4', '1.2.3.4'],
  ['AAAA', '2001:DB8::0001', '2001:db8::1'],
  ['AAAA', '2001:0db8:0:0:0:0:0:0001', '2001:db8::1'],
  ['CNAME', 'Target.Example.COM.', 'target.example.com.'],
  ['ALIAS', 'bücher.example.', 'xn--bcher-kva.example.'],
  ['NS', 'NS1.example.com.', 'ns1.example.com.'],
  ['PTR', 'Foo.Example.com.', 'foo.example.com.'],
  ['DNAME', 'Other.example.', 'other.example.'],
  ['TXT', '"a" "b"', 'ab'],
  ['TXT', 'v=spf1 -all', 'v=spf1 -all'],
  ['SPF', '"v=spf1 " "-all"', 'v=spf1 -all'],
  ['MX', { priority: '10', value: 'MX.example.com.' }, { preference: 10, exchange: 'mx.example.com.' }],
  ['MX', { exchange: '.', preference: 0 }, { preference: 0, exchange: '.' }],
  ['SRV', { port: '30', priority: 10, target: 'Foo.example.com.', weight: 20 }, { priority: 10, weight: 20, port: 30, target: 'foo.example.com.' }],
  ['CAA', { tag: 'issue', value: 'ca.example.net' }, { flags: 0, tag: 'issue', value: 'ca.example.net' }],
  ['CAA', { flags: '128', tag: 'iodef', value: 'mailto:a@b' }, { flags: 128, tag: 'iodef', value: 'mailto:a@b' }],
  ['URI', { priority: '1', target: 'https://example.com/', weight: 2 }, { priority: 1, weight: 2, target: 'https://example.com/' }],
  ['OPENPGPKEY', 'abcd==', 'abcd=='],
];

describe('normalise: octoDNS data', () => {
  it.each(NORMALISE)('%s %j', (type, raw, out) => {
    expect(spec(type).normalise(raw, OPTS)).toEqual(out);
  });
});

describe('compare: octoDNS value order', () => {
  const sorted = (type: string, raws: unknown[]) => {
    const s = spec(type);
    return raws.map((r) => s.normalise(r, OPTS)).sort((a, b) => s.compare(a, b));
  };
  it('strings sort by code point', () => {
    expect(sorted('A', ['10.0.0.2', '10.0.0.10', '2.2.2.2'])).toEqual(['10.0.0.10', '10.0.0.2', '2.2.2.2']);
  });
  it('MX by (preference, exchange)', () => {
    expect(
      sorted('MX', [
        { preference: 20, exchange: 'a.example.com.' },
        { preference: 10, exchange: 'z.example.com.' },
        { preference: 10, exchange: 'b.example.com.' },
      ]).map((v) => spec('MX').toText(v)),
    ).toEqual(['10 b.example.com.', '10 z.example.com.', '20 a.example.com.']);
  });
  it('SRV by (priority, weight, port, target)', () => {
    const v = sorted('SRV', [
      { priority: 10, weight: 20, port: 30, target: 'b.' },
      { priority: 10, weight: 5, port: 99, target: 'a.' },
      { priority: 10, weight: 20, port: 30, target: 'a.' },
    ]).map((x) => spec('SRV').toText(x));
    expect(v).toEqual(['10 5 99 a.', '10 20 30 a.', '10 20 30 b.']);
  });
  it('CAA by (flags, tag, value)', () => {
    const v = sorted('CAA', [
      { flags: 128, tag: 'issue', value: 'a' },
      { tag: 'issuewild', value: 'a' },
      { tag: 'issue', value: 'b' },
    ]).map((x) => spec('CAA').toText(x));
    expect(v).toEqual(['0 issue "b"', '0 issuewild "a"', '128 issue "a"']);
  });
  it('URI by (priority, weight, target)', () => {
    const v = sorted('URI', [
      { priority: 2, weight: 1, target: 'a' },
      { priority: 1, weight: 9, target: 'b' },
    ]).map((x) => spec('URI').toText(x));
    expect(v).toEqual(['1 9 "b"', '2 1 "a"']);
  });
});

describe('toText', () => {
  it('TXT quotes, unescapes \\; and chunks at 255 octets', () => {
    expect(spec('TXT').toText('v=DMARC1\\; p=none')).toBe('"v=DMARC1; p=none"');
    expect(spec('TXT').toText('say "hi"')).toBe('"say \\"hi\\""');
    const long = 'x'.repeat(300);
    expect(spec('TXT').toText(long)).toBe(`"${'x'.repeat(255)}" "${'x'.repeat(45)}"`);
  });
  it('targets and IPs are printed as-is', () => {
    expect(spec('CNAME').toText('a.example.com.')).toBe('a.example.com.');
    expect(spec('AAAA').toText('2001:db8::1')).toBe('2001:db8::1');
  });
});

it('PART1_SPECS covers the 14 part-1 types, with the right shape flags', () => {
  const types = PART1_SPECS.map((s) => s.type).sort();
  expect(types).toEqual(
    ['A', 'AAAA', 'ALIAS', 'CAA', 'CNAME', 'DNAME', 'MX', 'NS', 'OPENPGPKEY', 'PTR', 'SPF', 'SRV', 'TXT', 'URI'].sort(),
  );
  const single = PART1_SPECS.filter((s) => !s.multi).map((s) => s.type).sort();
  expect(single).toEqual(['ALIAS', 'CNAME', 'DNAME']);
  const dyn = PART1_SPECS.filter((s) => s.dynamic).map((s) => s.type).sort();
  expect(dyn).toEqual(['A', 'AAAA', 'CNAME', 'DNAME']);
});
