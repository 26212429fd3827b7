/** dnsctl init: a starter repository that validates clean and plans against the sandbox; --from-octodns adapts a repository in place. */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '@action-validator/core';
import { startSandbox } from '../../providers/sandbox.js';
import { DEFAULT_ACTION } from '../../src/init/workflows.js';
import { makeRepo, runCli } from './helpers.js';

const empty = () => mkdtempSync(join(tmpdir(), 'dnsctl-init-'));

describe('dnsctl init DIR', () => {
  it('writes config, sandbox config, a zone with a dynamic record, schemas and workflows; it validates clean under every validator set', async () => {
    const dir = join(empty(), 'dns');
    const r = await runCli(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('dnsctl validate && dnsctl sandbox up && dnsctl plan --config dnsctl.sandbox.yaml');
    for (const f of ['dnsctl.yaml', 'dnsctl.sandbox.yaml', 'zones/example.com.yaml', 'schemas/zone.schema.json', 'schemas/config.schema.json', '.gitignore', '.github/workflows/dns-plan.yml', '.github/workflows/dns-apply.yml']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const zone = readFileSync(join(dir, 'zones/example.com.yaml'), 'utf8');
    expect(zone.startsWith('# yaml-language-server: $schema=../schemas/zone.schema.json')).toBe(true);
    expect(zone).toContain('dynamic:');
    expect(readFileSync(join(dir, 'dnsctl.yaml'), 'utf8')).toContain('token: env/CLOUDFLARE_TOKEN');
    const v = await runCli(['validate', '--json', '--validators', 'legacy,strict,best-practice'], dir);
    expect(v.code, v.stdout).toBe(0);
    const report = JSON.parse(v.stdout) as { findings: Array<{ severity: string; reason: string }> };
    expect(report).toMatchObject({ ok: true, errors: 0, zones: [{ zone: 'example.com.', records: 2 }] });
    // its only warnings: the real providers' env/ credentials are not set here (validate needs none)
    expect(report.findings.filter((f) => f.severity === 'warning' && !/env\/\w+ is not set/.test(f.reason))).toEqual([]);
  });

  it('writes workflows GitHub accepts, using the pinned Action, filtered to the zone files and the config', async () => {
    const dir = empty();
    await runCli(['init', dir]);
    for (const f of ['dns-plan.yml', 'dns-apply.yml']) {
      const text = readFileSync(join(dir, '.github/workflows', f), 'utf8');
      expect(validateWorkflow(text).errors, f).toEqual([]);
      expect(text).toContain(`uses: ${DEFAULT_ACTION}`);
      expect(text).toContain("      - 'zones/**'\n      - 'dnsctl.yaml'");
    }
    const other = empty();
    await runCli(['init', other, '--action', 'acme/dnsctl@0123456789abcdef0123456789abcdef01234567']);
    expect(readFileSync(join(other, '.github/workflows/dns-plan.yml'), 'utf8')).toContain('uses: acme/dnsctl@0123456789abcdef0123456789abcdef01234567');
  });

  it('plans the starter zone against the sandbox', async () => {
    const dir = empty();
    await runCli(['init', dir]);
    const sandbox = await startSandbox({ zones: ['example.com.'] });
    try {
      const r = await runCli(['plan', '--config', 'dnsctl.sandbox.yaml', '--json', '--detailed-exitcode'], dir);
      expect(r.code, r.stderr).toBe(2);
      const plan = JSON.parse(r.stdout) as { zones: Array<{ zone: string; target: string }> };
      expect(plan.zones.map((z) => `${z.zone} ${z.target}`).sort()).toEqual(['example.com. cloudflare', 'example.com. route53']);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses to overwrite anything, and writes nothing then', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': 'mine\n' });
    const r = await runCli(['init', dir, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'init_conflict' } });
    expect(readdirSync(dir)).toEqual(['dnsctl.yaml']);
    expect(readFileSync(join(dir, 'dnsctl.yaml'), 'utf8')).toBe('mine\n');
  });
});

describe('dnsctl init --from-octodns CONFIG', () => {
  const OCTODNS_CONFIG = `---
providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./config
  route53:
    class: octodns_route53.Route53Provider
    access_key_id: env/AWS_ACCESS_KEY_ID
    secret_access_key: env/AWS_SECRET_ACCESS_KEY
zones:
  example.org.:
    sources:
      - config
    targets:
      - route53
`;
  const ZONE = `---
'':
  type: A
  value: 192.0.2.1
www:
  dynamic:
    pools:
      ams:
        values:
          - value: 192.0.2.2
      iad:
        fallback: ams
        values:
          - value: 192.0.2.3
    rules:
      - pool: iad
  type: A
  values:
    - 192.0.2.2
    - 192.0.2.3
x:
  type: A
  value: 1.2.3
`;

  it('adds only a dnsctl: section and the workflows, touches no zone file, keeps the verdict, and says what it found', async () => {
    const dir = makeRepo({ 'production.yaml': OCTODNS_CONFIG, 'config/example.org.yaml': ZONE });
    const before = await runCli(['validate', '--json', '--config-file', 'production.yaml'], dir);
    const r = await runCli(['init', '--from-octodns', 'production.yaml'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('providers: config (octodns.provider.yaml.YamlProvider), route53 (octodns_route53.Route53Provider)');
    expect(r.stdout).toContain('zones: 1 (example.org.) read from config');
    expect(r.stdout).toContain('dynamic records: 1, pools in regions ams, iad');
    expect(r.stdout).toContain('dnsctl validate: 1 error(s)');
    expect(readFileSync(join(dir, 'config/example.org.yaml'), 'utf8')).toBe(ZONE);
    const config = readFileSync(join(dir, 'production.yaml'), 'utf8');
    expect(config.startsWith(OCTODNS_CONFIG)).toBe(true);
    expect(config.slice(OCTODNS_CONFIG.length)).toMatch(/^\n# dnsctl's section[^]*\ndnsctl:\n/);
    const after = await runCli(['validate', '--json', '--config', 'production.yaml'], dir);
    const verdict = (out: string) => {
      const j = JSON.parse(out) as { ok: boolean; errors: number; findings: Array<{ severity: string; message?: string; reason?: string }> };
      return { ok: j.ok, errors: j.errors, errorFindings: j.findings.filter((f) => f.severity === 'error') };
    };
    expect(verdict(after.stdout)).toEqual(verdict(before.stdout));
    const plan = readFileSync(join(dir, '.github/workflows/dns-plan.yml'), 'utf8');
    expect(plan).toContain("      - 'config/**'\n      - 'production.yaml'");
    expect(plan).toContain('config: production.yaml');
    expect(validateWorkflow(plan).errors).toEqual([]);
  });

  it('leaves a config that already has a dnsctl: section as it is', async () => {
    const text = `${OCTODNS_CONFIG}dnsctl:\n  safety:\n    min_serving_pools: 1\n`;
    const dir = makeRepo({ 'octodns.yaml': text, 'config/example.org.yaml': "---\n'':\n  type: A\n  value: 192.0.2.1\n" });
    const r = await runCli(['init', '--from-octodns', 'octodns.yaml', '--json'], dir);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, found: { addedDnsctlSection: false, errors: 0 } });
    expect(readFileSync(join(dir, 'octodns.yaml'), 'utf8')).toBe(text);
  });
});
