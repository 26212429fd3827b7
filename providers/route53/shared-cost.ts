/**
 * Plan-time view of the account's shared health checks (health-checks.ts): what applying
 * the planned zones' changes would create and delete, the total after, and the orphans.
 * Reads every health check and the rrsets of every hosted zone of the account (the planned
 * zones' from what `populate` just listed).
 */
import { ListHostedZonesCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { DnsRecord } from '../../src/model/record.js';
import type { OrphanObject, PlannedZoneChanges, SharedObjectsReport } from '../../src/plan/shared-objects.js';
import { listRrsets } from './apply.js';
import type { Route53Api } from './client.js';
import { compileRecord, configKey, type CompileContext } from './compile.js';
import { isOwnedReference, isSharedReference, ownerBody, ownerBodyOf, sharedCreatedAt, type HealthChecks } from './health-checks.js';
import { groupKey, groupRrsets } from './read.js';

export interface SharedCostInput {
  api: Route53Api;
  checks: HealthChecks;
  graceMs: number;
  /** rrsets `populate` listed, by zone name */
  listed: ReadonlyMap<string, ResourceRecordSet[]>;
  compile: CompileContext;
}

const ids = (rrs: readonly ResourceRecordSet[]) => rrs.flatMap((rr) => (rr.HealthCheckId ? [rr.HealthCheckId] : []));

export async function route53SharedObjects(input: SharedCostInput, planned: readonly PlannedZoneChanges[]): Promise<Omit<SharedObjectsReport, 'target'>> {
  input.checks.invalidate();
  const all = await input.checks.all();
  // references now, per check, over every hosted zone of the account
  const refs = new Map<string, number>();
  const add = (id: string, n: number) => refs.set(id, (refs.get(id) ?? 0) + n);
  const zones: Array<{ id: string; name: string }> = [];
  let marker: string | undefined;
  for (;;) {
    const out = await input.api.call('ListHostedZones', () => input.api.sdk.send(new ListHostedZonesCommand({ ...(marker ? { Marker: marker } : {}), MaxItems: 100 })));
    for (const z of out.HostedZones ?? []) if (z.Id && z.Name) zones.push({ id: z.Id.replace(/^\/hostedzone\//, ''), name: z.Name.toLowerCase() });
    if (!out.IsTruncated || !out.NextMarker || out.NextMarker === marker) break;
    marker = out.NextMarker;
  }
  const rrsetsOf = new Map<string, ResourceRecordSet[]>();
  for (const z of zones) {
    const rrs = input.listed.get(z.name) ?? (await listRrsets(input.api, z.id));
    rrsetsOf.set(z.name, rrs);
    for (const id of ids(rrs)) add(id, 1);
  }
  const before = new Set(refs.keys());
  // the planned changes: the changed records' rrsets stop referencing, their compiled checks start
  const owners = new Set<string>();
  const newKeys = new Set<string>();
  const owned = [...all.values()].filter((hc) => isOwnedReference(hc.callerReference));
  for (const z of planned) {
    const groups = groupRrsets(z.zone, rrsetsOf.get(z.zone) ?? []);
    for (const c of z.changes) {
      const g = groups.get(groupKey(c.name, c.type));
      if (g) for (const id of ids([...g.main, ...g.helpers])) add(id, -1);
      owners.add(ownerBody(c.type, `${c.name ? `${c.name}.` : ''}${z.zone}`));
      if (!c.desired?.dynamic) continue;
      let compiled;
      try {
        compiled = compileRecord({ ...(c.desired as DnsRecord), zone: z.zone }, input.compile);
      } catch {
        continue; // the plan reports what cannot be compiled; nothing is created for it
      }
      const prefer = new Set(g ? ids([...g.main, ...g.helpers]) : []);
      for (const spec of compiled.checks) {
        const want = configKey(spec.config);
        const same = owned.filter((hc) => configKey(hc.config) === want);
        const pick = same.find((hc) => prefer.has(hc.id)) ?? same[0];
        if (pick) add(pick.id, 1);
        else newKeys.add(want);
      }
    }
  }
  const now = Date.now();
  const orphans: OrphanObject[] = [];
  for (const hc of owned) {
    if (before.has(hc.id)) continue;
    const at = sharedCreatedAt(hc.callerReference);
    const age = at === undefined ? null : Math.max(0, Math.round((now - at) / 1000));
    const target = hc.config.IPAddress ?? hc.config.FullyQualifiedDomainName ?? '';
    orphans.push({ kind: 'health-check', id: hc.id, name: `${target} ${hc.callerReference}`, ageSeconds: age, collectable: age !== null && age * 1000 >= input.graceMs });
  }
  const collectable = new Set(orphans.filter((o) => o.collectable).map((o) => o.id));
  const deleted = owned.filter((hc) => {
    if ((refs.get(hc.id) ?? 0) > 0) return false;
    const body = ownerBodyOf(hc.callerReference);
    return before.has(hc.id) || collectable.has(hc.id) || (body !== undefined && owners.has(body) && !isSharedReference(hc.callerReference));
  }).length;
  return { objects: [{ kind: 'health-check', existing: all.size, create: newKeys.size, delete: deleted, after: all.size + newKeys.size - deleted }], orphans };
}
