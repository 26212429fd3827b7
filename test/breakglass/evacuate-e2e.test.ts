/**
 * Break-glass on the in-process sandbox through the real CLI, both providers: the example
 * repository applied, then `evacuate us-east-1` moves www's us-east-1 clients to eu-west-1
 * on Route 53 (TestDNSAnswer) and Cloudflare (steering) within the call budget, `status`
 * and every plan show the override, a CI apply after a PR edit keeps the region off, the
 * audit log has the event, and `restore` brings the region back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../providers/sandbox.js';
import type { AnswerReport } from '../../providers/sandbox-drill.js';
import type { RegionCommandReport, StatusReport } from '../../src/api/breakglass.js';
import { makeRepo, runCli } from '../cli/helpers.js';

const ROOT = resolve(__dirname, '../..');
const US_EAST = ['192.0.2.40', '192.0.2.41'];
const EU_WEST = '198.51.100.40';
let sandbox: RunningSandbox;
let dir: string;
let cfg: string;

async function answers(): Promise<Record<string, string[]>> {
  const r = await runCli(['sandbox', 'answer', 'www.example.com.', '--from', 'us-east-1', '--samples', '8', '--json', '--config', cfg], dir);
  expect(r.code, r.stderr).toBe(0);
  const rep = JSON.parse(r.stdout) as AnswerReport;
  return Object.fromEntries(rep.providers.map((p) => [p.provider, [...new Set(p.answers.flatMap((a) => a.values))].sort()]));
}

beforeAll(async () => {
  sandbox = await startSandbox({ zones: ['example.com.'] });
  dir = makeRepo({});
  cpSync(join(ROOT, 'zones'), join(dir, 'zones'), { recursive: true });
  copyFileSync(join(ROOT, 'dnsctl.sandbox.yaml'), join(dir, 'dnsctl.yaml'));
  cfg = join(dir, 'dnsctl.yaml');
  const apply = await runCli(['apply', '--config', cfg, '--yes'], dir);
  expect(apply.code, apply.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
});

describe('dnsctl evacuate / status / restore on both providers', () => {
  it('dry-run prints the impact per record and changes nothing', async () => {
    const r = await runCli(['evacuate', 'us-east-1', '--dry-run', '--config', cfg], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('www.example.com. A: eu-west-1 30% -> 100%; us-east-1 70% -> 0%');
    expect(r.stdout).toContain('dry run: nothing changed');
    const a = await answers();
    for (const p of ['route53', 'cloudflare']) expect(a[p]!.some((v) => US_EAST.includes(v)), p).toBe(true);
  }, 30_000);

  it('evacuates us-east-1 on both providers within the call budget, and the answers move', async () => {
    process.env['DNSCTL_ACTOR'] = 'oncall@example.com';
    const r = await runCli(['evacuate', 'us-east-1', '--reason', 'INC-4211 5xx in us-east-1', '--expires', '4h', '--yes', '--json', '--config', cfg], dir);
    delete process.env['DNSCTL_ACTOR'];
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const rep = JSON.parse(r.stdout) as RegionCommandReport;
    expect(rep.result).toBe('done');
    const r53 = rep.outcomes.find((o) => o.target === 'route53')!;
    const cf = rep.outcomes.find((o) => o.target === 'cloudflare')!;
    expect(r53.writes).toBeLessThanOrEqual(2);
    expect(cf.writes).toBeGreaterThanOrEqual(2);
    const a = await answers();
    expect(a['route53']).toEqual([EU_WEST]);
    expect(a['cloudflare']).toEqual([EU_WEST]);
    // the audit log has the same event
    const audit = readFileSync(join(dir, '.dnsctl', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RegionCommandReport);
    expect(audit.at(-1)).toMatchObject({ event: 'evacuate', region: 'us-east-1', actor: 'oncall@example.com', reason: 'INC-4211 5xx in us-east-1', result: 'done' });
  }, 60_000);

  it('status shows the region evacuated at both providers with the override', async () => {
    const r = await runCli(['status', '--json', '--config', cfg], dir);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as StatusReport;
    const us = s.regions.find((x) => x.region === 'us-east-1')!;
    expect(us.cells.map((c) => [c.target, c.state.serving, c.override?.by])).toEqual([
      ['route53', 'off', 'oncall@example.com'],
      ['cloudflare', 'off', 'oncall@example.com'],
    ]);
    const eu = s.regions.find((x) => x.region === 'eu-west-1')!;
    expect(eu.cells.every((c) => c.state.serving === 'on')).toBe(true);
  }, 30_000);

  it('a CI plan keeps the evacuation and shows it; a PR edit of the evacuated record applies with the region still off', async () => {
    const plan = await runCli(['plan', '--config', cfg, '--detailed-exitcode'], dir);
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.stdout).toContain('region us-east-1 evacuated by oncall@example.com');
    const md = await runCli(['plan', '--config', cfg, '--format', 'markdown'], dir);
    expect(md.stdout).toContain('region us-east-1 evacuated by oncall@example.com');
    // the PR: www's us-east-1 pool gets a third value
    const file = join(dir, 'zones', 'example.com.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('          - value: 192.0.2.41\n            weight: 1\n', '          - value: 192.0.2.41\n            weight: 1\n          - value: 192.0.2.42\n'));
    const apply = await runCli(['apply', '--config', cfg, '--yes'], dir);
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect(apply.stdout).toContain('region us-east-1 evacuated');
    const a = await answers();
    expect(a['route53']).toEqual([EU_WEST]);
    expect(a['cloudflare']).toEqual([EU_WEST]);
  }, 60_000);

  it('restore brings us-east-1 back on both providers and removes the override', async () => {
    const r = await runCli(['restore', 'us-east-1', '--reason', 'INC-4211 fixed', '--yes', '--config', cfg], dir);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('us-east-1 restored everywhere');
    const a = await answers();
    for (const p of ['route53', 'cloudflare']) expect(a[p]!.some((v) => [...US_EAST, '192.0.2.42'].includes(v)), p).toBe(true);
    const plan = await runCli(['plan', '--config', cfg], dir);
    expect(plan.stdout).not.toContain('evacuated');
    expect(existsSync(join(dir, '.dnsctl', 'audit.jsonl'))).toBe(true);
  }, 60_000);
});
