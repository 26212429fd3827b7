/**
 * The schema validators dnsctl runs are generated ahead of time (scripts/compile-schemas.ts):
 * the generated module must be what the schemas give now, and must answer exactly as ajv
 * compiling the schemas at run time would, errors included.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import yaml from 'js-yaml';
import { GENERATED_PATH, generateValidators } from '../../scripts/compile-schemas.js';
import { validateConfig, validateZone } from '../../src/validate/generated/schema-validators.js';

const compiled = (name: string) => new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(resolve('schemas', `${name}.schema.json`), 'utf8')) as object);

type Validator = ((d: unknown) => boolean) & { errors?: unknown };

describe('generated schema validators', () => {
  it('are up to date with schemas/ (run `npm run schemas` after changing a schema)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generateValidators());
  });

  it('answer as run-time compiled ajv does, errors included, for every fixture zone and config', () => {
    const zone = compiled('zone');
    const config = compiled('config');
    const fixtures = resolve('../shared/peers/octodns-fixtures');
    const docs: Array<[string, unknown]> = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) {
          try {
            docs.push([p, yaml.load(readFileSync(p, 'utf8'), { schema: yaml.CORE_SCHEMA, json: true })]);
          } catch {
            /* not YAML js-yaml reads: the loader's tests cover those */
          }
        }
      }
    };
    walk(fixtures);
    walk(resolve('zones'));
    docs.push(['dnsctl.yaml', yaml.load(readFileSync(resolve('dnsctl.yaml'), 'utf8'))]);
    docs.push(['junk', { providers: { x: { class: 3 } }, zones: { 'a.': { sources: 'nope' } } }]);
    docs.push(['junk zone', { www: { type: 'A', vaule: 1, ttl: 'x' }, a: [{ type: 'MX', value: { preference: 'x' } }] }]);
    expect(docs.length).toBeGreaterThan(20);
    for (const [name, doc] of docs) {
      for (const [generated, runtime] of [
        [validateZone as Validator, zone],
        [validateConfig as Validator, config],
      ] as const) {
        const a = generated(doc);
        const b = runtime(doc);
        expect(a, name).toBe(b);
        expect(generated.errors ?? null, name).toEqual(runtime.errors ?? null);
      }
    }
  });
});
