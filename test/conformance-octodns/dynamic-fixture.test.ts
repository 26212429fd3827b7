/** octoDNS's dynamic.tests.yaml fixture: every record valid, and normalised as octoDNS normalises it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { TypeSpec } from '../../src/model/types/spec.js';
import { normaliseDynamic, validateDynamic } from '../../src/validate/dynamic-rules.js';
import { AAAA_SPEC, A_SPEC, CNAME_SPEC, OPTS, ctx } from '../dynamic-rules/helpers.js';
import { FIXTURES } from './fixtures.js';

const zone = load(readFileSync(join(FIXTURES, 'tests/config/dynamic.tests.yaml'), 'utf8')) as Record<string, { type: string; dynamic: unknown; geo?: unknown }>;
const SPECS: Record<string, TypeSpec> = { A: A_SPEC, AAAA: AAAA_SPEC, CNAME: CNAME_SPEC };

const v = (value: string, weight = 1, status = 'obey') => ({ value, weight, status });
const GEO_RULES = [
  { geos: ['EU-GB'], pool: 'lax' },
  { geos: ['EU'], pool: 'ams' },
  { geos: ['NA-US-CA', 'NA-US-NC', 'NA-US-OR', 'NA-US-WA'], pool: 'sea' },
  { pool: 'iad' },
];

describe('dynamic.tests.yaml fixture', () => {
  it('every record is valid under legacy and strict', () => {
    expect(Object.keys(zone)).toHaveLength(6);
    for (const [name, rec] of Object.entries(zone)) {
      const spec = SPECS[rec.type]!;
      for (const sets of [['legacy'], ['strict', 'best-practice']] as const) {
        const c = ctx(spec.type, { name, fqdn: `${name}.dynamic.tests.`, sets: new Set(sets) });
        expect(validateDynamic(rec.dynamic, 'geo' in rec, spec, c), name).toEqual([]);
      }
    }
  });

  it('a: pools sorted, defaults filled, values sorted, rule order kept', () => {
    const d = normaliseDynamic(zone['a']!.dynamic, A_SPEC, OPTS);
    expect(Object.keys(d.pools)).toEqual(['ams', 'iad', 'lax', 'sea']);
    expect(d).toEqual({
      pools: {
        ams: { fallback: null, values: [v('1.1.1.1')] },
        iad: { fallback: null, values: [v('2.2.2.2'), v('3.3.3.3')] },
        lax: { fallback: null, values: [v('4.4.4.4')] },
        sea: { fallback: null, values: [v('5.5.5.5', 15), v('6.6.6.6', 10)] },
      },
      rules: GEO_RULES,
    });
  });

  it('aaaa and cname', () => {
    const aaaa = normaliseDynamic(zone['aaaa']!.dynamic, AAAA_SPEC, OPTS);
    expect(aaaa.pools['sea']!.values).toEqual([
      v('2601:642:500:e210:62f8:1dff:feb8:9475', 1),
      v('2601:642:500:e210:62f8:1dff:feb8:9476', 2),
    ]);
    expect(aaaa.rules).toEqual(GEO_RULES);
    const cname = normaliseDynamic(zone['cname']!.dynamic, CNAME_SPEC, OPTS);
    expect(cname.pools['sea']).toEqual({
      fallback: null,
      values: [v('target-sea-1.unit.tests.', 10), v('target-sea-2.unit.tests.', 14)],
    });
    expect(cname.rules).toEqual(GEO_RULES);
  });

  it('pool-only-in-fallback keeps the fallback', () => {
    expect(normaliseDynamic(zone['pool-only-in-fallback']!.dynamic, A_SPEC, OPTS)).toEqual({
      pools: {
        one: { fallback: 'two', values: [v('1.1.1.1')] },
        three: { fallback: null, values: [v('3.3.3.3')] },
        two: { fallback: null, values: [v('2.2.2.2')] },
      },
      rules: [
        { geos: ['NA-US'], pool: 'one' },
        { geos: ['AS-SG'], pool: 'three' },
        { pool: 'one' },
      ],
    });
  });

  it('real-ish-a: geos sorted within a rule, weights kept', () => {
    const d = normaliseDynamic(zone['real-ish-a']!.dynamic, A_SPEC, OPTS);
    expect(Object.keys(d.pools)).toEqual(['ap-southeast-1', 'eu-central-1', 'us-east-1', 'us-west-2']);
    expect(d.pools['ap-southeast-1']!.values.map((x) => [x.value, x.weight])).toEqual([
      ['1.4.1.1', 2],
      ['1.4.1.2', 2],
      ['1.4.2.1', 1],
      ['1.4.2.2', 1],
      ['1.4.3.1', 1],
      ['1.4.3.2', 1],
    ]);
    expect(d.rules.map((r) => r.geos)).toEqual([
      ['NA-US-CA', 'NA-US-NC', 'NA-US-OR', 'NA-US-WA'],
      ['AS-CN'],
      ['AF', 'EU'],
      undefined,
    ]);
  });

  it('simple-weighted: one pool, one catch-all rule', () => {
    expect(normaliseDynamic(zone['simple-weighted']!.dynamic, CNAME_SPEC, OPTS)).toEqual({
      pools: { default: { fallback: null, values: [v('one.unit.tests.', 3), v('two.unit.tests.', 2)] } },
      rules: [{ pool: 'default' }],
    });
  });
});
