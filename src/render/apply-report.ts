/**
 * The outcome of `dnsctl apply`: per zone and target each change applied (✓), failed
 * (✗, with the provider's own message) or not attempted (·), the time taken, failures
 * repeated at the end, and one final line. As text, JSON and Markdown.
 */
import { fqdnOf } from '../model/record.js';
import type { ApplyReport, ChangeResult, ChangeStatus, ZoneApplyReport } from '../plan/types.js';
import { paint } from './colour.js';
import { recordForJson } from './plan-json.js';
import { mdCode, mdEscape } from './plan-markdown.js';

export const APPLY_MARKER = '<!-- dnsctl-apply -->';

const MARK: Record<ChangeStatus, string> = { applied: '✓', failed: '✗', 'not-attempted': '·' };

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

interface Tally {
  applied: number;
  failed: number;
  'not-attempted': number;
  total: number;
}

function tally(zones: ZoneApplyReport[]): Tally {
  const t: Tally = { applied: 0, failed: 0, 'not-attempted': 0, total: 0 };
  for (const z of zones) for (const r of z.results) t[r.status]++, t.total++;
  return t;
}

const resultName = (z: ZoneApplyReport, r: ChangeResult) => `${fqdnOf(r.change.name, z.zone)} ${r.change.type}`;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function finalLine(report: ApplyReport): string {
  const t = tally(report.zones);
  const zoneErrors = report.zones.filter((z) => z.error).length;
  const skipped = report.zones.filter((z) => z.skipped).reduce((n, z) => n + z.results.length, 0);
  const held = skipped ? ` (${plural(skipped, 'change')} held back: plan only)` : '';
  if (report.ok) return `Apply complete: ${plural(t.applied, 'change')} applied in ${plural(report.zones.length, 'zone')}${held}.`;
  if (report.interrupted) {
    const state = t.applied ? 'Live DNS is partly changed' : 'Nothing was changed';
    return `Apply interrupted: ${t.applied} of ${plural(t.total, 'change')} applied, ${t.failed} failed, ${t['not-attempted']} not attempted. ${state}: run dnsctl plan again to see exactly what is left.`;
  }
  const parts = [`${t.applied} of ${plural(t.total, 'change')} applied`, `${t.failed} failed`, `${t['not-attempted']} not attempted`];
  if (zoneErrors) parts.push(`${plural(zoneErrors, 'zone')} failed before any change`);
  const next = t.applied
    ? 'Live DNS is partly changed: run dnsctl plan again and review the new plan before applying.'
    : 'Nothing was changed: fix the cause, then run dnsctl plan again.';
  return `Apply failed: ${parts.join(', ')}. ${next}`;
}

export function renderApplyReportText(report: ApplyReport, opts: { colour: boolean }): string {
  const on = opts.colour;
  const blocks: string[] = [];
  const failures: string[] = [];
  for (const z of report.zones) {
    const lines = [`${paint(on, 'bold', `${z.zone} → ${z.target}`)} ${paint(on, 'grey', `(${duration(z.durationMs)})`)}`];
    for (const n of z.notes ?? []) lines.push(`  ${paint(on, 'grey', n)}`);
    if (z.skipped) lines.push(`  ${paint(on, 'yellow', `skipped: ${z.skipped}`)}`);
    if (z.error) {
      lines.push(`  ${paint(on, 'red', `✗ failed before any change: ${z.error}`)}`);
      failures.push(`  ${z.zone} → ${z.target}: ${z.error}`);
    }
    for (const r of z.results) {
      const line = `  ${MARK[r.status]} ${r.change.kind} ${resultName(z, r)}`;
      if (r.status === 'applied') lines.push(paint(on, 'green', line));
      else if (r.status === 'not-attempted') lines.push(paint(on, 'grey', `${line} (not attempted)`));
      else {
        lines.push(paint(on, 'red', line), `      ${paint(on, 'red', r.error ?? 'failed (no message from the provider)')}`);
        failures.push(`  ${z.zone} → ${z.target}: ${r.change.kind} ${resultName(z, r)}: ${r.error ?? 'no message'}`);
      }
    }
    if (!z.error && z.results.length === 0) lines.push(paint(on, 'grey', '  nothing to do'));
    blocks.push(lines.join('\n'));
  }
  if (failures.length) blocks.push([paint(on, 'red', paint(on, 'bold', `Failed (${failures.length}):`)), ...failures].join('\n'));
  const last = finalLine(report);
  blocks.push(paint(on, report.ok ? 'green' : 'red', paint(on, 'bold', last)));
  return blocks.join('\n\n') + '\n';
}

