import { describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../src/plan/types.js';
import { renderApplyReportJson, renderApplyReportMarkdown, renderApplyReportText } from '../../src/render/apply-report.js';
import { failedReport, okReport } from './fixtures.js';
import { expectGolden } from './golden.js';

describe('apply report', () => {
  it('text, with a failure', () => {
    const out = renderApplyReportText(failedReport, { colour: false });
    expect(out).not.toMatch(/\u001b\[/);
    expect(out.trimEnd().split('\n').pop()).toMatch(/^Apply failed: 8 of 15 changes applied, 1 failed, 6 not attempted/);
    expectGolden('apply-report.txt', out);
  });
  it('text, colour', () => {
    const out = renderApplyReportText(failedReport, { colour: true });
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(renderApplyReportText(failedReport, { colour: false }));
    expectGolden('apply-report-colour.txt', out);
  });
  it('text, all applied', () => {
    expectGolden('apply-report-ok.txt', renderApplyReportText(okReport, { colour: false }));
  });
  it('Markdown', () => {
    expectGolden('apply-report.md', renderApplyReportMarkdown(failedReport));
    expectGolden('apply-report-ok.md', renderApplyReportMarkdown(okReport));
  });
  it('JSON round-trips (minus source positions)', () => {
    const text = renderApplyReportJson(failedReport);
    expectGolden('apply-report.json', text);
    const back = JSON.parse(text) as ApplyReport;
    expect(back.ok).toBe(false);
    expect(JSON.parse(renderApplyReportJson(back))).toEqual(back);
    expect(back.zones.map((z) => z.results.length)).toEqual(failedReport.zones.map((z) => z.results.length));
    expect(text).not.toContain('"source"');
  });
});
