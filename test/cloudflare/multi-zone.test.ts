/**
 * Two zones in one account, applied at the same time, whose dynamic records share a
 * health check (one monitor): one zone's clean-up of unused monitors must never delete
 * the monitor the other zone is creating or reusing.
 */
import { afterEach, expect, it } from 'vitest';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import type { DnsRecord } from '../../src/model/record.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import { checkInvariants, startCf, type CfHarness } from './helpers.js';

let h: CfHarness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

const dynamicA = (zone: string, value: string, path: string): DnsRecord => ({
  zone,
  name: 'api',
  type: 'A',
  ttl: 60,
  values: [value],
  dynamic: {
    pools: {
      'eu-west-1': { fallback: null, values: [{ value: '198.51.100.1', weight: 1, status: 'obey' }] },
      'us-east-1': { fallback: 'eu-west-1', values: [{ value, weight: 1, status: 'obey' }] },
    },
    rules: [{ pool: 'us-east-1' }],
  },
  octodns: { healthcheck: { host: 'health.example.net', path, port: 443, protocol: 'HTTPS' } },
});

it('applies dynamic records of two zones concurrently; both read back with zero diff and no orphan', async () => {
  h = await startCf({ zones: ['one.example', 'two.example'] });
  const config = standaloneConfig('test');
  const zones = ['one.example.', 'two.example.'];
  for (let round = 0; round < 3; round++) {
    // each round changes the values and the shared health check, so the shared monitor is
    // replaced: created by one zone, reused by the other, the old one collected
    const desired = zones.map((z, i) => [dynamicA(z, `192.0.2.${10 * round + i + 1}`, `/ready${round}`)]);
    const plans = await Promise.all(zones.map((z, i) => planZoneTarget(config, zoneConfig(z), desired[i]!, h!.provider)));
    const results = await Promise.all(plans.map((p) => h!.provider.apply!(p.zone, orderChanges(p.changes), {})));
    expect(results.flat().map((r) => r.status)).toEqual(results.flat().map(() => 'applied'));
    for (let i = 0; i < zones.length; i++) {
      const again = await planZoneTarget(config, zoneConfig(zones[i]!), desired[i]!, h.provider);
      expect(again.changes.map((c) => `${c.kind} ${c.name}`), `${zones[i]} round ${round}`).toEqual([]);
    }
    checkInvariants(h.emu);
  }
});
