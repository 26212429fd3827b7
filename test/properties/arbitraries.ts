/**
 * fast-check arbitraries for the property tests: valid zones in octoDNS's normalised
 * (canonical) form — values sorted and deduplicated, IPv6 compressed, hostnames
 * lower-case with their trailing dot — so `zoneToYaml` of them is what a load + dump
 * should give back byte for byte.
 */
import fc from 'fast-check';
import type { DnsRecord, Dynamic, JsonObject, Pool, PoolValue, Rule, Value } from '../../src/model/record.js';
import { typeSpec } from '../../src/model/types/index.js';

export const ZONE = 'prop.example.com.';

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
export const relName = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.'));
export const hostname = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => `${ls.join('.')}.example.net.`);

export const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
/** Python's `ipaddress` compressed form is the WHATWG URL serialisation of an IPv6 host */
export const ipv6 = fc
  .array(fc.oneof(fc.constant(0), fc.nat(0xffff)), { minLength: 8, maxLength: 8 })
  .map((h) => new URL(`http://[${h.map((x) => x.toString(16)).join(':')}]/`).hostname.slice(1, -1));

// a TXT value starting with a double quote is octoDNS's chunked syntax (quotes stripped), so not canonical
const txtChunk = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9=._:@+\/-](?:[A-Za-z0-9 =._:@+\/-]{0,60}[A-Za-z0-9=._:@+\/-])?$/),
  fc.constantFrom('true', 'false', 'null', '123', '0x1F', '1e3', 'yes', 'no', '~', '- x', '#hash', 'a: b', 'v=DMARC1\\; p=reject', '@', '*', '&a', '!tag', '%x', 'say "q"', "'s'"),
);

const u16 = fc.nat(65535);
const ttl = fc.oneof(fc.constantFrom(60, 300, 3600, 86400), fc.nat(604800));

function valuesFor(type: DnsRecord['type']): fc.Arbitrary<Value> {
  switch (type) {
    case 'A':
      return ipv4;
    case 'AAAA':
      return ipv6;
    case 'CNAME':
      return hostname;
    case 'TXT':
      return txtChunk;
    case 'MX':
      return fc.record({ exchange: hostname, preference: u16 });
    case 'SRV':
      return fc.record({ port: u16, priority: u16, target: hostname, weight: u16 });
    case 'CAA':
      return fc.record({ flags: fc.constantFrom(0, 128), tag: fc.constantFrom('issue', 'issuewild'), value: fc.constantFrom('letsencrypt.org', 'pki.goog', 'amazon.com', ';') });
    default:
      throw new Error(`no arbitrary for ${type}`);
  }
}

function sortedDistinct(type: DnsRecord['type'], vs: Value[]): Value[] {
  const spec = typeSpec(type);
  const byKey = new Map(vs.map((v) => [JSON.stringify(v), v]));
  return [...byKey.values()].sort((a, b) => spec.compare(a, b));
}

export function plain(name: string, type: DnsRecord['type']): fc.Arbitrary<DnsRecord> {
  const multi = typeSpec(type).multi;
  return fc
    .record({ ttl, values: fc.array(valuesFor(type), { minLength: 1, maxLength: multi ? 4 : 1 }), excluded: fc.boolean() })
    .map(({ ttl, values, excluded }) => {
      const r: DnsRecord = { zone: ZONE, name, type, ttl, values: sortedDistinct(type, values) };
      if (excluded) r.octodns = { excluded: ['cloudflare'] };
      return r;
    });
}

const REGIONS = ['ap-southeast-1', 'eu-west-1', 'us-east-1', 'us-west-2'];
const GEO_SETS = [['EU'], ['AS', 'OC'], ['NA-US'], ['NA-CA', 'NA-MX'], ['SA'], ['AF']];

export interface DynamicOptions {
  /** record types to draw from (default A, AAAA, CNAME) */
  types?: readonly ('A' | 'AAAA' | 'CNAME')[];
  /** pool ids to draw from (default: region ids); a latency pool not named after a region is mapped to one */
  poolIds?: readonly string[];
}

