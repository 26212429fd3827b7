import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { DnsRecord } from '../../src/model/record.js';
import type { Plan } from '../../src/plan/types.js';
import { PlanFormatError, parsePlanJson, renderPlanJson } from '../../src/render/plan-json.js';
import { recordDifferences } from '../../src/plan/record-diff.js';
import { emptyPlan, fullPlan, noZonesPlan } from './fixtures.js';
import { sharedReport } from '../plan/shared-objects.fixtures.js';
import { expectGolden } from './golden.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/plan.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function withoutSource(p: Plan): Plan {
  const strip = (r: DnsRecord | undefined) => {
    if (!r) return r;
    const { source: _s, ...rest } = r;
    return rest;
  };
  return {
    ...p,
    zones: p.zones.map((z) => ({
      ...z,
      changes: z.changes.map((c) => {
        const out = { ...c };
        if (c.existing) out.existing = strip(c.existing)!;
        if (c.desired) out.desired = strip(c.desired)!;
        // an update is saved with its changed fields (derived from existing and desired)
        if (c.kind === 'update' && c.existing && c.desired) out.differences = recordDifferences(c.existing, c.desired);
        return out;
      }),
    })),
  };
}

describe('plan as JSON (the saved plan format)', () => {
  it('matches the golden file', () => {
    expectGolden('plan.json', renderPlanJson(fullPlan));
  });
  it.each([
    ['full', fullPlan],
    ['empty', emptyPlan],
    ['no zones', noZonesPlan],
    ['plan-only', { ...fullPlan, zones: fullPlan.zones.map((z) => ({ ...z, planOnly: `apply_disabled is set on ${z.target}` })) }],
    ['with processors', { ...fullPlan, zones: fullPlan.zones.map((z) => ({ ...z, processors: ['only-a', 'no-root-ns'] })) }],
    ['with shared objects', { ...fullPlan, shared: [sharedReport] }],
  ] as const)('%s plan round-trips (minus source positions) and validates against the schema', (_n, plan) => {
    const text = renderPlanJson(plan);
    const back: unknown = JSON.parse(text);
    expect(back).toEqual(withoutSource(plan));
    expect(text).not.toContain('"source"');
    expect(validate(back), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(parsePlanJson(text)).toEqual(back);
  });
  it('renders the same bytes whatever the key order of the input', () => {
    const shuffled = JSON.parse(JSON.stringify(fullPlan), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse())
        : v,
    ) as Plan;
    expect(Object.keys(shuffled)[0]).toBe('warnings');
    expect(renderPlanJson(shuffled)).toBe(renderPlanJson(fullPlan));
  });
  it('the schema rejects a plan of another version and unknown keys', () => {
    const data = JSON.parse(renderPlanJson(fullPlan)) as Record<string, unknown>;
    expect(validate({ ...data, version: 2 })).toBe(false);
    expect(validate({ ...data, extra: true })).toBe(false);
  });
  it('parsePlanJson refuses what is not a version-1 plan', () => {
    expect(() => parsePlanJson('{')).toThrow(PlanFormatError);
    expect(() => parsePlanJson('{"version":2,"zones":[],"safety":[],"warnings":[]}')).toThrow(/unsupported plan version 2/);
    expect(() => parsePlanJson('{"version":1,"zones":[{"zone":"a.","target":"t","changes":[]}],"safety":[],"warnings":[]}')).toThrow(/fingerprint/);
  });
});
