import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, runCli } from './helpers.js';
import { redact, resolveSecrets } from '../../src/config/secrets.js';

const ZONE = '---\na:\n  type: A\n  value: 192.0.2.1\n';

afterEach(() => {
  delete process.env['DNSCTL_TEST_TOKEN'];
  delete process.env['DNSCTL_TEST_OTHER'];
});

describe('credentials', () => {
  it('a missing env var is an error naming that variable and no other value', async () => {
    process.env['DNSCTL_TEST_OTHER'] = 'neighbour-secret-value';
    const dir = makeRepo({
      'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  live:
    class: octodns.provider.yaml.YamlProvider
    directory: ./live
    other: env/DNSCTL_TEST_OTHER
    token: env/DNSCTL_TEST_TOKEN
zones:
  example.com.:
    sources: [config]
    targets: [live]
`,
      'zones/example.com.yaml': ZONE,
    });
    const r = await runCli(['plan'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing env var DNSCTL_TEST_TOKEN');
    expect(r.stderr + r.stdout).not.toContain('neighbour-secret-value');
    // validate needs no target credentials: the missing one is a warning naming it, no value shown
    const v = await runCli(['validate'], dir);
    expect(v.stdout).toContain('warning: provider live: env/DNSCTL_TEST_TOKEN is not set');
    expect(v.stdout + v.stderr).not.toContain('neighbour-secret-value');
  });

  it('a secret value that ends up in an error message is redacted', async () => {
    process.env['DNSCTL_TEST_TOKEN'] = 's3cr3t-t0ken-value';
    const dir = makeRepo({
      'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  live:
    class: octodns.provider.yaml.YamlProvider
    default_ttl: env/DNSCTL_TEST_TOKEN
    directory: ./live
zones:
  example.com.:
    sources: [config]
    targets: [live]
`,
      'zones/example.com.yaml': ZONE,
    });
    const r = await runCli(['plan'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('default_ttl must be a whole number, got "***"');
    expect(r.stderr + r.stdout).not.toContain('s3cr3t-t0ken-value');
  });

  it('env/VAR/DEFAULT falls back, and numbers are coerced as octoDNS does', () => {
    expect(resolveSecrets({ a: 'env/DNSCTL_TEST_TOKEN/http://127.0.0.1:4553', b: 'env/DNSCTL_TEST_TOKEN/42', c: 'env/DNSCTL_TEST_TOKEN/1.5' }, 'here')).toEqual({
      a: 'http://127.0.0.1:4553',
      b: 42,
      c: 1.5,
    });
    expect(redact('nothing secret')).toBe('nothing secret');
  });
});
