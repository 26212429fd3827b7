/**
 * Capability downgrades with octoDNS's strict_supports semantics: what a target cannot
 * represent is an error by default; with `strict_supports: false` a warning and a
 * fallback (dynamic records to their static values, statuses to obey, subnet rules
 * dropped, unsupported types and root NS omitted). Every loss is listed in the plan.
 */
import type { Capabilities } from '../model/provider.js';
import { fqdnOf, type DnsRecord, type Dynamic } from '../model/record.js';
import { trafficOf } from '../model/traffic.js';
import type { Loss } from './types.js';
import { parseSubnet } from '../validate/dynamic-rules.js';

export function adaptToTarget(
  records: DnsRecord[],
  caps: Capabilities,
  target: string,
  strict: boolean,
): { records: DnsRecord[]; losses: Loss[] } {
  const losses: Loss[] = [];
  const out: DnsRecord[] = [];
  const severity = strict ? 'error' : 'warning';
  const lose = (r: DnsRecord, message: string) => losses.push({ record: fqdnOf(r.name, r.zone), type: r.type, message, severity });
  for (const rec of records) {
    const fqdn = fqdnOf(rec.name, rec.zone);
    if (!caps.types.includes(rec.type)) {
      lose(rec, `${target}: ${rec.type} records not supported for ${fqdn}; omitting record`);
      continue;
    }
    if (rec.name === '' && rec.type === 'NS' && !caps.rootNs) {
      lose(rec, `${target}: root NS record not supported for ${fqdn}; omitting record`);
      continue;
    }
    let r = rec;
    const t = trafficOf(r);
    if (t && r.dynamic) {
      if (!caps.routing.includes(t.kind)) {
        lose(r, `${target}: ${t.kind} routing (dynamic records) not supported for ${fqdn}; falling back to its static values ${JSON.stringify(r.values)}`);
        out.push(staticValuesOf(r));
        continue;
      }
      let dynamic: Dynamic = r.dynamic;
      if (!caps.poolValueStatus && Object.values(dynamic.pools).some((p) => p.values.some((v) => v.status !== 'obey'))) {
        lose(r, `${target}: pool value status (up/down) not supported for ${fqdn}; treating every value as obey`);
        dynamic = {
          ...dynamic,
          pools: Object.fromEntries(Object.entries(dynamic.pools).map(([id, p]) => [id, { ...p, values: p.values.map((v) => ({ ...v, status: 'obey' as const })) }])),
        };
      }
      const range = caps.subnetPrefixes;
      if (range && caps.dynamicSubnets) {
        // subnets the target cannot hold are dropped from their rule (a rule left with none goes, below)
        const outside = dynamic.rules.flatMap((x) => (x.subnets ?? []).filter((s) => !prefixFits(s, range)));
        if (outside.length) {
          lose(r, `${target}: subnet prefix lengths outside IPv4 /${range[4][0]}-/${range[4][1]}, IPv6 /${range[6][0]}-/${range[6][1]} not supported for ${fqdn} (${outside.join(', ')}); dropping those subnets`);
          dynamic = withRules(dynamic, dynamic.rules.map((x) => (x.subnets?.length ? { ...x, subnets: x.subnets.filter((s) => prefixFits(s, range)) } : x)));
        }
      }
      const subnets = dynamic.rules.some((x) => x.subnets?.length);
      const mixed = subnets && caps.subnetsWithGeos === false && dynamic.rules.some((x) => x.geos?.length);
      if (subnets && (!caps.dynamicSubnets || mixed)) {
        lose(
          r,
          caps.dynamicSubnets
            ? `${target}: subnet and geo rules in one record not supported for ${fqdn}; dropping subnet targeting`
            : `${target}: subnet rules not supported for ${fqdn}; dropping subnet targeting`,
        );
        dynamic = withRules(
          dynamic,
          dynamic.rules.map((x) => {
            const { subnets: _s, ...rest } = x;
            return x.subnets?.length ? { ...rest, subnets: [] } : rest;
          }),
        );
      }
      if (dynamic !== r.dynamic) r = { ...r, dynamic };
    }
    out.push(r);
  }
  return { records: out, losses };
}

/** A dynamic record reduced to its static values (the fallback of every dynamic-record loss). */
export function staticValuesOf(r: DnsRecord): DnsRecord {
  const { dynamic: _d, octodns: o, ...plain } = r;
  const octodns = { ...(o ?? {}) };
  delete octodns['dnsctl'];
  return Object.keys(octodns).length ? { ...plain, octodns } : plain;
}

/**
 * A provider's `constrain` verdict on one record: a loss (error when strict, else a warning
 * naming the fallback) and the record as it will be written — its static values.
 */
export function loseToStaticValues(r: DnsRecord, target: string, reason: string, strict: boolean, losses: Loss[]): DnsRecord {
  const fqdn = fqdnOf(r.name, r.zone);
  losses.push({
    record: fqdn,
    type: r.type,
    severity: strict ? 'error' : 'warning',
    message: `${target}: ${reason}; falling back to its static values ${JSON.stringify(r.values)}`,
  });
  return staticValuesOf(r);
}

/** A subnet whose prefix length lies in the range for its IP version (an unparsable one does not). */
function prefixFits(subnet: string, range: NonNullable<Capabilities['subnetPrefixes']>): boolean {
  const s = parseSubnet(subnet);
  if (!s) return false;
  const [min, max] = range[s.version];
  return s.prefix >= min && s.prefix <= max;
}

/**
 * The record with these rules: a rule whose subnets were all dropped (and that has no geos)
 * goes, and so do the pools no remaining rule reaches (directly or through fallbacks).
 */
function withRules(dynamic: Dynamic, rules: Dynamic['rules']): Dynamic {
  const kept = rules
    .filter((x) => !(x.subnets && x.subnets.length === 0 && !x.geos?.length))
    .map((x) => {
      if (!x.subnets || x.subnets.length) return x;
      const { subnets: _s, ...rest } = x;
      return rest;
    });
  const used = new Set<string>();
  for (const x of kept) for (let p: string | null = x.pool; p && !used.has(p); p = dynamic.pools[p]?.fallback ?? null) used.add(p);
  return { rules: kept, pools: Object.fromEntries(Object.entries(dynamic.pools).filter(([id]) => used.has(id))) };
}