export function renderApplyReportJson(report: ApplyReport): string {
  const data: ApplyReport = {
    version: report.version,
    ok: report.ok,
    ...(report.interrupted ? { interrupted: true } : {}),
    zones: report.zones.map((z) => {
      const out: ZoneApplyReport = { zone: z.zone, target: z.target, durationMs: z.durationMs, results: [] };
      if (z.error !== undefined) out.error = z.error;
      if (z.notes?.length) out.notes = z.notes;
      if (z.skipped !== undefined) out.skipped = z.skipped;
      out.results = z.results.map((r) => {
        const c = r.change;
        const change: ChangeResult['change'] = { kind: c.kind, name: c.name, type: c.type };
        if (c.reason !== undefined) change.reason = c.reason;
        if (c.existing) change.existing = recordForJson(c.existing);
        if (c.desired) change.desired = recordForJson(c.desired);
        const res: ChangeResult = { status: r.status, change };
        if (r.error !== undefined) res.error = r.error;
        return res;
      });
      return out;
    }),
  };
  return JSON.stringify(data, null, 2) + '\n';
}

export function renderApplyReportMarkdown(report: ApplyReport): string {
  const t = tally(report.zones);
  const title = report.ok
    ? `## ✅ dnsctl apply: ${plural(t.applied, 'change')} applied`
    : `## ❌ dnsctl apply ${report.interrupted ? 'interrupted' : 'failed'}: ${t.applied} applied, ${t.failed} failed, ${t['not-attempted']} not attempted`;
  const table = ['| Zone | Target | Applied | Failed | Not attempted | Time |', '|--|--|--:|--:|--:|--:|'];
  for (const z of report.zones) {
    const zt = tally([z]);
    const failed = z.error ? '**zone error**' : zt.failed ? `**${zt.failed}**` : '0';
    table.push(`| ${mdCode(z.zone)} | ${mdEscape(z.target)} | ${zt.applied} | ${failed} | ${zt['not-attempted']} | ${duration(z.durationMs)} |`);
  }
  const parts = [APPLY_MARKER, title, table.join('\n')];
  const failures: string[] = [];
  for (const z of report.zones) {
    if (z.error) failures.push(`- ${mdCode(z.zone)} → ${mdEscape(z.target)}: failed before any change: ${mdEscape(z.error)}`);
    for (const r of z.results.filter((x) => x.status === 'failed')) {
      failures.push(`- ${mdCode(resultName(z, r))} ${r.change.kind} on ${mdEscape(z.target)}: ${mdEscape(r.error ?? 'no message from the provider')}`);
    }
  }
  if (failures.length) parts.push(`### ❌ Failures\n\n${failures.join('\n')}`);
  const rows = report.zones.flatMap((z) =>
    z.results.map((r) => `| ${MARK[r.status]} | ${mdEscape(r.change.kind)} | ${mdCode(resultName(z, r))} | ${mdEscape(z.target)} |`),
  );
  if (rows.length) {
    parts.push(`<details><summary>All changes</summary>\n\n| | Operation | Record | Target |\n|--|--|--|--|\n${rows.join('\n')}\n\n</details>`);
  }
  parts.push(finalLine(report));
  return parts.join('\n\n') + '\n';
}
