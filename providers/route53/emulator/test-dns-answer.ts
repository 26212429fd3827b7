// TestDNSAnswer: what Route 53 would answer for a name and type, for a client located through the
// geo table (EDNS client subnet, else resolver IP). Implements record selection with health:
// weighted (seeded RNG), failover, latency (nearest region by distance), geolocation (most specific
// location, falling back to the enclosing one when unhealthy), multivalue, and alias chains with
// EvaluateTargetHealth.
import { bitsOf, covers, parseCidr, parseIp, type IpAddress } from './cidr.js';
import { DEFAULT_CLIENT_REGION, locateClient, regionDistance, type GeoTableEntry } from './geo.js';
import { isHealthy } from './health.js';
import { policyKind } from './record-sets.js';
import type { Rng } from './rng.js';
import type { EmulatorState, HostedZoneState, RecordSet } from './state.js';

export interface DnsAnswer {
  responseCode: 'NOERROR' | 'NXDOMAIN';
  recordData: string[];
}

interface Resolution {
  values: string[];
  /** False when no healthy record could be chosen (the answer is a fail-open one, or empty). */
  healthy: boolean;
}

interface Client {
  location: GeoTableEntry | undefined;
  region: string;
  /** the client subnet for IP-based routing: its address and prefix length */
  subnet: { ip: IpAddress; prefix: number } | undefined;
}

/** The client: EDNS client subnet (with its mask) or resolver address. */
export interface ClientAddress { ip: string | undefined; mask: number | undefined }

const MAX_ALIAS_DEPTH = 8;

export function testDnsAnswer(
  state: EmulatorState,
  zone: HostedZoneState,
  name: string,
  type: string,
  address: ClientAddress,
  geoTable: readonly GeoTableEntry[],
  rng: Rng,
): DnsAnswer {
  const location = locateClient(geoTable, address.ip);
  const ip = address.ip !== undefined ? parseIp(address.ip) : undefined;
  const subnet = ip ? { ip, prefix: Math.min(address.mask ?? bitsOf(ip.version), bitsOf(ip.version)) } : undefined;
  const client: Client = { location, region: location?.region ?? DEFAULT_CLIENT_REGION, subnet };
  const resolver = new Resolver(state, rng, client);
  let group = zone.rrsets.filter((r) => r.Name === name && r.Type === type);
  const nameExists = (n: string): boolean => zone.rrsets.some((r) => r.Name === n || r.Name.endsWith(`.${n}`));
  if (group.length === 0) {
    const cname = zone.rrsets.filter((r) => r.Name === name && r.Type === 'CNAME');
    if (cname.length > 0) group = cname;
  }
  if (group.length === 0 && !nameExists(name)) {
    // Wildcard: the closest enclosing `*.<parent>` (only when the name itself does not exist).
    const labels = name.split('.');
    for (let i = 1; i < labels.length - 1 && group.length === 0; i++) {
      const wildcard = `*.${labels.slice(i).join('.')}`;
      if (!wildcard.endsWith(zone.Name)) break;
      group = zone.rrsets.filter((r) => r.Name === wildcard && (r.Type === type || r.Type === 'CNAME'));
    }
    if (group.length === 0) return { responseCode: 'NXDOMAIN', recordData: [] };
  }
  if (group.length === 0) return { responseCode: 'NOERROR', recordData: [] }; // the name exists, not this type
  const res = resolver.resolveGroup(zone, group, 0);
  return { responseCode: 'NOERROR', recordData: res.values };
}

class Resolver {
  constructor(private readonly state: EmulatorState, private readonly rng: Rng, private readonly client: Client) {}

  /** Health of one rrset as used for selection. */
  private recordHealthy(zone: HostedZoneState, r: RecordSet, depth: number): boolean {
    if (r.HealthCheckId !== undefined && !isHealthy(this.state, r.HealthCheckId)) return false;
    if (r.AliasTarget?.EvaluateTargetHealth) return this.resolveAlias(zone, r, depth).healthy;
    return true;
  }

  private valuesOf(zone: HostedZoneState, r: RecordSet, depth: number): Resolution {
    if (r.AliasTarget) return this.resolveAlias(zone, r, depth);
    return { values: (r.ResourceRecords ?? []).map((v) => v.Value), healthy: true };
  }

  private resolveAlias(zone: HostedZoneState, r: RecordSet, depth: number): Resolution {
    const alias = r.AliasTarget!;
    if (depth >= MAX_ALIAS_DEPTH) return { values: [], healthy: false };
    const targetZone = alias.HostedZoneId === zone.Id ? zone : this.state.zones[alias.HostedZoneId];
    if (!targetZone) return { values: [alias.DNSName], healthy: true }; // AWS resource: not modelled
    const group = targetZone.rrsets.filter((t) => t.Name === alias.DNSName && t.Type === r.Type);
    if (group.length === 0) return { values: [], healthy: false };
    return this.resolveGroup(targetZone, group, depth + 1);
  }

