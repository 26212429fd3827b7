/**
 * A plan as Markdown for a pull-request comment. It starts with a hidden marker that a
 * workflow uses to update its one comment in place, then the counts per target, then
 * what needs attention (safety violations, what a target cannot represent, traffic
 * shifts), then one collapsed section per zone and target with octoDNS's PlanMarkdown
 * table (`| Operation | Name | Type | TTL | Value |`, an update as old row then new row)
 * and a ```diff block per dynamic record.
 */
import { orphanText } from '../plan/shared-objects.js';
import { type Change, type Plan, type ZonePlan, changeCounts } from '../plan/types.js';
import {
  changeFqdn,
  countsOf,
  countsText,
  isDynamicChange,
  lossText,
  pct,
  recordDiff,
  routingSummary,
  safetyText,
  updateCells,
  updateDiff,
  valuesText,
} from './plan-lines.js';
import type { DnsRecord } from '../model/record.js';
import { isAccepted } from '../plan/acceptance.js';
import { applyCommand } from './apply-command.js';

export const PLAN_MARKER = '<!-- dnsctl-plan -->';
/** GitHub refuses comments over 65,536 characters; keep room for the footer. */
export const MAX_COMMENT_LENGTH = 60_000;

/** Text safe inside a table cell or a paragraph: Markdown and HTML specials escaped, one line. */
export function mdEscape(s: string): string {
  return s
    .replace(/[\\`|*_[\]~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Text inside an HTML element (`<summary>`), where Markdown escapes would show literally. */
export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks in `s`. */
export function mdCode(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

function fenced(lang: string, body: string): string {
  const runs = body.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${lang}\n${body}\n${fence}`;
}

const OPERATION: Record<Change['kind'], string> = { create: 'Create', update: 'Update', delete: 'Delete' };

function valueCell(r: DnsRecord): string {
  return mdEscape(routingSummary(r) ?? valuesText(r).join('; '));
}

const nameCell = (c: Change) => mdEscape(c.name === '' ? '@' : c.name);

function changeRows(c: Change): string[] {
  if (c.kind === 'update' && c.existing && c.desired) {
    // the two cells differ whenever the records do (a pool value's status, a health-check path, …)
    const cells = updateCells(c.existing, c.desired);
    return [
      `| Update | ${nameCell(c)} | ${c.type} | ${c.existing.ttl} | ${mdEscape(cells.before)} |`,
      `| | | | ${c.desired.ttl} | ${mdEscape(cells.after)} |`,
    ];
  }
  const r = c.desired ?? c.existing;
  if (!r) return [];
  const reason = c.reason ? ` _(${mdEscape(c.reason)})_` : '';
  return [`| ${OPERATION[c.kind]} | ${nameCell(c)} | ${c.type} | ${r.ttl} | ${valueCell(r)}${reason} |`];
}

function zoneSection(z: ZonePlan): string {
  const created = z.exists ? '' : ' — <b>zone will be created</b>';
  const disabled = z.planOnly ? ` — <b>plan only</b> (${htmlEscape(z.planOnly)})` : '';
  const summary = `<b>${htmlEscape(z.zone)}</b> → ${htmlEscape(z.target)} (${htmlEscape(z.provider)})${created}${disabled}: ${
    z.changes.length ? countsText(countsOf(z.changes)) : 'no changes'
  }`;
  const parts: string[] = [`<details><summary>${summary}</summary>`];
  if (z.changes.length) {
    parts.push(['| Operation | Name | Type | TTL | Value |', '|--|--|--|--|--|', ...z.changes.flatMap(changeRows)].join('\n'));
  }
  for (const c of z.changes.filter((x) => isDynamicChange(x) && x.kind !== 'delete')) {
    const body = (c.existing && c.desired ? updateDiff(c.existing, c.desired) : recordDiff(c.existing, c.desired)).map(({ op, text }) => `${op === '~' ? '!' : op} ${text}`).join('\n');
    parts.push(`${mdCode(`${changeFqdn(c, z.zone)} ${c.type}`)} (${c.kind}):\n\n${fenced('diff', body)}`);
  }
  if (z.unmanaged.length) parts.push(`Unmanaged, left alone: ${z.unmanaged.map(mdCode).join(', ')}`);
  if (z.overrides.length) parts.push(`Live overrides kept: ${z.overrides.map(mdCode).join(', ')}`);
  return `${parts.join('\n\n')}\n\n</details>`;
}

function countsTable(plan: Plan): string {
  const rows = new Map<string, { create: number; update: number; delete: number }>();
  for (const z of plan.zones) {
    const row = rows.get(z.target) ?? { create: 0, update: 0, delete: 0 };
    const c = countsOf(z.changes);
    row.create += c.create, row.update += c.update, row.delete += c.delete;
    rows.set(z.target, row);
  }
  const lines = ['| Target | Create | Update | Delete |', '|--|--:|--:|--:|'];
  for (const [t, c] of rows) lines.push(`| ${mdEscape(t)} | ${c.create} | ${c.update} | ${c.delete} |`);
  return lines.join('\n');
}

function attention(plan: Plan): string[] {
  const out: string[] = [];
  if (plan.safety.length) {
    const a = plan.accepted;
    const items = plan.safety.map((v) => {
      const records = v.records.length ? `<br>Records: ${v.records.map(mdCode).join(', ')}` : '';
      const ok = isAccepted(v, a);
      const force = ok
        ? `**accepted** by ${mdEscape(a!.by)}: ${mdEscape(a!.reason)}`
        : v.forceable
          ? 'overridable with `--force --reason` after review'
          : '**not overridden by `--force`**: lifted only by configuration';
      return `- ${v.forceable ? '⚠️' : '⛔'} **${v.rule}** on ${mdCode(v.zone)} → ${mdEscape(v.target)}, ${force}<br>${mdEscape(safetyText(v.message, v.zone))}${records}`;
    });
    const refused = plan.safety.some((v) => !isAccepted(v, a));
    out.push(`### ⚠️ Safety violations — ${refused ? 'apply refuses this plan' : 'accepted with `--force`'}\n\n${items.join('\n')}`);
  }
  const losses = plan.zones.flatMap((z) =>
    z.losses.map((l) => `- **${mdEscape(z.target)}** ${mdCode(`${l.record} ${l.type}`)} (${l.severity === 'error' ? '**error**' : 'warning'}): ${mdEscape(lossText(l, z.target))}`),
  );
  if (losses.length) out.push(`### ⚠️ What the targets cannot represent\n\n${losses.join('\n')}`);
  const shifts = plan.zones.flatMap((z) =>
    z.shifts.map((s) => `| ${mdEscape(z.target)} | ${mdCode(s.record)} | ${mdEscape(s.region)} | ${pct(s.before)} → ${pct(s.after)} |`),
  );
  if (shifts.length) out.push(`### Traffic shifts\n\n| Target | Record | Region | Share of the record's traffic |\n|--|--|--|--|\n${shifts.join('\n')}`);
  if (plan.shared?.length) {
    const rows = plan.shared.flatMap((r) => r.objects.map((o) => `| ${mdEscape(r.target)} | ${o.kind} | ${o.existing} | +${o.create} | -${o.delete} | **${o.after}** |`));
    const orphans = plan.shared.flatMap((r) => r.orphans.map((o) => `- **${mdEscape(r.target)}** orphan ${mdEscape(orphanText(o))}`));
    out.push(
      `### Shared health checks, monitors and pools\n\n| Target | Kind | Now | Create | Delete | Account total after |\n|--|--|--:|--:|--:|--:|\n${rows.join('\n')}${orphans.length ? `\n\n${orphans.join('\n')}` : ''}`,
    );
  }
  if (plan.warnings.length) out.push(`### Warnings\n\n${plan.warnings.map((w) => `- ${mdEscape(w)}`).join('\n')}`);
  return out;
}

export function renderPlanMarkdown(plan: Plan, opts: { maxLength?: number } = {}): string {
  const max = opts.maxLength ?? MAX_COMMENT_LENGTH;
  const c = changeCounts(plan);
  const footer = `<sub>Planned ${mdEscape(plan.createdAt)} from ${mdCode(plan.config)}. After merge, ${mdCode(applyCommand(plan.config, 'plan.json'))} applies exactly this plan and refuses if live DNS or the repository changed since.</sub>`;
  const head: string[] = [PLAN_MARKER];
  if (c.total === 0) {
    head.push('## No changes were planned', 'Live DNS matches the repository.');
  } else {
    head.push(`## dnsctl plan: ${countsText(c)}`, countsTable(plan));
  }
  head.push(...attention(plan));
  const quiet = (z: ZonePlan) => z.changes.length === 0 && !z.unmanaged.length && !z.overrides.length;
  const sections = plan.zones.filter((z) => !quiet(z));
  const unchanged = plan.zones.filter((z) => z.changes.length === 0);
  if (c.total > 0 && unchanged.length) {
    head.push(`No changes: ${unchanged.map((z) => `${mdCode(z.zone)} → ${mdEscape(z.target)}`).join(', ')}`);
  }
  let text = head.join('\n\n');
  let shown = 0;
  for (const z of sections) {
    const s = zoneSection(z);
    if (text.length + s.length + footer.length + 400 > max) break;
    text += `\n\n${s}`;
    shown++;
  }
  if (shown < sections.length) {
    text += `\n\n> ${sections.length - shown} more zone section(s) left out: the comment would exceed GitHub's size limit. The full plan is in the \`plan.json\` artifact and the job log.`;
  }
  return `${text}\n\n${footer}\n`;
}
