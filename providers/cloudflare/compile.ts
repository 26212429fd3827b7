/**
 * Model → Cloudflare: DNS record bodies for plain records, and for dynamic records the
 * Load Balancing objects (a monitor per distinct health check, a pool per record and
 * region plus one for the static values, a load balancer per record). Also the provider's
 * `canonical`: the record as Cloudflare will hold it and read it back.
 *
 * See README.md for the mapping tables.
 */
import { createHash } from 'node:crypto';
import { fqdnOf, type DnsRecord, type Dynamic, type Json, type JsonObject, type Value } from '../../src/model/record.js';
import { dnsctlExtension, fallbackChain, regionOfPool, trafficOf } from '../../src/model/traffic.js';
import { typeSpec } from '../../src/model/types/index.js';
import { stableJson } from '../../src/plan/compare.js';
import { canonicalSvcbValue, svcbData } from './svcb.js';

export const OWNER_PREFIX = 'dnsctl:';
export const POOL_NAME_PREFIX = 'dnsctl-';
export const PROXIABLE = new Set(['A', 'AAAA', 'CNAME', 'ALIAS']);
export const MAX_TTL = 86400;
/** TTL Cloudflare's "automatic" stands for (what octodns-cloudflare reads ttl 1 as). */
export const AUTO_TTL = 300;
const CONTROL_KEYS = ['ignored', 'excluded', 'included', 'lenient'];

/** octoDNS continents → Cloudflare Load Balancing regions (README: geo table). */
export const CONTINENT_REGIONS: Record<string, string[]> = {
  AF: ['NAF', 'SAF'],
  AN: [],
  AS: ['ME', 'SAS', 'SEAS', 'NEAS'],
  EU: ['WEU', 'EEU'],
  NA: ['WNAM', 'ENAM'],
  OC: ['OC'],
  SA: ['NSAM', 'SSAM'],
};

export const REGION_CODES = ['WNAM', 'ENAM', 'WEU', 'EEU', 'NSAM', 'SSAM', 'OC', 'ME', 'NAF', 'SAF', 'SAS', 'SEAS', 'NEAS'];

/** dnsctl region ids (AWS region names) → Cloudflare region codes; option `regions` adds or overrides. */
export const DEFAULT_REGION_CODES: Record<string, string> = {
  'us-east-1': 'ENAM', 'us-east-2': 'ENAM', 'ca-central-1': 'ENAM',
  'us-west-1': 'WNAM', 'us-west-2': 'WNAM', 'ca-west-1': 'WNAM',
  'sa-east-1': 'SSAM',
  'eu-west-1': 'WEU', 'eu-west-2': 'WEU', 'eu-west-3': 'WEU', 'eu-central-1': 'WEU', 'eu-central-2': 'WEU',
  'eu-north-1': 'WEU', 'eu-south-1': 'WEU', 'eu-south-2': 'WEU',
  'me-south-1': 'ME', 'me-central-1': 'ME', 'il-central-1': 'ME',
  'af-south-1': 'SAF',
  'ap-south-1': 'SAS', 'ap-south-2': 'SAS',
  'ap-southeast-1': 'SEAS', 'ap-southeast-3': 'SEAS', 'ap-southeast-5': 'SEAS',
  'ap-southeast-2': 'OC', 'ap-southeast-4': 'OC',
  'ap-northeast-1': 'NEAS', 'ap-northeast-2': 'NEAS', 'ap-northeast-3': 'NEAS', 'ap-east-1': 'NEAS',
};

export interface CompileOptions {
  /** smallest TTL written to DNS-only records (Cloudflare: 60; octodns-cloudflare's default 120) */
  minTtl: number;
  /** region id → Cloudflare region code */
  regionCodes: Record<string, string>;
}

// ---------------------------------------------------------------- helpers

