/**
 * `validate` at 1k / 10k / 50k records: loadConfig + validateRepository with the real
 * provider factory, each size in its own child process (wall ms, max RSS), plus the
 * raw YAML load of the 50k file alone (positioned YamlLoader vs plain js-yaml) to
 * show the loader's share.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { validateRepository } from '../../src/api/validate.js';
import { createProvider } from '../../providers/index.js';
import { YamlLoader } from '../../src/yaml/load.js';
import { generateZone, writeRepo, type WrittenRepo } from '../lib/generate.js';
import { runChildMedian, type ChildResult } from '../lib/measure.js';
import { fileSize, fmt, formatTable } from '../lib/table.js';
import { summariseProfile } from '../lib/profile.js';
import type { BenchContext, BenchSection, SectionOutcome } from '../lib/section.js';

const SIZES = [1_000, 10_000, 50_000];
const TARGET = { records: 50_000, ms: 1500, rssMB: 150 };
const OCTODNS = [
  { records: 10_000, s: 7.2, mb: 130 },
  { records: 50_000, s: 34, mb: 572 },
];

function label(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}

async function run(ctx: BenchContext): Promise<SectionOutcome> {
  const sizes = ctx.quick ? [1_000, 5_000] : SIZES;
  const runs = ctx.quick ? 1 : 3;
  const profile = process.argv.includes('--profile');
  const repos = new Map<number, WrittenRepo & { dynamic: number }>();
  for (const n of sizes) {
    const g = generateZone(`bench${label(n)}.example.com.`, n, 0x5eed + n);
    const dir = join(ctx.tmp, `validate-${label(n)}`);
    mkdirSync(dir, { recursive: true });
    repos.set(n, { ...writeRepo(dir, g), dynamic: g.dynamicCount });
  }

  const baseline = runChildMedian('validate:baseline', {}, 1);
  const rows: Array<[string, number, WrittenRepo & { dynamic: number }, ChildResult]> = [];
  for (const n of sizes) {
    const repo = repos.get(n)!;
    const r = runChildMedian('validate:validate', { config: repo.config }, runs);
    if (r.extra['records'] !== n || r.extra['errors'] !== 0 || r.extra['warnings'] !== 0) {
      throw new Error(`validate ${label(n)}: expected ${n} records and no findings, got ${JSON.stringify(r.extra)}`);
    }
    rows.push([`validate ${label(n)}`, n, repo, r]);
  }
  const big = Math.max(...sizes);
  const bigRepo = repos.get(big)!;
  const loadRows: Array<[string, ChildResult]> = [
    ['YamlLoader (positions, order)', runChildMedian('validate:yaml-load', { file: bigRepo.zoneFile, positioned: true }, runs)],
    ['js-yaml load (plain)', runChildMedian('validate:yaml-load', { file: bigRepo.zoneFile, positioned: false }, runs)],
  ];
  const bigValidate = rows.find((r) => r[1] === big)![3];

  ctx.out(`validate: loadConfig + validateRepository (createProvider), one child process per figure, median of ${runs} run(s)`);
  ctx.out(`wall = in-process time of the work; process = whole child incl. node start-up and imports; RSS = child's process.resourceUsage().maxRSS`);
  ctx.out('');
  ctx.out(
    formatTable(
      ['bench', 'records', 'dynamic', 'file size', 'wall ms', 'process ms', 'max RSS MB'],
      [
        ['node + modules (no work)', '-', '-', '-', '-', fmt(baseline.processMs), fmt(baseline.maxRssMB, 1)],
        ...rows.map(([name, n, repo, r]) => [name, fmt(n), fmt(repo.dynamic), fileSize(repo.bytes), fmt(r.wallMs), fmt(r.processMs), fmt(r.maxRssMB, 1)]),
        ...loadRows.map(([name, r]) => [`${name} ${label(big)}`, fmt(big), fmt(bigRepo.dynamic), fileSize(bigRepo.bytes), fmt(r.wallMs), fmt(r.processMs), fmt(r.maxRssMB, 1)]),
      ],
    ),
  );
  const [positioned, plain] = [loadRows[0]![1], loadRows[1]![1]];
  ctx.out('');
  ctx.out(
    `YAML load share at ${label(big)}: ${fmt(positioned.wallMs)} of ${fmt(bigValidate.wallMs)} ms (${fmt((positioned.wallMs / bigValidate.wallMs) * 100)}%); ` +
      `positions + key-order checks cost ${fmt(positioned.wallMs - plain.wallMs)} ms over a plain js-yaml load (+${fmt(((positioned.wallMs - plain.wallMs) / plain.wallMs) * 100)}%)`,
  );

  let ok = true;
  ctx.out('');
  ctx.out(`target: ${label(TARGET.records)} records validated in < ${fmt(TARGET.ms)} ms and < ${TARGET.rssMB} MB`);
  const t = rows.find((r) => r[1] === TARGET.records);
  if (t) {
    const r = t[3];
    const timeOk = r.wallMs < TARGET.ms;
    const memOk = r.maxRssMB < TARGET.rssMB;
    ok = timeOk && memOk;
    ctx.out(`  ${timeOk ? 'MET   ' : 'MISSED'} time: ${fmt(r.wallMs)} ms in-process (${fmt(r.processMs)} ms for the whole process)`);
    ctx.out(`  ${memOk ? 'MET   ' : 'MISSED'} memory: ${fmt(r.maxRssMB, 1)} MB max RSS`);
  } else {
    ctx.out('  (not measured in --quick mode)');
  }
  ctx.out('octoDNS 1.22 reference (octodns-validate): ' + OCTODNS.map((o) => `${label(o.records)}: ${o.s} s / ${o.mb} MB`).join('; '));
  for (const o of OCTODNS) {
    const mine = rows.find((r) => r[1] === o.records)?.[3];
    if (mine) ctx.out(`  ${label(o.records)}: dnsctl ${fmt(mine.processMs / 1000, 2)} s (whole process) / ${fmt(mine.maxRssMB)} MB -> ${fmt((o.s * 1000) / mine.processMs, 1)}x faster, ${fmt(o.mb / mine.maxRssMB, 1)}x less memory`);
  }

  if (profile || !ok) {
    const dir = join(ctx.tmp, 'cpu-prof');
    mkdirSync(dir, { recursive: true });
    runChildMedian('validate:validate', { config: bigRepo.config }, 1, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      const s = summariseProfile(join(dir, file), 12);
      ctx.out('');
      ctx.out(`CPU profile of validate ${label(big)} (self time, ${fmt(s.total)} ms sampled incl. start-up):`);
      ctx.out(formatTable(['by file', 'ms', '%'], s.byFile.map((l) => [l.label, fmt(l.ms), fmt(l.share * 100, 1)])));
      ctx.out('');
      ctx.out(formatTable(['by function', 'ms', '%'], s.byFunction.map((l) => [l.label, fmt(l.ms), fmt(l.share * 100, 1)])));
    }
  }
  return { ok };
}

export const validateSection: BenchSection = {
  name: 'validate',
  description: 'validate 1k/10k/50k-record zones; raw YAML load at 50k',
  run,
  tasks: {
    baseline: () => ({}),
    validate: async (args: { config: string }) => {
      const config = loadConfig(args.config);
      const report = await validateRepository(config, createProvider);
      return { records: report.zones.reduce((n, z) => n + z.records.length, 0), errors: report.errors, warnings: report.warnings };
    },
    'yaml-load': (args: { file: string; positioned: boolean }) => {
      if (args.positioned) {
        const { data, issues } = new YamlLoader().loadFile(args.file);
        return { names: Object.keys(data as object).length, issues: issues.length };
      }
      const data = yaml.load(readFileSync(args.file, 'utf8'), { json: true });
      return { names: Object.keys(data as object).length, issues: 0 };
    },
  },
};
