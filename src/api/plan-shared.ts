/**
 * The shared-object part of a plan: each target whose provider shares objects across
 * records and zones is asked what the plan's changes would create and delete there (one
 * call per target, its zones together), and which orphans it holds. A provider that cannot
 * answer costs a warning, never the plan.
 */
import type { Provider } from '../model/provider.js';
import type { SharedObjectsReport } from '../plan/shared-objects.js';
import type { ZonePlan } from '../plan/types.js';

export async function sharedObjectReports(zones: readonly ZonePlan[], targets: ReadonlyMap<string, Provider>, warn: (w: string) => void): Promise<SharedObjectsReport[]> {
  const out: SharedObjectsReport[] = [];
  for (const [target, provider] of [...targets].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!provider.sharedObjects) continue;
    const planned = zones.filter((z) => z.target === target && !z.planOnly).map((z) => ({ zone: z.zone, changes: z.changes }));
    try {
      const r = await provider.sharedObjects(planned);
      if (r.objects.length || r.orphans.length) out.push({ target, ...r });
    } catch (e) {
      warn(`${target}: shared health checks / monitors / pools not counted: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/**
 * Whether apply should call this zone's provider although the zone has no changes: the plan
 * listed orphans at its target that apply collects, and this is the target's first zone (the
 * collection runs at the end of a provider's zone apply, whatever the zone).
 */
export function collectsOrphans(plan: { zones: readonly ZonePlan[]; shared?: readonly SharedObjectsReport[] }, zp: ZonePlan): boolean {
  const report = plan.shared?.find((r) => r.target === zp.target);
  if (!zp.exists || !report?.orphans.some((o) => o.collectable)) return false;
  return plan.zones.find((z) => z.target === zp.target && !z.planOnly) === zp;
}
