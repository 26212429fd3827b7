/**
 * Convergence of the example repository: every zone file under zones/, applied to every
 * kind of target (YAML, memory, Route 53 and Cloudflare emulators), re-plans with no change.
 * (octoDNS's own fixtures get the same test in test/conformance-octodns/convergence.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { YamlProvider } from '../../providers/yaml/index.js';
import type { DnsRecord } from '../../src/model/record.js';
import { converge, ConvergenceWorld, TARGET_KINDS } from './targets.js';

const ROOT = resolve(__dirname, '../..');
const ZONES = readdirSync(resolve(ROOT, 'zones'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'yaml'.length));

let world: ConvergenceWorld;
beforeAll(async () => {
  world = await ConvergenceWorld.start();
});
afterAll(async () => world?.close());

describe('every example zone converges on every target', () => {
  it('the example repository has zones to converge', () => {
    expect(ZONES).toContain('example.com.');
  });

  it.each(ZONES.flatMap((zone) => TARGET_KINDS.map((kind) => [zone, kind] as const)))('%s on %s', async (zone, kind) => {
    const source = new YamlProvider('config', { directory: 'zones' }, ROOT);
    const read = await source.populate(zone, { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
    expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(read.records.length).toBeGreaterThan(0);
    const result = await converge(world, kind, zone, read.records);
    expect(result.rejected.join('\n'), 'changes the target rejected').toBe('');
    expect(result.first.length).toBeGreaterThan(0);
    expect(result.again, `losses: ${result.losses.join(' | ')}`).toEqual([]);
  });
});

describe('records that once updated forever', () => {
  it("octoDNS's deprecated geo mapping on a YAML target: kept when the target is read, so the re-plan is empty", async () => {
    const zone = 'geo.example.';
    const geo: DnsRecord = { zone, name: '', type: 'A', ttl: 300, values: ['1.2.3.4'], geo: { AF: ['2.2.3.4'], 'NA-US-CA': ['5.2.3.4', '5.2.3.5'] } };
    const result = await converge(world, 'yaml', zone, [geo]);
    expect(result.first).toEqual(['create @ A']);
    expect(result.again).toEqual([]);
  });
});
