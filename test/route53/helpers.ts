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

import { Route53Client } from '@aws-sdk/client-route-53';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import { buildRecord } from '../../src/model/build-record.js';
import type { Provider } from '../../src/model/provider.js';
import type { DnsRecord } from '../../src/model/record.js';
import type { ChangeResult, ZonePlan } from '../../src/plan/types.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';

export const ZONE = 'example.com.';

const config = standaloneConfig('route53-test', { baseDir: '.' });
const zc = zoneConfig(ZONE, { targets: ['route53'] });

export function plan(p: Provider, desired: DnsRecord[]): Promise<ZonePlan> {
  return planZoneTarget(config, zc, desired, p);
}

export async function planAndApply(p: Provider, desired: DnsRecord[]): Promise<{ plan: ZonePlan; results: ChangeResult[] }> {
  const zp = await plan(p, desired);
  const errors = zp.losses.filter((l) => l.severity === 'error');
  if (errors.length) throw new Error(errors.map((l) => l.message).join('\n'));
  const results = zp.changes.length ? await p.apply!(ZONE, orderChanges(zp.changes), {}) : [];
  return { plan: zp, results };
}

export const changeLines = (zp: ZonePlan): string[] => zp.changes.map((c) => `${c.kind} ${c.name} ${c.type}`);

/** A record from octoDNS zone-file data (validated like the repository's). */
export function record(name: string, data: Record<string, unknown>): DnsRecord {
  const res = buildRecord(name, data, { zone: ZONE, sets: new Set(['legacy']), disabled: new Map(), defaultTtl: 3600, escapedSemicolons: true });
  if (!res.ok) throw new Error(`${name}: ${res.fatal ?? res.reasons.map((r) => r.reason).join('; ')}`);
  return res.record;
}

export function sdkClient(url: string): Route53Client {
  return new Route53Client({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}
