/**
 * No silent scope (#13.4) and a saved plan's hint that works as printed (#13.3): an unknown
 * --target or zone is an error naming the known ones, for plan and apply; the apply command
 * `plan --out` prints keeps the config the plan was made from; --force needs --reason,
 * which the saved plan records and apply honours.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, runCli } from './helpers.js';

function repo() {
  return makeRepo({
    'other.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  cloudflare:
    class: octodns.provider.yaml.YamlProvider
    directory: ./live-cf
  route53:
    class: octodns.provider.yaml.YamlProvider
    directory: ./live-r53
zones:
  example.com.:
    sources:
      - config
    targets:
      - cloudflare
      - route53
`,
    'zones/example.com.yaml': `---
a:
  type: A
  value: 192.0.2.1
`,
  });
}

describe('no silent scope', () => {
  it('plan -t with a typo is an error naming the targets, not a green "No changes"', async () => {
    const dir = repo();
    const r = await runCli(['plan', '--config', 'other.yaml', '-t', 'cloudfare'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('No changes');
    expect(r.stderr).toContain('unknown target cloudfare; the config\'s targets are: cloudflare, route53');
    const json = await runCli(['plan', '--config', 'other.yaml', '-t', 'cloudfare', '--json'], dir);
    expect((JSON.parse(json.stdout) as { error: { code: string } }).error.code).toBe('unknown_target');
  });

  it('apply -t with a typo is an error too, and writes nothing', async () => {
    const dir = repo();
    const r = await runCli(['apply', '--config', 'other.yaml', '-t', 'cloudfare', '--yes'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown target cloudfare');
  });

  it('a provider that is no zone\'s target is named as such', async () => {
    const r = await runCli(['plan', '--config', 'other.yaml', '-t', 'config'], repo());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown target config (a provider, but no zone\'s target)');
  });

  it('an unknown zone is an error naming the zones', async () => {
    const r = await runCli(['plan', '--config', 'other.yaml', 'exmaple.com'], repo());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('zone exmaple.com. is not in the config; its zones are: example.com.');
  });
});

describe('the saved plan\'s apply hint', () => {
  it('keeps --config, and works as printed', async () => {
    const dir = repo();
    const plan = await runCli(['plan', '--config', 'other.yaml', '--out', 'plan.json'], dir);
    expect(plan.code).toBe(0);
    const hint = /apply it with: dnsctl (.*)$/m.exec(plan.stderr)?.[1];
    expect(hint).toBe('apply --config other.yaml plan.json');
    const apply = await runCli(hint!.split(' '), dir);
    expect(apply.code).toBe(0);
    expect(readFileSync(join(dir, 'live-cf/example.com.yaml'), 'utf8')).toContain('192.0.2.1');
  });

  it('apply refuses a plan made from another config, saying how to apply it', async () => {
    const dir = makeRepo({});
    const src = repo();
    await runCli(['plan', '--config', 'other.yaml', '--out', 'plan.json'], src);
    const r = await runCli(['apply', '--config', join(src, 'other.yaml'), join(src, 'plan.json')], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the plan was made from other.yaml');
    expect(r.stderr).toContain('dnsctl apply --config other.yaml <plan>');
  });
});

describe('--force --reason', () => {
  const tenRecords = Array.from({ length: 10 }, (_, i) => `h${i}:\n  type: A\n  value: 192.0.2.${i + 10}\n`);
  const forced = () =>
    makeRepo({
      'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
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
      'zones/example.com.yaml': `---\n${tenRecords.slice(0, 6).join('')}`,
      'live/example.com.yaml': `---\n${tenRecords.join('')}`,
    });

  it('--force without --reason is refused', async () => {
    const r = await runCli(['plan', '--force'], forced());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--force needs --reason');
  });

  it('a plan forced with a reason records who and why, and applies as saved', async () => {
    const dir = forced();
    const unforced = await runCli(['plan', '--out', 'plan.json'], dir);
    expect(unforced.code).toBe(1);
    expect((await runCli(['apply', 'plan.json'], dir)).stderr).toContain('Too many deletes');
    process.env['DNSCTL_ACTOR'] = 'alice';
    try {
      const plan = await runCli(['plan', '--force', '--reason', 'retiring h6-h9', '--out', 'plan.json'], dir);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain('accepted by alice: retiring h6-h9');
    } finally {
      delete process.env['DNSCTL_ACTOR'];
    }
    const saved = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { accepted: { by: string; reason: string } };
    expect(saved.accepted).toMatchObject({ by: 'alice', reason: 'retiring h6-h9' });
    const apply = await runCli(['apply', 'plan.json'], dir);
    expect(apply.code).toBe(0);
    expect(readFileSync(join(dir, 'live/example.com.yaml'), 'utf8')).not.toContain('h9');
  });
});
