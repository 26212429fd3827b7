/**
 * Deterministic synthetic zones for the benches: a seeded PRNG drives every choice,
 * so a given (size, seed) always produces the same bytes.
 *
 * About 5% of the records are dynamic (pools named after the regions of the config's
 * catalogue; geo rules with geos, failover chains, weighted and latency routing via
 * `octodns.dnsctl`, `octodns.healthcheck`); the rest are A/AAAA/CNAME/MX/TXT/SRV/CAA.
 * Zones are written with `zoneToYaml` (octoDNS layout, keys in natural order), so
 * they load with `enforce_order` on and validate without a single finding.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DnsRecord, Dynamic, JsonObject, Pool, Rule, Value } from '../../src/model/record.js';
import { typeSpec } from '../../src/model/types/index.js';
import { zoneToYaml } from '../../src/render/zone-yaml.js';

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** k distinct elements of xs, in xs order */
  sample<T>(xs: readonly T[], k: number): T[] {
    const idx = new Set<number>();
    while (idx.size < Math.min(k, xs.length)) idx.add(Math.floor(this.next() * xs.length));
    return [...idx].sort((a, b) => a - b).map((i) => xs[i]!);
  }
}

export const REGIONS = ['ap-southeast-1', 'eu-west-1', 'us-east-1', 'us-west-2'] as const;
const REGION_CODES: Record<string, { cloudflare: string; route53: string; description: string }> = {
  'ap-southeast-1': { cloudflare: 'SEAS', route53: 'ap-southeast-1', description: 'Singapore' },
  'eu-west-1': { cloudflare: 'WEU', route53: 'eu-west-1', description: 'Ireland' },
  'us-east-1': { cloudflare: 'ENAM', route53: 'us-east-1', description: 'N. Virginia' },
  'us-west-2': { cloudflare: 'WNAM', route53: 'us-west-2', description: 'Oregon' },
};
/** geo rule sets that octoDNS accepts (no geo more specific than an earlier one) */
const GEO_SETS: readonly string[][] = [['EU'], ['AS', 'OC'], ['NA-US'], ['NA-CA', 'NA-MX'], ['SA'], ['AF']];
const WORDS = ['api', 'app', 'cdn', 'db', 'edge', 'git', 'img', 'mail', 'mx', 'ns', 'shop', 'static', 'vpn', 'web', 'www'];
const CAA_ISSUERS = ['amazon.com', 'digicert.com', 'letsencrypt.org', 'pki.goog', 'sectigo.com'];
const SERVICES = ['_sip._tcp', '_sip._udp', '_xmpp-client._tcp', '_ldap._tcp', '_imaps._tcp'];

function ipv4(rng: Rng): string {
  const net = rng.pick(['192.0.2', '198.51.100', '203.0.113', `10.${rng.int(0, 255)}.${rng.int(0, 255)}`]);
  return net.split('.').length === 3 ? `${net}.${rng.int(1, 254)}` : net;
}

function ipv6(rng: Rng): string {
  return `2001:db8:${rng.int(1, 0xffff).toString(16)}::${rng.int(1, 0xffff).toString(16)}`;
}

function hostname(rng: Rng, zone: string): string {
  return rng.chance(0.5) ? `${rng.pick(WORDS)}${rng.int(1, 999)}.${zone}` : `${rng.pick(WORDS)}-${rng.int(1, 99)}.edge.example.net.`;
}

function distinct(rng: Rng, n: number, f: () => Value): Value[] {
  const seen = new Map<string, Value>();
  for (let tries = 0; seen.size < n && tries < n * 10; tries++) {
    const v = f();
    seen.set(JSON.stringify(v), v);
  }
  return [...seen.values()];
}

function canonical(r: DnsRecord): DnsRecord {
  const spec = typeSpec(r.type);
  r.values.sort((a, b) => spec.compare(a, b));
  return r;
}

const TTLS = [60, 300, 600, 3600, 3600, 3600, 86400];

