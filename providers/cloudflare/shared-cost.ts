/**
 * Plan-time view of the account's shared monitors and pools (shared-objects.ts): what
 * applying the planned zones' changes would create and delete, the totals after, and the
 * orphans. Reads the account's pools and monitors and every zone's load balancers.
 */
import type { PlannedZoneChanges, SharedObjectCount, SharedObjectsReport } from '../../src/plan/shared-objects.js';
import type { CloudflareClient } from './client.js';
import { compileLb, parseOwned, poolMarker, type CompileOptions, type LbMeta } from './compile.js';
import type { NativeLb, NativeMonitor, NativePool } from './read.js';
import { findOrphans, isOwnedMonitor, monitorIdentity, referencedPools } from './shared-objects.js';

const withDot = (s: string) => (s.endsWith('.') ? s : `${s}.`);

function relName(fqdn: string, zone: string): string | undefined {
  const f = withDot(fqdn.toLowerCase());
  if (f === zone) return '';
  return f.endsWith(`.${zone}`) ? f.slice(0, -zone.length - 1) : undefined;
}

/** A pool's identity: its share key (shared pools), else its id. */
function identity(p: NativePool): string {
  const m = poolMarker(p.description);
  return m?.v === 2 ? `s:${m.k}` : `id:${p.id}`;
}

export async function cloudflareSharedObjects(client: CloudflareClient, compile: CompileOptions, graceMs: number, planned: readonly PlannedZoneChanges[]): Promise<Omit<SharedObjectsReport, 'target'>> {
  const zones = await client.listZones(true);
  const first = planned.map((z) => zones.get(z.zone)).find((z) => z !== undefined);
  if (!first) return { objects: [], orphans: [] };
  const account = client.accountId(first);
  const pools = (await client.call((cf) => cf.loadBalancers.pools.list({ account_id: account }))).result as unknown as NativePool[];
  const monitors = (await client.call((cf) => cf.loadBalancers.monitors.list({ account_id: account }))).result as unknown as NativeMonitor[];
  const lbs: Array<{ zone: string; lb: NativeLb }> = [];
  for (const z of zones.values()) {
    if (z.accountId && z.accountId !== account) continue;
    const res = await client.call((cf) => cf.loadBalancers.list({ zone_id: z.id }));
    for (const lb of res.result as unknown as NativeLb[]) lbs.push({ zone: z.name, lb });
  }
  const byId = new Map(pools.map((p) => [p.id, p]));
  const changed = new Set(planned.flatMap((z) => z.changes.map((c) => `${z.zone}|${c.name}|${c.type}`)));
  const stays = lbs.filter(({ zone, lb }) => {
    const meta = parseOwned<LbMeta>(lb.description);
    return !meta || !changed.has(`${zone}|${relName(lb.name, zone)}|${meta.type}`);
  });
  const before = referencedPools(lbs.map((x) => x.lb));
  const after = new Set([...referencedPools(stays.map((x) => x.lb))].flatMap((id) => (byId.has(id) ? [identity(byId.get(id)!)] : [])));
  const wantedMonitors = new Set<string>();
  for (const z of planned) {
    for (const c of z.changes) {
      if (!c.desired?.dynamic) continue;
      const spec = compileLb({ ...c.desired, zone: z.zone }, compile);
      for (const ps of spec.pools) {
        after.add(`s:${ps.share}`);
        if (ps.monitored) wantedMonitors.add(spec.monitor.description);
      }
    }
  }
  const orphans = findOrphans({ pools, monitors }, lbs.map((x) => x.lb), graceMs);
  const collectable = new Set(orphans.filter((o) => o.collectable).map((o) => o.id));
  const existing = new Set(pools.map(identity));
  const poolsCreated = [...after].filter((i) => !existing.has(i)).length;
  const poolsDeleted = pools.filter((p) => poolMarker(p.description) && !after.has(identity(p)) && (before.has(p.id) || collectable.has(p.id)));
  // monitors: those the surviving pools name, and those the new pools need
  const surviving = pools.filter((p) => !poolsDeleted.includes(p));
  const usedIds = new Set(surviving.map((p) => p.monitor).filter((x): x is string => !!x));
  const usedBefore = new Set(pools.map((p) => p.monitor).filter((x): x is string => !!x));
  const haveIdentity = new Set(monitors.filter(isOwnedMonitor).map((m) => monitorIdentity(m.description)));
  const monitorsCreated = [...wantedMonitors].filter((d) => !haveIdentity.has(d)).length;
  const monitorsDeleted = monitors.filter((m) => isOwnedMonitor(m) && !usedIds.has(m.id) && !wantedMonitors.has(monitorIdentity(m.description)) && (usedBefore.has(m.id) || collectable.has(m.id))).length;
  const count = (kind: SharedObjectCount['kind'], now: number, create: number, del: number): SharedObjectCount => ({ kind, existing: now, create, delete: del, after: now + create - del });
  return {
    objects: [count('monitor', monitors.length, monitorsCreated, monitorsDeleted), count('pool', pools.length, poolsCreated, poolsDeleted.length)],
    orphans,
  };
}
