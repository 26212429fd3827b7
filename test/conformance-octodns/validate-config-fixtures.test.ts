/**
 * octoDNS's config fixtures whose problem octoDNS's validate reports at the provider
 * (an unknown class, a provider config it cannot build, a missing env var): dnsctl's
 * validate, which checks the whole config without credentials, must fail them too (it
 * used to pass bad-provider-class.yaml with "0 zone(s)"); a missing env var is a warning,
 * an error with --strict-env.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES } from './fixtures.js';
import { runCli } from '../cli/helpers.js';

const config = (name: string) => join(FIXTURES, 'tests', 'config', name);

describe('validate fails the provider fixtures octoDNS refuses', () => {
  it.each([
    ['bad-provider-class.yaml', 'Unknown provider class: foo.bar.DoesntExistProvider for provider dne'],
    ['bad-provider-class-module.yaml', 'Unknown provider class: octodns.provider.yaml.DoesntExistProvider for provider dne'],
  ])('%s', async (file, message) => {
    const r = await runCli(['validate', '--config', config(file)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(message);
  });

  it('missing-provider-config.yaml: the YAML provider cannot be built', async () => {
    const r = await runCli(['validate', '--config', config('missing-provider-config.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error:');
  });

  it('missing-provider-env.yaml: a warning naming the variable, an error with --strict-env', async () => {
    const r = await runCli(['validate', '--config', config('missing-provider-env.yaml')]);
    expect(r.stdout).toContain('provider yaml: env/DOES_NOT_EXIST is not set');
    const strict = await runCli(['validate', '--strict-env', '--config', config('missing-provider-env.yaml')]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('error: provider yaml: env/DOES_NOT_EXIST is not set');
  });

  it('no-dump.yaml, whose providers are all YAML providers, has no provider finding (control)', async () => {
    const r = await runCli(['validate', '--config', config('no-dump.yaml')], FIXTURES);
    expect(r.stdout + r.stderr).not.toMatch(/Unknown provider class|Incorrect provider config|is not set/);
  });
});
