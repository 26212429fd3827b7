/**
 * Break-glass on Cloudflare: a region is evacuated by disabling its pools (pool-level
 * `enabled: false`, which steering skips and apply keeps as found). Pools are shared per
 * (region, origins, monitor) across the account's records (shared-objects.ts), so the
 * writes are one `PATCH` per distinct pool of the region that the zone's load balancers
 * use, plus one DNS batch for the zone's override records. No pool or monitor is created.
 * A pool shared with another zone's load balancers is switched for that zone too (the
 * region's endpoints are the same endpoints); the report names such pools.
 */
import type Cloudflare from 'cloudflare';
import { controlFqdn, OVERRIDE_LABEL } from '../../src/breakglass/control-records.js';
import { decodeOverride, encodeOverride, type RegionOverride } from '../../src/breakglass/override.js';
import type { RegionChange, RegionChangeResult, RegionState, RegionTraffic } from '../../src/breakglass/region-traffic.js';
import type { CloudflareClient, ZoneInfo } from './client.js';
import { parseOwned, poolRegionOf, type LbMeta } from './compile.js';
import type { CloudflareControl } from './control.js';
import { fetchLbState, type NativeLb, type NativePool, type NativeRecord } from './read.js';

/** Pool ids a load balancer references (default, fallback, region and country pools). */
export function lbPoolIds(lb: NativeLb): Set<string> {
  const ids = new Set<string>([...((lb['default_pools'] as string[] | undefined) ?? [])]);
  if (lb['fallback_pool']) ids.add(String(lb['fallback_pool']));
  for (const m of [lb['region_pools'], lb['country_pools']]) for (const v of Object.values((m ?? {}) as Record<string, string[]>)) v.forEach((i) => ids.add(i));
  return ids;
}

export class CloudflareBreakglass implements RegionTraffic {
  constructor(
    readonly id: string,
    private readonly client: CloudflareClient,
    private readonly control: CloudflareControl,
    /** the zone's control records as the provider's last full read of it saw them */
    private readonly lastRead: (zone: string) => NativeRecord[] | undefined = () => undefined,
  ) {}

  private async zoneInfo(zone: string): Promise<ZoneInfo> {
    const info = await this.client.zone(zone);
    if (!info) throw new Error(`${this.id}: zone ${zone} does not exist at Cloudflare`);
    return info;
  }

  async readOverrides(zone: string, opts: { fromLastRead?: boolean } = {}): Promise<RegionOverride[]> {
    const seen = opts.fromLastRead ? this.lastRead(zone)?.filter((r) => r.name.toLowerCase() === controlFqdn(OVERRIDE_LABEL, zone).slice(0, -1)) : undefined;
    const info = seen ? undefined : await this.client.zone(zone);
    if (!seen && !info) return [];
    return (seen ?? (await this.control.records(info!.id, OVERRIDE_LABEL, zone))).flatMap((r) => decodeOverride(r.content ?? '') ?? []).sort((a, b) => (a.region < b.region ? -1 : 1));
  }

  /** The region's pools that this zone's dnsctl load balancers use. */
  async regionPools(zone: string, region: string): Promise<NativePool[]> {
    const info = await this.client.zone(zone);
    if (!info) throw new Error(`${this.id}: zone ${zone} does not exist at Cloudflare`);
    const state = await fetchLbState(this.client, info.id, this.client.accountId(info));
    if (state === 'unavailable') throw new Error(`${this.id}: the account has no Load Balancing; dynamic records are served from their static values, there is no region to evacuate`);
    const used = new Set<string>();
    for (const lb of state.lbs) if (parseOwned<LbMeta>(lb.description)) for (const id of lbPoolIds(lb)) used.add(id);
    return state.pools.filter((p) => used.has(p.id) && poolRegionOf(p.description) === region);
  }

  async setRegion(c: RegionChange): Promise<RegionChangeResult> {
    const info = await this.zoneInfo(c.zone);
    const zoneId = info.id;
    const result: RegionChangeResult = { writes: 0, notes: [] };
    // the override records first: they say what is meant, so a re-run knows what to finish
    const live = await this.control.records(zoneId, OVERRIDE_LABEL, c.zone);
    const want = c.overrides.map(encodeOverride).sort();
    const have = live.map((r) => r.content ?? '').sort();
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      const ok = await this.control.batch(zoneId, { deletes: live.map((r) => ({ id: r.id })), posts: want.map((t) => this.control.txt(OVERRIDE_LABEL, c.zone, t)) });
      if (!ok) throw new Error(`${this.id}: ${c.zone}: the override records changed while writing them; run the command again`);
      result.writes++;
      result.notes.push(want.length ? 'override record written' : 'override record removed');
    }
    const enabled = c.percent !== 0;
    const pools = await this.regionPools(c.zone, c.region);
    if (pools.length === 0) throw new Error(`${this.id}: ${c.zone} has no dnsctl pool in region ${c.region} (is the repository applied?)`);
    let switched = 0;
    for (const p of pools) {
      if ((p.enabled !== false) === enabled) continue;
      await this.client.call((cf: Cloudflare) => cf.loadBalancers.pools.edit(p.id, { account_id: this.client.accountId(info), enabled } as never));
      result.writes++;
      switched++;
    }
    result.notes.push(`${switched} of ${pools.length} pool(s) of ${c.region} ${enabled ? 'enabled' : 'disabled'}${switched < pools.length ? ` (${pools.length - switched} already ${enabled ? 'enabled' : 'disabled'})` : ''}`);
    return result;
  }

  async regionState(zone: string, region: string): Promise<RegionState> {
    let pools: NativePool[];
    try {
      pools = await this.regionPools(zone, region);
    } catch (e) {
      return { serving: 'unknown', detail: e instanceof Error ? e.message : String(e) };
    }
    if (pools.length === 0) return { serving: 'unknown', detail: `no dnsctl pool of ${region} in ${zone}` };
    const off = pools.filter((p) => p.enabled === false).length;
    if (off === pools.length) return { serving: 'off', detail: `${off}/${pools.length} pool(s) disabled` };
    if (off === 0) return { serving: 'on', detail: `${pools.length} pool(s) enabled` };
    return { serving: 'unknown', detail: `${off}/${pools.length} pool(s) disabled: an evacuation or restore did not finish; run it again` };
  }
}
