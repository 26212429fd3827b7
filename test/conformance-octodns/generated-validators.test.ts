/** The generated schema validators answer as run-time compiled ajv does for every YAML document of octoDNS's fixtures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import yaml from 'js-yaml';
import { expectSameAnswers } from '../validate/same-answers.js';
import { FIXTURES } from './fixtures.js';

it('generated validators answer as run-time compiled ajv does, errors included, for every fixture zone and config', () => {
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
  walk(FIXTURES);
  expect(docs.length).toBeGreaterThan(20);
  expectSameAnswers(docs);
});
