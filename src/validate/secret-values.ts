/**
 * A record must not publish a registered secret (a provider token from `env/VAR`, say):
 * a value that is, or contains, one is an error at validate time, before any plan could
 * show it. The finding names where the secret came from, never the secret.
 */
import { secretIn } from '../config/secrets.js';
import type { Finding } from '../model/findings.js';
import { fqdnOf, type DnsRecord } from '../model/record.js';

function firstSecret(v: unknown, depth = 0): string | undefined {
  if (typeof v === 'string') return secretIn(v);
  if (depth > 32 || typeof v !== 'object' || v === null) return undefined;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const found = firstSecret(x, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function secretValueFindings(zone: string, records: readonly DnsRecord[]): Finding[] {
  const out: Finding[] = [];
  for (const r of records) {
    const label = firstSecret(r.values) ?? firstSecret(r.dynamic) ?? firstSecret(r.geo);
    if (!label) continue;
    const f: Finding = {
      severity: 'error',
      reason: `a value of this ${r.type} record is the secret registered from ${label}; publishing it in DNS would leak it`,
      via: 'dnsctl-secret-value',
      record: fqdnOf(r.name, zone),
      zone,
    };
    if (r.source) f.position = r.source;
    out.push(f);
  }
  return out;
}
