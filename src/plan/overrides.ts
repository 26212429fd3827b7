/**
 * Live operational overrides: state an operator set on the providers during an
 * incident (a region evacuated with `dnsctl evacuate`), which every plan must read and
 * keep so a CI apply never silently undoes it. Providers that can store overrides
 * implement `OverrideStore`; the planner applies them to the desired records before
 * diffing and lists each kept override in the plan.
 */
import { fqdnOf, type DnsRecord } from '../model/record.js';
import { trafficOf } from '../model/traffic.js';

export interface LiveOverride {
  kind: 'evacuate';
  zone: string;
  region: string;
  /** limit to one record (`name type`); absent: every dynamic record in the zone */
  record?: string;
  /** who set it and when, for the audit trail */
  by: string;
  at: string;
  reason?: string;
}

export interface OverrideStore {
  readOverrides(zone: string): Promise<LiveOverride[]>;
}

/** Pool values of an evacuated region are set `down` in the desired records. */
export function applyOverrides(records: DnsRecord[], overrides: LiveOverride[]): { records: DnsRecord[]; kept: string[] } {
  if (overrides.length === 0) return { records, kept: [] };
  const kept: string[] = [];
  const out = records.map((r) => {
    const t = trafficOf(r);
    if (!t || !r.dynamic) return r;
    const key = `${r.name} ${r.type}`;
    const hits = overrides.filter((o) => o.kind === 'evacuate' && (!o.record || o.record === key));
    if (!hits.length) return r;
    const regions = new Set(hits.map((o) => o.region));
    const pools = { ...r.dynamic.pools };
    let touched = false;
    for (const p of t.pools) {
      if (!regions.has(p.region)) continue;
      pools[p.id] = { ...pools[p.id]!, values: pools[p.id]!.values.map((v) => ({ ...v, status: 'down' as const })) };
      touched = true;
      kept.push(`${fqdnOf(r.name, r.zone)} ${r.type}: region ${p.region} evacuated (pool ${p.id})`);
    }
    return touched ? { ...r, dynamic: { ...r.dynamic, pools } } : r;
  });
  return { records: out, kept };
}
