import { describe, expect, it } from 'vitest';
import { validateDynamic } from '../../src/validate/dynamic-rules.js';
import { A_SPEC, ctx, reasons, ruleReasons, withRules } from './helpers.js';

const one = (value = '1.1.1.1') => ({ values: [{ value }] });

describe('validateDynamic: top level', () => {
  it('accepts a valid configuration', () => {
    expect(
      reasons({
        pools: {
          apac: { fallback: 'na', values: [{ value: '1.1.1.1' }, { value: '2.2.2.2' }] },
          eu: { values: [{ value: '3.3.3.3', weight: 2 }, { value: '4.4.4.4', weight: 3, status: 'up' }] },
          na: one('5.5.5.5'),
        },
        rules: [
          { subnets: ['10.0.0.0/8'], geos: ['EU'], pool: 'eu' },
          { geos: ['AF-ZA', 'AS', 'OC'], pool: 'apac' },
          { pool: 'na' },
        ],
      }),
    ).toEqual([]);
  });

  it('"dynamic" record with "geo" content comes first', () => {
    expect(reasons({ pools: { a: one() }, rules: [{ pool: 'a' }] }, true)).toEqual(['"dynamic" record with "geo" content']);
  });

  it('reports via dynamic, also for pool value reasons', () => {
    const out = validateDynamic({ pools: { a: one('nope') }, rules: [{ pool: 'a' }] }, false, A_SPEC, ctx());
    expect(out).toEqual([{ reason: 'invalid IPv4 address "nope"', via: 'dynamic' }]);
  });

  it('is off when disabled or when neither legacy nor strict is enabled', () => {
    const bad = { pools: {}, rules: [] };
    expect(validateDynamic(bad, false, A_SPEC, ctx('A', { disabled: new Set(['dynamic']) }))).toEqual([]);
    expect(validateDynamic(bad, false, A_SPEC, ctx('A', { sets: new Set(['best-practice']) }))).toEqual([]);
    expect(validateDynamic(bad, false, A_SPEC, ctx('A', { sets: new Set(['strict']) }))).toHaveLength(2);
  });

  it('missing pools and rules', () => {
    expect(reasons({})).toEqual(['missing pools', 'missing rules']);
    expect(reasons({ pools: {}, rules: [] })).toEqual(['missing pools', 'missing rules']);
    // not a mapping (octoDNS crashes): read as empty
    expect(reasons(null)).toEqual(['missing pools', 'missing rules']);
  });

  it('pools must be a dict / rules must be a list', () => {
    expect(reasons({ pools: [], rules: {} })).toEqual(['pools must be a dict', 'rules must be a list']);
    expect(reasons({ pools: null, rules: 'a' })).toEqual(['pools must be a dict', 'rules must be a list']);
  });
});

