/** Records the provider benches apply: plain A records, and dynamic failover records. */
import type { DnsRecord, JsonObject } from '../../src/model/record.js';

export const PROVIDER_BENCH_ZONE = 'bench.example.com.';

export function plainRecords(n: number, ttl: number, zone = PROVIDER_BENCH_ZONE): DnsRecord[] {
  return Array.from({ length: n }, (_, i) => ({ zone, name: `h${i}`, type: 'A' as const, ttl, values: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`] }));
}

/** `variant` changes one value of every record's primary pool. */
export function dynamicRecords(n: number, variant: number, healthcheck: JsonObject, zone = PROVIDER_BENCH_ZONE): DnsRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const ip = (a: number, b: number) => `10.${a}.${i & 255}.${b}`;
    return {
      zone,
      name: `d${i}`,
      type: 'A' as const,
      ttl: 60,
      values: [ip(9, 1)],
      dynamic: {
        pools: {
          'eu-west-1': { fallback: null, values: [{ value: ip(2, 1), weight: 1, status: 'obey' as const }] },
          'us-east-1': { fallback: 'eu-west-1', values: [{ value: ip(1, 1), weight: 1, status: 'obey' as const }, { value: ip(1, 2 + variant), weight: 1, status: 'obey' as const }] },
        },
        rules: [{ pool: 'us-east-1' }],
      },
      octodns: { healthcheck },
    };
  });
}
