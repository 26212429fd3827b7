/** What the Cloudflare provider can represent (data, for the planner and `dnsctl providers`). */
import type { Capabilities } from '../../src/model/provider.js';
import type { RecordType } from '../../src/model/record.js';

/** Record types written as Cloudflare DNS records (ALIAS as a CNAME at the apex, as octodns-cloudflare). */
export const CLOUDFLARE_TYPES: RecordType[] = ['A', 'AAAA', 'ALIAS', 'CAA', 'CNAME', 'DS', 'HTTPS', 'LOC', 'MX', 'NAPTR', 'NS', 'PTR', 'SRV', 'SSHFP', 'SVCB', 'TLSA', 'TXT', 'URI'];

/** Free plan's batch limit; paid plans take 3,500 (option `batch_limit`). */
export const DEFAULT_BATCH_LIMIT = 200;

export function cloudflareCapabilities(opts: { loadBalancing: boolean; batchLimit: number }): Capabilities {
  const notes = [
    'plain records through the batch endpoint',
    opts.loadBalancing
      ? 'dynamic records as Load Balancing (monitor, pools, load balancer marked "dnsctl:")'
      : 'no Load Balancing on this account: dynamic records fall back to their static values',
    'geo subdivisions widen to their country; subnet rules are not supported',
  ];
  return {
    types: [...CLOUDFLARE_TYPES],
    routing: opts.loadBalancing ? ['failover', 'weighted', 'latency', 'geo'] : [],
    healthChecks: opts.loadBalancing,
    poolValueStatus: opts.loadBalancing,
    dynamicSubnets: false,
    rootNs: false,
    target: true,
    batchLimit: opts.batchLimit,
    notes,
  };
}

export const CLOUDFLARE_CAPABILITIES: Capabilities = cloudflareCapabilities({ loadBalancing: true, batchLimit: DEFAULT_BATCH_LIMIT });
