/**
 * Runs hostile inputs through `validate` (loadConfig + validateRepository, the code the
 * CLI runs) in a child process on the built code, many inputs per child, and reports per
 * input its verdict, findings, wall time and the child's peak RSS so far (a bound on that
 * input's memory: the peak only grows).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = resolve(__dirname, '../../dist');
const url = (p: string) => JSON.stringify(pathToFileURL(resolve(DIST, p)).href);

export interface CaseInput {
  id: string;
  /** the repository directory (the child runs in it) */
  dir: string;
  /** config file, relative to dir */
  config: string;
}

export interface FoundIssue {
  severity: string;
  reason: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface CaseOutcome {
  id: string;
  verdict: 'ok' | 'error';
  findings: FoundIssue[];
  ms: number;
  /** the child's peak RSS after this input, MB */
  peakMb: number;
  /** an exception that was not a DnsctlError (a crash) */
  crash?: string;
}

const SCRIPT = `
import { loadConfig } from ${url('src/config/load-config.js')};
import { validateRepository } from ${url('src/api/validate.js')};
import { createProvider } from ${url('providers/index.js')};
import { DnsctlError } from ${url('src/model/findings.js')};
let input = '';
for await (const chunk of process.stdin) input += chunk;
const cases = JSON.parse(input);
const pos = (f) => (f.position ? { file: f.position.file, line: f.position.line, column: f.position.column } : {});
for (const c of cases) {
  process.chdir(c.dir);
  const t0 = performance.now();
  const out = { id: c.id, verdict: 'ok', findings: [] };
  try {
    const config = loadConfig(c.config);
    const report = await validateRepository(config, createProvider);
    const all = [...report.findings, ...report.zones.flatMap((z) => z.findings)];
    out.findings = all.map((f) => ({ severity: f.severity, reason: f.reason, ...pos(f) }));
    if (report.errors) out.verdict = 'error';
  } catch (e) {
    out.verdict = 'error';
    if (e instanceof DnsctlError) out.findings = [{ severity: 'error', reason: e.message }, ...e.findings.map((f) => ({ severity: f.severity, reason: f.reason, ...pos(f) }))];
    else out.crash = String(e && e.stack || e);
  }
  out.ms = performance.now() - t0;
  out.peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(out) + '\\n');
}
`;

/** Runs `cases` in one child; resolves with one outcome per case (a case the child died on is missing). */
export function runBatch(cases: CaseInput[]): Promise<{ outcomes: CaseOutcome[]; stderr: string; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const outcomes = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as CaseOutcome);
      done({ outcomes, stderr, code });
    });
    child.stdin.end(JSON.stringify(cases));
  });
}
