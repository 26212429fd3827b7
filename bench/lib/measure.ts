/**
 * Runs one measurement in a fresh child process (`node --expose-gc <CLI flags> dist/bench/child.js
 * <task> <json args>`), so each figure's peak memory is the child's own max RSS and
 * sizes never pollute each other. The child reports its result as one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'child.js');

export interface ChildResult {
  /** in-process wall time of the measured work (ms) */
  wallMs: number;
  /** child's peak resident set size at exit (MB), process.resourceUsage().maxRSS */
  maxRssMB: number;
  /** wall time of the whole child process, node start-up and imports included (ms) */
  processMs: number;
  /** task-specific extras (record counts, findings, ...) */
  extra: Record<string, unknown>;
}

/**
 * The V8 flags `bin/dnsctl.js` runs with (its shebang): an 8 MB young-generation semi-space.
 * 4 MB once kept validate's peak RSS at ~146 MB; since records are built as the parser goes
 * (raw nodes die young) validate peaks at ~120 MB with 4 MB and ~127 MB with 8 MB, and 8 MB
 * plans 50k records ~100 ms faster (A/B, 10 interleaved runs; 16 MB: ~140 / ~260 MB).
 */
export const CLI_NODE_FLAGS = ['--max-semi-space-size=8'];

export function runChild(task: string, args: unknown, nodeFlags: string[] = ['--expose-gc', ...CLI_NODE_FLAGS]): ChildResult {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [...nodeFlags, CHILD, task, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const processMs = performance.now() - t0;
  if (res.status !== 0) throw new Error(`bench child ${task} failed (${res.status ?? res.signal}):\n${res.stderr}`);
  const line = res.stdout.trim().split('\n').pop() ?? '';
  const out = JSON.parse(line) as { wallMs: number; maxRssKB: number; extra: Record<string, unknown> };
  return { wallMs: out.wallMs, maxRssMB: out.maxRssKB / 1024, processMs, extra: out.extra };
}

/** Runs a child `runs` times and keeps the run with the median wall time (RSS: the max over runs). */
export function runChildMedian(task: string, args: unknown, runs: number, nodeFlags?: string[]): ChildResult & { runs: number; wallMsSorted: number[] } {
  const results: ChildResult[] = [];
  for (let i = 0; i < runs; i++) results.push(runChild(task, args, nodeFlags));
  const sorted = [...results].sort((a, b) => a.wallMs - b.wallMs);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...median, maxRssMB: Math.max(...results.map((r) => r.maxRssMB)), runs, wallMsSorted: sorted.map((r) => r.wallMs) };
}

/** Child side: time `work`, then report wall ms and max RSS as one JSON line on stdout. */
export async function childMeasure(work: () => Promise<Record<string, unknown>> | Record<string, unknown>): Promise<void> {
  const t0 = performance.now();
  const extra = await work();
  const wallMs = performance.now() - t0;
  const maxRssKB = process.resourceUsage().maxRSS;
  process.stdout.write(`\n${JSON.stringify({ wallMs, maxRssKB, extra })}\n`);
}
