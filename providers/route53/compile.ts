/**
 * Model → Route 53: the rrsets of one record and the health checks its values need.
 *
 * Plain records are one rrset. Dynamic records use octodns-route53's layout (README.md in
 * this folder; notes §1.1):
 *
 *   _octodns-default-pool.<fqdn>   simple, the record's values and TTL, no health check
 *   _octodns-<pool>-value.<fqdn>   weighted, one per value, SetIdentifier `<pool>-NNN`
 *   _octodns-<pool>-pool.<fqdn>    failover PRIMARY → the pool's values,
 *                                  SECONDARY `<pool>-Secondary-<fallback|default>` → next pool
 *   <fqdn>                         the rules: geolocation aliases `<i>-<pool>-<geo>` (octoDNS),
 *                                  IP-based aliases `<i>-<pool>-subnet` for subnet records
 *                                  (octoDNS; CIDR location per rule, `*` for the catch-all),
 *                                  or dnsctl's latency (`Region`) / weighted (`Weight`)
 *                                  aliases `[0-]<pool>-latency|weighted` to `_octodns-<pool>-pool`
 *
 * Health checks are referenced in the compiled rrsets by a placeholder key (the spec's
 * `key`); apply.ts swaps in real ids, canonical() reads the specs directly.
 */
import { createHash } from 'node:crypto';
import { ResourceRecordSetRegion, type GeoLocation, type HealthCheckConfig, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { fqdnOf, type DnsRecord, type JsonObject, type PoolValue, type Rule } from '../../src/model/record.js';
import { dnsctlExtension, regionOfPool, routingKindOf, type RoutingKind } from '../../src/model/traffic.js';
import { parseGeoCode } from '../../src/model/geo-data.js';
import { parseSubnet } from '../../src/validate/dynamic-rules.js';
import { cidrLocationName, type CidrLocation } from './cidr.js';
import { valueToText } from './values.js';

export const HEALTH_CHECK_VERSION = '0001';

/** octoDNS's health-check defaults (octodns core base.py, octodns-route53 provider.py). */
export const HC_DEFAULTS = {
  protocol: 'HTTPS',
  port: 443,
  path: '/_dns',
  failureThreshold: 6,
  requestInterval: 10,
  measureLatency: true,
} as const;

export interface HealthCheckSpec {
  /**
   * placeholder used as HealthCheckId in the compiled rrsets: the config's identity, so every
   * rrset of every record needing the same (value, settings, status) names the same check
   */
  key: string;
  config: HealthCheckConfig;
  /** value of the `Name` tag: octoDNS's character rules, naming what the check probes */
  tagName: string;
  /** a break-glass switch: found and created by exactly this CallerReference, whatever its state (Inverted) */
  callerReference?: string;
}

export interface CompiledRecord {
  rrsets: ResourceRecordSet[];
  checks: HealthCheckSpec[];
  /** CIDR locations the subnet rules reference (they must exist before the rrsets are sent) */
  locations: CidrLocation[];
}

export interface CompileContext {
  /** hosted zone id for same-zone alias targets */
  zoneId: string;
  /** dnsctl region id → Route 53 latency region */
  route53Region(regionId: string): string;
  /** id of the `octodns` CIDR collection (subnet rules); undefined: not available */
  cidrCollectionId?: string;
  /** why the collection is not available (for the error of a record that needs it) */
  cidrUnavailable?: string;
  /**
   * The zone's break-glass switch for a dnsctl region (breakglass.ts), attached to the
   * failover PRIMARY of every pool in that region; undefined: the region has none (not in
   * the catalogue).
   */
  switchFor?(regionId: string): HealthCheckSpec | undefined;
}

export type LayoutRole = 'default' | 'value' | 'primary' | 'secondary' | 'rule' | 'plain';

export const poolName = (pool: string, fqdn: string): string => `_octodns-${pool}-pool.${fqdn}`;
export const valueName = (pool: string, fqdn: string): string => `_octodns-${pool}-value.${fqdn}`;
export const defaultName = (fqdn: string): string => `_octodns-default-pool.${fqdn}`;

/** Dependency level of an rrset in the layout: aliases come after their targets. */
export function layoutLevel(rr: ResourceRecordSet): number {
  if (!rr.AliasTarget) return 0;
  if (rr.Failover === 'PRIMARY') return 1;
  if (rr.Failover === 'SECONDARY') return 2;
  return 3;
}

/** octodns-route53 `_healthcheck_ref_prefix`: long fqdns are replaced by a sha512 prefix. */
export function healthCheckRefPrefix(type: string, fqdn: string, version = HEALTH_CHECK_VERSION): string {
  const ref = `${version}:${type}:${fqdn}`;
  if (ref.length + 13 > 64) return `${version}:${type}:${createHash('sha512').update(fqdn).digest('hex').slice(0, 20)}`;
  return ref;
}

/** The Name tag of a shared check: `dnsctl <target> <protocol> <host>:<port><path>`, octoDNS's characters. */
export function sharedCheckTagName(c: HealthCheckConfig): string {
  const target = c.IPAddress ?? c.FullyQualifiedDomainName ?? '';
  const probe = c.Type === 'TCP' ? `TCP :${c.Port ?? ''}` : `${c.Type} ${c.FullyQualifiedDomainName ?? ''}:${c.Port ?? ''}${c.ResourcePath ?? ''}`;
  return `dnsctl ${target} ${probe}${c.Disabled && c.Inverted ? ' down' : ''}`.replace(/[^a-zA-Z0-9 _.:/=+\-@]/g, '-').slice(0, 256);
}

function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

export interface HealthCheckSettings {
  protocol: string;
  port: number;
  path: string;
  /** null: octoDNS's default (the record fqdn without its dot) */
  host: string | null;
  failureThreshold: number;
  requestInterval: number;
  measureLatency: boolean;
}

export function healthCheckSettings(record: Pick<DnsRecord, 'octodns'>): HealthCheckSettings {
  const hc = obj(record.octodns?.['healthcheck']) ?? {};
  const r53 = obj(obj(record.octodns?.['route53'])?.['healthcheck']) ?? {};
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : d);
  return {
    protocol: typeof hc['protocol'] === 'string' ? hc['protocol'] : HC_DEFAULTS.protocol,
    port: num(hc['port'], HC_DEFAULTS.port),
    path: typeof hc['path'] === 'string' ? hc['path'] : HC_DEFAULTS.path,
    host: 'host' in hc ? (hc['host'] === null ? '' : String(hc['host'])) : null,
    failureThreshold: num(r53['failure_threshold'], HC_DEFAULTS.failureThreshold),
    requestInterval: num(r53['request_interval'], HC_DEFAULTS.requestInterval),
    measureLatency: typeof r53['measure_latency'] === 'boolean' ? r53['measure_latency'] : HC_DEFAULTS.measureLatency,
  };
}

