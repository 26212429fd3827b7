/**
 * `dnsctl init --from-octodns` on octoDNS's own example configurations (a copy of the fixtures
 * in a temporary directory, never in the project): the adapted repository validates with the
 * same verdict, the same errors, and every zone file byte for byte as it was; a config octoDNS
 * refuses is refused and nothing is written.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { FIXTURES } from './fixtures.js';

const CONFIGS = ['simple.yaml', 'dynamic-config.yaml', 'simple-split.yaml', 'always-dry-run.yaml', 'simple-lenient-zone.yaml', 'simple-validate.yaml', 'processors.yaml'];

function zoneFiles(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) zoneFiles(p, out);
    else out.set(p, readFileSync(p, 'utf8'));
  }
  return out;
}

interface Report { ok: boolean; errors: number; findings: Array<{ severity: string }> }
const verdict = (stdout: string) => {
  const r = JSON.parse(stdout) as Report;
  return { ok: r.ok, errors: r.errors, errorFindings: r.findings.filter((f) => f.severity === 'error') };
};

describe('init --from-octodns on octoDNS example configs', () => {
  it.each(CONFIGS)('%s: same verdict and errors after (or refused, nothing written), no zone file touched', async (config) => {
    const repo = mkdtempSync(join(tmpdir(), 'dnsctl-adopt-'));
    cpSync(FIXTURES, repo, { recursive: true });
    const file = join('tests/config', config);
    const zonesBefore = zoneFiles(join(repo, 'tests'));
    zonesBefore.delete(join(repo, file));
    const configBefore = readFileSync(join(repo, file), 'utf8');
    const before = await runCli(['validate', '--json', '--config', file], repo);
    const init = await runCli(['init', '--from-octodns', file, '--json'], repo);
    if ((JSON.parse(before.stdout) as { error?: unknown }).error) {
      // a config octoDNS refuses: init refuses it too and writes nothing
      expect(init.code).toBe(1);
      expect(JSON.parse(init.stdout)).toMatchObject({ ok: false, error: { code: 'config_invalid' } });
      expect(readFileSync(join(repo, file), 'utf8')).toBe(configBefore);
      expect(existsSync(join(repo, '.github'))).toBe(false);
      return;
    }
    expect(init.code, init.stdout).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, found: { config: file, errors: before.code === 0 ? 0 : expect.any(Number) } });
    const after = await runCli(['validate', '--json', '--config', file], repo);
    expect(after.code).toBe(before.code);
    expect(verdict(after.stdout)).toEqual(verdict(before.stdout));
    const zonesAfter = zoneFiles(join(repo, 'tests'));
    zonesAfter.delete(join(repo, file));
    expect(zonesAfter).toEqual(zonesBefore);
  });
});
