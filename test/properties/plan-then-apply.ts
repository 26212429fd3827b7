/**
 * The plan-time truth property, shared by the per-provider tests: a random valid zone is
 * planned against an empty emulator. A plan without error losses must apply with every
 * change applied and then re-plan empty; a plan with error losses (strict_supports) must
 * plan clean with `strict_supports: false` and that plan must apply and converge. Any
 * change the provider rejects fails the property, with fast-check's seed and shrunk zone.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { planZoneTarget } from '../../src/api/plan.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { Provider } from '../../src/model/provider.js';
import type { DnsRecord } from '../../src/model/record.js';
import { orderChanges } from '../../src/plan/order.js';
import type { ZonePlan } from '../../src/plan/types.js';
import { ZONE } from './arbitraries.js';
import { providerZoneArb } from './provider-zones.js';

export interface PropertyTarget {
  /** a provider on an emptied emulator; `strict: false` sets strict_supports: false */
  fresh(strict: boolean): Promise<Provider & { close?(): void }>;
}

const config = standaloneConfig('plan-then-apply', { baseDir: '.' });

async function planOf(p: Provider, records: DnsRecord[]): Promise<ZonePlan> {
  return planZoneTarget(config, zoneConfig(ZONE, { targets: [p.id] }), records, p);
}

async function applyAndReplan(p: Provider, zp: ZonePlan, records: DnsRecord[]): Promise<void> {
  const results = await p.apply!(ZONE, orderChanges(zp.changes), {});
  const rejected = results.filter((r) => r.status !== 'applied').map((r) => `${r.change.kind} ${r.change.name} ${r.change.type}: ${r.status} ${r.error ?? ''}`);
  expect(rejected, 'changes of a plan that planned clean were rejected').toEqual([]);
  const again = await planOf(p, records);
  expect(again.changes.map((c) => `${c.kind} ${c.name} ${c.type}`), 'the applied zone re-plans with changes').toEqual([]);
}

/** Counts of what the runs covered, so a test can assert the generator reached each case. */
export type Coverage = Map<string, number>;

export async function assertPlansApply(target: PropertyTarget, numRuns: number): Promise<Coverage> {
  const seen: Coverage = new Map();
  const count = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
  await fc.assert(
    fc.asyncProperty(providerZoneArb, async (records) => {
      const strict = await target.fresh(true);
      let zp: ZonePlan;
      try {
        zp = await planOf(strict, records);
        if (!zp.losses.some((l) => l.severity === 'error')) {
          count('clean');
          await applyAndReplan(strict, zp, records);
          return;
        }
      } finally {
        strict.close?.();
      }
      count('refused');
      const lenient = await target.fresh(false);
      try {
        const zl = await planOf(lenient, records);
        expect(zl.losses.filter((l) => l.severity === 'error')).toEqual([]);
        await applyAndReplan(lenient, zl, records);
      } finally {
        lenient.close?.();
      }
    }),
    { numRuns, seed: Number(process.env['FC_SEED'] ?? 20261207) },
  );
  return seen;
}
