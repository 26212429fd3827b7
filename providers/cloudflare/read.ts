/**
 * Cloudflare → model: DNS records (paged), and the load balancers dnsctl owns read back
 * into the dynamic records they were compiled from (compile.ts), so an applied zone
 * re-plans with no changes. Foreign load balancers are reported, never read as records.
 */
import type Cloudflare from 'cloudflare';
import { buildRecord, type BuildContext } from '../../src/model/build-record.js';
import type { Finding } from '../../src/model/findings.js';
import type { PopulateOptions, PopulateResult } from '../../src/model/provider.js';
import { typeSpec } from '../../src/model/types/index.js';
import { fqdnOf, isRecordType, recordKey, type DnsRecord, type Json, type JsonObject } from '../../src/model/record.js';
import { isLoadBalancingNotEnabled, type CloudflareClient, type ZoneInfo } from './client.js';
import {
  AUTO_TTL,
  OWNER_PREFIX,
  PROXIABLE,
  compileLb,
  healthCheckFromMonitor,
  lbFingerprint,
  minimalHealthCheck,
  originsFingerprint,
  parseOwned,
  poolMarker,
  resolveLbBody,
  settingsMapping,
  type CompileOptions,
  type LbMeta,
} from './compile.js';
import { CLOUDFLARE_TYPES } from './capabilities.js';
import { svcbValue } from './svcb.js';

const CLOUDFLARE_TYPES_SET = new Set<string>(CLOUDFLARE_TYPES);

export interface NativeRecord {
  id: string;
  type: string;
  name: string;
  content?: string;
  data?: Record<string, unknown>;
  priority?: number;
  proxied?: boolean;
  ttl: number;
  comment?: string | null;
  tags?: string[];
}

export interface NativeOrigin {
  name?: string;
  address?: string;
  weight?: number;
  enabled?: boolean;
}

export interface NativePool {
  id: string;
  name: string;
  description?: string;
  enabled?: boolean;
  monitor?: string | null;
  check_regions?: string[] | null;
  origins?: NativeOrigin[];
  minimum_origins?: number;
  created_on?: string;
}

export interface NativeMonitor {
  id: string;
  description?: string;
  type?: string;
  port?: number;
  path?: string;
  header?: Record<string, string[]>;
  created_on?: string;
}

export interface NativeLb {
  id: string;
  name: string;
  description?: string;
  [k: string]: unknown;
}

export interface LbState {
  lbs: NativeLb[];
  pools: NativePool[];
  monitors: NativeMonitor[];
}

/** Every DNS record of a zone: `page`/`per_page`, until a short page (or `total_pages`). */
export async function fetchRecords(client: CloudflareClient, zoneId: string, perPage: number): Promise<NativeRecord[]> {
  const out: NativeRecord[] = [];
  for (let page = 1; ; page++) {
    const res = await client.call((cf: Cloudflare) => cf.dns.records.list({ zone_id: zoneId, page, per_page: perPage }));
    out.push(...(res.result as unknown as NativeRecord[]));
    const pages = (res.result_info as { total_pages?: number } | undefined)?.total_pages;
    if (res.result.length < perPage || (pages !== undefined && page >= pages)) break;
  }
  return out;
}

/** Load balancers of the zone, pools and monitors of the account; 'unavailable' without the add-on. */
export async function fetchLbState(client: CloudflareClient, zoneId: string, accountId: string): Promise<LbState | 'unavailable'> {
  try {
    const lbs = await client.call((cf) => cf.loadBalancers.list({ zone_id: zoneId }));
    const pools = await client.call((cf) => cf.loadBalancers.pools.list({ account_id: accountId }));
    const monitors = await client.call((cf) => cf.loadBalancers.monitors.list({ account_id: accountId }));
    return {
      lbs: lbs.result as unknown as NativeLb[],
      pools: pools.result as unknown as NativePool[],
      monitors: monitors.result as unknown as NativeMonitor[],
    };
  } catch (e) {
    if (isLoadBalancingNotEnabled(e)) return 'unavailable';
    throw e;
  }
}

const withDot = (s: string) => (s === '.' || s.endsWith('.') ? s : `${s}.`);

