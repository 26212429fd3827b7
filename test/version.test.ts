/** The version dnsctl reports (`--version`, MetaProcessor's include_version) is package.json's. */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DNSCTL_VERSION } from '../src/version.js';
import { runCli } from './cli/helpers.js';

it('DNSCTL_VERSION and --version match package.json', async () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  expect(DNSCTL_VERSION).toBe(pkg.version);
  const r = await runCli(['--version']);
  expect(r.stdout.trim()).toBe(pkg.version);
});
