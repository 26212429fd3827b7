/**
 * What each provider would answer now for a name and type, for a client in a region:
 * Route 53 through its real TestDNSAnswer operation (client placed by EDNS client subnet),
 * Cloudflare through the emulator's load-balancer evaluation (client in a region code), or,
 * for a name without a load balancer, the zone's DNS records. `samples` > 1 asks that many
 * times and counts the distinct answers (weighted routing answers at random).
 */
import { ListHostedZonesByNameCommand, TestDNSAnswerCommand, type RRType } from '@aws-sdk/client-route-53';
import { Route53Api } from '../route53/client.js';
import { poolRegionOf } from '../cloudflare/compile.js';
import { adminGet, adminSend, EmulatorError, isObject, type SandboxTarget } from './emulators.js';
import { cloudflareRegion, route53Client } from './clients.js';
import type { RegionConfig } from '../../src/config/types.js';
import { DnsctlError } from '../../src/model/findings.js';

export interface AnswerQuery {
  /** fully qualified, trailing dot */
  fqdn: string;
  zone: string;
  type: string;
  /** the client's region (catalogue entry); none: no client location */
  from?: RegionConfig;
  samples: number;
  /** answered value → regions serving it (from the repository's traffic model) */
  regionsOf: (value: string) => string[];
}

export interface AnswerSample {
  /** the answer's values, as the provider gave them */
  values: string[];
  /** how many of the samples gave this answer */
  count: number;
  /** regions of those values by the repository ('static': the record's own values; empty: unknown) */
  regions: string[];
  /** Route 53: NOERROR / NXDOMAIN */
  code?: string;
  /** Cloudflare: the pool answering (model pool id, `static` for the fallback pool, else its name), or `dns-record` */
  pool?: string;
  /** Cloudflare: every candidate pool was down, the fallback pool answered */
  fallback?: boolean;
}