function relativeName(fqdn: string, zone: string): string | undefined {
  const f = withDot(fqdn.toLowerCase());
  if (f === zone) return '';
  return f.endsWith(`.${zone}`) ? f.slice(0, -zone.length - 1) : undefined;
}

function unquoteTxt(content: string): string {
  // Cloudflare may answer TXT content as one or more quoted strings
  const m = content.match(/^"((?:[^"\\]|\\.)*)"(\s+"((?:[^"\\]|\\.)*)")*$/);
  if (!m) return content;
  const parts = [...content.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1] ?? '');
  return parts.join('');
}

/** One Cloudflare record's value in octoDNS's data form. */
export function modelValue(type: string, r: NativeRecord): Json {
  const d = (r.data ?? {}) as JsonObject;
  const content = r.content ?? '';
  switch (type) {
    case 'CNAME':
    case 'ALIAS':
    case 'NS':
    case 'PTR':
      return withDot(content);
    case 'TXT':
      return unquoteTxt(content).replace(/\\;/g, ';').replace(/;/g, '\\;');
    case 'MX':
      return { exchange: withDot(content), preference: r.priority ?? 0 };
    case 'SRV':
      return { port: d['port'] ?? 0, priority: d['priority'] ?? r.priority ?? 0, target: String(d['target']) === '.' ? '.' : withDot(String(d['target'])), weight: d['weight'] ?? 0 };
    case 'CAA':
      return { flags: d['flags'] ?? 0, tag: d['tag'] ?? '', value: d['value'] ?? '' };
    case 'DS':
      return { key_tag: d['key_tag'] ?? 0, algorithm: d['algorithm'] ?? 0, digest_type: d['digest_type'] ?? 0, digest: d['digest'] ?? '' };
    case 'SSHFP':
      return { algorithm: d['algorithm'] ?? 0, fingerprint_type: d['type'] ?? 0, fingerprint: d['fingerprint'] ?? '' };
    case 'TLSA':
      return { certificate_usage: d['usage'] ?? 0, selector: d['selector'] ?? 0, matching_type: d['matching_type'] ?? 0, certificate_association_data: d['certificate'] ?? '' };
    case 'NAPTR':
      return { order: d['order'] ?? 0, preference: d['preference'] ?? 0, flags: d['flags'] ?? '', service: d['service'] ?? '', regexp: d['regex'] ?? '', replacement: d['replacement'] ?? '' };
    case 'LOC':
      return { ...d };
    case 'HTTPS':
    case 'SVCB':
      return svcbValue(r.data, r.content);
    case 'URI':
      return { priority: r.priority ?? d['priority'] ?? 0, weight: d['weight'] ?? 0, target: d['target'] ?? '' };
    default:
      return content;
  }
}

/** Model type of a Cloudflare record at a name: a CNAME at the apex is an ALIAS (as octodns-cloudflare). */
export function modelType(cfType: string, name: string): string {
  return cfType === 'CNAME' && name === '' ? 'ALIAS' : cfType;
}

export interface ReadContext {
  zone: string;
  opts: PopulateOptions;
  compile: CompileOptions;
}

function buildCtx(c: ReadContext): BuildContext {
  return { zone: c.zone, sets: c.opts.sets, disabled: c.opts.disabledValidators, defaultTtl: 3600, escapedSemicolons: true };
}

function build(name: string, data: JsonObject, c: ReadContext, findings: Finding[]): DnsRecord | undefined {
  const values = data['values'];
  if (isRecordType(data['type']) && !typeSpec(data['type']).multi && Array.isArray(values)) {
    delete data['values'];
    if (values.length) data['value'] = values[0]!;
  }
  const res = buildRecord(name, data, buildCtx(c));
  const fqdn = fqdnOf(name, c.zone);
  const severity = c.opts.lenient ? 'warning' : 'error';
  if (!res.ok) {
    if (res.fatal) findings.push({ severity: 'error', reason: res.fatal, record: fqdn, zone: c.zone });
    for (const r of res.reasons) findings.push({ severity, reason: r.reason, via: r.via, record: fqdn, zone: c.zone });
    return res.record && !res.fatal && c.opts.lenient ? res.record : undefined;
  }
  for (const r of res.reasons) findings.push({ severity: 'warning', reason: r.reason, via: r.via, record: fqdn, zone: c.zone });
  return res.record;
}

