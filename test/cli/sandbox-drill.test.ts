/**
 * Failover drills on the in-process sandbox, through the real CLI: the example repository
 * applied to both emulators, then `sandbox outage us-east-1` moves www away from us-east-1 on
 * Route 53 and Cloudflare, and `--heal` brings it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../providers/sandbox.js';
import type { AnswerReport } from '../../providers/sandbox-drill.js';
import { makeRepo, runCli } from './helpers.js';

const ROOT = resolve(__dirname, '../..');
const CONFIG = 'dnsctl.sandbox.yaml';
const US_EAST = ['192.0.2.40', '192.0.2.41'];
const EU_WEST = '198.51.100.40';
let sandbox: RunningSandbox;

/** The sandbox config with the zones read from this repository and `edit` applied. */
function sandboxConfig(edit: (text: string) => string): string {
  const text = readFileSync(join(ROOT, CONFIG), 'utf8').replace('directory: ./zones', `directory: ${join(ROOT, 'zones')}`);
  return join(makeRepo({ 'dnsctl.yaml': edit(text) }), 'dnsctl.yaml');
}

async function answer(...extra: string[]): Promise<AnswerReport> {
  const r = await runCli(['sandbox', 'answer', 'www.example.com.', '--from', 'us-east-1', '--samples', '8', '--json', '--config', CONFIG, ...extra], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as AnswerReport;
}

/** every value answered by a provider, over all samples */
function valuesOf(report: AnswerReport, provider: string): string[] {
  const p = report.providers.find((x) => x.provider === provider);
  expect(p?.skipped, provider).toBeUndefined();
  return [...new Set(p!.answers.flatMap((a) => a.values))].sort();
}

beforeAll(async () => {
  sandbox = await startSandbox({ zones: ['example.com.'] });
  const apply = await runCli(['apply', '--config', CONFIG, '--yes'], ROOT);
  expect(apply.code, apply.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
});

describe('sandbox outage / answer on the example repository', () => {
  it('answers www from us-east-1 with its us-east-1 values on both providers while all is well', async () => {
    const report = await answer();
    expect(report).toMatchObject({ fqdn: 'www.example.com.', type: 'A', from: 'us-east-1', samples: 8 });
    for (const provider of ['route53', 'cloudflare']) {
      expect(valuesOf(report, provider).some((v) => US_EAST.includes(v)), provider).toBe(true);
    }
    expect(report.providers.find((p) => p.provider === 'route53')?.client).toBe('192.0.2.1');
    expect(report.providers.find((p) => p.provider === 'cloudflare')?.client).toBe('ENAM');
  }, 30_000);

  it('outage us-east-1: www moves to eu-west-1 on both providers', async () => {
    const outage = await runCli(['sandbox', 'outage', 'us-east-1', '--config', CONFIG], ROOT);
    expect(outage.code, outage.stderr).toBe(0);
    // api, app and www: two us-east-1 values each; cdn: one
    expect(outage.stdout).toContain('route53: 7 health check(s) marked unhealthy');
    expect(outage.stdout).toContain('cloudflare: 7 origin(s) in 4 pool(s) marked unhealthy');
    const report = await answer();
    expect(valuesOf(report, 'route53')).toEqual([EU_WEST]);
    expect(valuesOf(report, 'cloudflare')).toEqual([EU_WEST]);
    for (const p of report.providers) for (const a of p.answers) expect(a.regions, p.provider).toEqual(['eu-west-1']);
    const text = await runCli(['sandbox', 'answer', 'www.example.com', '--from', 'us-east-1', '--config', CONFIG], ROOT);
    expect(text.stdout).toBe(`route53: ${EU_WEST} (NOERROR, eu-west-1) [client 192.0.2.1]\ncloudflare: ${EU_WEST} (pool eu-west-1) [region ENAM]\n`);
  }, 30_000);

  it('heal: www answers from us-east-1 again', async () => {
    const heal = await runCli(['sandbox', 'outage', 'us-east-1', '--heal', '--config', CONFIG], ROOT);
    expect(heal.code, heal.stderr).toBe(0);
    expect(heal.stdout).toContain('route53: 7 health check(s) marked healthy again');
    expect(heal.stdout).toContain('cloudflare: 7 origin(s) in 4 pool(s) marked healthy again');
    const report = await answer();
    for (const provider of ['route53', 'cloudflare']) {
      expect(valuesOf(report, provider).some((v) => US_EAST.includes(v)), provider).toBe(true);
    }
  }, 30_000);

  it('an outage of another region leaves www from us-east-1 alone', async () => {
    const outage = await runCli(['sandbox', 'outage', 'ap-southeast-1', '--config', CONFIG], ROOT);
    expect(outage.code, outage.stderr).toBe(0);
    expect(outage.stdout).toContain('route53: 2 health check(s) marked unhealthy');
    try {
      const app = await runCli(['sandbox', 'answer', 'app.example.com.', '--from', 'ap-southeast-1', '--json', '--config', CONFIG], ROOT);
      const report = JSON.parse(app.stdout) as AnswerReport;
      // latency: Singapore's nearest healthy region is no longer ap-southeast-1
      for (const p of report.providers) expect(p.answers.flatMap((a) => a.regions), p.provider).not.toContain('ap-southeast-1');
    } finally {
      await runCli(['sandbox', 'outage', 'ap-southeast-1', '--heal', '--config', CONFIG], ROOT);
    }
  }, 30_000);

  it('refuses a region outside the catalogue, and changes nothing', async () => {
    const outage = await runCli(['sandbox', 'outage', 'mars-1', '--config', CONFIG], ROOT);
    expect(outage.code).toBe(1);
    expect(outage.stderr).toContain('unknown region "mars-1": not in the catalogue (dnsctl.regions of dnsctl.sandbox.yaml: ap-southeast-1, eu-west-1, us-east-1, us-west-2)');
    expect(outage.stdout).toBe('');
    const from = await runCli(['sandbox', 'answer', 'www.example.com', '--from', 'mars-1', '--config', CONFIG], ROOT);
    expect(from.code).toBe(1);
    expect(from.stderr).toContain('unknown region "mars-1"');
  });

  it('answers for a region without a Cloudflare code: Route 53 answers, Cloudflare is skipped with the reason', async () => {
    const config = sandboxConfig((t) => t.replace('    us-east-1:\n      cloudflare: ENAM', '    sa-east-1:\n      description: São Paulo\n      route53: sa-east-1\n    us-east-1:\n      cloudflare: ENAM'));
    const r = await runCli(['sandbox', 'answer', 'www.example.com', '--from', 'sa-east-1', '--json', '--config', config]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as AnswerReport;
    expect(report.providers.find((p) => p.provider === 'cloudflare')).toEqual({
      provider: 'cloudflare',
      kind: 'cloudflare',
      skipped: 'region sa-east-1 has no Cloudflare region code in dnsctl.regions',
      answers: [],
    });
    const r53 = report.providers.find((p) => p.provider === 'route53');
    expect(r53?.client).toBe('100.64.0.1');
    expect(r53?.answers[0]?.values.length).toBe(1);
    const text = await runCli(['sandbox', 'answer', 'www.example.com', '--from', 'sa-east-1', '--config', config]);
    expect(text.stdout).toMatch(/^route53: \S+ \(NOERROR, (us-east-1|eu-west-1)\) \[client 100\.64\.0\.1\]\ncloudflare: - \(skipped: region sa-east-1 has no Cloudflare region code in dnsctl\.regions\)\n$/);
  }, 30_000);

  it('says the sandbox is not running, and changes nothing, when an emulator does not answer', async () => {
    const config = sandboxConfig((t) => t.replace('env/DNSCTL_SANDBOX_CLOUDFLARE/http://127.0.0.1:4554/client/v4', 'http://127.0.0.1:9/client/v4'));
    const r = await runCli(['sandbox', 'outage', 'us-east-1', '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the sandbox is not running (start it with: dnsctl sandbox up); nothing was changed');
    expect(r.stderr).toContain('cloudflare emulator of provider cloudflare at http://127.0.0.1:9 does not answer');
    // Route 53 did answer, yet nothing was marked there
    const report = await answer();
    expect(valuesOf(report, 'route53').some((v) => US_EAST.includes(v))).toBe(true);
  }, 30_000);

  it('refuses a config that points at the real APIs', async () => {
    const r = await runCli(['sandbox', 'outage', 'us-east-1', '--config', 'dnsctl.yaml'], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('provider route53 has no endpoint: sandbox commands only talk to the emulators');
  });
});

describe('representative Route 53 clients (the README table)', () => {
  it('places each example region where the README says', async () => {
    const { route53Client } = await import('../../providers/sandbox-drill/clients.js');
    const at = (id: string) => route53Client({ id });
    expect(at('us-east-1')).toEqual({ address: '192.0.2.1', location: 'NA-US-VA', region: 'us-east-1' });
    expect(at('us-west-2')).toEqual({ address: '192.0.2.129', location: 'NA-US-CA', region: 'us-west-1' });
    expect(at('eu-west-1')).toEqual({ address: '198.51.100.129', location: 'EU-GB', region: 'eu-west-2' });
    expect(at('ap-southeast-1')).toEqual({ address: '100.64.3.1', location: 'AS-SG', region: 'ap-southeast-1' });
    expect(route53Client({ id: 'primary', route53: 'sa-east-1' })).toEqual({ address: '100.64.0.1', location: 'SA-BR', region: 'sa-east-1' });
    expect(at('mars-1')).toEqual({ skipped: 'region mars-1: Route 53 region "mars-1" is unknown to the emulator\'s geo table' });
  });
});