function asObject(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

const noDot = (s: string) => (s.endsWith('.') && s !== '.' ? s.slice(0, -1) : s);

export function regionCode(region: string, codes: Record<string, string>): string | undefined {
  return codes[region] ?? (REGION_CODES.includes(region.toUpperCase()) ? region.toUpperCase() : undefined);
}

export interface CloudflareSettings {
  proxied: boolean;
  autoTtl: boolean;
  comment?: string;
  tags?: string[];
}

/** `octodns.cloudflare` as this provider understands it (octodns-cloudflare's keys). */
export function settingsOf(r: DnsRecord): CloudflareSettings {
  const cf = asObject(r.octodns?.['cloudflare']) ?? {};
  const proxied = PROXIABLE.has(r.type) && cf['proxied'] === true;
  const s: CloudflareSettings = { proxied, autoTtl: proxied || cf['auto-ttl'] === true };
  if (!r.dynamic) {
    if (typeof cf['comment'] === 'string' && cf['comment'] !== '') s.comment = cf['comment'];
    if (Array.isArray(cf['tags']) && cf['tags'].length) s.tags = [...new Set(cf['tags'].map(String))].sort();
  }
  return s;
}

/** The `octodns.cloudflare` mapping as octodns-cloudflare reads it back. */
export function settingsMapping(s: CloudflareSettings): JsonObject | undefined {
  const out: JsonObject = {};
  if (s.proxied) out['proxied'] = true;
  if (s.autoTtl) out['auto-ttl'] = true;
  if (s.comment !== undefined) out['comment'] = s.comment;
  if (s.tags !== undefined) out['tags'] = s.tags;
  return Object.keys(out).length ? out : undefined;
}

// ---------------------------------------------------------------- health checks

const HC_DEFAULTS = { path: '/_dns', port: 443, protocol: 'HTTPS' };

/** A health check in full (octoDNS defaults filled in). */
export interface HealthCheck {
  host: string;
  path: string;
  port: number;
  protocol: string;
}

export function healthCheckOf(r: DnsRecord): HealthCheck {
  const hc = asObject(r.octodns?.['healthcheck']) ?? {};
  const host = typeof hc['host'] === 'string' && hc['host'] ? hc['host'] : noDot(fqdnOf(r.name, r.zone));
  const port = hc['port'] !== undefined ? Number(hc['port']) : HC_DEFAULTS.port;
  return {
    host,
    path: typeof hc['path'] === 'string' ? hc['path'] : HC_DEFAULTS.path,
    port: Number.isFinite(port) ? port : HC_DEFAULTS.port,
    protocol: typeof hc['protocol'] === 'string' ? hc['protocol'].toUpperCase() : HC_DEFAULTS.protocol,
  };
}

/** The health check as stored and read back: only what differs from octoDNS's defaults (TCP keeps no host/path). */
export function minimalHealthCheck(hc: HealthCheck, fqdn: string): JsonObject | undefined {
  const out: JsonObject = {};
  if (hc.protocol !== 'TCP') {
    if (hc.host !== noDot(fqdn)) out['host'] = hc.host;
    if (hc.path !== HC_DEFAULTS.path) out['path'] = hc.path;
  }
  if (hc.port !== HC_DEFAULTS.port) out['port'] = hc.port;
  if (hc.protocol !== HC_DEFAULTS.protocol) out['protocol'] = hc.protocol;
  return Object.keys(out).length ? out : undefined;
}

export interface MonitorSpec {
  /** identity of the monitor: `dnsctl:hc …` */
  description: string;
  body: { type: 'http' | 'https' | 'tcp'; description: string; port: number; expected_codes: string; method: string; path?: string; header?: Record<string, string[]> };
}

export function monitorSpec(hc: HealthCheck): MonitorSpec {
  const type = hc.protocol === 'TCP' ? 'tcp' : hc.protocol === 'HTTP' ? 'http' : 'https';
  const description = type === 'tcp' ? `${OWNER_PREFIX}hc TCP :${hc.port}` : `${OWNER_PREFIX}hc ${hc.protocol} ${hc.host}:${hc.port}${hc.path}`;
  const body: MonitorSpec['body'] =
    type === 'tcp'
      ? { type, description, port: hc.port, expected_codes: '', method: 'connection_established' }
      : { type, description, port: hc.port, expected_codes: '2xx', method: 'GET', path: hc.path, header: { Host: [hc.host] } };
  return { description, body };
}

/** Reads a monitor back as a health check (undefined when it is not one of dnsctl's shapes). */
export function healthCheckFromMonitor(m: { type?: string; port?: number; path?: string; header?: Record<string, string[]> }): HealthCheck {
  const type = (m.type ?? 'http').toUpperCase();
  return {
    host: m.header?.['Host']?.[0] ?? '',
    path: m.path ?? '/',
    port: m.port && m.port > 0 ? m.port : type === 'HTTP' ? 80 : 443,
    protocol: type === 'TCP' ? 'TCP' : type,
  };
}

// ---------------------------------------------------------------- canonical

/** Types whose values Cloudflare holds in another form than the model's (SvcParams as one string). */
const REWRITTEN_TYPES = new Set(['HTTPS', 'SVCB']);

/** The values as they read back: for HTTPS/SVCB written as Cloudflare `data` and read again, sorted again. */
function canonicalValues(r: DnsRecord): Value[] {
  if (!REWRITTEN_TYPES.has(r.type)) return r.values;
  const spec = typeSpec(r.type);
  return r.values.map((v) => canonicalSvcbValue(typeof v === 'object' ? v : {})).sort((a, b) => spec.compare(a, b));
}

/** The record as Cloudflare will hold it and read it back. */
export function canonicalRecord(r: DnsRecord, opts: CompileOptions): DnsRecord {
  const s = settingsOf(r);
  const octodns: JsonObject = {};
  for (const k of CONTROL_KEYS) if (r.octodns && r.octodns[k] !== undefined) octodns[k] = r.octodns[k] as Json;
  const out: DnsRecord = { zone: r.zone, name: r.name, type: r.type, ttl: r.ttl, values: canonicalValues(r) };
  if (r.source) out.source = r.source;
  if (r.dynamic) {
    out.dynamic = r.dynamic;
    out.ttl = s.proxied ? AUTO_TTL : Math.max(1, r.ttl);
    const hc = minimalHealthCheck(healthCheckOf(r), fqdnOf(r.name, r.zone));
    if (hc) octodns['healthcheck'] = hc;
    const ext = asObject(r.octodns?.['dnsctl']);
    if (ext) octodns['dnsctl'] = ext;
    const cf = settingsMapping({ proxied: s.proxied, autoTtl: s.proxied });
    if (cf) octodns['cloudflare'] = cf;
  } else {
    out.ttl = s.autoTtl ? AUTO_TTL : Math.min(MAX_TTL, Math.max(opts.minTtl, r.ttl));
    const cf = settingsMapping(s);
    if (cf) octodns['cloudflare'] = cf;
  }
  if (Object.keys(octodns).length) out.octodns = octodns;
  return out;
}

// ---------------------------------------------------------------- plain records

export interface RecordBody {
  type: string;
  name: string;
  ttl: number;
  content?: string;
  data?: Record<string, unknown>;
  priority?: number;
  proxied?: boolean;
  comment?: string;
  tags?: string[];
}

function num(o: JsonObject, k: string): number {
  return Number(o[k]);
}

/** One value as the fields of a Cloudflare record (content / data / priority). */
export function valueFields(type: string, v: Value): Pick<RecordBody, 'content' | 'data' | 'priority'> {
  const o = typeof v === 'object' ? v : {};
  switch (type) {
    case 'A':
    case 'AAAA':
      return { content: String(v) };
    case 'CNAME':
    case 'ALIAS':
    case 'NS':
    case 'PTR':
      return { content: noDot(String(v)) };
    case 'TXT':
      return { content: String(v).replace(/\\;/g, ';') };
    case 'MX':
      return { content: noDot(String(o['exchange'])), priority: num(o, 'preference') };
    case 'SRV':
      return { data: { priority: num(o, 'priority'), weight: num(o, 'weight'), port: num(o, 'port'), target: noDot(String(o['target'])) } };
    case 'CAA':
      return { data: { flags: num(o, 'flags'), tag: String(o['tag']), value: String(o['value']) } };
    case 'DS':
      return { data: { key_tag: num(o, 'key_tag'), algorithm: num(o, 'algorithm'), digest_type: num(o, 'digest_type'), digest: String(o['digest']) } };
    case 'SSHFP':
      return { data: { algorithm: num(o, 'algorithm'), type: num(o, 'fingerprint_type'), fingerprint: String(o['fingerprint']) } };
    case 'TLSA':
      return { data: { usage: num(o, 'certificate_usage'), selector: num(o, 'selector'), matching_type: num(o, 'matching_type'), certificate: String(o['certificate_association_data']) } };
    case 'NAPTR':
      return { data: { order: num(o, 'order'), preference: num(o, 'preference'), flags: String(o['flags']), service: String(o['service']), regex: String(o['regexp']), replacement: String(o['replacement']) } };
    case 'LOC':
      return { data: { ...o } };
    case 'HTTPS':
    case 'SVCB':
      return { data: { ...svcbData(o) } };
    case 'URI':
      return { priority: num(o, 'priority'), data: { weight: num(o, 'weight'), target: String(o['target']) } };
    default:
      return { content: String(v) };
  }
}

/** The Cloudflare record bodies of a plain record, one per value. */
export function recordBodies(r: DnsRecord, opts: CompileOptions): RecordBody[] {
  const s = settingsOf(r);
  const type = r.type === 'ALIAS' ? 'CNAME' : r.type;
  const ttl = s.autoTtl ? 1 : Math.min(MAX_TTL, Math.max(opts.minTtl, r.ttl));
  return r.values.map((v) => {
    const b: RecordBody = { type, name: noDot(fqdnOf(r.name, r.zone)), ttl, ...valueFields(r.type, v) };
    if (PROXIABLE.has(r.type)) b.proxied = s.proxied;
    b.comment = s.comment ?? '';
    b.tags = s.tags ?? [];
    return b;
  });
}

// ---------------------------------------------------------------- load balancing

/** What the load balancer's description carries besides the marker (what Cloudflare has no field for). */
export interface LbMeta {
  /** 1: per-record pools (read only, migrated on the next write); 2: shared pools */
  v: 1 | 2;
  type: string;
  rules: Dynamic['rules'];
  /** pool id → its octoDNS fallback */
  fallbacks: Record<string, string | null>;
  /** octodns.dnsctl as written */
  ext?: JsonObject;
  /** v2: model pool id → the share key of the account pool serving it */
  pools?: Record<string, string>;
  /** v2: share key of the pool of the record's static values */
  static?: string;
}

/** Per-record pool of layout v1 (still read, never written). */
export interface PoolMeta {
  /** zone */
  z: string;
  /** record name and type */
  n: string;
  t: string;
  /** model pool id; null = the pool of the record's static values (the fallback pool) */
  p: string | null;
}

export interface OriginBody {
  name: string;
  address: string;
  weight: number;
  enabled: boolean;
}

export interface PoolSpec {
  /** model pool id; null = the static values' pool */
  key: string | null;
  /** identity of the shared pool: hash of region, origins, monitor and settings */
  share: string;
  /** dnsctl region id of the pool (null: the static values' pool) */
  region: string | null;
  name: string;
  description: string;
  origins: OriginBody[];
  /** watched by the record's monitor */
  monitored: boolean;
  checkRegions: string[] | null;
}

export interface LbBodyTemplate {
  name: string;
  description: string;
  steering_policy: 'off' | 'random' | 'dynamic_latency' | 'geo';
  proxied: boolean;
  ttl?: number;
  /** pool keys, resolved to ids at apply time */
  default_pools: (string | null)[];
  fallback_pool: null;
  region_pools?: Record<string, (string | null)[]>;
  country_pools?: Record<string, (string | null)[]>;
  random_steering?: { default_weight: number; pool_weights: Record<string, number> };
}

export interface LbSpec {
  fqdn: string;
  monitor: MonitorSpec;
  pools: PoolSpec[];
  lb: LbBodyTemplate;
}

/** The marker of a shared pool: its identity, its region and the apply run that created it. */
export interface SharedPoolMeta {
  v: 2;
  /** share key (poolShareKey) */
  k: string;
  /** dnsctl region id; null: a pool of static values */
  r: string | null;
  /** nonce of the apply run that created it (its own unreferenced pools are collected at once) */
  g?: string;
}

export function sharedPoolDescription(m: SharedPoolMeta): string {
  return `${OWNER_PREFIX}${JSON.stringify(m)}`;
}

/** A dnsctl pool's marker: a shared pool (v2) or a per-record pool of layout v1; undefined when not dnsctl's. */
export function poolMarker(description: string | undefined): SharedPoolMeta | (PoolMeta & { v?: undefined }) | undefined {
  const m = parseOwned<SharedPoolMeta | PoolMeta>(description);
  if (!m || typeof m !== 'object') return undefined;
  return m as SharedPoolMeta | (PoolMeta & { v?: undefined });
}

/** The dnsctl region a pool serves (null: static values' pool; undefined: not a dnsctl pool). */
export function poolRegionOf(description: string | undefined): string | null | undefined {
  const m = poolMarker(description);
  if (!m) return undefined;
  return m.v === 2 ? m.r : m.p;
}

export function parseOwned<T>(description: string | undefined): T | undefined {
  if (!description?.startsWith(OWNER_PREFIX)) return undefined;
  try {
    return JSON.parse(description.slice(OWNER_PREFIX.length)) as T;
  } catch {
    return undefined;
  }
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** Identity of a shared pool (hex): everything Cloudflare holds for it except `enabled`. */
export function poolShareKey(p: Pick<PoolSpec, 'region' | 'origins' | 'checkRegions' | 'monitored'>, monitor: MonitorSpec): string {
  const identity = stableJson({ r: p.region, o: JSON.parse(originsFingerprint(p.origins)) as Json, c: p.checkRegions, m: p.monitored ? monitor.description : null, min: 1 });
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** Shared pools are named after their region and identity: `dnsctl-<region|static>-<12 hex>`. */
export function sharedPoolName(region: string | null, share: string): string {
  return `${POOL_NAME_PREFIX}${slug(region ?? 'static')}-${share.slice(0, 12)}`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function origin(type: string, v: Value, weight: number, status: string): OriginBody {
  const address = type === 'CNAME' || type === 'ALIAS' ? noDot(String(v)) : String(v);
  return { name: status === 'up' ? `up:${address}` : address, address, weight: Math.min(1, Math.max(0.01, round2(weight / 100))), enabled: status !== 'down' };
}

/** The Load Balancing objects of a dynamic record. */
export function compileLb(r: DnsRecord, opts: CompileOptions): LbSpec {
  const t = trafficOf(r);
  if (!t || !r.dynamic) throw new Error(`${fqdnOf(r.name, r.zone)} is not a dynamic record`);
  const dynamic = r.dynamic;
  const ext = dnsctlExtension(r);
  const fqdn = noDot(fqdnOf(r.name, r.zone));
  const s = settingsOf(r);
  const monitor = monitorSpec(healthCheckOf(r));
  const shared = (key: string | null, region: string | null, origins: OriginBody[], monitored: boolean, checkRegions: string[] | null): PoolSpec => {
    const share = poolShareKey({ region, origins, checkRegions, monitored }, monitor);
    return { key, share, region, name: sharedPoolName(region, share), description: sharedPoolDescription({ v: 2, k: share, r: region }), origins, monitored, checkRegions };
  };
  const pools: PoolSpec[] = t.pools.map((p) => {
    const region = regionOfPool(p.id, ext);
    const code = regionCode(region, opts.regionCodes);
    return shared(p.id, region, p.values.map((v) => origin(r.type, v.value, v.weight, v.status)), true, code ? [code] : null);
  });
  pools.push(shared(null, null, r.values.map((v) => origin(r.type, v, 100, 'obey')), false, null));
  const meta: LbMeta = {
    v: 2,
    type: r.type,
    rules: dynamic.rules,
    fallbacks: Object.fromEntries(Object.entries(dynamic.pools).map(([id, p]) => [id, p.fallback])),
    pools: Object.fromEntries(pools.filter((p) => p.key !== null).map((p) => [p.key!, p.share])),
    static: pools.find((p) => p.key === null)!.share,
  };
  const extRaw = asObject(r.octodns?.['dnsctl']);
  if (extRaw) meta.ext = extRaw;
  const ids = t.pools.map((p) => p.id);
  const chainAll = (start: string) => {
    const c = fallbackChain(dynamic, start);
    return [...c, ...ids.filter((i) => !c.includes(i))];
  };
  const catchAll = [...dynamic.rules].reverse().find((x) => !(x.geos?.length || x.subnets?.length))?.pool;
  const lb: LbBodyTemplate = {
    name: fqdn,
    description: `${OWNER_PREFIX}${JSON.stringify(meta)}`,
    steering_policy: 'off',
    proxied: s.proxied,
    default_pools: catchAll ? chainAll(catchAll) : ids,
    fallback_pool: null,
  };
  if (!s.proxied) lb.ttl = r.ttl;
  if (t.kind === 'weighted') {
    const weights = Object.fromEntries(t.pools.map((p) => [p.id, p.weight ?? 0]));
    const max = Math.max(...Object.values(weights), 0) || 1;
    lb.steering_policy = 'random';
    lb.default_pools = [...ids].sort();
    lb.random_steering = { default_weight: 1, pool_weights: Object.fromEntries(Object.entries(weights).map(([id, w]) => [id, round2(w / max)])) };
  } else if (t.kind === 'latency') {
    lb.steering_policy = 'dynamic_latency';
    lb.default_pools = [...ids].sort();
  } else if (t.kind === 'geo') {
    lb.steering_policy = 'geo';
    const regionPools: Record<string, string[]> = {};
    const countryPools: Record<string, string[]> = {};
    for (const rule of dynamic.rules) {
      for (const g of rule.geos ?? []) {
        const parts = g.split('-');
        if (parts.length === 1) for (const code of CONTINENT_REGIONS[parts[0]!] ?? []) regionPools[code] ??= fallbackChain(dynamic, rule.pool);
        else countryPools[parts[1]!] ??= fallbackChain(dynamic, rule.pool);
      }
    }
    lb.region_pools = regionPools;
    lb.country_pools = countryPools;
  }
  return { fqdn, monitor, pools, lb };
}

/** A load balancer body with pool keys resolved to Cloudflare pool ids. */
export function resolveLbBody(t: LbBodyTemplate, id: (key: string | null) => string): Record<string, unknown> {
  const ids = (keys: (string | null)[]) => keys.map(id);
  const mapPools = (m: Record<string, (string | null)[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, ids(v)]));
  const body: Record<string, unknown> = {
    name: t.name,
    description: t.description,
    steering_policy: t.steering_policy,
    proxied: t.proxied,
    default_pools: ids(t.default_pools),
    fallback_pool: id(null),
    region_pools: t.region_pools ? mapPools(t.region_pools) : {},
    country_pools: t.country_pools ? mapPools(t.country_pools) : {},
  };
  if (t.ttl !== undefined) body['ttl'] = t.ttl;
  if (t.random_steering) {
    body['random_steering'] = {
      default_weight: t.random_steering.default_weight,
      pool_weights: Object.fromEntries(Object.entries(t.random_steering.pool_weights).map(([k, w]) => [id(k), w])),
    };
  }
  return body;
}

/** The fields compared to detect a load balancer edited outside dnsctl. */
export function lbFingerprint(lb: Record<string, unknown>): string {
  const steering = String(lb['steering_policy'] ?? 'off');
  const rs = asObject(lb['random_steering'] as Json);
  return stableJson({
    steering,
    proxied: lb['proxied'] === true,
    ttl: lb['proxied'] === true ? undefined : lb['ttl'],
    default_pools: lb['default_pools'],
    fallback_pool: lb['fallback_pool'],
    region_pools: lb['region_pools'] ?? {},
    country_pools: lb['country_pools'] ?? {},
    pool_weights: steering === 'random' ? rs?.['pool_weights'] ?? {} : undefined,
  });
}

export function originsFingerprint(origins: Array<{ name?: string; address?: string; weight?: number; enabled?: boolean }>): string {
  return stableJson(
    origins
      .map((o) => ({ name: o.name ?? o.address, address: o.address, weight: o.weight ?? 1, enabled: o.enabled !== false }))
      .sort((a, b) => (String(a.address) < String(b.address) ? -1 : 1)),
  );
}
