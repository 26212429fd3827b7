/**
 * A plan as text for a terminal: per zone and target the changes (`+ create`,
 * `~ update`, `- delete`) with a line diff of each record's content, then what the
 * target cannot represent, traffic shifts, unmanaged records and kept overrides;
 * warnings and safety violations last; then one summary line.
 */
import { orphanText, sharedCountsText } from '../plan/shared-objects.js';
import { changeCounts, type Change, type Plan, type ZonePlan } from '../plan/types.js';
import { isAccepted } from '../plan/acceptance.js';
import { paint, type Colour } from './colour.js';
import { changeFqdn, changeRecord, countsText, lossText, pct, recordDiff, safetyText, updateDiff, type DiffOp } from './plan-lines.js';

const KIND: Record<Change['kind'], { sign: string; colour: Colour }> = {
  create: { sign: '+', colour: 'green' },
  update: { sign: '~', colour: 'yellow' },
  delete: { sign: '-', colour: 'red' },
};
const OP_COLOUR: Record<DiffOp, Colour | undefined> = { '+': 'green', '-': 'red', '~': 'yellow', ' ': undefined };

function changeText(c: Change, zone: string, on: boolean): string[] {
  const k = KIND[c.kind];
  const rec = changeRecord(c);
  const oldTtl = c.existing?.ttl;
  const newTtl = c.desired?.ttl;
  const ttl = c.kind === 'update' && oldTtl !== newTtl ? `ttl ${oldTtl} → ${newTtl}` : `ttl ${rec?.ttl ?? '?'}`;
  const reason = c.reason ? paint(on, 'grey', ` (${c.reason})`) : '';
  const head = `  ${paint(on, k.colour, `${k.sign} ${c.kind}`)} ${paint(on, 'bold', changeFqdn(c, zone))} ${c.type} ${ttl}${reason}`;
  const body = (c.kind === 'update' && c.existing && c.desired ? updateDiff(c.existing, c.desired) : recordDiff(c.existing, c.desired)).map(({ op, text }) => {
    const colour = OP_COLOUR[op];
    const line = `      ${op} ${text}`;
    return colour ? paint(on, colour, line) : line;
  });
  return [head, ...body];
}

function zoneText(z: ZonePlan, on: boolean): string[] {
  const created = z.exists ? '' : paint(on, 'yellow', ' — zone will be created');
  const disabled = z.planOnly ? paint(on, 'yellow', ` — plan only, apply writes nothing (${z.planOnly})`) : '';
  const head = `${paint(on, 'bold', `${z.zone} → ${z.target}`)} (${z.provider})${created}${disabled}`;
  const lines: string[] = [];
  if (z.changes.length === 0) lines.push(`${head}: ${paint(on, 'grey', 'no changes')}`);
  else lines.push(head);
  for (const c of z.changes) lines.push(...changeText(c, z.zone, on));
  if (z.losses.length) {
    lines.push(`  ${paint(on, 'yellow', `${z.target} cannot represent:`)}`);
    for (const l of z.losses) {
      const sev = paint(on, l.severity === 'error' ? 'red' : 'yellow', l.severity);
      lines.push(`    ${sev} ${l.record} ${l.type}: ${lossText(l, z.target)}`);
    }
  }
  if (z.shifts.length) {
    lines.push(`  ${paint(on, 'cyan', 'traffic shifts:')}`);
    const width = Math.max(...z.shifts.map((s) => s.record.length));
    for (const s of z.shifts) lines.push(`    ${s.record.padEnd(width)}  ${s.region} ${pct(s.before)} → ${pct(s.after)}`);
  }
  if (z.unmanaged.length) {
    lines.push(`  ${paint(on, 'grey', 'unmanaged, left alone:')}`);
    for (const u of z.unmanaged) lines.push(`    ${u}`);
  }
  if (z.overrides.length) {
    lines.push(`  ${paint(on, 'grey', 'live overrides kept:')}`);
    for (const o of z.overrides) lines.push(`    ${o}`);
  }
  return lines;
}

function safetyLines(plan: Plan, on: boolean): string[] {
  const vs = plan.safety;
  if (!vs.length) return [];
  const accepted = vs.filter((v) => isAccepted(v, plan.accepted));
  const hard = vs.filter((v) => !v.forceable).length;
  const soft = vs.length - hard - accepted.length;
  const parts = [soft ? `${soft} overridable with --force --reason` : '', hard ? `${hard} lifted only by configuration` : '', accepted.length ? `${accepted.length} accepted` : ''].filter(Boolean);
  const refused = accepted.length < vs.length;
  const title = refused ? `Safety violations — apply refuses this plan (${parts.join(', ')}):` : `Safety violations — accepted with --force (${parts.join(', ')}):`;
  const lines = [paint(on, refused ? 'red' : 'yellow', paint(on, 'bold', title))];
  for (const v of vs) {
    const ok = accepted.includes(v);
    lines.push(`  ${paint(on, ok ? 'yellow' : 'red', `${ok ? '!' : '✗'} ${v.rule}`)}  ${v.zone} → ${v.target}`);
    lines.push(`      ${safetyText(v.message, v.zone)}`);
    if (v.records.length) lines.push(`      records: ${v.records.join(', ')}`);
    if (ok) lines.push(`      ${paint(on, 'yellow', `accepted by ${plan.accepted!.by}: ${plan.accepted!.reason} (${plan.accepted!.at})`)}`);
    else lines.push(`      ${v.forceable ? paint(on, 'yellow', '--force --reason "<why>" overrides this rule') : paint(on, 'red', 'not overridden by --force: lifted only by configuration (see the message)')}`);
  }
  return lines;
}

export function renderPlanText(plan: Plan, opts: { colour: boolean }): string {
  const on = opts.colour;
  const blocks: string[][] = plan.zones.map((z) => zoneText(z, on));
  for (const r of plan.shared ?? []) {
    blocks.push([`${paint(on, 'bold', `Shared objects at ${r.target}:`)} ${sharedCountsText(r)}`, ...r.orphans.map((o) => `  ! orphan ${orphanText(o)}`)]);
  }
  if (plan.warnings.length) blocks.push([paint(on, 'yellow', 'Warnings:'), ...plan.warnings.map((w) => `  ! ${w}`)]);
  const safety = safetyLines(plan, on);
  if (safety.length) blocks.push(safety);
  const c = changeCounts(plan);
  blocks.push([paint(on, 'bold', c.total === 0 ? 'No changes. Live DNS matches the repository.' : `Plan: ${countsText(c)}`)]);
  return blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
}