/** a dynamic A/AAAA/CNAME record: geo, failover, weighted or latency routing */
export function dynamic(name: string, opts: DynamicOptions = {}): fc.Arbitrary<DnsRecord> {
  const types = opts.types ?? (['A', 'AAAA', 'CNAME'] as const);
  return fc
    .record({
      type: fc.constantFrom(...types),
      kind: fc.constantFrom('geo', 'failover', 'weighted', 'latency'),
      pools: fc.shuffledSubarray([...(opts.poolIds ?? REGIONS)], { minLength: 1, maxLength: 4 }),
      geos: fc.shuffledSubarray(GEO_SETS, { minLength: 3, maxLength: 3 }),
      seeds: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
      healthcheck: fc.option(fc.record({ host: hostname.map((h) => h.slice(0, -1)), path: fc.constantFrom('/healthz', '/_health'), port: fc.constantFrom(80, 443), protocol: fc.constantFrom('HTTP', 'HTTPS') }), { nil: undefined }),
      ttl,
    })
    .chain((d) =>
      fc
        .record({
          poolValues: fc.tuple(
            ...d.pools.map(() =>
              fc.array(fc.record({ value: valuesFor(d.type), weight: fc.integer({ min: 1, max: 100 }), status: fc.constantFrom('up' as const, 'down' as const, 'obey' as const) }), {
                minLength: 1,
                maxLength: d.type === 'CNAME' ? 1 : 3,
                selector: (pv) => JSON.stringify(pv.value),
              }),
            ),
          ),
          statics: fc.array(valuesFor(d.type), { minLength: 1, maxLength: d.type === 'CNAME' ? 1 : 3 }),
          weights: fc.array(fc.integer({ min: 1, max: 255 }), { minLength: 4, maxLength: 4 }),
        })
        .map(({ poolValues, statics, weights }) => {
          const spec = typeSpec(d.type);
          const pools: Record<string, Pool> = {};
          d.pools.forEach((id, i) => {
            const vals: PoolValue[] = poolValues[i]!.map((pv) => ({ ...pv, weight: poolValues[i]!.length === 1 ? 1 : pv.weight }));
            pools[id] = { fallback: null, values: vals.sort((a, b) => spec.compare(a.value, b.value)) };
          });
          const octodns: JsonObject = {};
          let rules: Rule[];
          const order = d.pools;
          if (d.kind === 'geo' && order.length > 1) {
            const catchAll = order[order.length - 1]!;
            rules = order.slice(0, -1).map((pool, i) => ({ geos: [...d.geos[i % d.geos.length]!].sort(), pool }));
            // geo sets may repeat when there are more targeted pools than sets: keep each geo once
            const seen = new Set<string>();
            rules = rules.filter((r) => !r.geos!.some((g) => seen.has(g)) && (r.geos!.forEach((g) => seen.add(g)), true));
            rules.push({ pool: catchAll });
            for (const r of rules.slice(0, -1)) pools[r.pool]!.fallback = catchAll;
            for (const id of order) if (!rules.some((r) => r.pool === id) && id !== catchAll) pools[id]!.fallback = catchAll;
          } else {
            for (let i = 0; i < order.length - 1; i++) pools[order[i]!]!.fallback = order[i + 1]!;
            rules = [{ pool: order[0]! }];
            if (d.kind === 'weighted') octodns['dnsctl'] = { routing: 'weighted', weights: Object.fromEntries([...order].sort().map((p, i) => [p, weights[i]!])) };
            if (d.kind === 'latency') {
              const unmapped = order.filter((id) => !REGIONS.includes(id)).sort();
              octodns['dnsctl'] = unmapped.length
                ? { regions: Object.fromEntries(unmapped.map((id, i) => [id, REGIONS[i % REGIONS.length]!])), routing: 'latency' }
                : { routing: 'latency' };
            }
          }
          // octoDNS reads `fallback: default` as no fallback (its stored form, which these records are)
          for (const p of Object.values(pools)) if (p.fallback === 'default') p.fallback = null;
          if (d.healthcheck) octodns['healthcheck'] = d.healthcheck;
          const dyn: Dynamic = { pools: Object.fromEntries(Object.entries(pools).sort(([a], [b]) => (a < b ? -1 : 1))), rules };
          const r: DnsRecord = { zone: ZONE, name, type: d.type, ttl: d.ttl, values: sortedDistinct(d.type, statics), dynamic: dyn };
          if (Object.keys(octodns).length) r.octodns = octodns;
          return r;
        }),
    );
}

export const PLAIN_SET = ['A', 'AAAA', 'CAA', 'MX', 'TXT'] as const;

/** the records at one name: a dynamic record, a CNAME, an SRV set, or a mix of plain types */
function atName(name: string): fc.Arbitrary<DnsRecord[]> {
  return fc.oneof(
    { weight: 1, arbitrary: dynamic(name).map((r) => [r]) },
    { weight: 1, arbitrary: plain(name, 'CNAME').map((r) => [r]) },
    { weight: 1, arbitrary: plain(`_sip._tcp.${name}`, 'SRV').map((r) => [r]) },
    {
      weight: 3,
      arbitrary: fc.subarray([...PLAIN_SET], { minLength: 1 }).chain((types) => fc.tuple(...types.map((t) => plain(name, t)))),
    },
  );
}

export const zoneArb: fc.Arbitrary<DnsRecord[]> = fc
  .record({
    names: fc.uniqueArray(relName, { minLength: 0, maxLength: 8 }),
    apex: fc.option(fc.subarray([...PLAIN_SET], { minLength: 1 }), { nil: undefined }),
  })
  .chain(({ names, apex }) =>
    fc.tuple(
      apex ? fc.tuple(...apex.map((t) => plain('', t))) : fc.constant([] as DnsRecord[]),
      ...names.map(atName),
    ),
  )
  .map((groups) => groups.flat());
