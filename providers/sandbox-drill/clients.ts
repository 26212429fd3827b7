/**
 * Where a drill's client stands, per provider, for a catalogue region.
 *
 * Route 53: TestDNSAnswer locates a client by its EDNS client subnet through the emulator's geo
 * table (DEFAULT_GEO_TABLE, the one `dnsctl sandbox up` runs). The representative address of a
 * region is the first host of the table entry whose nearest AWS region is the region's Route 53
 * region, else of the entry nearest to it (great-circle distance between regions). For the
 * example catalogue: us-east-1 → 192.0.2.1 (US-VA), us-west-2 → 192.0.2.129 (US-CA, table region
 * us-west-1), eu-west-1 → 198.51.100.129 (GB, eu-west-2), ap-southeast-1 → 100.64.3.1 (SG).
 *
 * Cloudflare: the evaluate endpoint takes the region's Cloudflare region code
 * (`dnsctl.regions.<id>.cloudflare`); a region without one has no Cloudflare client.
 */
import type { RegionConfig } from '../../src/config/types.js';
import { DEFAULT_GEO_TABLE, REGION_COORDINATES, ipv4ToInt, regionDistance, type GeoTableEntry } from '../route53/emulator/geo.js';

export interface Route53Client {
  /** the EDNS client subnet address sent */
  address: string;
  /** where the emulator places it */
  location: string;
  /** the AWS region the emulator considers nearest to it */
  region: string;
}

function firstHost(cidr: string): string {
  const base = ipv4ToInt(cidr.split('/')[0] ?? '') ?? 0;
  const n = (base + 1) >>> 0;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const locationOf = (e: GeoTableEntry): string => [e.continent, e.country, e.subdivision].filter(Boolean).join('-');

/** The representative client of a region for Route 53, or why there is none. */
export function route53Client(region: RegionConfig, table: readonly GeoTableEntry[] = DEFAULT_GEO_TABLE): Route53Client | { skipped: string } {
  const r53 = region.route53 ?? region.id;
  let entry = table.find((e) => e.region === r53);
  if (!entry && REGION_COORDINATES[r53]) {
    entry = [...table].sort((a, b) => regionDistance(r53, a.region) - regionDistance(r53, b.region))[0];
  }
  if (!entry) return { skipped: `region ${region.id}: Route 53 region "${r53}" is unknown to the emulator's geo table` };
  return { address: firstHost(entry.cidr), location: locationOf(entry), region: entry.region };
}

/** The region's Cloudflare region code, or why there is none. */
export function cloudflareRegion(region: RegionConfig): { code: string } | { skipped: string } {
  return region.cloudflare ? { code: region.cloudflare } : { skipped: `region ${region.id} has no Cloudflare region code in dnsctl.regions` };
}