  resolveGroup(zone: HostedZoneState, group: RecordSet[], depth: number): Resolution {
    const kind = policyKind(group[0]!);
    const healthy = (r: RecordSet): boolean => this.recordHealthy(zone, r, depth);
    const answer = (r: RecordSet | undefined, isHealthy: boolean): Resolution => {
      if (!r) return { values: [], healthy: false };
      const v = this.valuesOf(zone, r, depth);
      return { values: v.values, healthy: isHealthy && v.healthy };
    };
    switch (kind) {
      case 'simple':
        return answer(group[0], healthy(group[0]!));
      case 'weighted': {
        const up = group.filter(healthy);
        const nonZero = up.filter((r) => (r.Weight ?? 0) > 0);
        if (nonZero.length > 0) return answer(this.pickWeighted(nonZero), true);
        if (up.length > 0) return answer(this.pickWeighted(up), true);
        // every record unhealthy: Route 53 answers as if all were healthy (fail-open)
        return answer(this.pickWeighted(group), false);
      }
      case 'failover': {
        const primary = group.find((r) => r.Failover === 'PRIMARY');
        const secondary = group.find((r) => r.Failover === 'SECONDARY');
        if (primary && healthy(primary)) return answer(primary, true);
        if (secondary && healthy(secondary)) return answer(secondary, true);
        return answer(primary ?? secondary, false);
      }
      case 'latency':
      case 'geoproximity': {
        const regionOf = (r: RecordSet): string => r.Region ?? r.GeoProximityLocation?.AWSRegion ?? '';
        const ranked = [...group].sort((a, b) => regionDistance(this.client.region, regionOf(a)) - regionDistance(this.client.region, regionOf(b)));
        const firstUp = ranked.find(healthy);
        return firstUp ? answer(firstUp, true) : answer(ranked[0], false);
      }
      case 'geolocation': {
        const loc = this.client.location;
        const candidates: RecordSet[] = [];
        const find = (pred: (g: NonNullable<RecordSet['GeoLocation']>) => boolean): void => {
          const r = group.find((x) => x.GeoLocation && pred(x.GeoLocation));
          if (r) candidates.push(r);
        };
        if (loc?.country && loc.subdivision) find((g) => g.CountryCode === loc.country && g.SubdivisionCode === loc.subdivision);
        if (loc?.country) find((g) => g.CountryCode === loc.country && g.SubdivisionCode === undefined);
        if (loc) find((g) => g.ContinentCode === loc.continent);
        find((g) => g.CountryCode === '*');
        const firstUp = candidates.find(healthy);
        return firstUp ? answer(firstUp, true) : answer(candidates[0], false);
      }
      case 'multivalue': {
        const up = group.filter(healthy);
        const chosen = (up.length > 0 ? up : group).slice(0, 8);
        return { values: chosen.flatMap((r) => this.valuesOf(zone, r, depth).values), healthy: up.length > 0 };
      }
      case 'ip-based': {
        // the location with the longest block covering the client subnet, then the `*` default
        const fallback = group.find((r) => r.CidrRoutingConfig?.LocationName === '*');
        const candidates = [this.longestCidrMatch(group), fallback].filter((r): r is RecordSet => r !== undefined);
        const firstUp = candidates.find(healthy);
        return firstUp ? answer(firstUp, true) : answer(candidates[0], false);
      }
    }
  }

  /** The IP-based rrset whose location holds the longest CIDR block covering the client subnet. */
  private longestCidrMatch(group: RecordSet[]): RecordSet | undefined {
    const subnet = this.client.subnet;
    if (!subnet) return undefined;
    let best: { r: RecordSet; prefix: number } | undefined;
    for (const r of group) {
      const cidr = r.CidrRoutingConfig;
      if (!cidr || cidr.LocationName === '*') continue;
      for (const text of this.state.cidrCollections[cidr.CollectionId]?.locations[cidr.LocationName] ?? []) {
        const block = parseCidr(text);
        if (typeof block === 'string' || !covers(block, subnet.ip, subnet.prefix)) continue;
        if (!best || block.prefix > best.prefix) best = { r, prefix: block.prefix };
      }
    }
    return best?.r;
  }

  private pickWeighted(records: RecordSet[]): RecordSet {
    const total = records.reduce((n, r) => n + (r.Weight ?? 0), 0);
    if (total === 0) return records[Math.floor(this.rng() * records.length)]!;
    let x = this.rng() * total;
    for (const r of records) {
      x -= r.Weight ?? 0;
      if (x < 0) return r;
    }
    return records[records.length - 1]!;
  }
}
