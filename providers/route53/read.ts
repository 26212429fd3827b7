/**
 * Route 53 → model: rrsets grouped per record (name + type), plain records read as
 * octodns-route53 reads them, and dynamic records rebuilt from octodns-route53's layout
 * (notes §1.4) plus dnsctl's latency/weighted rule aliases, so a zone octoDNS wrote reads
 * back with no diff. Anything outside the layout (traffic-policy instances, hand-made
 * routing, foreign aliases, orphan helper rrsets) is reported as unmanaged and its rrsets
 * are never touched by apply.
 */
import { isControlFqdn } from '../../src/breakglass/control-records.js';
import type { HealthCheckConfig, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { buildRecord, type BuildContext } from '../../src/model/build-record.js';
import type { Finding } from '../../src/model/findings.js';
import { countryToCode } from '../../src/model/geo-data.js';
import { fqdnOf, type DnsRecord, type RecordType } from '../../src/model/record.js';
import type { ValidatorSet } from '../../src/model/types/index.js';
import { HC_DEFAULTS } from './compile.js';
import { isRoute53Type, isSingleValueType, relativeName, textToValue, unescapeName } from './values.js';

/** The rrsets of one record (name + type) as Route 53 holds them. */
export interface NativeGroup {
  /** relative record name ('' = apex) */
  name: string;
  type: string;
  /** rrsets at the record name: a plain rrset, or rule aliases */
  main: ResourceRecordSet[];
  /** `_octodns-*.<fqdn>` rrsets of the same type */
  helpers: ResourceRecordSet[];
}

export const groupKey = (name: string, type: string): string => `${name}\u0000${type}`;

const isOctodnsLabel = (n: string) => n.startsWith('_octodns-');

function firstLabel(fqdn: string): string {
  const i = fqdn.indexOf('.');
  return i < 0 ? fqdn : fqdn.slice(0, i);
}

/** Lower-cased, unescaped copy with a fully qualified name. */
export function normaliseRrset(rr: ResourceRecordSet): ResourceRecordSet {
  const out: ResourceRecordSet = { ...rr, Name: unescapeName(rr.Name ?? '') };
  if (rr.AliasTarget) out.AliasTarget = { ...rr.AliasTarget, DNSName: unescapeName(rr.AliasTarget.DNSName ?? '') };
  return out;
}

/** Groups a zone's rrsets per record; SOA is left out. Names must already be normalised. */
export function groupRrsets(zone: string, rrsets: ResourceRecordSet[]): Map<string, NativeGroup> {
  const groups = new Map<string, NativeGroup>();
  // dnsctl's lock and break-glass records are never records of the zone (never unmanaged, never deleted)
  rrsets = rrsets.filter((r) => !(r.Type === 'TXT' && isControlFqdn(r.Name ?? '', zone)));
  const get = (name: string, type: string) => {
    const k = groupKey(name, type);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { name, type, main: [], helpers: [] }));
    return g;
  };
  for (const rr of rrsets) {
    const type = rr.Type ?? '';
    if (type === 'SOA') continue;
    const rel = relativeName(rr.Name ?? '', zone);
    if (rel === undefined) continue;
    const label = firstLabel(rel);
    if (isOctodnsLabel(label) && (/-(value|pool)$/.test(label))) {
      const rest = rel.length > label.length ? rel.slice(label.length + 1) : '';
      get(rest, type).helpers.push(rr);
    } else {
      get(rel, type).main.push(rr);
    }
  }
  return groups;
}

export interface DecodeContext {
  zone: string;
  /** health checks by id, only those in octoDNS's `dddd:` CallerReference format */
  checks: ReadonlyMap<string, HealthCheckConfig>;
  /** the dnsctl region id to record for a pool served from this Route 53 region (undefined: the pool id itself) */
  regionIdFor(pool: string, route53Region: string): string | undefined;
  /** the CIDR blocks of a collection's location (undefined: unknown); needed for subnet rules */
  cidrBlocks?(collectionId: string, location: string): readonly string[] | undefined;
}

export type Decoded = { ok: true; data: Record<string, unknown> } | { ok: false; reason: string };

