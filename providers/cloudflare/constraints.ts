/**
 * Plan-time truth for Cloudflare: what Load Balancing refuses in a zone's dynamic records,
 * found when planning instead of by a failed apply.
 *
 * - One load balancer per hostname: Cloudflare names a load balancer after the hostname it
 *   answers, whatever the query type, so two dynamic records at one name (an `A` and an
 *   `AAAA`, say) cannot both be load balancers. The first by type keeps its routing; each
 *   other is a loss (an error with `strict_supports`, else a warning and its static values).
 * - TTLs: Cloudflare takes at most 86400 s; a larger TTL of a DNS-only record is published
 *   as 86400, and the plan says so (a warning naming the record), never silently.
 * - Hostnames Cloudflare refuses: an SRV target `.` ("no service here", RFC 2782) or a
 *   CNAME / ALIAS / MX / NS / PTR target that is `.` or reads as an IP address (`6.2.3.4.`,
 *   valid DNS, in octoDNS's unit.tests fixture) — Cloudflare takes these only as hostnames,
 *   and refuses the whole batch that carries one. Such a record is a loss: an error, else a
 *   warning and the record omitted.
 */
import { isIP } from 'node:net';
import type { ConstrainResult } from '../../src/model/provider.js';
import { fqdnOf, type DnsRecord } from '../../src/model/record.js';
import type { Loss } from '../../src/plan/types.js';
import { loseToStaticValues } from '../../src/plan/supports.js';
import { MAX_TTL, settingsOf } from './compile.js';

export function constrainCloudflare(records: DnsRecord[], strict: boolean, target: string): ConstrainResult {
  const losses: Loss[] = [];
  // the dynamic record that holds each name's load balancer: the first by type
  const holder = new Map<string, DnsRecord>();
  for (const r of records) {
    if (!r.dynamic) continue;
    const held = holder.get(r.name);
    if (!held || r.type < held.type) holder.set(r.name, r);
  }
  const out: DnsRecord[] = [];
  for (const r of records) {
    const fqdn = fqdnOf(r.name, r.zone);
    const refused = refusedHostname(r);
    if (refused !== undefined) {
      losses.push({
        record: fqdn,
        type: r.type,
        severity: strict ? 'error' : 'warning',
        message: `${target}: ${r.type} target "${refused}" not supported for ${fqdn} (Cloudflare takes it only as a hostname, not "." or an IP address); omitting record`,
      });
      continue;
    }
    const held = r.dynamic ? holder.get(r.name) : undefined;
    out.push(!held || held === r ? r : loseToStaticValues(r, target, `${fqdn} ${r.type}: the dynamic ${held.type} record at this name holds its load balancer, and Cloudflare holds one load balancer per hostname`, strict, losses));
  }
  for (const r of out) {
    if (r.dynamic || r.ttl <= MAX_TTL || settingsOf(r).autoTtl) continue;
    losses.push({
      record: fqdnOf(r.name, r.zone),
      type: r.type,
      severity: 'warning',
      message: `${target}: ttl ${r.ttl} is over Cloudflare's largest TTL; published as ${MAX_TTL}`,
    });
  }
  return { records: out, losses };
}

/** The first target of the record Cloudflare would refuse as a hostname, or undefined. */
function refusedHostname(r: DnsRecord): string | undefined {
  const field = HOSTNAME_FIELD[r.type];
  if (field === undefined) return undefined;
  for (const v of r.values) {
    const host = field === '' ? v : typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[field] : undefined;
    if (typeof host !== 'string') continue;
    const bare = host.replace(/\.$/, '');
    if (r.type === 'SRV' ? host === '.' : bare === '' || isIP(bare) !== 0) return host;
  }
  return undefined;
}

/** Where a type's hostname is: the value itself (''), or a field of it. */
const HOSTNAME_FIELD: Partial<Record<DnsRecord['type'], string>> = { CNAME: '', ALIAS: '', NS: '', PTR: '', MX: 'exchange', SRV: 'target' };
