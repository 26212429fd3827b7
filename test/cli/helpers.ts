import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