describe('validateDynamic: pools', () => {
  it('pool must be a dict / is missing values, in pool id order', () => {
    expect(reasons({ pools: { b: 'x', a: { fallback: null }, c: one() }, rules: [{ pool: 'c' }] })).toEqual([
      'pool "a" is missing values',
      'pool "b" must be a dict',
    ]);
  });

  it('invalid weight (int() of what was written; range 1-100)', () => {
    const v = (weight: unknown) => ({ value: '1.1.1.1', weight });
    expect(
      reasons({
        pools: { a: { values: [v(0), v(101), v('abc'), v(2.5), v('7'), v(100), v(1), v(-3), v(150.9)] } },
        rules: [{ pool: 'a' }],
      }),
    ).toEqual([
      'invalid weight "0" in pool "a" value 1',
      'invalid weight "101" in pool "a" value 2',
      'invalid weight "abc" in pool "a" value 3',
      'invalid weight "-3" in pool "a" value 8',
      'invalid weight "150" in pool "a" value 9',
    ]);
  });

  it('invalid status', () => {
    expect(
      reasons({
        pools: {
          a: {
            values: [
              { status: 'up', value: '1.1.1.1' },
              { status: 'down', value: '1.1.1.2' },
              { status: 'obey', value: '1.1.1.3' },
              { status: 'UP', value: '1.1.1.4' },
              { status: null, value: '1.1.1.5' },
            ],
          },
        },
        rules: [{ pool: 'a' }],
      }),
    ).toEqual(['invalid status "UP" in pool "a" value 4', 'invalid status "None" in pool "a" value 5']);
  });

  it('missing value, and value checks through the type spec, per value in order weight/status/value', () => {
    expect(
      reasons({
        pools: { a: { values: [{ weight: 200, status: 'x', value: '999.1.1.1' }, { weight: 2 }] } },
        rules: [{ pool: 'a' }],
      }),
    ).toEqual([
      'invalid weight "200" in pool "a" value 1',
      'invalid status "x" in pool "a" value 1',
      'invalid IPv4 address "999.1.1.1"',
      'missing value in pool "a" value 2',
    ]);
  });

  it('pool has single value with weight!=1', () => {
    expect(reasons({ pools: { a: { values: [{ value: '1.1.1.1', weight: 5 }] } }, rules: [{ pool: 'a' }] })).toEqual([
      'pool "a" has single value with weight!=1',
    ]);
    expect(reasons({ pools: { a: { values: [{ value: '1.1.1.1', weight: 0 }] } }, rules: [{ pool: 'a' }] })).toEqual([
      'invalid weight "0" in pool "a" value 1',
      'pool "a" has single value with weight!=1',
    ]);
    // Python compares the raw value: "1" != 1
    expect(reasons({ pools: { a: { values: [{ value: '1.1.1.1', weight: '1' }] } }, rules: [{ pool: 'a' }] })).toEqual([
      'pool "a" has single value with weight!=1',
    ]);
    expect(reasons({ pools: { a: { values: [{ value: '1.1.1.1', weight: 1 }] } }, rules: [{ pool: 'a' }] })).toEqual([]);
  });

  it('an empty values list is accepted (as octoDNS does)', () => {
    expect(reasons({ pools: { a: { values: [] } }, rules: [{ pool: 'a' }] })).toEqual([]);
  });

  it('undefined fallback, including `fallback: default`', () => {
    expect(
      reasons({ pools: { a: { fallback: 'default', ...one() }, b: { fallback: 'zz', ...one() } }, rules: [{ geos: ['EU'], pool: 'a' }, { pool: 'b' }] }),
    ).toEqual(['undefined fallback "default" for pool "a"', 'undefined fallback "zz" for pool "b"']);
    // a pool actually named `default` makes it valid
    expect(reasons({ pools: { a: { fallback: 'default', ...one() }, default: one() }, rules: [{ pool: 'a' }] })).toEqual([]);
  });

  it('loop in pool fallbacks, once per pool on (or leading into) the loop', () => {
    expect(
      reasons({
        pools: { a: { fallback: 'b', ...one() }, b: { fallback: 'a', ...one() }, c: { fallback: 'a', ...one() } },
        rules: [{ pool: 'c' }],
      }),
    ).toEqual([
      'loop in pool fallbacks: a -> b',
      'loop in pool fallbacks: b -> a',
      'loop in pool fallbacks: c -> a -> b',
    ]);
    expect(reasons({ pools: { a: { fallback: 'a', ...one() } }, rules: [{ pool: 'a' }] })).toEqual(['loop in pool fallbacks: a -> a']);
  });

  it('unused pools, with fallback-reachable pools counted as used', () => {
    expect(
      reasons({
        pools: { a: { fallback: 'b', ...one() }, b: one(), c: one(), d: { fallback: 'e', ...one() }, e: one() },
        rules: [{ pool: 'a' }],
      }),
    ).toEqual(['unused pools: "c", "d"']);
  });
});

