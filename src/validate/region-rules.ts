/**
 * dnsctl's region catalogue checks. `dnsctl evacuate <region>` acts through the
 * mapping pool -> region -> provider region, so it must be complete and consistent.
 */
import type { DnsctlConfig } from '../config/types.js';
import type { Finding } from '../model/findings.js';
import { fqdnOf, type DnsRecord } from '../model/record.js';
import { trafficOf } from '../model/traffic.js';

export function validateRegions(config: DnsctlConfig, zones: Array<{ zone: string; records: DnsRecord[] }>): Finding[] {
  const out: Finding[] = [];
  const catalogue = config.regions;
  const used = new Set<string>();
  let dynamicCount = 0;
  for (const { zone, records } of zones) {
    for (const r of records) {
      const t = trafficOf(r);
      if (!t) continue;
      dynamicCount++;
      const fqdn = fqdnOf(r.name, zone);
      for (const p of t.pools) {
        used.add(p.region);
        if (catalogue.size === 0) continue;
        const region = catalogue.get(p.region);
        const where = r.source ? { position: r.source } : {};
        if (!region) {
          out.push({
            severity: 'error',
            reason: `pool "${p.id}" maps to region "${p.region}", which is not in the region catalogue (dnsctl.regions: ${[...catalogue.keys()].join(', ')}); name the pool after a region or map it with octodns.dnsctl.regions`,
            via: 'dnsctl-regions',
            record: fqdn,
            zone,
            ...where,
          });
          continue;
        }
        if (t.kind === 'latency' && !region.route53) {
          out.push({ severity: 'warning', reason: `region "${p.region}" has no route53 latency region; latency routing for pool "${p.id}" cannot be written to Route 53`, via: 'dnsctl-regions', record: fqdn, zone, ...where });
        }
        if (!region.cloudflare) {
          out.push({ severity: 'warning', reason: `region "${p.region}" has no cloudflare region code; pool "${p.id}" cannot be steered by region on Cloudflare`, via: 'dnsctl-regions', record: fqdn, zone, ...where });
        }
      }
    }
  }
  for (const id of catalogue.keys()) {
    if (!used.has(id)) out.push({ severity: 'warning', reason: `region "${id}" in dnsctl.regions has no pools in any zone`, via: 'dnsctl-regions' });
  }
  if (catalogue.size === 0 && dynamicCount > 0 && config.dnsctlSection) {
    out.push({ severity: 'warning', reason: 'dynamic records exist but dnsctl.regions is empty: evacuate cannot map regions to providers', via: 'dnsctl-regions' });
  }
  return out;
}
