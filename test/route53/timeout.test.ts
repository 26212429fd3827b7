/**
 * Route 53 `timeout`: a request the API does not answer is abandoned after `timeout`
 * seconds and retried like a dropped connection, so a hung endpoint cannot stall a plan
 * or an apply at 3 a.m. (before: the SDK's default, no request timeout at all).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startProvider, type Route53Harness } from './helpers.js';
import { TARGET_READ } from '../../src/api/plan.js';
import { parseRoute53Options } from '../../providers/route53/index.js';

let h: Route53Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Route 53 request timeout', () => {
  it('gives up on an unanswered request after timeout x attempts, naming the timeout', async () => {
    h = await startProvider({ faults: { latencyMs: 3000, operations: ['ListHostedZones', 'ListHostedZonesByName'] } }, { timeout: 0.3, client_max_attempts: 2 });
    const started = Date.now();
    const err = await h.provider.populate('example.com.', TARGET_READ).then(() => undefined, (e: unknown) => e as Error);
    const took = Date.now() - started;
    expect(err).toBeInstanceOf(Error);
    expect(String(err?.message ?? err)).toMatch(/time(d)? ?out/i);
    expect(took).toBeLessThan(2500);
    expect(h.provider.api.calls.get('ListHostedZones') ?? h.provider.api.calls.get('ListHostedZonesByName')).toBe(2);
  });

  it('a slow answer within the timeout is not retried', async () => {
    h = await startProvider({ faults: { latencyMs: 100, operations: ['ListHostedZones', 'ListHostedZonesByName'] } }, { timeout: 2 });
    const res = await h.provider.populate('example.com.', TARGET_READ);
    expect(res.exists).toBe(false);
    expect(h.provider.api.calls.get('ListHostedZones') ?? h.provider.api.calls.get('ListHostedZonesByName')).toBe(1);
  });

  it('defaults to 60 s and refuses a non-number', () => {
    expect(parseRoute53Options({}).client.requestTimeoutMs).toBe(60_000);
    expect(() => parseRoute53Options({ timeout: 'soon' })).toThrow(/timeout must be a number/);
  });
});
