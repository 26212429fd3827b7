/** Test helpers: a fresh emulator and a Route 53 provider pointed at it (the real SDK, no stubs). */
import { expect } from 'vitest';
import { startRoute53Emulator, type Route53Emulator, type Route53EmulatorOptions } from '../../providers/route53/emulator/index.js';
import { Route53Provider } from '../../providers/route53/index.js';

export interface Route53Harness {
  emulator: Route53Emulator;
  provider: Route53Provider;
  close(): Promise<void>;
}

/** Fast settings: no pacing, no health-check create interval, short backoffs. */
export function fastOptions(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    endpoint: url,
    access_key_id: 'test',
    secret_access_key: 'test',
    requests_per_second: 0,
    health_check_interval_ms: 0,
    retry_base_ms: 5,
    retry_max_ms: 100,
    ...extra,
  };
}

export async function startProvider(emu: Route53EmulatorOptions = {}, options: Record<string, unknown> = {}): Promise<Route53Harness> {
  // the example zone's documentation addresses (192.0.2.0/24, ...) need the emulator's allowance
  const emulator = await startRoute53Emulator({ rate: false, syncDelayMs: 20, allowNonPublicHealthCheckIps: true, ...emu });
  const provider = new Route53Provider('route53', fastOptions(emulator.url, options));
  return {
    emulator,
    provider,
    close: async () => {
      provider.close();
      await emulator.close();
    },
  };
}

/** ~`rate` of requests fail with retryable faults: throttling, PriorRequestNotComplete, 5xx, dropped connections. */
export function faultConfig(rate: number) {
  if (rate <= 0) return {};
  return { throttleRate: rate * 0.3, priorRequestNotCompleteRate: rate * 0.2, serverErrorRate: rate * 0.3, dropConnectionRate: rate * 0.2 };
}

/** No duplicate rrsets; every dnsctl/octoDNS-owned health check is referenced by an rrset. */
export function assertZoneInvariants(emulator: Route53Emulator, zone: string): void {
  const state = emulator.snapshot();
  const zones = Object.values(state.zones).filter((z) => z.Name === zone);
  expect(zones.length).toBe(1);
  const seen = new Set<string>();
  const referenced = new Set<string>();
  for (const rr of zones[0]!.rrsets) {
    const key = `${rr.Name}|${rr.Type}|${rr.SetIdentifier ?? ''}`;
    expect(seen.has(key), `duplicate rrset ${key}`).toBe(false);
    seen.add(key);
    if (rr.HealthCheckId) referenced.add(rr.HealthCheckId);
  }
  const orphans = Object.values(state.healthChecks)
    .filter((hc) => /^\d{4}:/.test(hc.CallerReference) && !referenced.has(hc.Id))
    .map((hc) => `${hc.Id} ${hc.CallerReference}`);
  expect(orphans).toEqual([]);
}
