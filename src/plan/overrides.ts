/**
 * Live operational overrides: a region an operator evacuated with `dnsctl evacuate`, held
 * at the provider (src/breakglass/override.ts). The traffic change itself lives in objects
 * plan and apply never rewrite (Route 53: the region's switch health check; Cloudflare:
 * the pool-level `enabled` flag), so the desired records are planned as written and a PR
 * that edits an evacuated record applies with the region still off. Every plan reads the
 * overrides and lists each one (banner in text, Markdown and JSON), expired ones included.
 */
import { describeOverride, type RegionOverride } from '../breakglass/override.js';
import { trafficOf } from '../model/traffic.js';
import type { DnsRecord } from '../model/record.js';

export interface OverrideStore {
  readOverrides(zone: string): Promise<RegionOverride[]>;
}

export function isOverrideStore(p: unknown): p is OverrideStore {
  return typeof (p as Partial<OverrideStore> | undefined)?.readOverrides === 'function';
}

/** The banner lines of a zone's overrides, each with the number of the zone's dynamic records it holds off. */
export function overrideBanner(records: DnsRecord[], overrides: RegionOverride[], now = Date.now()): string[] {
  return overrides.map((o) => {
    const n = records.filter((r) => trafficOf(r)?.pools.some((p) => p.region === o.region)).length;
    return `${describeOverride(o, now)} [${n} dynamic record(s) of this zone route through it]`;
  });
}