function plainRecord(rng: Rng, zone: string, name: string, type: DnsRecord['type']): DnsRecord {
  const n = rng.chance(0.6) ? 1 : rng.int(2, 4);
  let values: Value[];
  switch (type) {
    case 'A':
      values = distinct(rng, n, () => ipv4(rng));
      break;
    case 'AAAA':
      values = distinct(rng, n, () => ipv6(rng));
      break;
    case 'CNAME':
      values = [hostname(rng, zone)];
      break;
    case 'MX':
      values = distinct(rng, n, () => ({ exchange: `mx${rng.int(1, 9)}.mail.example.net.`, preference: rng.pick([5, 10, 20, 30]) }));
      break;
    case 'TXT':
      values = distinct(rng, n, () =>
        rng.pick([
          () => `v=spf1 include:_spf${rng.int(1, 99)}.example.net -all`,
          () => `google-site-verification=${rng.next().toString(36).slice(2)}`,
          () => `v=DMARC1\\; p=reject\\; rua=mailto:dmarc${rng.int(1, 99)}@example.com`,
          () => `key${rng.int(1, 9999)}=${rng.next().toString(36).slice(2)}`,
        ])(),
      );
      break;
    case 'SRV':
      values = distinct(rng, n, () => ({ port: rng.pick([443, 5060, 5222, 389]), priority: rng.int(0, 20), target: hostname(rng, zone), weight: rng.int(0, 100) }));
      break;
    case 'CAA':
      values = distinct(rng, n, () => ({ flags: 0, tag: rng.pick(['issue', 'issuewild']), value: rng.pick(CAA_ISSUERS) }));
      break;
    default:
      throw new Error(`no generator for ${type}`);
  }
  return canonical({ zone, name, type, ttl: rng.pick(TTLS), values });
}

function healthcheck(fqdn: string, rng: Rng): JsonObject {
  return { host: fqdn.slice(0, -1), path: rng.pick(['/healthz', '/_health', '/status']), port: 443, protocol: 'HTTPS' };
}

/** A dynamic A/AAAA/CNAME record: geo, failover, weighted or latency routing. */
function dynamicRecord(rng: Rng, zone: string, name: string): DnsRecord {
  const type = rng.pick(['A', 'A', 'AAAA', 'CNAME'] as const);
  const value = (): Value => (type === 'A' ? ipv4(rng) : type === 'AAAA' ? ipv6(rng) : hostname(rng, zone));
  const kind = rng.pick(['geo', 'failover', 'weighted', 'latency'] as const);
  const regions = rng.sample(REGIONS, rng.int(2, 4));
  const pools: Record<string, Pool> = {};
  for (const id of regions) {
    const nv = type === 'CNAME' ? 1 : rng.int(1, 3);
    const vals = distinct(rng, nv, value);
    pools[id] = {
      fallback: null,
      values: vals.map((v) => ({ value: v, weight: vals.length === 1 ? 1 : rng.int(1, 5), status: 'obey' as const })),
    };
  }
  const order = [...regions];
  // failover chains: each pool falls back to the next (shuffled order), the last to the static values
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let rules: Rule[];
  const octodns: JsonObject = {};
  if (kind === 'geo') {
    // every pool but the catch-all gets a geo rule; targeted pools fall back to the catch-all
    const catchAll = order[order.length - 1]!;
    const geos = rng.sample(GEO_SETS, order.length - 1);
    rules = order.slice(0, -1).map((pool, i) => ({ geos: [...geos[i]!].sort(), pool }));
    rules.push({ pool: catchAll });
    for (const id of order.slice(0, -1)) pools[id]!.fallback = catchAll;
  } else {
    for (let i = 0; i < order.length - 1; i++) pools[order[i]!]!.fallback = order[i + 1]!;
    rules = [{ pool: order[0]! }];
    if (kind === 'weighted') {
      octodns['dnsctl'] = { routing: 'weighted', weights: Object.fromEntries(regions.map((r) => [r, rng.int(1, 100)])) };
    } else if (kind === 'latency') {
      octodns['dnsctl'] = { routing: 'latency' };
    }
  }
  const fqdn = `${name}.${zone}`;
  if (rng.chance(0.8)) octodns['healthcheck'] = healthcheck(fqdn, rng);
  for (const p of Object.values(pools)) p.values.sort((a, b) => typeSpec(type).compare(a.value, b.value));
  const dynamic: Dynamic = { pools: Object.fromEntries(Object.entries(pools).sort(([a], [b]) => (a < b ? -1 : 1))), rules };
  const statics = type === 'CNAME' ? [pools[order[order.length - 1]!]!.values[0]!.value] : distinct(rng, 2, value);
  const r: DnsRecord = { zone, name, type, ttl: rng.pick([30, 60, 300]), values: statics, dynamic };
  if (Object.keys(octodns).length) r.octodns = octodns;
  return canonical(r);
}

