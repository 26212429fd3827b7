/**
 * Convergence of octoDNS's valid zone fixtures: each, applied to every kind of target
 * (YAML, memory, Route 53 and Cloudflare emulators), re-plans with no change. A fixture
 * that cannot converge on a target is listed below with its reason — and the test checks
 * that planning still refuses it with that reason, so the list cannot go stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YamlProvider } from '../../providers/yaml/index.js';
import { converge, ConvergenceWorld, TARGET_KINDS, type TargetKind } from '../convergence/targets.js';
import { FIXTURES, VALID_ZONE_FIXTURES } from './fixtures.js';

/** `${zone} ${directory} ${target}` → why it cannot converge there */
const TLD = 'creates none for a top-level domain';
/** … → the plan error saying why (a zone the provider refuses to create is refused when planning, not by apply) */
const CANNOT_CONVERGE: Record<string, string> = {
  'empty. tests/config route53': TLD,
  'empty. tests/config cloudflare': TLD,
  'unordered. tests/config route53': TLD,
  'unordered. tests/config cloudflare': TLD,
  'unordered. tests/config/split route53': TLD,
  'unordered. tests/config/split cloudflare': TLD,
};

let world: ConvergenceWorld;
beforeAll(async () => {
  world = await ConvergenceWorld.start();
});
afterAll(async () => world?.close());

const cases = VALID_ZONE_FIXTURES.flatMap(([zone, directory, options]) => TARGET_KINDS.map((kind) => [zone, directory, options, kind] as const));

describe('every valid octoDNS fixture converges on every target', () => {
  it.each(cases)('%s from %s %j on %s', async (zone, directory, options, kind: TargetKind) => {
    const source = new YamlProvider('fixture', { directory, ...options }, FIXTURES);
    const read = await source.populate(zone, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const result = await converge(world, kind, zone, read.records);
    const known = CANNOT_CONVERGE[`${zone} ${directory} ${kind}`];
    if (known) {
      expect(result.planError, `listed as refused when planning (${known})`).toContain(known);
      return;
    }
    expect(result.planError).toBeUndefined();
    expect(result.rejected.join('\n'), 'changes the target rejected').toBe('');
    expect(result.again, `first plan: ${result.first.join(', ')}; losses: ${result.losses.join(' | ')}`).toEqual([]);
  });
});
