import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../src/render/plan-text.js';
import { renderPlanMarkdown, PLAN_MARKER, mdEscape, mdCode } from '../../src/render/plan-markdown.js';
import { recordDiff, routingSummary } from '../../src/render/plan-lines.js';
import type { Plan } from '../../src/plan/types.js';
import { emptyPlan, fullPlan, noZonesPlan, route53Zone } from './fixtures.js';
import { expectGolden } from './golden.js';

const ESC = /\u001b\[/;

describe('plan as text', () => {
  it('full plan, no colour', () => {
    const out = renderPlanText(fullPlan, { colour: false });
    expect(out).not.toMatch(ESC);
    expectGolden('plan.txt', out);
  });
  it('full plan, colour', () => {
    const out = renderPlanText(fullPlan, { colour: true });
    expect(out).toMatch(ESC);
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(renderPlanText(fullPlan, { colour: false }));
    expectGolden('plan-colour.txt', out);
  });
  it('empty plan', () => {
    expectGolden('plan-empty.txt', renderPlanText(emptyPlan, { colour: false }));
    expect(renderPlanText(noZonesPlan, { colour: false })).toBe('No changes. Live DNS matches the repository.\n');
  });
  it('ends with the summary line', () => {
    const lines = renderPlanText(fullPlan, { colour: false }).trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('Plan: 8 to create, 5 to update, 2 to delete');
  });
});

describe('plan as Markdown', () => {
  it('full plan', () => {
    const out = renderPlanMarkdown(fullPlan);
    expect(out.startsWith(`${PLAN_MARKER}\n`)).toBe(true);
    expectGolden('plan.md', out);
  });
  it('empty plan', () => {
    const out = renderPlanMarkdown(emptyPlan);
    expect(out).toContain('## No changes were planned');
    expectGolden('plan-empty.md', out);
  });
  it('leaves out zone sections past the size limit and says so', () => {
    const out = renderPlanMarkdown(fullPlan, { maxLength: 3000 });
    expect(out.length).toBeLessThan(3000);
    expect(out).toMatch(/\d more zone section\(s\) left out/);
    expect(out).toContain('Safety violations');
  });
  it('escapes table specials and survives backticks in code', () => {
    expect(mdEscape('a|b `c` \\; <x>')).toBe('a\\|b \\`c\\` \\\\; &lt;x&gt;');
    expect(mdCode('a`b')).toBe('``a`b``');
  });
});

describe('record lines', () => {
  it('summarises routing', () => {
    const www = route53Zone.changes.find((c) => c.name === 'www')!;
    expect(routingSummary(www.existing!)).toBe('failover: us-east-1 → us-west-2');
    expect(routingSummary(www.desired!)).toBe('failover: us-west-2 → us-east-1');
    const api = route53Zone.changes.find((c) => c.name === 'api')!;
    expect(routingSummary(api.desired!)).toBe('weighted: eu-west-1 50, us-east-1 50');
  });
  it('diffs only what changed', () => {
    const apex = route53Zone.changes.find((c) => c.name === '' && c.kind === 'update')!;
    expect(recordDiff(apex.existing, apex.desired)).toEqual([
      { op: ' ', text: '192.0.2.1' },
      { op: '-', text: '192.0.2.2' },
      { op: '+', text: '192.0.2.3' },
    ]);
  });
});

describe('escaping in the Markdown table', () => {
  it('escapes | and backticks of values so the row stays one row', () => {
    const zone = { ...emptyPlan.zones[0]!, changes: [] as Plan['zones'][number]['changes'] };
    const desired = { zone: zone.zone, name: 'x', type: 'TXT' as const, ttl: 60, values: ['a|b `c`'] };
    zone.changes.push({ kind: 'create', name: 'x', type: 'TXT', desired });
    const out = renderPlanMarkdown({ ...emptyPlan, zones: [zone] });
    const row = out.split('\n').find((l) => l.startsWith('| Create | x |'))!;
    expect(row).toContain('a\\|b \\`c\\`');
    expect(row.replace(/\\\|/g, '').split('|').length).toBe(7);
  });
});

describe('golden files', () => {
  it.skipIf(process.env['UPDATE_GOLDEN'] === '1')('a missing golden file fails instead of being written', () => {
    expect(() => expectGolden('no-such-file.txt', 'x')).toThrow(/missing/);
  });
});
