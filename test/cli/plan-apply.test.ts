import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeRepo, runCli } from './helpers.js';

const ZONES = resolve(__dirname, '../../zones');

function repoWithYamlTarget() {
  const dir = makeRepo({});
  writeFileSync(
    join(dir, 'dnsctl.yaml'),
    `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ${ZONES}
  live:
    class: octodns.provider.yaml.YamlProvider
    directory: ./live
zones:
  example.com.:
    sources:
      - config
    targets:
      - live
`,
  );
  return dir;
}

describe('dnsctl plan / apply', () => {
  it('plan --out saves a plan; apply applies exactly it; a re-plan is empty; --detailed-exitcode says so', async () => {
    const dir = repoWithYamlTarget();
    const plan = await runCli(['plan', '--out', 'plan.json', '--detailed-exitcode'], dir);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('example.com. → live (yaml) — zone will be created');
    expect(plan.stdout).toMatch(/Plan: 14 to create, 0 to update, 0 to delete/);
    expect(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'))).toMatchObject({ version: 1 });
    expect(existsSync(join(dir, 'live'))).toBe(false);

    const apply = await runCli(['apply', 'plan.json'], dir);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('14 changes applied');
    const again = await runCli(['plan', '--detailed-exitcode'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
  });

  it('apply refuses a stale plan and changes nothing', async () => {
    const dir = repoWithYamlTarget();
    await runCli(['plan', '--out', 'plan.json'], dir);
    await runCli(['apply', '--yes'], dir); // someone else applied meanwhile
    const before = readFileSync(join(dir, 'live/example.com.yaml'), 'utf8');
    const stale = await runCli(['apply', 'plan.json'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('live state changed since the plan was made (example.com. at live); nothing was applied');
    expect(readFileSync(join(dir, 'live/example.com.yaml'), 'utf8')).toBe(before);
  });

  it('apply without a plan file refuses to run unattended without --yes', async () => {
    const dir = repoWithYamlTarget();
    const r = await runCli(['apply'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to apply without confirmation: pass --yes');
    expect(existsSync(join(dir, 'live'))).toBe(false);
  });

  it('--format json and --format markdown', async () => {
    const dir = repoWithYamlTarget();
    const json = await runCli(['plan', '--format', 'json'], dir);
    expect(JSON.parse(json.stdout).zones[0].changes).toHaveLength(14);
    const md = await runCli(['plan', '--format', 'markdown'], dir);
    expect(md.stdout.startsWith('<!-- dnsctl-plan -->')).toBe(true);
  });

  it('plan refuses an invalid repository and names the problem', async () => {
    const dir = makeRepo({
      'dnsctl.yaml': 'providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\nzones:\n  example.com.:\n    sources: [config]\n',
      'zones/example.com.yaml': '---\na:\n  type: A\n  value: 300.1.1.1\n',
    });
    const r = await runCli(['plan'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the repository is invalid (1 error(s)); nothing was planned');
    expect(r.stderr).toContain('zones/example.com.yaml:3:3: error: a.example.com.: invalid IPv4 address "300.1.1.1"');
  });

  it('dnsctl providers lists capabilities', async () => {
    const r = await runCli(['providers', '--json']);
    expect(JSON.parse(r.stdout).yaml.routing).toEqual(['failover', 'weighted', 'latency', 'geo']);
  });
});

describe('one provider down', () => {
  function twoTargets() {
    const dir = makeRepo({});
    writeFileSync(
      join(dir, 'dnsctl.yaml'),
      `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ${ZONES}
  live:
    class: octodns.provider.yaml.YamlProvider
    directory: ./live
  down:
    class: octodns_route53.Route53Provider
    access_key_id: test
    endpoint: http://127.0.0.1:9
    client_max_attempts: 1
    secret_access_key: test
zones:
  example.com.:
    sources:
      - config
    targets:
      - live
      - down
`,
    );
    return dir;
  }

  it('a failed read names the provider and zone; the healthy provider can still be planned and applied alone', async () => {
    const dir = twoTargets();
    const all = await runCli(['plan'], dir);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(/down \(route53\): cannot read example\.com\.:/);
    const plan = await runCli(['plan', '--target', 'live', '--out', 'plan.json'], dir);
    expect(plan.code).toBe(0);
    const apply = await runCli(['apply', 'plan.json', '--target', 'live'], dir);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('14 changes applied');
    const wrong = await runCli(['apply', 'plan.json', '--target', 'down'], dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the plan holds no changes for target(s) down (it has: live)');
  }, 60_000);
});
