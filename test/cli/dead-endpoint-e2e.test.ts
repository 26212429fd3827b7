/**
 * Dead endpoints, for real: the built CLI in its own process.
 * - `plan` with nothing listening at either provider's endpoint fails in seconds (it took
 *   35-40 s, naming one provider and no cause), naming each provider, its endpoint, the
 *   cause and, for loopback endpoints, `dnsctl sandbox up`.
 * - The Route 53 emulator stopped mid-apply: refused on every try for 10 s opens the
 *   circuit; the remaining Route 53 changes are reported not attempted within ~15 s of the
 *   stop (it took 711 s), and Cloudflare's changes are all applied.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { startCloudflareEmulator, type CloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { spawnCli } from './helpers.js';

let r53: Route53Emulator | undefined;
let cf: CloudflareEmulator | undefined;
afterAll(async () => {
  await r53?.close().catch(() => undefined);
  await cf?.close();
});

/** A loopback port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((done) => srv.listen(0, '127.0.0.1', done));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((done) => srv.close(() => done()));
  return port;
}

function repo(route53: string, cloudflare: string, records: number, extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'dnsctl-dead-'));
  const zone = Array.from({ length: records }, (_, i) => `h${String(i).padStart(2, '0')}:\n  type: A\n  value: 192.0.2.${i + 1}\n`).join('');
  writeFileSync(join(dir, 'example.com.yaml'), `---\n${zone}`);
  writeFileSync(
    join(dir, 'dnsctl.yaml'),
    `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ${dir}
  route53:
    class: octodns_route53.Route53Provider
    endpoint: ${route53}
    access_key_id: test
    secret_access_key: test
    requests_per_second: 0
${extra}
  cloudflare:
    class: octodns_cloudflare.CloudflareProvider
    base_url: ${cloudflare}
    token: test-token
    rate_limit: 1000
zones:
  example.com.:
    sources: [config]
    targets: [route53, cloudflare]
`,
  );
  return dir;
}

describe('dead endpoints', () => {
  it('plan fails in seconds, naming each provider, its endpoint, the cause and the sandbox remedy', async () => {
    const port = await deadPort();
    const dir = repo(`http://127.0.0.1:${port}`, `http://127.0.0.1:${port}/client/v4`, 2);
    const { code, stderr, ms } = await spawnCli(['plan', '--config', join(dir, 'dnsctl.yaml')], dir);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain(`route53: cannot reach http://127.0.0.1:${port}: connection refused (ECONNREFUSED) on every try for`);
    expect(stderr).toContain(`cloudflare: cannot reach http://127.0.0.1:${port}/client/v4: connection refused (ECONNREFUSED) on every try for`);
    expect(stderr.match(/if this is the sandbox, start it with: dnsctl sandbox up/g)).toHaveLength(2);
    // each provider gives up after ~2 s of refusals, in parallel (node start-up and validation on top)
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it('plan names a host that does not resolve', async () => {
    const port = await deadPort();
    const dir = repo('http://no-such-host.invalid:4553', `http://127.0.0.1:${port}/client/v4`, 2);
    const { code, stderr } = await spawnCli(['plan', '--target', 'route53', '--config', join(dir, 'dnsctl.yaml')], dir);
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/route53: cannot reach http:\/\/no-such-host\.invalid:4553: DNS lookup failed \((no such host|temporary failure)\) \((ENOTFOUND|EAI_AGAIN)\)/);
    expect(stderr).not.toContain('dnsctl sandbox up');
  }, 30_000);

  it('the Route 53 endpoint stopped mid-apply: its circuit opens, the rest is reported not attempted within ~15 s, Cloudflare completes', async () => {
    r53 = await startRoute53Emulator({ rate: false, syncDelayMs: 10, faults: { latencyMs: 400, operations: ['ChangeResourceRecordSets'] } });
    cf = await startCloudflareEmulator({ zones: ['example.com'], rate: false });
    const dir = repo(r53.url, cf.url, 24, '    max_changes: 2');
    const apply = spawnCli(['apply', '--yes', '--json', '--config', join(dir, 'dnsctl.yaml')], dir);
    // two batches of two records reach Route 53, then it goes away
    for (let i = 0; i < 1200 && (r53.counters()['ChangeResourceRecordSets'] ?? 0) < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(r53.counters()['ChangeResourceRecordSets']).toBeGreaterThanOrEqual(2);
    const stoppedAt = Date.now();
    await r53.close();
    r53 = undefined;
    const { code, stdout, stderr } = await apply;
    const afterStop = Date.now() - stoppedAt;
    expect(code, stderr).toBe(1);
    expect(afterStop).toBeLessThan(16_000);
    const report = JSON.parse(stdout) as { zones: Array<{ target: string; results: Array<{ status: string; error?: string }> }> };
    const byTarget = (t: string) => report.zones.find((z) => z.target === t)!.results;
    const statuses = (t: string) => byTarget(t).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    // Cloudflare carried on
    expect(statuses('cloudflare')).toEqual({ applied: 24 });
    const r53s = statuses('route53');
    expect(r53s['applied']).toBeGreaterThanOrEqual(2);
    expect(r53s['not-attempted']).toBeGreaterThanOrEqual(10);
    expect((r53s['applied'] ?? 0) + (r53s['failed'] ?? 0) + (r53s['not-attempted'] ?? 0)).toBe(24);
    const notAttempted = byTarget('route53').find((r) => r.status === 'not-attempted')!;
    expect(notAttempted.error).toMatch(/^not attempted: route53: cannot reach http:\/\/127\.0\.0\.1:\d+: connection (refused|reset) \((ECONNREFUSED|ECONNRESET|EPIPE|UND_ERR_SOCKET)\) on every try for \d+\.\d s; if this is the sandbox, start it with: dnsctl sandbox up \(circuit open\)$/);
  }, 60_000);
});