export interface ProviderAnswer {
  provider: string;
  kind: SandboxTarget['kind'];
  /** Route 53: the client address sent; Cloudflare: the region code */
  client?: string;
  /** why this provider was not asked */
  skipped?: string;
  answers: AnswerSample[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function tally(samples: Array<Omit<AnswerSample, 'count' | 'regions'>>, regionsOf: (v: string) => string[]): AnswerSample[] {
  const byKey = new Map<string, AnswerSample>();
  for (const s of samples) {
    const k = JSON.stringify([s.values, s.code, s.pool, s.fallback]);
    const hit = byKey.get(k);
    if (hit) hit.count++;
    else byKey.set(k, { ...s, count: 1, regions: [...new Set(s.values.flatMap(regionsOf))].sort() });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.values.join().localeCompare(b.values.join()));
}

async function route53Answer(t: SandboxTarget, q: AnswerQuery): Promise<ProviderAnswer> {
  const base = { provider: t.id, kind: t.kind, answers: [] };
  let address: string | undefined;
  if (q.from) {
    const c = route53Client(q.from);
    if ('skipped' in c) return { ...base, skipped: c.skipped };
    address = c.address;
  }
  const api = new Route53Api({
    endpoint: t.origin,
    accessKeyId: str(t.options['access_key_id']) ?? 'sandbox',
    secretAccessKey: str(t.options['secret_access_key']) ?? 'sandbox',
    requestsPerSecond: 5, // the emulator's default account-wide rate
    retry: { attempts: 6, baseMs: 100, maxMs: 2000 },
  });
  try {
    const zones = await api.call('ListHostedZonesByName', () => api.sdk.send(new ListHostedZonesByNameCommand({ DNSName: q.zone, MaxItems: 1 })));
    const zone = zones.HostedZones?.find((z) => z.Name === q.zone);
    if (!zone?.Id) return { ...base, skipped: `no hosted zone ${q.zone} (apply the repository first)`, ...(address ? { client: address } : {}) };
    const id = zone.Id.replace(/^\/hostedzone\//, '');
    const got: Array<Omit<AnswerSample, 'count' | 'regions'>> = [];
    for (let i = 0; i < q.samples; i++) {
      const out = await api.call('TestDNSAnswer', () =>
        api.sdk.send(new TestDNSAnswerCommand({ HostedZoneId: id, RecordName: q.fqdn, RecordType: q.type as RRType, ...(address ? { EDNS0ClientSubnetIP: address } : {}) })),
      );
      got.push({ values: [...(out.RecordData ?? [])], code: out.ResponseCode ?? 'NOERROR' });
    }
    return { ...base, ...(address ? { client: address } : {}), answers: tally(got, q.regionsOf) };
  } finally {
    api.destroy();
  }
}

async function cloudflareAnswer(t: SandboxTarget, q: AnswerQuery): Promise<ProviderAnswer> {
  const base = { provider: t.id, kind: t.kind, answers: [] };
  let code: string | undefined;
  if (q.from) {
    const r = cloudflareRegion(q.from);
    if ('skipped' in r) return { ...base, skipped: r.skipped };
    code = r.code;
  }
  const withClient = code ? { client: code } : {};
  const zones = await adminGet(t, '/zones');
  const zoneName = q.zone.replace(/\.$/, '');
  const zone = (Array.isArray(zones) ? zones : []).find((z) => isObject(z) && z['name'] === zoneName);
  const zoneId = isObject(zone) ? str(zone['id']) : undefined;
  if (!zoneId) return { ...base, ...withClient, skipped: `no zone ${zoneName} on the emulator` };
  const state = await adminGet(t, '/state');
  const poolIds = new Map<string, string>();
  for (const p of isObject(state) && Array.isArray(state['pools']) ? state['pools'] : []) {
    if (!isObject(p) || !str(p['id'])) continue;
    const region = poolRegionOf(str(p['description']));
    poolIds.set(str(p['id'])!, region !== undefined ? (region ?? 'static') : (str(p['name']) ?? str(p['id'])!));
  }
  const name = q.fqdn.replace(/\.$/, '');
  const got: Array<Omit<AnswerSample, 'count' | 'regions'>> = [];
  for (let i = 0; i < q.samples; i++) {
    let r: unknown;
    try {
      r = await adminSend(t, 'POST', '/evaluate', { name, zone_id: zoneId, ...(code ? { region: code } : {}) });
    } catch (e) {
      if (e instanceof EmulatorError && e.status === 404) return { ...base, ...withClient, answers: dnsRecords(state, zoneId, name, q) };
      throw e;
    }
    if (!isObject(r)) throw new DnsctlError(`cloudflare emulator: unexpected evaluation ${JSON.stringify(r)}`);
    const answer = isObject(r['answer']) ? r['answer'] : {};
    const pool = isObject(r['pool']) ? str(r['pool']['id']) : undefined;
    const address = str(answer['address']);
    got.push({
      values: answer['proxied'] === true ? ['(proxied)'] : address ? [address] : [],
      pool: pool ? (poolIds.get(pool) ?? pool) : '(none)',
      fallback: r['fallback'] === true,
    });
  }
  return { ...base, ...withClient, answers: tally(got, q.regionsOf) };
}

/** A name without a load balancer: Cloudflare answers its DNS records of that type (CNAME for any type). */
function dnsRecords(state: unknown, zoneId: string, name: string, q: AnswerQuery): AnswerSample[] {
  const all = isObject(state) && isObject(state['records']) && Array.isArray(state['records'][zoneId]) ? state['records'][zoneId] : [];
  const mine = all.filter((r): r is Record<string, unknown> => isObject(r) && r['name'] === name);
  const typed = mine.filter((r) => r['type'] === q.type);
  const hits = typed.length ? typed : mine.filter((r) => r['type'] === 'CNAME');
  const values = hits.map((r) => str(r['content']) ?? '').filter(Boolean).sort();
  return tally([{ values, pool: 'dns-record' }], q.regionsOf).map((s) => ({ ...s, count: q.samples }));
}

/** Every target's answer, in target order. */
export async function answerAll(targets: SandboxTarget[], q: AnswerQuery): Promise<ProviderAnswer[]> {
  const out: ProviderAnswer[] = [];
  for (const t of targets) out.push(t.kind === 'route53' ? await route53Answer(t, q) : await cloudflareAnswer(t, q));
  return out;
}
