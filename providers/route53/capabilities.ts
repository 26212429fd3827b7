/** What the Route 53 provider can represent (data, for the planner and `dnsctl providers`). */
import type { Capabilities } from '../../src/model/provider.js';
import { ROUTE53_TYPES } from './values.js';

/** Route 53's per-request limit of ResourceRecord elements (UPSERT counts twice). */
export const ROUTE53_BATCH_LIMIT = 1000;
/** Route 53's per-request limit of characters in all values (UPSERT counts twice). */
export const ROUTE53_VALUE_CHARS_LIMIT = 32000;

/** Prefix lengths Route 53 takes in CIDR locations (a /0 is the `*` location). */
export const CIDR_PREFIX_RANGE = { 4: [1, 24], 6: [1, 48] } as const;

export const ROUTE53_CAPABILITIES: Capabilities = {
  types: [...ROUTE53_TYPES],
  routing: ['failover', 'weighted', 'latency', 'geo'],
  healthChecks: true,
  poolValueStatus: true,
  dynamicSubnets: true,
  subnetsWithGeos: false,
  subnetPrefixes: CIDR_PREFIX_RANGE,
  rootNs: true,
  target: true,
  batchLimit: ROUTE53_BATCH_LIMIT,
  notes: [
    "dynamic records in octodns-route53's layout (failover aliases, weighted values, geolocation rules)",
    'latency and cross-region weights as latency/weighted rule aliases (octoDNS cannot read those back)',
    'health checks owned by CallerReference prefix `0001:<type>:<fqdn>:`; foreign checks never touched',
    'geo: US subdivisions only (Canadian provinces are dropped, as octoDNS does)',
    "subnet rules as IP-based aliases to CIDR locations of the `octodns` collection (octodns-route53's); not mixed with geo rules in one record",
  ],
};
