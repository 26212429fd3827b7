/**
 * Shared pieces of the plan renderers: a record as readable lines (its values as
 * zone-file text, then its dynamic part), a one-line routing summary, line diffs of
 * an update, and the small formatting helpers (names, shares, counts).
 */
import { diffArrays } from 'diff';
import { fqdnOf, type DnsRecord, type Json, type JsonObject, type Value } from '../model/record.js';
import { typeSpec } from '../model/types/index.js';
import { trafficOf, type TrafficModel } from '../model/traffic.js';
import type { Change, Loss, Plan, ZonePlan } from '../plan/types.js';
import { differenceText, recordDifferences } from '../plan/record-diff.js';

/** ' ' same, '+' added, '-' removed, '~' a field that changed (shown as `path: before → after`) */
export type DiffOp = ' ' | '+' | '-' | '~';
export interface DiffLine {
  op: DiffOp;
  text: string;
}

const asObject = (v: Json | undefined): JsonObject | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;

export function valueText(type: DnsRecord['type'], v: Value): string {
  try {
    return typeSpec(type).toText(v);
  } catch {
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
}

export function valuesText(r: Pick<DnsRecord, 'type' | 'values'>): string[] {
  return r.values.map((v) => valueText(r.type, v));
}

/** `failover: us-east-1 → us-west-2`, `weighted: eu-west-1 30, us-east-1 70`, `geo: EU → eu-west-1; * → us-east-1`. */
export function routingSummary(r: DnsRecord): string | undefined {
  const t = trafficOf(r);
  if (!t) return undefined;
  return `${t.kind}: ${routingDetail(t)}`;
}

function poolLabel(t: TrafficModel, id: string): string {
  const p = t.pools.find((x) => x.id === id);
  const down = p && p.values.length > 0 && p.values.every((v) => v.status === 'down') ? ' (down)' : '';
  return `${id}${down}`;
}

function routingDetail(t: TrafficModel): string {
  switch (t.kind) {
    case 'failover':
      return t.pools.map((p) => poolLabel(t, p.id)).join(' → ');
    case 'weighted':
      return t.pools.map((p) => `${poolLabel(t, p.id)} ${p.weight ?? 0}`).join(', ');
    case 'latency':
      return t.pools.map((p) => poolLabel(t, p.id)).join(', ');
    case 'geo':
      return t.rules
        .map((rule) => {
          const where = [...(rule.geos ?? []), ...(rule.subnets ?? [])];
          return `${where.length ? where.join(' ') : '*'} → ${poolLabel(t, rule.pool)}`;
        })
        .join('; ');
  }
}

function healthcheckLine(hc: JsonObject): string {
  const protocol = typeof hc['protocol'] === 'string' ? hc['protocol'] : 'HTTPS';
  const host = typeof hc['host'] === 'string' ? hc['host'] : '(record name)';
  const port = hc['port'] !== undefined ? `:${String(hc['port'])}` : '';
  const path = protocol === 'TCP' ? '' : typeof hc['path'] === 'string' ? hc['path'] : '/_dns';
  const rest = Object.keys(hc)
    .filter((k) => !['protocol', 'host', 'port', 'path'].includes(k))
    .map((k) => ` ${k}=${JSON.stringify(hc[k])}`)
    .join('');
  return `healthcheck ${protocol} ${host}${port}${path}${rest}`;
}

/**
 * A record's content as lines: static values (zone-file text), then for a dynamic record
 * the routing summary, each pool (region, weight, fallback) with its values (weight and
 * status when not the defaults), the rules, the health check and any other `octodns` keys.
 */
export function recordLines(r: DnsRecord): string[] {
  const t = trafficOf(r);
  // a dynamic record's own values serve only when no pool can
  const lines = t ? valuesText(r).map((v) => `static ${v}`) : valuesText(r);
  if (t && r.dynamic) {
    lines.push(`routing ${t.kind}: ${routingDetail(t)}`);
    for (const id of Object.keys(r.dynamic.pools).sort()) {
      const p = t.pools.find((x) => x.id === id)!;
      const region = p.region !== p.id ? ` (region ${p.region})` : '';
      const weight = p.weight !== undefined ? ` weight ${p.weight}` : '';
      const fallback = p.fallback ? `, fallback ${p.fallback}` : '';
      lines.push(`pool ${id}${region}${weight}${fallback}`);
      for (const v of p.values) {
        const w = v.weight !== 1 ? ` weight ${v.weight}` : '';
        const s = v.status !== 'obey' ? ` status ${v.status}` : '';
        lines.push(`  ${valueText(r.type, v.value)}${w}${s}`);
      }
    }
    for (const rule of r.dynamic.rules) {
      const where = [...(rule.geos ?? []), ...(rule.subnets ?? [])];
      lines.push(`rule ${where.length ? where.join(' ') : '*'} → ${rule.pool}`);
    }
  }
  if (r.geo) {
    for (const [code, vs] of Object.entries(r.geo)) lines.push(`geo ${code}: ${vs.map((v) => valueText(r.type, v)).join(', ')}`);
  }
  const o = r.octodns ?? {};
  const hc = asObject(o['healthcheck']);
  if (hc) lines.push(healthcheckLine(hc));
  for (const k of Object.keys(o)) {
    if (k === 'healthcheck' || k === 'dnsctl') continue;
    lines.push(`octodns.${k}: ${JSON.stringify(o[k])}`);
  }
  return lines;
}

/** Line diff of two records' content (values, dynamic part, octodns settings). */
export function recordDiff(existing: DnsRecord | undefined, desired: DnsRecord | undefined): DiffLine[] {
  const a = existing ? recordLines(existing) : [];
  const b = desired ? recordLines(desired) : [];
  const out: DiffLine[] = [];
  const parts = diffArrays(a, b);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part.removed && next?.added && next.value.length === part.value.length) {
      // a line replaced by a line: show each old line right above its new one
      part.value.forEach((text, j) => out.push({ op: '-', text }, { op: '+', text: next.value[j]! }));
      i++;
      continue;
    }
    const op: DiffOp = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value) out.push({ op, text });
  }
  return out;
}

