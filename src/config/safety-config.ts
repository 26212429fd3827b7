/**
 * The `dnsctl.safety` section: the traffic rules' limits, config-wide and per zone. Every
 * safety rule can be lifted here on purpose (or with `--force --reason` for a single plan):
 * `max_region_shift: 1`, `min_serving_pools: 0`, `allow_root_ns_changes: true`, and
 * octoDNS's own `update_pcent_threshold` / `delete_pcent_threshold` on zones and providers.
 */
import type { SafetyConfig, ZoneSafetyConfig } from './types.js';
import { obj } from './values.js';

function zoneSafety(o: Record<string, unknown>): ZoneSafetyConfig {
  const out: ZoneSafetyConfig = {};
  if (typeof o['max_region_shift'] === 'number') out.maxRegionShift = o['max_region_shift'];
  if (typeof o['min_serving_pools'] === 'number') out.minServingPools = o['min_serving_pools'];
  if (typeof o['allow_root_ns_changes'] === 'boolean') out.allowRootNsChanges = o['allow_root_ns_changes'];
  return out;
}

/** Reads `dnsctl.safety` (already checked against the config schema). */
export function readSafety(section: unknown): SafetyConfig {
  const s = obj(section) ?? {};
  const own = zoneSafety(s);
  const safety: SafetyConfig = { maxRegionShift: own.maxRegionShift ?? 0.5, minServingPools: own.minServingPools ?? 1 };
  if (own.allowRootNsChanges !== undefined) safety.allowRootNsChanges = own.allowRootNsChanges;
  // break-glass (src/breakglass/impact.ts) and the best-practice TTL bound: config-wide only
  if (typeof s['max_evacuated_regions'] === 'number') safety.maxEvacuatedRegions = s['max_evacuated_regions'];
  if (typeof s['min_serving_regions'] === 'number') safety.minServingRegions = s['min_serving_regions'];
  if (typeof s['max_failover_ttl'] === 'number') safety.maxFailoverTtl = s['max_failover_ttl'];
  const zones = obj(s['zones']);
  if (zones) {
    safety.zones = new Map();
    for (const [name, raw] of Object.entries(zones)) safety.zones.set(name.endsWith('.') ? name : `${name}.`, zoneSafety(obj(raw) ?? {}));
  }
  return safety;
}

/** The safety settings that hold for one zone: its own, over the config-wide ones. */
export function safetyFor(safety: SafetyConfig, zone: string): Required<ZoneSafetyConfig> {
  const z = safety.zones?.get(zone) ?? {};
  return {
    maxRegionShift: z.maxRegionShift ?? safety.maxRegionShift,
    minServingPools: z.minServingPools ?? safety.minServingPools,
    allowRootNsChanges: z.allowRootNsChanges ?? safety.allowRootNsChanges ?? false,
  };
}
