/**
 * The provider conformance suite: one set of behaviours every target provider must
 * show, run against each provider (the in-memory one, and the Route 53 and Cloudflare
 * providers against their emulators) through the real planner and apply engine.
 *
 * Usage, in a provider's test file:
 *   describeProviderConformance('route53', async () => ({ provider, setFaultRate, check, close }));
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { YamlProvider } from '../../providers/yaml/index.js';
import type { Provider } from '../../src/model/provider.js';
import type { DnsRecord } from '../../src/model/record.js';
import { planZoneTarget } from '../../src/api/plan.js';
import { orderChanges } from '../../src/plan/order.js';
import type { ZonePlan } from '../../src/plan/types.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';

export interface ConformanceTarget {
  /** a provider instance talking to a fresh, empty world (zone `example.com.` may need creating by apply) */
  provider: Provider;
  /** make this share (0-1) of the provider's API requests fail with retryable faults */
  setFaultRate(rate: number): void;
  /** provider-specific invariants after convergence (no duplicate records, no orphan health checks, …) */
  check?(zone: string): Promise<void>;
  close(): Promise<void>;
}

const ROOT = resolve(__dirname, '../..');
const ZONE = 'example.com.';

const config = standaloneConfig('conformance', { baseDir: ROOT });
const zc = zoneConfig(ZONE);

export async function exampleRecords(): Promise<DnsRecord[]> {
  const y = new YamlProvider('config', { directory: 'zones' }, ROOT);
  const res = await y.populate(ZONE, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
  if (res.findings.some((f) => f.severity === 'error')) throw new Error('example zone invalid');
  return res.records;
}

/** The example zone limited to what the provider can hold (losses are the planner's business). */
function supported(records: DnsRecord[], p: Provider): DnsRecord[] {
  return records.filter((r) => p.capabilities.types.includes(r.type));
}

async function planAndApply(p: Provider, desired: DnsRecord[]): Promise<{ plan: ZonePlan; failed: number }> {
  const plan = await planZoneTarget(config, { ...zc, targets: [p.id] }, desired, p);
  if (plan.losses.some((l) => l.severity === 'error')) throw new Error(plan.losses.map((l) => l.message).join('\n'));
  if (plan.changes.length === 0) return { plan, failed: 0 };
  const results = await p.apply!(ZONE, orderChanges(plan.changes), {});
  return { plan, failed: results.filter((r) => r.status !== 'applied').length };
}

const describeChanges = (zp: ZonePlan) => zp.changes.map((c) => `${c.kind} ${c.name} ${c.type}`);

export function describeProviderConformance(name: string, setup: () => Promise<ConformanceTarget>): void {
  describe(`provider conformance: ${name}`, () => {
    let t: ConformanceTarget;
    let example: DnsRecord[];
    beforeAll(async () => {
      t = await setup();
      example = supported(await exampleRecords(), t.provider);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('applies the example zone to an empty zone, then re-plans with no changes', async () => {
      const first = await planAndApply(t.provider, example);
      expect(first.failed).toBe(0);
      expect(describeChanges(first.plan).every((c) => c.startsWith('create '))).toBe(true);
      const again = await planZoneTarget(config, zc, example, t.provider);
      expect(describeChanges(again)).toEqual([]);
      await t.check?.(ZONE);
    });

    it('round-trips each change kind: update ttl, update values, update a dynamic record, delete, create', async () => {
      const next = example
        .filter((r) => r.name !== 'mail')
        .map((r) => {
          if (r.name === 'sip1') return { ...r, ttl: 120 };
          if (r.name === 'sip2') return { ...r, values: ['198.51.100.61'] };
          if (r.name === 'api' && r.dynamic) {
            const pools = structuredClone(r.dynamic.pools);
            pools['us-west-2']!.values.push({ value: '198.51.100.22', weight: 1, status: 'obey' });
            pools['us-west-2']!.values.sort((a, b) => String(a.value).localeCompare(String(b.value)));
            return { ...r, dynamic: { ...r.dynamic, pools } };
          }
          return r;
        });
      next.push({ zone: ZONE, name: 'new', type: 'A', ttl: 300, values: ['192.0.2.99'] });
      const { plan, failed } = await planAndApply(t.provider, next);
      expect(failed).toBe(0);
      const kinds = describeChanges(plan);
      expect(kinds).toContain('delete mail A');
      expect(kinds).toContain('create new A');
      expect(kinds).toContain('update sip1 A');
      expect(kinds).toContain('update sip2 A');
      if (example.some((r) => r.name === 'api' && r.dynamic) && t.provider.capabilities.routing.includes('failover')) expect(kinds).toContain('update api A');
      expect(describeChanges(await planZoneTarget(config, zc, next, t.provider))).toEqual([]);
      await t.check?.(ZONE);
      // and back to the example
      expect((await planAndApply(t.provider, example)).failed).toBe(0);
      expect(describeChanges(await planZoneTarget(config, zc, example, t.provider))).toEqual([]);
    });

    it('converges under 20% injected faults with no duplicate record and no orphan', async () => {
      const changed = example.map((r) => (r.type === 'A' && !r.dynamic ? { ...r, ttl: r.ttl + 1 } : r));
      changed.push(...Array.from({ length: 30 }, (_, i): DnsRecord => ({ zone: ZONE, name: `f${i}`, type: 'TXT', ttl: 300, values: [`fault ${i}`] })));
      t.setFaultRate(0.2);
      let rounds = 0;
      try {
        for (; rounds < 8; rounds++) {
          let res: { plan: ZonePlan; failed: number };
          try {
            res = await planAndApply(t.provider, changed);
          } catch {
            continue; // a read failed outright: plan again, as an operator would
          }
          if (res.plan.changes.length === 0) break;
        }
      } finally {
        t.setFaultRate(0);
      }
      expect(rounds).toBeLessThan(8);
      expect(describeChanges(await planZoneTarget(config, zc, changed, t.provider))).toEqual([]);
      await t.check?.(ZONE);
    });
  });
}
