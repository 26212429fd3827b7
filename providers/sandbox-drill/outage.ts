/**
 * A simulated regional outage on the emulators, and its healing.
 *
 * - Route 53: every health check dnsctl owns (octoDNS's `dddd:` CallerReference) whose
 *   IPAddress — or, without one, FullyQualifiedDomainName — is a value of one of the region's
 *   pools is marked unhealthy (`POST /_emulator/health-checks/{id}/status`); heal marks it
 *   healthy again.
 * - Cloudflare: every origin of a dnsctl pool (`dnsctl:` description) whose address is such a
 *   value is marked unhealthy (`PUT /_emulator/health/pools/{id}/origins/{address}`); heal
 *   clears the override. Like on Route 53, where neither has a health check, the static
 *   fallback pool (served whatever its health) and `status: up` origins (`up:` names) are left
 *   alone.
 *
 * Values are the region's by the repository's traffic model (see traffic.ts), so a value is
 * down wherever it is used: an outage is about servers, not records.
 */
import { isOwnedReference } from '../route53/health-checks.js';
import { poolRegionOf } from '../cloudflare/compile.js';
import { adminGet, adminSend, isObject, type SandboxTarget } from './emulators.js';
import { valueKey } from './traffic.js';

export interface MarkResult {
  provider: string;
  kind: SandboxTarget['kind'];
  /** health checks (Route 53) or origins (Cloudflare) marked */
  marked: number;
  /** Cloudflare: pools those origins are in */
  pools?: number;
  /** what was marked: health-check ids, or `pool-name/address` */
  items: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

async function markRoute53(t: SandboxTarget, values: ReadonlySet<string>, healthy: boolean): Promise<MarkResult> {
  const state = await adminGet(t, '/state');
  const checks = isObject(state) && isObject(state['healthChecks']) ? Object.values(state['healthChecks']) : [];
  const ids: string[] = [];
  for (const hc of checks) {
    if (!isObject(hc) || !isObject(hc['HealthCheckConfig'])) continue;
    const id = str(hc['Id']);
    if (!id || !isOwnedReference(str(hc['CallerReference']) ?? '')) continue;
    const target = str(hc['HealthCheckConfig']['IPAddress']) ?? str(hc['HealthCheckConfig']['FullyQualifiedDomainName']);
    if (target && values.has(valueKey(target)!)) ids.push(id);
  }
  ids.sort();
  for (const id of ids) await adminSend(t, 'POST', `/health-checks/${encodeURIComponent(id)}/status`, { healthy });
  return { provider: t.id, kind: t.kind, marked: ids.length, items: ids };
}

async function markCloudflare(t: SandboxTarget, values: ReadonlySet<string>, healthy: boolean): Promise<MarkResult> {
  const state = await adminGet(t, '/state');
  const pools = isObject(state) && Array.isArray(state['pools']) ? state['pools'] : [];
  const items: string[] = [];
  const touched = new Set<string>();
  for (const pool of pools) {
    if (!isObject(pool)) continue;
    const id = str(pool['id']);
    const region = poolRegionOf(str(pool['description']));
    if (!id || region === undefined || region === null) continue; // not dnsctl's, or a static fallback pool
    for (const origin of Array.isArray(pool['origins']) ? pool['origins'] : []) {
      if (!isObject(origin)) continue;
      const address = str(origin['address']);
      if (!address || !values.has(valueKey(address)!) || str(origin['name'])?.startsWith('up:')) continue;
      // by address: the override holds whatever the origin is named
      await adminSend(t, 'PUT', `/health/pools/${encodeURIComponent(id)}/origins/${encodeURIComponent(address)}`, { healthy: healthy ? null : false });
      items.push(`${str(pool['name']) ?? id}/${address}`);
      touched.add(id);
    }
  }
  return { provider: t.id, kind: t.kind, marked: items.length, pools: touched.size, items: items.sort() };
}

/** Marks the region's values unhealthy (or healthy again) on every target, in target order. */
export async function markRegion(targets: SandboxTarget[], values: ReadonlySet<string>, healthy: boolean): Promise<MarkResult[]> {
  const out: MarkResult[] = [];
  for (const t of targets) out.push(t.kind === 'route53' ? await markRoute53(t, values, healthy) : await markCloudflare(t, values, healthy));
  return out;
}