/**
 * The line diff of an update, never empty of what changed: when the readable lines of both
 * versions are the same (a field they do not show), the changed fields themselves.
 */
export function updateDiff(existing: DnsRecord, desired: DnsRecord): DiffLine[] {
  const lines = recordDiff(existing, desired);
  if (lines.some((l) => l.op !== ' ')) return lines;
  const hidden = recordDifferences(existing, desired).filter((d) => d.path !== 'ttl');
  return [...lines, ...hidden.map((d) => ({ op: '~' as DiffOp, text: differenceText(d) }))];
}

/**
 * An update's before and after as two one-line texts that differ whenever the records do:
 * the routing summary or values when those differ, else the lines that changed.
 */
export function updateCells(existing: DnsRecord, desired: DnsRecord): { before: string; after: string } {
  const summary = (r: DnsRecord) => routingSummary(r) ?? valuesText(r).join('; ');
  const before = summary(existing);
  const after = summary(desired);
  if (before !== after) return { before, after };
  const lines = recordDiff(existing, desired);
  const removed = lines.filter((l) => l.op === '-').map((l) => l.text);
  const added = lines.filter((l) => l.op === '+').map((l) => l.text);
  if (removed.length || added.length) return { before: removed.join('; ') || '(none)', after: added.join('; ') || '(none)' };
  const fields = recordDifferences(existing, desired).filter((d) => d.path !== 'ttl');
  if (!fields.length) return { before, after };
  return { before: fields.map((d) => `${d.path}: ${d.before ?? '(none)'}`).join('; '), after: fields.map((d) => `${d.path}: ${d.after ?? '(none)'}`).join('; ') };
}

export function isDynamicChange(c: Change): boolean {
  return Boolean(c.existing?.dynamic || c.desired?.dynamic);
}

export function changeRecord(c: Change): DnsRecord | undefined {
  return c.desired ?? c.existing;
}

export function changeFqdn(c: Change, zone: string): string {
  return fqdnOf(c.name, zone);
}

/** `70%`, `33.3%`. */
export function pct(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${p}%`;
}

export function countsOf(changes: Change[]): { create: number; update: number; delete: number } {
  const c = { create: 0, update: 0, delete: 0 };
  for (const ch of changes) c[ch.kind]++;
  return c;
}

export function countsText(c: { create: number; update: number; delete: number }): string {
  return `${c.create} to create, ${c.update} to update, ${c.delete} to delete`;
}

/** A loss message without the leading `<target>: ` the planner puts there (the renderers show the target). */
export function lossText(l: Loss, target: string): string {
  return l.message.startsWith(`${target}: `) ? l.message.slice(target.length + 2) : l.message;
}

/** A safety message without the leading `[<zone>] ` (the renderers show zone and target). */
export function safetyText(message: string, zone: string): string {
  return message.startsWith(`[${zone}] `) ? message.slice(zone.length + 3) : message;
}

export function isEmptyPlan(p: Plan): boolean {
  return p.zones.every((z) => z.changes.length === 0);
}

export function zoneHasNotes(z: ZonePlan): boolean {
  return z.losses.length > 0 || z.shifts.length > 0 || z.unmanaged.length > 0 || z.overrides.length > 0;
}
