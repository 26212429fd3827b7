/**
 * The saved plan format (version 1, documented by schemas/plan.schema.json): the Plan
 * itself as pretty-printed JSON with a fixed key order, so the same plan always renders
 * to the same bytes. Records lose only their `source` positions. `parsePlanJson` reads
 * it back for `dnsctl apply plan.json`.
 */
import type { DnsRecord, Dynamic, Json, Value } from '../model/record.js';
import { recordDifferences } from '../plan/record-diff.js';
import {
  PLAN_VERSION,
  type Change,
  type Loss,
  type Plan,
  type SafetyAcceptance,
  type SafetyViolation,
  type TrafficShift,
  type ZonePlan,
} from '../plan/types.js';

/** Copy `o` with keys in `order` (absent/undefined keys skipped). */
function ordered<T extends object>(o: T, order: ReadonlyArray<keyof T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of order) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Free-form data (structured values, the `octodns` mapping) with keys sorted at every level. */
function sortedKeys<T extends Json>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => sortedKeys(x)) as T;
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortedKeys(v[k]!);
  return out as T;
}

const sortedValues = (vs: Value[]): Value[] => vs.map((v) => sortedKeys(v));

function dynamicForJson(d: Dynamic): Dynamic {
  const pools: Dynamic['pools'] = {};
  for (const id of Object.keys(d.pools).sort()) {
    const p = d.pools[id]!;
    pools[id] = { fallback: p.fallback, values: p.values.map((v) => ({ value: sortedKeys(v.value), weight: v.weight, status: v.status })) };
  }
  return { pools, rules: d.rules.map((r) => ordered(r, ['pool', 'geos', 'subnets']) as Dynamic['rules'][number]) };
}

/** A record with a fixed key order and without its source position. */
export function recordForJson(r: DnsRecord): DnsRecord {
  const out: DnsRecord = { zone: r.zone, name: r.name, type: r.type, ttl: r.ttl, values: sortedValues(r.values) };
  if (r.dynamic) out.dynamic = dynamicForJson(r.dynamic);
  if (r.geo) out.geo = Object.fromEntries(Object.keys(r.geo).sort().map((k) => [k, sortedValues(r.geo![k]!)]));
  if (r.octodns) out.octodns = sortedKeys(r.octodns);
  return out;
}

function changeForJson(c: Change): Change {
  const out = ordered(c, ['kind', 'name', 'type', 'reason']) as Change;
  if (c.existing) out.existing = recordForJson(c.existing);
  if (c.desired) out.desired = recordForJson(c.desired);
  // an update says which fields change (informative: apply binds to existing/desired, not to this)
  if (c.kind === 'update' && c.existing && c.desired) out.differences = recordDifferences(c.existing, c.desired);
  return out;
}

const lossForJson = (l: Loss) => ordered(l, ['record', 'type', 'severity', 'message']) as Loss;
const shiftForJson = (s: TrafficShift) => ordered(s, ['record', 'region', 'before', 'after']) as TrafficShift;
const safetyForJson = (v: SafetyViolation) =>
  ordered(v, ['rule', 'zone', 'target', 'forceable', 'message', 'records']) as SafetyViolation;

function zoneForJson(z: ZonePlan): ZonePlan {
  const out: ZonePlan = {
    zone: z.zone,
    target: z.target,
    provider: z.provider,
    exists: z.exists,
    existingCount: z.existingCount,
    fingerprint: z.fingerprint,
    desiredDigest: z.desiredDigest,
    changesDigest: z.changesDigest,
    changes: z.changes.map(changeForJson),
    losses: z.losses.map(lossForJson),
    shifts: z.shifts.map(shiftForJson),
    unmanaged: [...z.unmanaged],
    overrides: [...z.overrides],
  };
  if (z.planOnly !== undefined) out.planOnly = z.planOnly;
  if (z.processors?.length) out.processors = [...z.processors];
  return out;
}

/** The plan as the data `renderPlanJson` writes (fixed key order, no source positions). */
export function planForJson(plan: Plan): Plan {
  return {
    version: plan.version,
    createdAt: plan.createdAt,
    config: plan.config,
    zones: plan.zones.map(zoneForJson),
    safety: plan.safety.map(safetyForJson),
    ...(plan.shared ? { shared: plan.shared.map((r) => ({ target: r.target, objects: r.objects.map((o) => ({ ...o })), orphans: r.orphans.map((o) => ({ ...o })) })) } : {}),
    ...(plan.accepted ? { accepted: acceptanceForJson(plan.accepted) } : {}),
    warnings: [...plan.warnings],
  };
}

function acceptanceForJson(a: SafetyAcceptance): SafetyAcceptance {
  return { by: a.by, reason: a.reason, at: a.at, violations: a.violations.map((v) => ({ rule: v.rule, zone: v.zone, target: v.target, records: [...v.records] })) };
}

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify(planForJson(plan), null, 2) + '\n';
}

export class PlanFormatError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Read a saved plan. Checks the version and the overall shape (full validation against
 * schemas/plan.schema.json is the caller's choice); throws PlanFormatError with a reason.
 */
export function parsePlanJson(text: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new PlanFormatError(`not a dnsctl plan: invalid JSON (${(e as Error).message})`);
  }
  if (!isObject(data)) throw new PlanFormatError('not a dnsctl plan: expected a JSON object');
  if (data['version'] !== PLAN_VERSION) {
    throw new PlanFormatError(`unsupported plan version ${JSON.stringify(data['version'])}; this dnsctl reads version ${PLAN_VERSION} — re-run dnsctl plan`);
  }
  for (const k of ['zones', 'safety', 'warnings'] as const) {
    if (!Array.isArray(data[k])) throw new PlanFormatError(`not a dnsctl plan: "${k}" must be a list`);
  }
  for (const z of data['zones'] as unknown[]) {
    if (!isObject(z) || typeof z['zone'] !== 'string' || typeof z['target'] !== 'string' || !Array.isArray(z['changes'])) {
      throw new PlanFormatError('not a dnsctl plan: every zone needs "zone", "target" and "changes"');
    }
    if (typeof z['fingerprint'] !== 'string') {
      throw new PlanFormatError(`not a dnsctl plan: zone ${String(z['zone'])} → ${String(z['target'])} has no live-state fingerprint`);
    }
  }
  return data as unknown as Plan;
}
