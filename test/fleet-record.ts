import type { DnsRecord } from '../src/model/record.js';

/**
 * A failover record over two regions whose endpoints (and health check, with a shared
 * `host`) many records of a fleet use: what the shared-object tests build fleets from.
 */
export function fleetRecord(zone: string, name: string, us = ['192.0.2.1', '192.0.2.2'], eu = ['198.51.100.1']): DnsRecord {
  return {
    zone,
    name,
    type: 'A',
    ttl: 60,
    values: ['203.0.113.1'],
    dynamic: {
      pools: {
        'eu-west-1': { fallback: null, values: eu.map((value) => ({ value, weight: 1, status: 'obey' as const })) },
        'us-east-1': { fallback: 'eu-west-1', values: us.map((value) => ({ value, weight: 1, status: 'obey' as const })) },
      },
      rules: [{ pool: 'us-east-1' }],
    },
    octodns: { healthcheck: { host: 'health.example.net', path: '/ready', port: 443, protocol: 'HTTPS' } },
  };
}
