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
 */
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
  const out = records.map((r) => {
    const held = r.dynamic ? holder.get(r.name) : undefined;
    if (!held || held === r) return r;
    const fqdn = fqdnOf(r.name, r.zone);
    return loseToStaticValues(r, target, `${fqdn} ${r.type}: the dynamic ${held.type} record at this name holds its load balancer, and Cloudflare holds one load balancer per hostname`, strict, losses);
  });
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
