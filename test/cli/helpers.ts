import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { main, type Io } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process (commander wiring and all), capturing its output. */
export async function runCli(args: string[], cwd?: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`), colour: false };
  const prev = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(['node', 'dnsctl', ...args], io);
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(prev);
  }
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** wall time from spawn to exit, ms */
  ms: number;
}

const BIN = resolve(__dirname, '../../bin/dnsctl.js');

/** Runs the built CLI as a real process (CI=1 plus `env`); resolves when it exits. */
export function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<ProcessResult> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CI: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr, ms: Date.now() - t0 })));
}

/** A throwaway repository: files by relative path; `{{DIR}}` in a file's text becomes the repository's path. */
export function makeRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dnsctl-test-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text.replaceAll('{{DIR}}', dir));
  }
  return dir;
}

export const BASIC_CONFIG = `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
zones:
  example.com.:
    sources:
      - config
`;
