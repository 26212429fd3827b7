/**
 * validate checks the whole config without credentials (#13.5): a provider class dnsctl
 * does not have, or a misspelt provider option, fails validate (it used to pass and fail
 * only at plan); a missing env/ secret is a warning, an error with --strict-env.
 */
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli } from './helpers.js';

const ZONE = `---
a:
  type: A
  value: 192.0.2.1
`;

function repo(target: string) {
  return makeRepo({
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
${target}zones:
  example.com.:
    sources:
      - config
    targets:
      - live
`,
    'zones/example.com.yaml': ZONE,
  });
}

const ROUTE53 = (extra = '') => `  live:
    class: octodns_route53.Route53Provider
    access_key_id: env/PLANCORE_TEST_AWS_KEY
    secret_access_key: env/PLANCORE_TEST_AWS_SECRET
${extra}`;

describe('validate checks the whole config', () => {
  it('an unknown provider class is an error at its line', async () => {
    const r = await runCli(['validate'], repo('  live:\n    class: octodns_ns1.Ns1Provider\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/dnsctl\.yaml:6:\d+: error: Unknown provider class: octodns_ns1\.Ns1Provider for provider live/);
  });

  it('a misspelt provider option is an error naming the nearest option', async () => {
    const r = await runCli(['validate'], repo(ROUTE53('    max_chnages: 10\n')));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Incorrect provider config for live: unknown option max_chnages (did you mean max_changes?)');
  });

  it('a secret that is not set is a warning, an error with --strict-env; nothing is printed of any value', async () => {
    const dir = repo(ROUTE53());
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: provider live: env/PLANCORE_TEST_AWS_KEY is not set');
    const strict = await runCli(['validate', '--strict-env'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('error: provider live: env/PLANCORE_TEST_AWS_SECRET is not set');
  });

  it('a clean config with its secrets set passes with no warning (control)', async () => {
    process.env['PLANCORE_TEST_AWS_KEY'] = 'AKIAEXAMPLE';
    process.env['PLANCORE_TEST_AWS_SECRET'] = 'secret-value-1234';
    try {
      const r = await runCli(['validate', '--strict-env'], repo(ROUTE53()));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('0 error(s), 0 warning(s)');
      expect(r.stdout).not.toContain('secret-value-1234');
    } finally {
      delete process.env['PLANCORE_TEST_AWS_KEY'];
      delete process.env['PLANCORE_TEST_AWS_SECRET'];
    }
  });
});