/** octodns-route53 `get_health_check_id`'s HealthCheckConfig for one value. */
export function healthCheckConfig(record: DnsRecord, value: string, status: 'obey' | 'down', s = healthCheckSettings(record)): HealthCheckConfig {
  const fqdn = fqdnOf(record.name, record.zone);
  const config: HealthCheckConfig = {
    Type: s.protocol as HealthCheckConfig['Type'],
    Port: s.port,
    EnableSNI: s.protocol === 'HTTPS',
    FailureThreshold: s.failureThreshold,
    RequestInterval: s.requestInterval,
    MeasureLatency: s.measureLatency,
    Disabled: status === 'down',
    Inverted: status === 'down',
  };
  if (record.type === 'CNAME') {
    config.FullyQualifiedDomainName = value;
    if (s.protocol !== 'TCP') config.ResourcePath = s.path;
  } else {
    config.IPAddress = value;
    if (s.protocol !== 'TCP') {
      config.FullyQualifiedDomainName = (s.host ?? fqdn.slice(0, -1)) || value;
      config.ResourcePath = s.path;
    }
  }
  return config;
}

/** Stable identity of a config (what octoDNS's `_health_check_equivalent` compares, and more). */
export function configKey(c: HealthCheckConfig): string {
  return JSON.stringify([
    c.Type,
    c.Port ?? null,
    c.FullyQualifiedDomainName?.toLowerCase() ?? null,
    c.ResourcePath ?? null,
    c.IPAddress ?? null,
    c.FailureThreshold ?? null,
    c.RequestInterval ?? null,
    c.MeasureLatency ?? false,
    c.Disabled ?? false,
    c.Inverted ?? false,
  ]);
}

