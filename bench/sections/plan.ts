/**
 * `plan` at 50k records: loadConfig + planRepository (validate, read the YAML target,
 * diff, safety) against (a) an empty YAML target and (b) a YAML target holding a copy
 * of the zone with 1% of its records changed. Target: (b) under 2 s, memory reported.
 */
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { changeCounts } from '../../src/plan/types.js';
import { createProvider } from '../../providers/index.js';
import { zoneToYaml } from '../../src/render/zone-yaml.js';
import { generateZone, writeRepo } from '../lib/generate.js';
import { runChildMedian } from '../lib/measure.js';
import { fileSize, fmt, formatTable } from '../lib/table.js';
import type { BenchContext, BenchSection, SectionOutcome } from '../lib/section.js';

const TARGET_MS = 2000;

function withTarget(config: string, liveDir: string): string {
  const text = readFileSync(config, 'utf8')
    .replace('zones:\n', `  live:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ${JSON.stringify(liveDir)}\nzones:\n`)
    .replace(/(\n {4}sources:\n {6}- config\n)/, '$1    targets:\n      - live\n    update_pcent_threshold: 1\n    delete_pcent_threshold: 1\n');
  const out = config.replace(/\.yaml$/, `.${liveDir.split('/').pop()}.yaml`);
  writeFileSync(out, text);
  return out;
}

async function run(ctx: BenchContext): Promise<SectionOutcome> {
  const n = ctx.quick ? 5_000 : 50_000;
  // five runs: this 2-core machine's speed drifts by ±15% over minutes; the spread is printed
  const runs = ctx.quick ? 1 : 5;
  const g = generateZone('plan.example.com.', n, 0xb1a9);
  const dir = join(ctx.tmp, 'plan');
  mkdirSync(dir, { recursive: true });
  const repo = writeRepo(dir, g);
  // an empty target, and a copy with 1% changed (every 100th record's ttl)
  const emptyDir = join(dir, 'empty');
  const copyDir = join(dir, 'copy');
  mkdirSync(emptyDir, { recursive: true });
  mkdirSync(copyDir, { recursive: true });
  const changed = g.records.map((r, i) => (i % 100 === 50 ? { ...r, ttl: r.ttl + 1 } : r));
  writeFileSync(join(copyDir, `${g.zone}yaml`), zoneToYaml(changed, 3600));
  const rows = [
    ['plan vs empty target', runChildMedian('plan:plan', { config: withTarget(repo.config, emptyDir) }, runs)],
    ['plan vs copy, 1% changed', runChildMedian('plan:plan', { config: withTarget(repo.config, copyDir) }, runs)],
  ] as const;
  ctx.out(`plan: loadConfig + planRepository of a ${fmt(n)}-record zone (${fileSize(repo.bytes)}), YAML source and YAML target, median of ${runs} run(s)`);
  ctx.out('');
  ctx.out(
    formatTable(
      ['bench', 'records', 'changes', 'wall ms', 'runs (min-max ms)', 'process ms', 'max RSS MB'],
      rows.map(([name, r]) => [name, fmt(n), fmt(Number(r.extra['changes'])), fmt(r.wallMs), `${fmt(r.wallMsSorted[0]!)}-${fmt(r.wallMsSorted[r.wallMsSorted.length - 1]!)}`, fmt(r.processMs), fmt(r.maxRssMB, 1)]),
    ),
  );
  const copy = rows[1][1];
  const ok = ctx.quick || copy.wallMs < TARGET_MS;
  ctx.out('');
  ctx.out(`target: plan of 50k records against a copy with 1% changed in < ${fmt(TARGET_MS)} ms`);
  ctx.out(`  ${ok ? 'MET   ' : 'MISSED'} ${fmt(copy.wallMs)} ms in-process (${fmt(copy.processMs)} ms whole process), ${fmt(copy.maxRssMB, 1)} MB max RSS`);
  if (Number(copy.extra['changes']) !== Math.ceil((n - 50) / 100)) throw new Error(`plan: expected ${Math.ceil((n - 50) / 100)} changes, got ${String(copy.extra['changes'])}`);
  return { ok };
}

export const planSection: BenchSection = {
  name: 'plan',
  description: 'plan 50k records against an empty YAML target and against a copy with 1% changed',
  run,
  tasks: {
    plan: async (args: { config: string }) => {
      const { plan } = await planRepository(loadConfig(args.config), createProvider);
      return { changes: changeCounts(plan).total, safety: plan.safety.length };
    },
  },
};
