/**
 * Plan safety: octoDNS's thresholds (updates or deletes above a share of an existing
 * zone of at least 10 records; any root NS change) and dnsctl's traffic rules (no dynamic
 * record may end with fewer serving pools than configured; no plan may move more than a
 * configured share of any region's traffic). Each is lifted by configuration (see
 * config/safety-config.ts); --force --reason accepts all but the serving-pools rule for
 * one plan, which records who accepted what and why.
 */
import { fqdnOf } from '../model/record.js';
import type { SafetyConfig } from '../config/types.js';
import { safetyFor } from '../config/safety-config.js';
import type { SafetyViolation, TrafficShift, ZonePlan } from './types.js';
import { regionShares, servingPools } from './traffic-share.js';

export const MIN_EXISTING_RECORDS = 10;
export const DEFAULT_THRESHOLD = 0.3;

export function trafficShifts(zp: Pick<ZonePlan, 'changes'>): TrafficShift[] {
  const out: TrafficShift[] = [];
  for (const c of zp.changes) {
    if (c.kind !== 'update') continue;
    const before = regionShares(c.existing);
    const after = regionShares(c.desired);
    if (!c.existing?.dynamic && !c.desired?.dynamic) continue;
    const regions = new Set([...before.keys(), ...after.keys()]);
    const rec = c.desired ?? c.existing!;
    for (const region of [...regions].sort()) {
      const b = before.get(region) ?? 0;
      const a = after.get(region) ?? 0;
      if (Math.abs(a - b) > 1e-9) out.push({ record: `${fqdnOf(rec.name, rec.zone)} ${rec.type}`, region, before: b, after: a });
    }
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function checkSafety(
  zp: ZonePlan,
  config: SafetyConfig,
  thresholds: { update: number; delete: number },
): SafetyViolation[] {
  const cfg = safetyFor(config, zp.zone);
  const out: SafetyViolation[] = [];
  const base = { zone: zp.zone, target: zp.target };
  const updates = zp.changes.filter((c) => c.kind === 'update');
  const deletes = zp.changes.filter((c) => c.kind === 'delete');
  const name = (c: { name: string; type: string }) => `${fqdnOf(c.name, zp.zone)} ${c.type}`;
  if (zp.existingCount >= MIN_EXISTING_RECORDS) {
    const u = updates.length / zp.existingCount;
    if (u > thresholds.update) {
      out.push({ ...base, rule: 'update-threshold', forceable: true, records: updates.map(name), message: `[${zp.zone}] Too many updates, ${pct(u)} is over ${pct(thresholds.update)} (${updates.length}/${zp.existingCount}), force required` });
    }
    const d = deletes.length / zp.existingCount;
    if (d > thresholds.delete) {
      out.push({ ...base, rule: 'delete-threshold', forceable: true, records: deletes.map(name), message: `[${zp.zone}] Too many deletes, ${pct(d)} is over ${pct(thresholds.delete)} (${deletes.length}/${zp.existingCount}), force required` });
    }
  }
  const rootNs = zp.changes.filter((c) => c.name === '' && c.type === 'NS');
  if (zp.exists && rootNs.length && !cfg.allowRootNsChanges) {
    out.push({ ...base, rule: 'root-ns', forceable: true, records: rootNs.map(name), message: `[${zp.zone}] Root NS record change, force required` });
  }
  for (const c of zp.changes) {
    if (!c.desired?.dynamic) continue;
    const n = servingPools(c.desired);
    if (n < cfg.minServingPools) {
      out.push({ ...base, rule: 'zero-serving-pools', forceable: false, records: [name(c)], message: `[${zp.zone}] ${name(c)} would have ${n} serving pool(s) (every value of its pools is down); at least ${cfg.minServingPools} must serve — set a status back to obey/up, or, to serve the static values on purpose, set min_serving_pools: 0 for this zone (dnsctl.safety.zones.${zp.zone}.min_serving_pools) or the whole config (dnsctl.safety.min_serving_pools)` });
    }
  }
  const moved = zp.shifts.filter((s) => Math.abs(s.after - s.before) > cfg.maxRegionShift + 1e-9);
  if (moved.length) {
    const detail = moved.map((s) => `${s.record} ${s.region} ${pct(s.before)} -> ${pct(s.after)}`).join('; ');
    out.push({ ...base, rule: 'region-shift', forceable: true, records: [...new Set(moved.map((s) => s.record))], message: `[${zp.zone}] moves more than ${pct(cfg.maxRegionShift)} of a region's traffic (${detail}), force required` });
  }
  return out;
}