/** octoDNS geo code → Route 53 GeoLocation (undefined: the catch-all `*`). */
export function geoLocation(geo: string | undefined): GeoLocation {
  if (!geo) return { CountryCode: '*' };
  const p = parseGeoCode(geo);
  if (p.province) return { CountryCode: p.country!, SubdivisionCode: p.province };
  if (p.country) return { CountryCode: p.country };
  return { ContinentCode: p.continent };
}

/** Route 53 supports US subdivisions only: octoDNS drops `NA-CA-*` geos (and rules left with none). */
export function route53Rules(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const r of rules) {
    if (!r.geos?.length) {
      out.push({ pool: r.pool });
      continue;
    }
    const geos = r.geos.filter((g) => !g.startsWith('NA-CA-'));
    if (geos.length) out.push({ pool: r.pool, geos });
  }
  return out;
}

const LATENCY_REGIONS = new Set<string>(Object.values(ResourceRecordSetRegion));

/** A record Route 53 cannot hold as written (the message says why). */
export class CompileError extends Error {}

const pad3 = (i: number) => String(i).padStart(3, '0');

/** Whether a record's rules target subnets (it then compiles to IP-based rule aliases). */
export const hasSubnetRules = (record: Pick<DnsRecord, 'dynamic'>): boolean => record.dynamic?.rules.some((r) => (r.subnets?.length ?? 0) > 0) ?? false;

export { CIDR_PREFIX_RANGE } from './capabilities.js';
import { CIDR_PREFIX_RANGE } from './capabilities.js';

function checkSubnet(subnet: string, where: string): void {
  const s = parseSubnet(subnet);
  if (!s) throw new CompileError(`${where}: "${subnet}" is not a subnet`);
  const [min, max] = CIDR_PREFIX_RANGE[s.version];
  if (s.prefix < min || s.prefix > max) {
    throw new CompileError(`${where}: subnet ${subnet}: Route 53 CIDR locations take IPv${s.version} prefixes /${min} to /${max}`);
  }
}