export interface GeneratedZone {
  zone: string;
  records: DnsRecord[];
  dynamicCount: number;
}

/**
 * `count` records (exactly) at about count/1.4 names: some names carry several
 * types (A+AAAA, MX+TXT), CNAMEs and dynamic records stand alone.
 */
export function generateZone(zone: string, count: number, seed: number, dynamicShare = 0.05): GeneratedZone {
  const rng = new Rng(seed);
  const records: DnsRecord[] = [];
  let dynamicCount = 0;
  let i = 0;
  const add = (r: DnsRecord) => {
    if (records.length < count) records.push(r);
  };
  // the apex: the usual set
  add(plainRecord(rng, zone, '', 'A'));
  add(plainRecord(rng, zone, '', 'CAA'));
  add(plainRecord(rng, zone, '', 'MX'));
  add(plainRecord(rng, zone, '', 'TXT'));
  while (records.length < count) {
    i++;
    const roll = rng.next();
    const word = rng.pick(WORDS);
    if (roll < dynamicShare) {
      add(dynamicRecord(rng, zone, `${word}${i}`));
      if (records.length <= count) dynamicCount++;
    } else if (roll < 0.4) {
      add(plainRecord(rng, zone, `${word}${i}`, 'A'));
      if (rng.chance(0.35)) add(plainRecord(rng, zone, `${word}${i}`, 'AAAA'));
    } else if (roll < 0.48) {
      add(plainRecord(rng, zone, `v6-${word}${i}`, 'AAAA'));
    } else if (roll < 0.68) {
      add(plainRecord(rng, zone, `${word}${i}${rng.chance(0.3) ? `.svc${rng.int(1, 9)}` : ''}`, 'CNAME'));
    } else if (roll < 0.8) {
      const name = `mail${i}`;
      add(plainRecord(rng, zone, name, 'MX'));
      add(plainRecord(rng, zone, name, 'TXT'));
    } else if (roll < 0.9) {
      add(plainRecord(rng, zone, `_txt${i}.${word}`, 'TXT'));
    } else if (roll < 0.95) {
      add(plainRecord(rng, zone, `${rng.pick(SERVICES)}.s${i}`, 'SRV'));
    } else {
      add(plainRecord(rng, zone, `${word}${i}`, 'A'));
      add(plainRecord(rng, zone, `${word}${i}`, 'CAA'));
    }
  }
  return { zone, records, dynamicCount };
}

export interface WrittenRepo {
  dir: string;
  config: string;
  zoneFile: string;
  bytes: number;
}

/** Writes `<dir>/zones/<zone>yaml` and `<dir>/dnsctl.yaml` (octoDNS layout, with the region catalogue). */
export function writeRepo(dir: string, g: GeneratedZone): WrittenRepo {
  const zonesDir = join(dir, 'zones');
  mkdirSync(zonesDir, { recursive: true });
  const text = zoneToYaml(g.records, 3600);
  const zoneFile = join(zonesDir, `${g.zone}yaml`);
  writeFileSync(zoneFile, text);
  const regions = REGIONS.map((r) => {
    const c = REGION_CODES[r]!;
    return `    ${r}:\n      cloudflare: ${c.cloudflare}\n      description: ${c.description}\n      route53: ${c.route53}\n`;
  }).join('');
  const config = join(dir, 'dnsctl.yaml');
  writeFileSync(
    config,
    [
      'manager:',
      '  validators:',
      '    enabled:',
      '      - legacy',
      'providers:',
      '  config:',
      '    class: octodns.provider.yaml.YamlProvider',
      `    directory: ${JSON.stringify(zonesDir)}`,
      'zones:',
      `  ${g.zone}:`,
      '    sources:',
      '      - config',
      'dnsctl:',
      '  regions:',
      regions.trimEnd(),
      '',
    ].join('\n'),
  );
  return { dir, config, zoneFile, bytes: Buffer.byteLength(text) };
}
