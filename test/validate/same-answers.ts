/** Compares dnsctl's generated schema validators with ajv compiling schemas/ at run time. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { validateConfig, validateZone } from '../../src/validate/generated/schema-validators.js';

type Validator = ((d: unknown) => boolean) & { errors?: unknown };

export const compiled = (name: string): Validator => new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(resolve('schemas', `${name}.schema.json`), 'utf8')) as object);

/** Each document gives the same verdict and the same errors from the generated and the run-time compiled validators. */
export function expectSameAnswers(docs: Array<[string, unknown]>): void {
  const zone = compiled('zone');
  const config = compiled('config');
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
}
