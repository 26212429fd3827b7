/**
 * The schema validators dnsctl runs are generated ahead of time (scripts/compile-schemas.ts):
 * the generated module must be what the schemas give now, and must answer exactly as ajv
 * compiling the schemas at run time would, errors included.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { GENERATED_PATH, generateValidators } from '../../scripts/compile-schemas.js';
import { expectSameAnswers } from './same-answers.js';

describe('generated schema validators', () => {
  it('are up to date with schemas/ (run `npm run schemas` after changing a schema)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generateValidators());
  });

  it('answer as run-time compiled ajv does, errors included, for the example repository and malformed documents', () => {
    const docs: Array<[string, unknown]> = [];
    for (const e of readdirSync(resolve('zones'))) if (/\.ya?ml$/.test(e)) docs.push([e, yaml.load(readFileSync(join('zones', e), 'utf8'))]);
    for (const f of ['dnsctl.yaml', 'dnsctl.sandbox.yaml']) docs.push([f, yaml.load(readFileSync(resolve(f), 'utf8'))]);
    docs.push(['junk', { providers: { x: { class: 3 } }, zones: { 'a.': { sources: 'nope' } } }]);
    docs.push(['junk zone', { www: { type: 'A', vaule: 1, ttl: 'x' }, a: [{ type: 'MX', value: { preference: 'x' } }] }]);
    docs.push(['junk dynamic', { www: { type: 'A', values: ['192.0.2.1'], dynamic: { pools: { a: { values: [{ value: '192.0.2.1', status: 'maybe' }] } }, rules: [{ geos: ['eu'], pool: 'a' }] }, octodns: { dnsctl: { routing: 'random', weights: { a: 300 } } } } }]);
    docs.push(['junk config dnsctl', { providers: {}, zones: {}, dnsctl: { regions: { x: { cloudflare: 'MARS' } }, safety: { max_region_shift: 2, min_serving_pools: 0 }, extra: 1 } }]);
    docs.push(['null zone', null]);
    expect(docs.length).toBeGreaterThan(6);
    expectSameAnswers(docs);
  });
});