/** Plain records grouped by name and type, read as octodns-cloudflare reads them. */
export function recordsToModel(natives: NativeRecord[], c: ReadContext, findings: Finding[], unmanaged: string[]): DnsRecord[] {
  const groups = new Map<string, { name: string; type: string; items: NativeRecord[] }>();
  for (const r of natives) {
    const name = relativeName(r.name, c.zone);
    if (name === undefined) continue;
    const type = modelType(r.type, name);
    if (!CLOUDFLARE_TYPES_SET.has(type) || (type === 'NS' && name === '')) {
      unmanaged.push(`${withDot(r.name)} ${r.type}`);
      continue;
    }
    const key = `${name}\u0000${type}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name, type, items: [] }));
    g.items.push(r);
  }
  const out: DnsRecord[] = [];
  for (const g of groups.values()) {
    const first = g.items[0]!;
    const proxied = PROXIABLE.has(g.type) && first.proxied === true;
    const autoTtl = first.ttl === 1;
    const settings: Parameters<typeof settingsMapping>[0] = { proxied, autoTtl: proxied || autoTtl };
    if (first.comment) settings.comment = first.comment;
    if (first.tags?.length) settings.tags = [...first.tags].sort();
    const data: JsonObject = { type: g.type, ttl: autoTtl || proxied ? AUTO_TTL : first.ttl, values: g.items.map((r) => modelValue(g.type, r)) };
    const cf = settingsMapping(settings);
    if (cf) data['octodns'] = { cloudflare: cf };
    const rec = build(g.name, data, c, findings);
    if (rec) out.push(rec);
  }
  return out;
}

/** The dynamic records of the load balancers dnsctl owns (foreign ones go to `unmanaged`). */
export function lbsToModel(state: LbState, zoneId: string, c: ReadContext, findings: Finding[], unmanaged: string[]): DnsRecord[] {
  const pools = new Map(state.pools.map((p) => [p.id, p]));
  const monitors = new Map(state.monitors.map((m) => [m.id, m]));
  const out: DnsRecord[] = [];
  for (const lb of state.lbs) {
    const meta = parseOwned<LbMeta>(lb.description);
    const name = relativeName(lb.name, c.zone);
    if (!meta || (meta.v !== 1 && meta.v !== 2) || name === undefined) {
      unmanaged.push(`${withDot(lb.name)} load balancer (not managed by dnsctl)`);
      continue;
    }
    const ids = new Set<string>([...((lb['default_pools'] as string[]) ?? []), String(lb['fallback_pool'] ?? '')]);
    for (const m of [lb['region_pools'], lb['country_pools']]) for (const v of Object.values((m ?? {}) as Record<string, string[]>)) v.forEach((i) => ids.add(i));
    const keyToPool = lbPools(meta, ids, pools);
    const type = meta.type;
    const isName = type === 'CNAME' || type === 'ALIAS';
    const value = (o: NativeOrigin) => (isName ? withDot(String(o.address)) : String(o.address));
    const dynPools: JsonObject = {};
    let monitorId: string | null | undefined;
    for (const [key, p] of keyToPool) {
      if (key === null) continue;
      monitorId ??= p.monitor;
      const pool: JsonObject = {
        values: (p.origins ?? []).map((o) => ({
          value: value(o),
          weight: Math.max(1, Math.round((o.weight ?? 1) * 100)),
          status: o.enabled === false ? 'down' : o.name?.startsWith('up:') ? 'up' : 'obey',
        })),
      };
      const fb = meta.fallbacks[key];
      if (fb) pool['fallback'] = fb;
      dynPools[key] = pool;
    }
    const staticPool = keyToPool.get(null);
    const proxied = lb['proxied'] === true;
    const octodns: JsonObject = {};
    const monitor = monitorId ? monitors.get(monitorId) : undefined;
    if (monitor) {
      const hc = minimalHealthCheck(healthCheckFromMonitor(monitor), fqdnOf(name, c.zone));
      if (hc) octodns['healthcheck'] = hc;
    }
    if (meta.ext) octodns['dnsctl'] = meta.ext;
    if (proxied) octodns['cloudflare'] = { proxied: true, 'auto-ttl': true };
    const data: JsonObject = {
      type,
      ttl: proxied ? AUTO_TTL : Number(lb['ttl'] ?? 30),
      values: (staticPool?.origins ?? []).map(value),
      dynamic: { pools: dynPools, rules: meta.rules as unknown as Json },
    };
    if (Object.keys(octodns).length) data['octodns'] = octodns;
    const rec = build(name, data, c, findings);
    if (!rec) continue;
    // edited outside dnsctl? compare what this record compiles to with what is live
    if (rec.dynamic && staticPool && Object.keys(dynPools).length === Object.keys(meta.fallbacks).length) {
      try {
        const spec = compileLb(rec, c.compile);
        const idOf = (k: string | null) => keyToPool.get(k)?.id ?? '';
        const liveFp = lbFingerprint(lb);
        const wantFp = lbFingerprint(resolveLbBody(spec.lb, idOf));
        const poolsDrift = spec.pools.some((p) => {
          const live = keyToPool.get(p.key);
          return !live || originsFingerprint(live.origins ?? []) !== originsFingerprint(p.origins) || (p.monitored && live.monitor !== monitorId);
        });
        if (liveFp !== wantFp || poolsDrift) markDrift(rec);
      } catch {
        markDrift(rec);
      }
    } else markDrift(rec);
    // layout v1 (a pool per record): shown as a change, so the next apply moves it to shared pools
    if (meta.v === 1) markDrift(rec, 'per-record pools (layout v1): apply moves it to shared pools');
    void zoneId;
    out.push(rec);
  }
  return out;
}

/**
 * The pools a load balancer uses, by model pool id (null: the static values' pool): through
 * the share keys in its description (v2), or the per-record markers of layout v1.
 */
function lbPools(meta: LbMeta, ids: ReadonlySet<string>, pools: ReadonlyMap<string, NativePool>): Map<string | null, NativePool> {
  const out = new Map<string | null, NativePool>();
  const byShare = new Map<string, NativePool>();
  for (const id of ids) {
    const p = pools.get(id);
    const pm = p ? poolMarker(p.description) : undefined;
    if (!p || !pm) continue;
    if (pm.v === 2) byShare.set(pm.k, p);
    else if (meta.v === 1) out.set(pm.p, p);
  }
  if (meta.v === 2) {
    for (const [key, share] of Object.entries(meta.pools ?? {})) {
      const p = byShare.get(share);
      if (p) out.set(key, p);
    }
    const st = meta.static !== undefined ? byShare.get(meta.static) : undefined;
    if (st) out.set(null, st);
  }
  return out;
}

/** A load balancer that no longer matches its record: shown as a change so apply rewrites it. */
function markDrift(r: DnsRecord, why = 'load balancer edited outside dnsctl'): void {
  const octodns = { ...(r.octodns ?? {}) };
  octodns['cloudflare'] = { ...((octodns['cloudflare'] as JsonObject | undefined) ?? {}), drift: why };
  r.octodns = octodns;
}

export interface ZoneSnapshot {
  zone: ZoneInfo;
  records: NativeRecord[];
  lb: LbState | 'unavailable' | 'disabled';
}

/** The model of a zone snapshot: plain records and owned load balancers (an LB shadows the plain record it is named after). */
export function snapshotToModel(s: ZoneSnapshot, c: ReadContext): PopulateResult {
  const findings: Finding[] = [];
  const unmanaged: string[] = [];
  const plain = recordsToModel(s.records, c, findings, unmanaged);
  const dynamic = typeof s.lb === 'object' ? lbsToModel(s.lb, s.zone.id, c, findings, unmanaged) : [];
  const dynKeys = new Set(dynamic.map(recordKey));
  const records = [...plain.filter((r) => !dynKeys.has(recordKey(r))), ...dynamic];
  for (const r of plain) if (dynKeys.has(recordKey(r))) unmanaged.push(`${fqdnOf(r.name, c.zone)} ${r.type} (DNS records shadowed by dnsctl's load balancer)`);
  void OWNER_PREFIX;
  return { records, findings, unmanaged, exists: true };
}
