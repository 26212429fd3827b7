import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import { BASIC_CONFIG, makeRepo, runCli } from './helpers.js';

const ROOT = resolve(__dirname, '../..');

function snapshotTree(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of readdirSync(dir, { recursive: true }) as string[]) out[f] = statSync(join(dir, f)).mtimeMs;
  return out;
}

describe('dnsctl validate', () => {
  it('passes the example repository and exits 0', async () => {
    const r = await runCli(['validate'], ROOT);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✓ 1 zone\(s\), \d+ record\(s\): 0 error\(s\), \d+ warning\(s\)/);
    // its only warnings: the real providers' credentials are not set here (validate needs none)
    const warnings = r.stdout.split('\n').filter((l) => l.includes('warning:'));
    expect(warnings.every((l) => /env\/\w+ is not set/.test(l)), warnings.join('\n')).toBe(true);
    expect(r.code).toBe(0);
  });

  it('reports every invalid record with file, line, column, record and reason, and exits 1', async () => {
    const dir = makeRepo({
      'dnsctl.yaml': BASIC_CONFIG,
      'zones/example.com.yaml': `---
a:
  type: A
  values:
    - 1.2.3
    - 10.0.0.1
b:
  type: CNAME
  value: not a name
c:
  type: MX
  value:
    exchange: mx.example.com.
`,
    });
    const before = snapshotTree(dir);
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      'zones/example.com.yaml:3:3: error: a.example.com.: invalid IPv4 address "1.2.3" (via ip-value-rfc)',
      expect.stringMatching(/^zones\/example\.com\.yaml:8:3: error: b\.example\.com\.: (CNAME value "not a name" is not a valid FQDN|invalid record, whitespace)/),
      'zones/example.com.yaml:11:3: error: c.example.com.: missing preference (via mx-value)',
      '✗ 1 zone(s), 0 record(s): 3 error(s), 0 warning(s)',
    ]);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--json gives a versioned machine-readable report', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': '---\na:\n  value: 1.2.3.4\n  type: A\n' });
    const r = await runCli(['validate', '--json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ version: 1, ok: false, errors: 1 });
    expect(report.findings[0]).toMatchObject({
      severity: 'error',
      reason: 'keys out of order: expected type got value',
      file: join(dir, 'zones/example.com.yaml'),
      line: 3,
      column: 3,
      zone: 'example.com.',
    });
  });

  it('warns about keys octoDNS silently ignores and about duplicate keys, keeping the verdict', async () => {
    const dir = makeRepo({
      'dnsctl.yaml': BASIC_CONFIG,
      'zones/example.com.yaml': '---\na:\n  tll: 60\n  type: A\n  value: 1.2.3.4\nb:\n  type: A\n  value: 1.1.1.1\n  value: 2.2.2.2\n',
    });
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zones/example.com.yaml:3:3: warning: a.example.com.: unknown key "tll"');
    expect(r.stdout).toContain('zones/example.com.yaml:9:3: warning: example.com.: duplicate key "value": the last one wins');
  });

  it('--validators strict applies octoDNS strict reasons', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': '---\n? \'\'\n: type: NS\n  values:\n    - 1.2.3.4.\n    - ns2.example.net.\n' });
    expect((await runCli(['validate'], dir)).code).toBe(0);
    const strict = await runCli(['validate', '--validators', 'legacy,strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('NS value "1.2.3.4." is an IP address');
  });

  it('checks the region catalogue: a pool in no region is an error, an unused region a warning', async () => {
    const dir = makeRepo({
      'dnsctl.yaml': `${BASIC_CONFIG}dnsctl:\n  regions:\n    eu-west-1:\n      cloudflare: WEU\n      route53: eu-west-1\n    us-east-1:\n      cloudflare: ENAM\n      route53: us-east-1\n`,
      'zones/example.com.yaml': `---
api:
  dynamic:
    pools:
      mars-1:
        values:
          - value: 1.1.1.1
      us-east-1:
        fallback: mars-1
        values:
          - value: 2.2.2.2
    rules:
      - pool: us-east-1
  type: A
  value: 3.3.3.3
`,
    });
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('zones/example.com.yaml:3:3: error: api.example.com.: pool "mars-1" maps to region "mars-1", which is not in the region catalogue');
    expect(r.stdout).toContain('warning: region "eu-west-1" in dnsctl.regions has no pools in any zone');
  });

  it('names a missing config file', async () => {
    const dir = makeRepo({});
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config file dnsctl.yaml not found');
  });
});

describe('dnsctl dump', () => {
  it('writes octoDNS YAML that validates again and JSON sorted by fqdn and type', async () => {
    const out = makeRepo({});
    const y = await runCli(['dump', 'example.com.', '--source', 'config', '--output-dir', out], ROOT);
    expect(y.code).toBe(0);
    const repo = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG });
    const again = await runCli(['dump', 'example.com', '--source', 'config', '--format', 'json', '--config', join(ROOT, 'dnsctl.yaml')], ROOT);
    const records = JSON.parse(again.stdout) as Array<{ fqdn: string; type: string }>;
    const keys = records.map((r) => `${r.fqdn} ${r.type}`);
    expect(keys).toEqual([...keys].sort());
    expect(records.find((r) => r.fqdn === 'www.example.com.')).toMatchObject({ type: 'A', dynamic: { pools: { 'us-east-1': { fallback: 'eu-west-1' } } } });
    expect(repo).toBeTruthy();
  });

  it("warns that a zone's processors are not run, and still dumps its records", async () => {
    const dir = makeRepo({
      'dnsctl.yaml': `processors:\n  tpl:\n    class: octodns.processor.templating.Templating\n${BASIC_CONFIG}    processors: [tpl]\n`,
      'zones/example.com.yaml': '---\na:\n  type: A\n  value: 1.2.3.4\n',
    });
    const r = await runCli(['dump', 'example.com.', '--source', 'config'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('zone example.com. uses octoDNS processors (tpl), which dnsctl does not run');
    expect(r.stdout).toContain('value: 1.2.3.4');
  });
});
