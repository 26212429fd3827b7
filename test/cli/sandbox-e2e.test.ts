/**
 * The whole product on the embedded sandbox, through the real CLI: both emulators on
 * loopback, the example repository planned and applied to Route 53 and Cloudflare at
 * once, --wait reporting INSYNC, dump from each provider, and a live change made behind
 * dnsctl's back refusing the stale plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../providers/sandbox.js';
import { runCli } from './helpers.js';

const ROOT = resolve(__dirname, '../..');
const CONFIG = 'dnsctl.sandbox.yaml';
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ zones: ['example.com.'] });
});
afterAll(async () => {
  await sandbox?.close();
});

describe('example repository on the sandbox (Route 53 + Cloudflare)', () => {
  it('plans both providers, applies with --wait, and re-plans empty', async () => {
    const plan = await runCli(['plan', '--config', CONFIG, '--format', 'json', '--detailed-exitcode'], ROOT);
    expect(plan.code).toBe(2);
    const p = JSON.parse(plan.stdout) as { zones: Array<{ target: string; changes: unknown[]; losses: Array<{ message: string }> }> };
    expect(p.zones.map((z) => [z.target, z.changes.length])).toEqual([
      ['route53', 14],
      ['cloudflare', 13],
    ]);
    const apply = await runCli(['apply', '--config', CONFIG, '--yes', '--wait'], ROOT);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/changes INSYNC \d+\.\d s after the last batch/);
    expect(apply.stdout).toContain('27 changes applied in 2 zones');
    const again = await runCli(['plan', '--config', CONFIG, '--detailed-exitcode'], ROOT);
    expect(again.code).toBe(0);
  }, 60_000);

  it('dumps the zone as each provider sees it, dynamic records included', async () => {
    for (const source of ['route53', 'cloudflare']) {
      const r = await runCli(['dump', 'example.com.', '--source', source, '--format', 'json', '--config', CONFIG], ROOT);
      expect(r.code, r.stderr).toBe(0);
      const records = JSON.parse(r.stdout) as Array<{ fqdn: string; type: string; dynamic?: { pools: Record<string, unknown> }; octodns?: { dnsctl?: { routing?: string } } }>;
      const www = records.find((x) => x.fqdn === 'www.example.com.' && x.type === 'A');
      expect(Object.keys(www?.dynamic?.pools ?? {}).sort(), source).toEqual(['eu-west-1', 'us-east-1']);
      expect(www?.octodns?.dnsctl?.routing, source).toBe('weighted');
    }
  }, 60_000);

  it('refuses a saved plan once live DNS moved, and names the zone and provider', async () => {
    const dir = ROOT;
    const saved = await runCli(['plan', '--config', CONFIG, '--out', 'node_modules/.cache/dnsctl-e2e-plan.json'], dir);
    expect(saved.code).toBe(0);
    // someone edits Cloudflare by hand
    const { default: Cloudflare } = await import('cloudflare');
    const cf = new Cloudflare({ apiToken: 'x', baseURL: sandbox.cloudflare, maxRetries: 0 });
    const zone = (await cf.zones.list({ name: 'example.com' })).result[0]!;
    await cf.dns.records.create({ zone_id: zone.id, type: 'TXT', name: 'hand-made.example.com', content: 'oops', ttl: 300 });
    const stale = await runCli(['apply', 'node_modules/.cache/dnsctl-e2e-plan.json', '--config', CONFIG], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('live state changed since the plan was made (example.com. at cloudflare); nothing was applied');
    const replan = await runCli(['plan', '--config', CONFIG, '--format', 'json'], dir);
    const changes = (JSON.parse(replan.stdout) as { zones: Array<{ target: string; changes: Array<{ kind: string; name: string }> }> }).zones.flatMap((z) => z.changes.map((c) => `${z.target} ${c.kind} ${c.name}`));
    expect(changes).toEqual(['cloudflare delete hand-made']);
  }, 60_000);
});