export function compileRecord(record: DnsRecord, ctx: CompileContext): CompiledRecord {
  const fqdn = fqdnOf(record.name, record.zone);
  const type = record.type as NonNullable<ResourceRecordSet['Type']>;
  const rrs = (values: unknown[]) => values.map((v) => ({ Value: valueToText(record.type, v as PoolValue['value']) }));
  if (!record.dynamic) {
    if (record.values.length === 0) return { rrsets: [], checks: [], locations: [] };
    return { rrsets: [{ Name: fqdn, Type: type, TTL: record.ttl, ResourceRecords: rrs(record.values) }], checks: [], locations: [] };
  }
  const dynamic = record.dynamic;
  const ext = dnsctlExtension(record);
  const kind: RoutingKind = routingKindOf(dynamic, ext);
  const settings = healthCheckSettings(record);
  const checks = new Map<string, HealthCheckSpec>();
  const alias = (target: string) => ({ HostedZoneId: ctx.zoneId, DNSName: target, EvaluateTargetHealth: true });
  const out: ResourceRecordSet[] = [{ Name: defaultName(fqdn), Type: type, TTL: record.ttl, ResourceRecords: rrs(record.values) }];

  for (const [pool, p] of Object.entries(dynamic.pools).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    p.values.forEach((v, i) => {
      const text = valueToText(record.type, v.value);
      const rr: ResourceRecordSet = { Name: valueName(pool, fqdn), Type: type, SetIdentifier: `${pool}-${pad3(i)}`, Weight: v.weight, TTL: record.ttl, ResourceRecords: [{ Value: text }] };
      if (v.status !== 'up') {
        const config = healthCheckConfig(record, text, v.status, settings);
        const key = `hc|${configKey(config)}`;
        if (!checks.has(key)) checks.set(key, { key, config, tagName: sharedCheckTagName(config) });
        rr.HealthCheckId = key;
      }
      out.push(rr);
    });
    const primary: ResourceRecordSet = { Name: poolName(pool, fqdn), Type: type, SetIdentifier: `${pool}-Primary`, Failover: 'PRIMARY', AliasTarget: alias(valueName(pool, fqdn)) };
    const sw = ctx.switchFor?.(regionOfPool(pool, ext));
    if (sw) {
      if (!checks.has(sw.key)) checks.set(sw.key, sw);
      primary.HealthCheckId = sw.key;
    }
    out.push(primary);
    const target = p.fallback ?? 'default';
    out.push({
      Name: poolName(pool, fqdn),
      Type: type,
      SetIdentifier: `${pool}-Secondary-${target}`,
      Failover: 'SECONDARY',
      AliasTarget: alias(target === 'default' ? defaultName(fqdn) : poolName(target, fqdn)),
    });
  }

  const rules = route53Rules(dynamic.rules);
  const locations = new Map<string, CidrLocation>();
  if (hasSubnetRules(record) && kind !== 'latency' && kind !== 'weighted') {
    // octoDNS's subnet rules: one IP-based alias per rule, the catch-all at location `*`
    const collectionId = ctx.cidrCollectionId;
    if (!collectionId) throw new CompileError(`${fqdn} ${type}: subnet rules need the CIDR collection "octodns"${ctx.cidrUnavailable ? ` (${ctx.cidrUnavailable})` : ''}`);
    dynamic.rules.forEach((rule, i) => {
      const where = `${fqdn} ${type} rule ${i + 1}`;
      if (rule.geos?.length) throw new CompileError(`${where}: Route 53 cannot mix geo and subnet rules in one record`);
      let name = '*';
      if (rule.subnets?.length) {
        for (const s of rule.subnets) checkSubnet(s, where);
        const cidrs = [...rule.subnets].sort();
        name = cidrLocationName(cidrs);
        locations.set(name, { name, cidrs });
      }
      out.push({
        Name: fqdn,
        Type: type,
        SetIdentifier: `${i}-${rule.pool}-subnet`,
        CidrRoutingConfig: { CollectionId: collectionId, LocationName: name },
        AliasTarget: alias(poolName(rule.pool, fqdn)),
      });
    });
  } else if (kind === 'latency' || kind === 'weighted') {
    const rulePool = rules[0]?.pool;
    const poolOfRegion = new Map<string, string>();
    for (const pool of Object.keys(dynamic.pools).sort()) {
      const rr: ResourceRecordSet = {
        Name: fqdn,
        Type: type,
        SetIdentifier: `${pool === rulePool ? '0-' : ''}${pool}-${kind}`,
        AliasTarget: alias(poolName(pool, fqdn)),
      };
      if (kind === 'latency') {
        const region = ctx.route53Region(regionOfPool(pool, ext));
        if (!LATENCY_REGIONS.has(region)) {
          throw new CompileError(`pool ${pool} of ${fqdn} ${type}: region "${region}" is not a Route 53 latency region; map it in the config's region catalogue (route53: <AWS region>) or the provider's regions option`);
        }
        // Route 53 holds one latency rrset per region for a name and type
        const other = poolOfRegion.get(region);
        if (other !== undefined) throw new CompileError(`pools ${other} and ${pool} of ${fqdn} ${type}: both are in Route 53 region ${region}, and latency routing holds one rrset per region; merge them or map one to another region`);
        poolOfRegion.set(region, pool);
        rr.Region = region as ResourceRecordSet['Region'];
      }
      else rr.Weight = ext.weights?.[pool] ?? 0;
      out.push(rr);
    }
  } else {
    // failover and geo: octoDNS's geolocation rules (a lone catch-all is `CountryCode: *`)
    dynamic.rules.forEach((rule, i) => {
      const r = route53Rules([rule])[0];
      if (!r) return;
      for (const geo of r.geos?.length ? r.geos : [undefined]) {
        out.push({
          Name: fqdn,
          Type: type,
          SetIdentifier: `${i}-${r.pool}-${geo ?? 'None'}`,
          GeoLocation: geoLocation(geo),
          AliasTarget: alias(poolName(r.pool, fqdn)),
        });
      }
    });
  }
  return { rrsets: out, checks: [...checks.values()], locations: [...locations.values()] };
}
