/**
 * dnsctl's best-practice checks of dynamic records, for the regional outage they exist
 * for (run with the `best-practice` validator set, as warnings):
 * - `dnsctl-region-redundancy`: every pool maps to one region, so losing (or evacuating)
 *   that region leaves only the static values;
 * - `dnsctl-healthcheck-path`: the health check probes octoDNS's default path `/_dns`,
 *   which proves a web server answers, not that users are served; probe a path that
 *   exercises what users get;
 * - `dnsctl-static-fallback`: the fallback chain of a pool that receives traffic ends (no
 *   fallback) before reaching every pool, and the record's static values — what it answers
 *   when that chain fails — include values of the failed chain: a down server is answered although another pool
 *   may be healthy. Found in a sandbox drill, where Route 53 (octoDNS's layout) answered a
 *   down server this way while Cloudflare's steering moved clients to the healthy pool.
 */
import type { Finding } from '../model/findings.js';
import { fqdnOf, type DnsRecord } from '../model/record.js';
import { trafficOf } from '../model/traffic.js';

/** octoDNS's default health-check path. */
const DEFAULT_PATH = '/_dns';

function healthcheckPath(r: DnsRecord): string {
  const hc = r.octodns?.['healthcheck'];
  const path = typeof hc === 'object' && hc !== null && !Array.isArray(hc) ? (hc as Record<string, unknown>)['path'] : undefined;
  return typeof path === 'string' ? path : DEFAULT_PATH;
}

/** The pool and the pools it falls back to, in order (stopping at a loop). */
function fallbackChain(start: string, pools: ReadonlyMap<string, { fallback: string | null }>): string[] {
  const chain: string[] = [];
  for (let id: string | null = start; id !== null && pools.has(id) && !chain.includes(id); id = pools.get(id)!.fallback) chain.push(id);
  return chain;
}

/** A value as one comparable string (A/AAAA/CNAME values are strings; others compared as JSON). */
const valueKey = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Every value is pinned up or down: no health check decides anything. */
function unchecked(r: DnsRecord): boolean {
  return Object.values(r.dynamic?.pools ?? {}).every((p) => p.values.every((v) => v.status === 'up' || v.status === 'down'));
}

export function validateResilience(zone: string, records: DnsRecord[]): Finding[] {
  const out: Finding[] = [];
  for (const r of records) {
    const t = trafficOf(r);
    if (!t) continue;
    const fqdn = fqdnOf(r.name, zone);
    const where = r.source ? { position: r.source } : {};
    const regions = new Set(t.pools.map((p) => p.region));
    if (regions.size < 2) {
      out.push({
        severity: 'warning',
        reason: `every pool is in region ${[...regions][0] ?? '(none)'}: if it fails or is evacuated, only the static values are left; add a pool in another region`,
        via: 'dnsctl-region-redundancy',
        record: fqdn,
        zone,
        ...where,
      });
    }
    const statics = new Set(t.staticValues.map(valueKey));
    const pools = new Map(t.pools.map((p) => [p.id, p]));
    // per pool that ends a fallback chain: the chains through it that fail onto static values
    // holding their own (failed) values while some pool outside the chain may be healthy
    const byEnd = new Map<string, { dead: Set<string>; others: string[] }>();
    // pools that receive traffic themselves: every pool for weighted and latency routing, the rules' pools otherwise
    const direct = t.kind === 'weighted' || t.kind === 'latency' ? t.pools.map((p) => p.id) : [...new Set(t.rules.map((x) => x.pool))];
    for (const id of direct) {
      const chain = fallbackChain(id, pools);
      if (chain.length === pools.size) continue; // all pools failing is a total outage: static values are the last resort
      const dead = chain.flatMap((id) => pools.get(id)!.values.map((v) => valueKey(v.value))).filter((v) => statics.has(v));
      if (dead.length === 0) continue;
      const end = chain[chain.length - 1]!;
      const entry = byEnd.get(end) ?? { dead: new Set<string>(), others: [...pools.keys()].filter((id) => !chain.includes(id)) };
      for (const v of dead) entry.dead.add(v);
      byEnd.set(end, entry);
    }
    for (const [end, { dead, others }] of byEnd) {
      // a fallback octoDNS accepts: one whose own chain does not lead back here (no loop)
      const safe = others.find((o) => !fallbackChain(o, pools).includes(end));
      const fix = safe ? `give ${end} a fallback (e.g. ${safe}) or use static values outside the pools` : 'use static values outside the pools (a fallback from it would loop)';
      out.push({
        severity: 'warning',
        reason: `pool ${end} has no fallback: when it fails, the record answers its static values, which include ${[...dead].join(', ')} of the failed pool(s), while ${others.join(', ')} may be healthy; ${fix}`,
        via: 'dnsctl-static-fallback',
        record: fqdn,
        zone,
        ...where,
      });
    }
    if (healthcheckPath(r) === DEFAULT_PATH && !unchecked(r)) {
      out.push({
        severity: 'warning',
        reason: `the health check probes ${DEFAULT_PATH} (octoDNS's default), which shows a server answers, not that users are served; set octodns.healthcheck.path to a path that exercises what users get`,
        via: 'dnsctl-healthcheck-path',
        record: fqdn,
        zone,
        ...where,
      });
    }
  }
  return out;
}
