import { describe, expect, it } from 'vitest';
import type { TypeSpec } from '../../src/model/types/spec.js';
import { canonicalSubnet, normaliseDynamic } from '../../src/validate/dynamic-rules.js';
import { A_SPEC, OPTS } from './helpers.js';

const v = (value: string, weight = 1, status = 'obey') => ({ value, weight, status });
const GEO_RULES = [
  { geos: ['EU-GB'], pool: 'lax' },
  { geos: ['EU'], pool: 'ams' },
  { geos: ['NA-US-CA', 'NA-US-NC', 'NA-US-OR', 'NA-US-WA'], pool: 'sea' },
  { pool: 'iad' },
];

describe('normaliseDynamic', () => {
  it('fills defaults, keeps status, maps `fallback: default` to null, forces single-value weight 1', () => {
    const d = normaliseDynamic(
      {
        rules: [{ pool: 'b' }],
        pools: {
          b: { fallback: 'default', values: [{ value: '9.9.9.9', weight: 7 }] },
          a: { fallback: 'b', values: [{ status: 'down', value: '2.2.2.2', weight: '3' }, { status: 'up', value: '1.1.1.1' }] },
        },
      },
      A_SPEC,
      OPTS,
    );
    expect(Object.keys(d.pools)).toEqual(['a', 'b']);
    expect(d.pools).toEqual({
      a: { fallback: 'b', values: [v('1.1.1.1', 1, 'up'), v('2.2.2.2', 3, 'down')] },
      b: { fallback: null, values: [v('9.9.9.9', 1)] },
    });
  });

  it('keeps rule order and only the keys written; sorts geos; canonical, sorted subnets', () => {
    const d = normaliseDynamic(
      {
        pools: { a: { values: [{ value: '1.1.1.1' }] }, b: { values: [{ value: '2.2.2.2' }] } },
        rules: [
          { subnets: ['2001:DB8:0:0::/64', '10.0.0.0/255.0.0.0', '9.0.0.0/8'], pool: 'a' },
          { geos: ['NA-US', 'EU', 'AS-JP'], subnets: [], pool: 'b' },
          { pool: 'a' },
        ],
      },
      A_SPEC,
      OPTS,
    );
    expect(d.rules).toEqual([
      { pool: 'a', subnets: ['10.0.0.0/8', '2001:db8::/64', '9.0.0.0/8'] },
      { pool: 'b', geos: ['AS-JP', 'EU', 'NA-US'], subnets: [] },
      { pool: 'a' },
    ]);
    expect(Object.keys(d.rules[2]!)).toEqual(['pool']);
  });

  it('normalises and sorts values through the spec', () => {
    const lower: TypeSpec = { ...A_SPEC, normalise: (raw) => String(raw).toLowerCase() };
    const d = normaliseDynamic({ pools: { p: { values: [{ value: 'B.' }, { value: 'a.' }] } }, rules: [{ pool: 'p' }] }, lower, OPTS);
    expect(d.pools['p']!.values.map((x) => x.value)).toEqual(['a.', 'b.']);
  });
});

describe('canonicalSubnet (Python ipaddress text)', () => {
  it('canonicalises', () => {
    expect(canonicalSubnet('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(canonicalSubnet('10.0.0.0/08')).toBe('10.0.0.0/8');
    expect(canonicalSubnet('10.1.2.3')).toBe('10.1.2.3/32');
    expect(canonicalSubnet('10.0.0.0/255.255.0.0')).toBe('10.0.0.0/16');
    expect(canonicalSubnet('10.0.0.0/0.0.255.255')).toBe('10.0.0.0/16');
    expect(canonicalSubnet('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(canonicalSubnet('2001:0DB8:0000:0000:0000:0000:0000:0000/32')).toBe('2001:db8::/32');
    expect(canonicalSubnet('2001:db8:0:1:0:0:0:0/64')).toBe('2001:db8:0:1::/64');
    expect(canonicalSubnet('2001:0:0:1:0:0:0:0/64')).toBe('2001:0:0:1::/64');
    expect(canonicalSubnet('2001:db8:0:0:1:0:0:0/80')).toBe('2001:db8:0:0:1::/80');
    expect(canonicalSubnet('1:0:0:2:0:0:3:4/128')).toBe('1::2:0:0:3:4/128');
    expect(canonicalSubnet('1:0:2:3:4:5:6:7/128')).toBe('1:0:2:3:4:5:6:7/128');
    expect(canonicalSubnet('::/0')).toBe('::/0');
    expect(canonicalSubnet('::1')).toBe('::1/128');
    expect(canonicalSubnet('::ffff:1.2.3.4/128')).toBe('::ffff:102:304/128');
  });

  it('rejects what ip_network rejects', () => {
    for (const bad of [
      '10.0.0.1/8',
      '256.0.0.0/8',
      '10.0.0/8',
      '10.0.0.0/',
      '10.0.0.0/33',
      '10.0.0.0/255.0.255.0',
      ' 10.0.0.0/8',
      '2001:db8::1/32',
      '2001:db8::/129',
      '2001:db8::/ffff::',
      '1:2:3:4:5:6:7:8:9/128',
      '1::2::3/128',
      ':1::/16',
      '12345::/16',
      '',
      null,
      ['10.0.0.0/8'],
    ]) {
      expect(canonicalSubnet(bad), String(bad)).toBeUndefined();
    }
  });
});
