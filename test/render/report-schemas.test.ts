/**
 * The machine-readable reports CI consumes (`validate --json`, `apply --json`) are documented
 * by versioned JSON Schemas in schemas/; what dnsctl prints must validate against them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ApplyReport } from '../../src/plan/types.js';
import { renderApplyReportJson } from '../../src/render/apply-report.js';
import { failedReport, okReport } from './fixtures.js';
import { BASIC_CONFIG, makeRepo, runCli } from '../cli/helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema(schema('plan.schema.json'));
const validApply = ajv.compile(schema('apply-report.schema.json'));
const validValidate = ajv.compile(schema('validate-report.schema.json'));
const check = (v: typeof validApply, data: unknown) => expect(v(data), JSON.stringify(v.errors, null, 2)).toBe(true);

describe('apply --json follows schemas/apply-report.schema.json', () => {
  const interrupted: ApplyReport = { ...failedReport, interrupted: true };
  const skipped: ApplyReport = { ...okReport, zones: okReport.zones.map((z) => ({ ...z, skipped: 'apply_disabled is set on x: planned for review only, nothing written' })) };
  it.each([
    ['failed', failedReport],
    ['ok', okReport],
    ['interrupted', interrupted],
    ['plan-only', skipped],
  ] as const)('%s report', (_n, report) => {
    check(validApply, JSON.parse(renderApplyReportJson(report)));
  });

  it('rejects what it does not document (control)', () => {
    const data = JSON.parse(renderApplyReportJson(okReport)) as Record<string, unknown>;
    expect(validApply({ ...data, surprise: 1 })).toBe(false);
    expect(validApply({ ...data, interrupted: false })).toBe(false);
  });
});

describe('validate --json follows schemas/validate-report.schema.json', () => {
  it('with errors and positions', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': '---\na:\n  value: 1.2.3.4\n  type: A\nb:\n  type: A\n  value: 1.2.3\n' });
    const r = await runCli(['validate', '--json'], dir);
    expect(r.code).toBe(1);
    check(validValidate, JSON.parse(r.stdout));
  });

  it('clean', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': '---\na:\n  type: A\n  value: 1.2.3.4\n' });
    const r = await runCli(['validate', '--json'], dir);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as Record<string, unknown>;
    check(validValidate, data);
    expect(validValidate({ ...data, version: 2 })).toBe(false);
  });
});