/** `_octodns-<pool>-pool.` / `_octodns-<pool>-value.` → pool (octoDNS's `_parse_pool_name`). */
function poolOf(name: string, kind: 'pool' | 'value'): string | undefined {
  const label = firstLabel(name);
  const suffix = `-${kind}`;
  if (!isOctodnsLabel(label) || !label.endsWith(suffix)) return undefined;
  return label.slice('_octodns-'.length, -suffix.length);
}

/** octodns-route53 `_parse_geo`. */
function geoOf(g: NonNullable<ResourceRecordSet['GeoLocation']>): string | null | undefined {
  if (g.ContinentCode) return g.ContinentCode;
  if (g.CountryCode === '*') return null;
  if (!g.CountryCode) return undefined;
  const cc = countryToCode(g.CountryCode);
  if (!cc) return undefined;
  return g.SubdivisionCode ? `${cc}-${g.SubdivisionCode}` : cc;
}

function policyOf(r: ResourceRecordSet): string {
  if (r.GeoLocation) return 'geolocation';
  if (r.Region) return 'latency';
  if (r.Failover) return 'failover';
  if (r.MultiValueAnswer) return 'multivalue';
  if (r.CidrRoutingConfig) return 'IP-based';
  if (r.GeoProximityLocation) return 'geoproximity';
  if (r.Weight !== undefined) return 'weighted';
  return 'unknown';
}

const ruleIndex = (setId: string | undefined): number | undefined => {
  const m = /^(\d+)-/.exec(setId ?? '');
  return m ? Number(m[1]) : undefined;
};

/** The `octodns:` keys a health check's config reads back as (non-default settings only). */
export function healthcheckOctodns(type: string, fqdn: string, value: string, c: HealthCheckConfig): Record<string, unknown> {
  const hc: Record<string, unknown> = {};
  const protocol = c.Type ?? HC_DEFAULTS.protocol;
  if (protocol !== HC_DEFAULTS.protocol) hc['protocol'] = protocol;
  if ((c.Port ?? HC_DEFAULTS.port) !== HC_DEFAULTS.port) hc['port'] = c.Port;
  if (protocol !== 'TCP') {
    if ((c.ResourcePath ?? HC_DEFAULTS.path) !== HC_DEFAULTS.path) hc['path'] = c.ResourcePath;
    if (type !== 'CNAME') {
      const host = (c.FullyQualifiedDomainName ?? '').toLowerCase();
      if (host === value.toLowerCase()) hc['host'] = '';
      else if (host !== fqdn.slice(0, -1)) hc['host'] = host;
    }
  }
  const r53: Record<string, unknown> = {};
  if ((c.FailureThreshold ?? 3) !== HC_DEFAULTS.failureThreshold) r53['failure_threshold'] = c.FailureThreshold ?? 3;
  if ((c.RequestInterval ?? 30) !== HC_DEFAULTS.requestInterval) r53['request_interval'] = c.RequestInterval ?? 30;
  if ((c.MeasureLatency ?? false) !== HC_DEFAULTS.measureLatency) r53['measure_latency'] = c.MeasureLatency ?? false;
  const out: Record<string, unknown> = {};
  if (Object.keys(hc).length) out['healthcheck'] = hc;
  if (Object.keys(r53).length) out['route53'] = { healthcheck: r53 };
  return out;
}