describe('validateDynamic: rules', () => {
  it('rule numbering is 1-based', () => {
    expect(ruleReasons([{ pool: 'a', geos: ['EU'] }, { geos: ['AS'] }, { pool: 'b' }])).toEqual(['rule 2 missing pool']);
  });

  it('missing pool skips the rest of the rule', () => {
    expect(ruleReasons([{ geos: ['XX'] }, { pool: 'a' }])).toEqual(['rule 1 missing pool']);
  });

  it('invalid pool / undefined pool', () => {
    expect(ruleReasons([{ geos: ['EU'], pool: 5 }, { geos: ['AS'], pool: 'zz' }, { pool: 'a' }])).toEqual([
      'rule 1 invalid pool "5"',
      'rule 2 undefined pool "zz"',
    ]);
  });

  it('target pool reused unless the later use is the catch-all', () => {
    expect(ruleReasons([{ geos: ['EU'], pool: 'a' }, { geos: ['AS'], pool: 'a' }, { pool: 'a' }])).toEqual([
      'rule 2 invalid, target pool "a" reused',
    ]);
    expect(ruleReasons([{ subnets: ['10.0.0.0/8'], pool: 'a' }, { subnets: ['11.0.0.0/8'], pool: 'a' }, { pool: 'b' }])).toEqual([
      'rule 2 invalid, target pool "a" reused',
    ]);
  });

  it('rule ordering: subnet-only, subnet+geo, geo-only, catch-all', () => {
    expect(
      ruleReasons([
        { subnets: ['10.0.0.0/8'], pool: 'a' },
        { geos: ['EU'], subnets: ['11.0.0.0/8'], pool: 'b' },
        { geos: ['AS'], pool: 'c' },
        { pool: 'd' },
      ]),
    ).toEqual([]);
    expect(ruleReasons([{ geos: ['EU'], pool: 'a' }, { geos: ['AS'], subnets: ['10.0.0.0/8'], pool: 'b' }, { pool: 'c' }])).toEqual([
      'rule 2 with subnet(s) and geo(s) should appear before all geo-only rules',
    ]);
    expect(ruleReasons([{ geos: ['EU'], pool: 'a' }, { subnets: ['10.0.0.0/8'], pool: 'b' }, { pool: 'c' }])).toEqual([
      'rule 2 with only subnet targeting should appear before all geo targeting rules',
    ]);
    expect(
      ruleReasons([{ geos: ['EU'], subnets: ['11.0.0.0/8'], pool: 'a' }, { subnets: ['10.0.0.0/8'], pool: 'b' }, { pool: 'c' }]),
    ).toEqual(['rule 2 with only subnet targeting should appear before all geo targeting rules']);
  });

  it('duplicate default and final rule not catchall', () => {
    expect(ruleReasons([{ pool: 'a' }, { pool: 'b' }])).toEqual(['rule 2 duplicate default']);
    expect(ruleReasons([{ pool: 'a' }, { geos: ['EU'], pool: 'b' }])).toEqual([
      'final rule has "subnets" and/or "geos" and is not catchall',
    ]);
    expect(ruleReasons([{ subnets: ['10.0.0.0/8'], pool: 'a' }])).toEqual([
      'final rule has "subnets" and/or "geos" and is not catchall',
    ]);
    // empty lists count as catch-all
    expect(ruleReasons([{ geos: [], subnets: [], pool: 'a' }])).toEqual([]);
  });

  it('subnets / geos must be a list', () => {
    expect(ruleReasons([{ subnets: '10.0.0.0/8', pool: 'a' }, { pool: 'b' }])).toEqual(['rule 1 subnets must be a list']);
    expect(ruleReasons([{ geos: 'EU', pool: 'a' }, { pool: 'b' }])).toEqual(['rule 1 geos must be a list']);
    // an explicit null is not a list either
    expect(ruleReasons([{ geos: null, pool: 'a' }])).toEqual(['rule 1 geos must be a list']);
  });

  it('invalid subnet (host bits set, bad text, bad prefix)', () => {
    expect(
      ruleReasons([
        { subnets: ['10.0.0.1/8', 'nope', '10.0.0.0/33', '01.0.0.0/8', '2001:db8::1/32', '10.0.0.0/8/8'], pool: 'a' },
        { pool: 'b' },
      ]),
    ).toEqual([
      'rule 1 invalid subnet "10.0.0.1/8"',
      'rule 1 invalid subnet "nope"',
      'rule 1 invalid subnet "10.0.0.0/33"',
      'rule 1 invalid subnet "01.0.0.0/8"',
      'rule 1 invalid subnet "2001:db8::1/32"',
      'rule 1 invalid subnet "10.0.0.0/8/8"',
    ]);
    // accepted by Python's ip_network: bare address, netmask and hostmask forms, IPv6
    expect(
      ruleReasons([
        { subnets: ['10.0.0.1', '11.0.0.0/255.0.0.0', '12.0.0.0/0.255.255.255', '2001:db8::/32', '::ffff:1.2.3.4/128'], pool: 'a' },
        { pool: 'b' },
      ]),
    ).toEqual([]);
  });

  it('subnet previously seen / more specific, across and within rules, in canonical text', () => {
    expect(
      ruleReasons([
        { subnets: ['10.0.0.0/8'], pool: 'a' },
        { subnets: ['10.0.0.0/8', '10.1.0.0/16'], pool: 'b' },
        { pool: 'c' },
      ]),
    ).toEqual([
      'rule 2 targets subnet 10.0.0.0/8 which has previously been seen in rule 1',
      'rule 2 targets subnet 10.1.0.0/16 which is more specific than the previously seen 10.0.0.0/8 in rule 2',
    ]);
    expect(ruleReasons([{ subnets: ['10.1.0.0/16', '10.0.0.0/8'], pool: 'a' }, { pool: 'b' }])).toEqual([
      'rule 1 targets subnet 10.1.0.0/16 which is more specific than the previously seen 10.0.0.0/8 in rule 1',
    ]);
    expect(
      ruleReasons([{ subnets: ['2001:DB8::/32'], pool: 'a' }, { subnets: ['2001:0db8:0001:0000::/64', '10.0.0.0/8'], pool: 'b' }, { pool: 'c' }]),
    ).toEqual(['rule 2 targets subnet 2001:db8:1::/64 which is more specific than the previously seen 2001:db8::/32 in rule 1']);
  });

  it('geo codes: invalid, unknown continent/country/province', () => {
    expect(ruleReasons([{ geos: ['NA-US-CA-LA', 'XX', 'EU-XX', 'NA-US-XX'], pool: 'a' }, { pool: 'b' }])).toEqual([
      'rule 1 unknown country code "EU-XX"',
      'rule 1 invalid geo code "NA-US-CA-LA"',
      'rule 1 unknown province code "NA-US-XX"',
      'rule 1 unknown continent code "XX"',
    ]);
  });

  it('geo previously seen / more specific (string prefix), also within one rule', () => {
    expect(ruleReasons([{ geos: ['NA', 'NA-US'], pool: 'a' }, { pool: 'b' }])).toEqual([
      'rule 1 targets geo NA-US which is more specific than the previously seen NA in rule 1',
    ]);
    expect(
      ruleReasons([{ geos: ['EU'], pool: 'a' }, { geos: ['EU', 'EU-GB'], pool: 'b' }, { geos: ['AS'], pool: 'c' }, { pool: 'd' }]),
    ).toEqual([
      'rule 2 targets geo EU which has previously been seen in rule 1',
      'rule 2 targets geo EU-GB which is more specific than the previously seen EU in rule 2',
    ]);
    // specific before general is the allowed order
    expect(ruleReasons([{ geos: ['EU-GB'], pool: 'a' }, { geos: ['EU'], pool: 'b' }, { pool: 'c' }])).toEqual([]);
    // an invalid code is still remembered
    expect(ruleReasons([{ geos: ['XX'], pool: 'a' }, { geos: ['XX'], pool: 'b' }, { pool: 'c' }])).toEqual([
      'rule 1 unknown continent code "XX"',
      'rule 2 unknown continent code "XX"',
      'rule 2 targets geo XX which has previously been seen in rule 1',
    ]);
  });

  it('all reasons in octoDNS order', () => {
    expect(
      reasons(
        {
          pools: {
            a: { fallback: 'b', values: [{ value: '1.1.1.1', weight: 0 }] },
            b: { fallback: 'a', values: [{ value: 'x' }] },
            c: { values: [{ value: '3.3.3.3' }] },
            unused: { values: [{ value: '4.4.4.4' }] },
          },
          rules: [
            { geos: ['EU'], pool: 'a' },
            { geos: ['EU-GB', 'QQ'], subnets: ['10.0.0.1/8'], pool: 'nope' },
            { pool: 'c' },
            { pool: 'c' },
            { geos: ['AS'], pool: 'a' },
          ],
        },
        true,
      ),
    ).toEqual([
      '"dynamic" record with "geo" content',
      'invalid weight "0" in pool "a" value 1',
      'pool "a" has single value with weight!=1',
      'loop in pool fallbacks: a -> b',
      'invalid IPv4 address "x"',
      'loop in pool fallbacks: b -> a',
      'rule 2 undefined pool "nope"',
      'rule 2 with subnet(s) and geo(s) should appear before all geo-only rules',
      'rule 2 invalid subnet "10.0.0.1/8"',
      'rule 2 targets geo EU-GB which is more specific than the previously seen EU in rule 1',
      'rule 2 unknown continent code "QQ"',
      'rule 4 duplicate default',
      'rule 5 invalid, target pool "a" reused',
      'final rule has "subnets" and/or "geos" and is not catchall',
      'unused pools: "unused"',
    ]);
  });

  it('withRules helper itself is valid with a catch-all per pool usage', () => {
    expect(reasons(withRules([{ geos: ['EU'], pool: 'a' }, { geos: ['AS'], pool: 'b' }, { geos: ['OC'], pool: 'c' }, { pool: 'd' }]))).toEqual([]);
  });
});
