/**
 * dnsctl's best-practice checks of dynamic records, for the regional outage they exist
 * for (run with the `best-practice` validator set, as warnings):
 * - `dnsctl-region-redundancy`: every pool maps to one region, so losing (or evacuating)
 *   that region leaves only the static values;
 * - `dnsctl-healthcheck-path`: the health check probes octoDNS's default path `/_dns`,
 *   which proves a web server answers, not that users are served; probe a path that
 *   exercises what users get.
 */
import type { Finding } from '../model/findings.js';
import { fqdnOf, type DnsRecord } from '../model/record.js';
import { trafficOf } from '../model/traffic.js';

/** octoDNS's default health-check path. */
const DEFAULT_PATH = '/_dns';

function healthcheckPath(r: DnsRecord): string {
  const hc = r.octodns?.['healthcheck'];
  const path = typeof hc === 'object' && hc !== null && !Array.isArray(hc) ? (hc as Record<string, unknown>)['path'] : undefined;
  return typeof path === 'string' ? path : DEFAULT_PATH;
}

/** Every value is pinned up or down: no health check decides anything. */
function unchecked(r: DnsRecord): boolean {
  return Object.values(r.dynamic?.pools ?? {}).every((p) => p.values.every((v) => v.status === 'up' || v.status === 'down'));
}

export function validateResilience(zone: string, records: DnsRecord[]): Finding[] {
  const out: Finding[] = [];
  for (const r of records) {
    const t = trafficOf(r);
    if (!t) continue;
    const fqdn = fqdnOf(r.name, zone);
    const where = r.source ? { position: r.source } : {};
    const regions = new Set(t.pools.map((p) => p.region));
    if (regions.size < 2) {
      out.push({
        severity: 'warning',
        reason: `every pool is in region ${[...regions][0] ?? '(none)'}: if it fails or is evacuated, only the static values are left; add a pool in another region`,
        via: 'dnsctl-region-redundancy',
        record: fqdn,
        zone,
        ...where,
      });
    }
    if (healthcheckPath(r) === DEFAULT_PATH && !unchecked(r)) {
      out.push({
        severity: 'warning',
        reason: `the health check probes ${DEFAULT_PATH} (octoDNS's default), which shows a server answers, not that users are served; set octodns.healthcheck.path to a path that exercises what users get`,
        via: 'dnsctl-healthcheck-path',
        record: fqdn,
        zone,
        ...where,
      });
    }
  }
  return out;
}
