/** A Cloudflare provider against a fresh emulator, and invariants over the emulator's state. */
import { expect } from 'vitest';
import { startCloudflareEmulator, type CloudflareEmulator, type CloudflareEmulatorOptions } from '../../providers/cloudflare/emulator/index.js';
import { CloudflareProvider } from '../../providers/cloudflare/index.js';

export interface CfHarness {
  emu: CloudflareEmulator;
  provider: CloudflareProvider;
  /** a second provider instance on the same emulator (a fresh process, as `dnsctl apply plan.json`) */
  fresh(extra?: Record<string, unknown>): CloudflareProvider;
}

export async function startCf(emuOpts: CloudflareEmulatorOptions = {}, providerOpts: Record<string, unknown> = {}): Promise<CfHarness> {
  const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false, ...emuOpts });
  const fresh = (extra: Record<string, unknown> = {}) =>
    new CloudflareProvider('cloudflare', { token: 'test-token', base_url: emu.url, rate_limit: 1000, ...providerOpts, ...extra });
  return { emu, provider: fresh(), fresh };
}

/** No duplicate records; every dnsctl pool used by a load balancer, every dnsctl monitor by a pool; every LB's pools exist. */
export function checkInvariants(emu: CloudflareEmulator): void {
  const s = emu.admin.state();
  for (const [zoneId, records] of Object.entries(s.records)) {
    const keys = records.map((r) => `${r.name} ${r.type} ${r.content} ${r.priority ?? ''}`);
    expect(keys.length, `duplicate records in zone ${zoneId}`).toBe(new Set(keys).size);
  }
  const used = new Set<string>();
  for (const lb of s.loadBalancers) {
    for (const id of [...lb.default_pools, lb.fallback_pool, ...Object.values(lb.region_pools).flat(), ...Object.values(lb.country_pools).flat()]) used.add(id);
  }
  for (const id of used) expect(s.pools.some((p) => p.id === id), `LB references missing pool ${id}`).toBe(true);
  const orphanPools = s.pools.filter((p) => p.description.startsWith('dnsctl:') && !used.has(p.id)).map((p) => p.name);
  expect(orphanPools, 'orphan pools').toEqual([]);
  const monitorsUsed = new Set(s.pools.map((p) => p.monitor));
  const orphanMonitors = s.monitors.filter((m) => m.description.startsWith('dnsctl:') && !monitorsUsed.has(m.id)).map((m) => m.description);
  expect(orphanMonitors, 'orphan monitors').toEqual([]);
  const lbNames = s.loadBalancers.map((l) => l.name);
  expect(lbNames.length, 'duplicate load balancers').toBe(new Set(lbNames).size);
}
