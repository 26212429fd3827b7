/**
 * A saved plan is checked against schemas/plan.schema.json before apply acts on any of it
 * (a malformed plan must change nothing). ajv is loaded and the schema compiled only here,
 * on `apply plan.json`: no other command pays for it (the zone and config schemas are
 * compiled ahead of time because every command loads them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../validate/schema.js';

export interface PlanSchemaError {
  /** JSON pointer into the plan, e.g. `/zones/0/changes/2/desired/ttl` ('' for the whole plan) */
  path: string;
  message: string;
}

type Check = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null };

let compiled: Promise<Check> | undefined;

async function compile(): Promise<Check> {
  const [{ Ajv2020 }, formats] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')]);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (formats.default as unknown as (a: InstanceType<typeof Ajv2020>) => void)(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'plan.schema.json'), 'utf8')) as object) as unknown as Check;
}

/** The plan's schema violations (empty: it is a well-formed plan). */
export async function planSchemaErrors(data: unknown): Promise<PlanSchemaError[]> {
  compiled ??= compile();
  const check = await compiled;
  if (check(data)) return [];
  return (check.errors ?? []).map((e) => {
    const extra = e.params && typeof e.params['additionalProperty'] === 'string' ? ` (${e.params['additionalProperty']})` : '';
    return { path: e.instancePath, message: `${e.message ?? 'invalid'}${extra}` };
  });
}
