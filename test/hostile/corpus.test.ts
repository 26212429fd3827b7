/**
 * The hostile-input corpus (test/hostile/cases.ts) through `validate` on the built code,
 * in child processes: every input gets its verdict, at its position, in under 5 s, and
 * the child's peak RSS stays under 512 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allCases, materialise, type HostileCase } from './cases.js';
import { runBatch, type CaseOutcome } from './runner.js';

const root = mkdtempSync(join(tmpdir(), 'dnsctl-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cases = allCases();
const dirs = new Map<string, string>();
cases.forEach((c, i) => {
  const dir = join(root, `c${i}`);
  materialise(c, dir);
  dirs.set(c.id, dir);
});

const BATCH = 40;
const outcomes = new Map<string, CaseOutcome>();
let ran: Promise<void> | undefined;
/** Runs every case once, BATCH per child, one child at a time. */
function runAll(): Promise<void> {
  ran ??= (async () => {
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      const { outcomes: got, stderr } = await runBatch(batch.map((c) => ({ id: c.id, dir: dirs.get(c.id)!, config: 'dnsctl.yaml' })));
      for (const o of got) outcomes.set(o.id, o);
      if (got.length < batch.length) throw new Error(`child died after ${got.length} of ${batch.length} cases: ${stderr.slice(-2000)}`);
    }
  })();
  return ran;
}

function check(c: HostileCase, o: CaseOutcome | undefined): void {
  expect(o, 'ran').toBeDefined();
  expect(o!.crash, 'no crash').toBeUndefined();
  expect(o!.ms, 'time (ms)').toBeLessThan(5000);
  expect(o!.peakMb, 'peak RSS (MB)').toBeLessThan(512);
  const e = c.expect;
  const summary = o!.findings.map((f) => `${f.file ?? ''}:${f.line ?? ''}: ${f.severity}: ${f.reason.slice(0, 300)}`).join('\n');
  expect(o!.verdict, summary).toBe(e.verdict);
  if (!e.reason) return;
  const hit = o!.findings.find((f) => (e.verdict === 'ok' || f.severity === 'error') && e.reason!.test(f.reason));
  expect(hit, `a finding matching ${e.reason} among:\n${summary}`).toBeDefined();
  if (e.file) expect(hit!.file!.endsWith(e.file), `file ${hit!.file} is ${e.file}`).toBe(true);
  if (typeof e.line === 'number') expect(hit!.line, 'line').toBe(e.line);
  else if (e.line) {
    expect(hit!.line, 'line').toBeGreaterThanOrEqual(e.line[0]);
    expect(hit!.line, 'line').toBeLessThanOrEqual(e.line[1]);
  }
  // a refusal never quotes what it refused to read
  expect(summary).not.toMatch(/root:x:0:0|lol, lol|xxxxxxxxxxxxxxxxxxxx/);
}

describe('hostile-input corpus', () => {
  it('holds at least 100 inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });
  for (const c of cases) {
    it(c.id, { timeout: 300_000 }, async () => {
      await runAll();
      check(c, outcomes.get(c.id));
    });
  }
});