function valuesOf(type: RecordType, rr: ResourceRecordSet): unknown[] | undefined {
  const out: unknown[] = [];
  for (const r of rr.ResourceRecords ?? []) {
    const v = textToValue(type, r.Value ?? '');
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function valueData(type: RecordType, values: unknown[], into: Record<string, unknown>): void {
  if (isSingleValueType(type)) into['value'] = values[0];
  else into['values'] = values;
}

/**
 * octoDNS's subnet rules from IP-based rule aliases: rule index from the SetIdentifier, pool
 * from the alias target, subnets from the location's blocks (none for `*`, the catch-all).
 * Returns why they cannot be read otherwise.
 */
function subnetRules(rules: ResourceRecordSet[], ctx: DecodeContext): Array<Record<string, unknown>> | string {
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const r of rules) {
    const i = ruleIndex(r.SetIdentifier);
    const pool = poolOf(r.AliasTarget?.DNSName ?? '', 'pool');
    const { CollectionId: collection = '', LocationName: location = '' } = r.CidrRoutingConfig ?? {};
    if (i === undefined || pool === undefined) return `IP-based rule ${r.SetIdentifier ?? ''} outside the layout`;
    if (byIndex.has(i)) return `rule ${i} has two IP-based rrsets`;
    if (location === '*') {
      byIndex.set(i, { pool });
      continue;
    }
    const blocks = ctx.cidrBlocks?.(collection, location);
    if (!blocks?.length) return `CIDR location ${location} of collection ${collection} (rule ${r.SetIdentifier ?? ''}) has no blocks dnsctl can read`;
    byIndex.set(i, { pool, subnets: [...blocks].sort() });
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
}

/** One group → octoDNS record data (what a zone file would hold), or why it cannot be mapped. */
export function decodeGroup(g: NativeGroup, ctx: DecodeContext): Decoded {
  const type = g.type;
  if (!isRoute53Type(type)) return { ok: false, reason: `type ${type} is not managed by dnsctl` };
  const fqdn = fqdnOf(g.name, ctx.zone);
  const tp = g.main.find((r) => r.TrafficPolicyInstanceId) ?? g.helpers.find((r) => r.TrafficPolicyInstanceId);
  if (tp) return { ok: false, reason: `created by traffic policy instance ${tp.TrafficPolicyInstanceId}` };
  const rules = g.main.filter((r) => r.AliasTarget && isOctodnsLabel(firstLabel(r.AliasTarget.DNSName ?? '')) && r.SetIdentifier !== undefined);
  if (rules.length === 0) {
    if (g.helpers.length) return { ok: false, reason: `_octodns-* rrsets without rule rrsets at ${fqdn}` };
    const routed = g.main.filter(
      (r) => r.SetIdentifier !== undefined || r.Weight !== undefined || r.Region || r.GeoLocation || r.Failover || r.MultiValueAnswer || r.CidrRoutingConfig || r.GeoProximityLocation,
    );
    if (routed.length) {
      const ids = routed.map((r) => r.SetIdentifier ?? '-').join(', ');
      return { ok: false, reason: `${policyOf(routed[0]!)} routing policy (set identifiers ${ids}) outside octodns-route53's layout` };
    }
    if (g.main.length !== 1) return { ok: false, reason: 'several rrsets' };
    const rr = g.main[0]!;
    if (rr.AliasTarget) return { ok: false, reason: `alias to ${rr.AliasTarget.DNSName} (Route 53 aliases are not in the model)` };
    const values = valuesOf(type, rr);
    if (!values) return { ok: false, reason: 'values dnsctl cannot read' };
    const data: Record<string, unknown> = { type, ttl: rr.TTL ?? 0 };
    valueData(type, values, data);
    return { ok: true, data };
  }
  if (rules.length !== g.main.length) return { ok: false, reason: 'rule aliases beside other rrsets at the record name' };
  if (type !== 'A' && type !== 'AAAA' && type !== 'CNAME') return { ok: false, reason: `dynamic ${type} records are not supported` };

  // default pool, values, failover pairs
  const def = g.helpers.find((r) => firstLabel(r.Name ?? '') === '_octodns-default-pool');
  if (!def || def.SetIdentifier !== undefined || !def.ResourceRecords?.length) return { ok: false, reason: 'no _octodns-default-pool rrset' };
  const defaults = valuesOf(type, def);
  if (!defaults) return { ok: false, reason: 'default pool values dnsctl cannot read' };
  const pools = new Map<string, { values: Array<{ idx: string; value: unknown; text: string; weight: number; hc?: string }>; fallback: string | null; primary: boolean }>();
  const pool = (id: string) => {
    let p = pools.get(id);
    if (!p) pools.set(id, (p = { values: [], fallback: null, primary: false }));
    return p;
  };
  for (const rr of g.helpers) {
    if (rr === def) continue;
    const name = rr.Name ?? '';
    const vp = poolOf(name, 'value');
    if (vp !== undefined) {
      if (rr.AliasTarget || rr.ResourceRecords?.length !== 1 || rr.Weight === undefined) return { ok: false, reason: `unexpected value rrset ${name} ${rr.SetIdentifier ?? ''}` };
      const text = rr.ResourceRecords[0]!.Value ?? '';
      const value = textToValue(type, text);
      if (value === undefined) return { ok: false, reason: `value dnsctl cannot read in ${name}` };
      const v: { idx: string; value: unknown; text: string; weight: number; hc?: string } = { idx: rr.SetIdentifier ?? '', value, text, weight: rr.Weight };
      if (rr.HealthCheckId) v.hc = rr.HealthCheckId;
      pool(vp).values.push(v);
      continue;
    }
    const pp = poolOf(name, 'pool');
    if (pp === undefined || pp === 'default' || !rr.AliasTarget) return { ok: false, reason: `unexpected rrset ${name}` };
    if (rr.Failover === 'PRIMARY') {
      if (poolOf(rr.AliasTarget.DNSName ?? '', 'value') !== pp) return { ok: false, reason: `primary of pool ${pp} does not alias its values` };
      pool(pp).primary = true;
    } else if (rr.Failover === 'SECONDARY') {
      const target = poolOf(rr.AliasTarget.DNSName ?? '', 'pool');
      if (target === undefined) return { ok: false, reason: `secondary of pool ${pp} aliases ${rr.AliasTarget.DNSName}` };
      pool(pp).fallback = target === 'default' ? null : target;
    } else return { ok: false, reason: `pool rrset ${name} is not failover-routed` };
  }

  // rules
  const kinds = new Set(
    rules.map((r) => (r.CidrRoutingConfig ? 'subnet' : r.GeoLocation ? 'geo' : r.Region ? 'latency' : r.Weight !== undefined ? 'weighted' : 'other')),
  );
  if (kinds.size !== 1 || kinds.has('other')) return { ok: false, reason: 'rule aliases with a routing policy dnsctl cannot map' };
  const kind = [...kinds][0]!;
  const dnsctl: Record<string, unknown> = {};
  const outRules: Array<Record<string, unknown>> = [];
  const rulePoolOf = (r: ResourceRecordSet) => poolOf(r.AliasTarget?.DNSName ?? '', 'pool');
  if (kind === 'subnet') {
    const decoded = subnetRules(rules, ctx);
    if (typeof decoded === 'string') return { ok: false, reason: decoded };
    outRules.push(...decoded);
  } else if (kind === 'geo') {
    const byIndex = new Map<number, { pool: string; geos: string[]; catchAll: boolean }>();
    for (const r of rules) {
      const i = ruleIndex(r.SetIdentifier);
      const p = rulePoolOf(r);
      const geo = geoOf(r.GeoLocation!);
      if (i === undefined || p === undefined || geo === undefined) return { ok: false, reason: `geolocation rule ${r.SetIdentifier ?? ''} outside the layout` };
      let e = byIndex.get(i);
      if (!e) byIndex.set(i, (e = { pool: p, geos: [], catchAll: false }));
      if (e.pool !== p) return { ok: false, reason: `rule ${i} names two pools` };
      if (geo === null) e.catchAll = true;
      else e.geos.push(geo);
    }
    for (const i of [...byIndex.keys()].sort((a, b) => a - b)) {
      const e = byIndex.get(i)!;
      if (e.catchAll && e.geos.length) return { ok: false, reason: `rule ${i} is both a catch-all and geo-targeted` };
      outRules.push(e.geos.length ? { pool: e.pool, geos: e.geos.sort() } : { pool: e.pool });
    }
  } else {
    let rulePool: string | undefined;
    const weights: Record<string, number> = {};
    const regions: Record<string, string> = {};
    for (const r of rules) {
      const p = rulePoolOf(r);
      if (p === undefined || r.SetIdentifier !== `${ruleIndex(r.SetIdentifier) === undefined ? '' : '0-'}${p}-${kind}`) {
        return { ok: false, reason: `${kind} rule ${r.SetIdentifier ?? ''} outside dnsctl's layout` };
      }
      if (ruleIndex(r.SetIdentifier) !== undefined) {
        if (rulePool !== undefined) return { ok: false, reason: `two ${kind} rules marked as the catch-all` };
        rulePool = p;
      }
      if (kind === 'weighted') weights[p] = r.Weight!;
      else {
        const id = ctx.regionIdFor(p, r.Region!);
        if (id !== undefined) regions[p] = id;
      }
    }
    if (rulePool === undefined) return { ok: false, reason: `no ${kind} rule marked 0- (the catch-all pool)` };
    outRules.push({ pool: rulePool });
    dnsctl['routing'] = kind;
    if (kind === 'weighted') dnsctl['weights'] = weights;
    if (Object.keys(regions).length) dnsctl['regions'] = regions;
  }

  // pools, statuses, health-check settings
  const poolData: Record<string, unknown> = {};
  let hcConfig: { value: string; config: HealthCheckConfig } | undefined;
  for (const id of [...pools.keys()].sort()) {
    const p = pools.get(id)!;
    if (!p.primary || p.values.length === 0) return { ok: false, reason: `pool ${id} is incomplete` };
    p.values.sort((a, b) => (a.idx < b.idx ? -1 : a.idx > b.idx ? 1 : 0));
    const values = p.values.map((v) => {
      const c = v.hc !== undefined ? ctx.checks.get(v.hc) : undefined;
      let status = 'up';
      if (c) {
        status = c.Disabled && c.Inverted ? 'down' : 'obey';
        hcConfig ??= { value: v.text, config: c };
      }
      return { value: v.value, weight: v.weight, status };
    });
    const pd: Record<string, unknown> = { values };
    if (p.fallback) pd['fallback'] = p.fallback;
    poolData[id] = pd;
  }
  for (const r of outRules) if (!pools.has(String(r['pool']))) return { ok: false, reason: `rule pool ${String(r['pool'])} has no values` };

  const data: Record<string, unknown> = { type, ttl: def.TTL ?? 0 };
  valueData(type, defaults, data);
  data['dynamic'] = { pools: poolData, rules: outRules };
  const octodns: Record<string, unknown> = hcConfig ? healthcheckOctodns(type, fqdn, hcConfig.value, hcConfig.config) : {};
  if (Object.keys(dnsctl).length) octodns['dnsctl'] = dnsctl;
  if (Object.keys(octodns).length) data['octodns'] = octodns;
  return { ok: true, data };
}

export interface DecodeOptions {
  lenient: boolean;
  sets: ReadonlySet<ValidatorSet>;
  disabledValidators: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface DecodedZone {
  records: DnsRecord[];
  unmanaged: string[];
  findings: Finding[];
  /** keys (groupKey) of groups read as records: apply may touch only these */
  managed: Set<string>;
}

export function buildContext(zone: string, opts: DecodeOptions): BuildContext {
  return { zone, sets: opts.sets, disabled: opts.disabledValidators, defaultTtl: 3600, escapedSemicolons: true };
}

/** Builds a record from decoded data (undefined with findings when it does not validate). */
export function buildDecoded(g: NativeGroup, data: Record<string, unknown>, bctx: BuildContext, lenient: boolean, findings: Finding[]): DnsRecord | undefined {
  const res = buildRecord(g.name, data, bctx);
  const zone = bctx.zone;
  if (res.ok) return res.record;
  const severity = lenient ? 'warning' : 'error';
  if (res.fatal) findings.push({ severity: 'error', reason: res.fatal, record: res.fqdn, zone });
  for (const r of res.reasons) findings.push({ severity, reason: r.reason, via: r.via, record: res.fqdn, zone });
  return lenient && !res.fatal ? res.record : undefined;
}

export function decodeZone(zone: string, groups: Map<string, NativeGroup>, ctx: DecodeContext, opts: DecodeOptions): DecodedZone {
  const records: DnsRecord[] = [];
  const unmanaged: string[] = [];
  const findings: Finding[] = [];
  const managed = new Set<string>();
  const bctx = buildContext(zone, opts);
  for (const [key, g] of groups) {
    const fqdn = fqdnOf(g.name, zone);
    const d = decodeGroup(g, ctx);
    if (!d.ok) {
      unmanaged.push(`${fqdn} ${g.type}: ${d.reason}; left untouched`);
      continue;
    }
    const r = buildDecoded(g, d.data, bctx, opts.lenient, findings);
    if (!r) {
      unmanaged.push(`${fqdn} ${g.type}: does not read as a valid record; left untouched`);
      continue;
    }
    managed.add(key);
    records.push(r);
  }
  return { records, unmanaged, findings, managed };
}
