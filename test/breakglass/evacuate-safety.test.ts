/**
 * Break-glass safety and failure handling on the in-process sandbox, through the CLI: each
 * safety rule refuses before any write and names the records; --force needs --reason and is
 * recorded as forced; one provider failing (100% faults) leaves the other done, exit 3, and
 * the same command run again finishes; an expired override is reported by plan and status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCloudflareEmulator, type CloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import type { RegionCommandReport, StatusReport } from '../../src/api/breakglass.js';
import { makeRepo, runCli } from '../cli/helpers.js';

let r53: Route53Emulator;
let cf: CloudflareEmulator;

const pool = (region: string, ip: string, fallback?: string) => `      ${region}:\n${fallback ? `        fallback: ${fallback}\n` : ''}        values:\n          - value: ${ip}\n`;

/** www: weighted us-east-1 70 / eu-west-1 30; solo: failover, one pool in us-east-1 with no fallback; api: failover us-west-2 -> eu-west-1 */
const ZONE = `---
api:
  dynamic:
    pools:
${pool('eu-west-1', '198.51.100.20')}${pool('us-west-2', '192.0.2.20', 'eu-west-1')}    rules:
      - pool: us-west-2
  ttl: 60
  type: A
  values:
    - 198.51.100.20
solo:
  dynamic:
    pools:
${pool('us-east-1', '192.0.2.30')}    rules:
      - pool: us-east-1
  ttl: 60
  type: A
  values:
    - 192.0.2.30
www:
  dynamic:
    pools:
${pool('eu-west-1', '198.51.100.40')}${pool('us-east-1', '192.0.2.40', 'eu-west-1')}    rules:
      - pool: us-east-1
  octodns:
    dnsctl:
      routing: weighted
      weights:
        eu-west-1: 30
        us-east-1: 70
  ttl: 120
  type: A
  values:
    - 192.0.2.40
`;

function repo(extraSafety = '', regionExtra = ''): string {
  return makeRepo({
    'zones/example.com.yaml': ZONE,
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  route53:
    class: octodns_route53.Route53Provider
    endpoint: ${r53.url}
    access_key_id: test
    secret_access_key: test
    requests_per_second: 0
    health_check_interval_ms: 0
  cloudflare:
    class: octodns_cloudflare.CloudflareProvider
    base_url: ${cf.url}
    token: test
    rate_limit: 1000
    retries: 1
zones:
  example.com.:
    sources: [config]
    targets: [route53, cloudflare]
dnsctl:
  regions:
    eu-west-1: {cloudflare: WEU, route53: eu-west-1${regionExtra}}
    us-east-1: {cloudflare: ENAM, route53: us-east-1}
    us-west-2: {cloudflare: WNAM, route53: us-west-2}
  safety:
    max_region_shift: 1${extraSafety}
`,
  });
}

beforeAll(async () => {
  r53 = await startRoute53Emulator({ rate: false, syncDelayMs: 10, allowNonPublicHealthCheckIps: true });
  cf = await startCloudflareEmulator({ zones: ['example.com'], rate: false });
});
afterAll(async () => {
  await Promise.all([r53?.close(), cf?.close()]);
});

const cli = (dir: string, ...args: string[]) => runCli([...args, '--config', join(dir, 'dnsctl.yaml')], dir);

describe('break-glass safety rules refuse before any write, naming the records', () => {
  it('no serving pool left: refused naming the record, nothing written', async () => {
    const dir = repo();
    const before = { ...r53.counters() };
    const r = await cli(dir, 'evacuate', 'us-east-1', '--reason', 'drill', '--yes');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[no-serving-pool] no pool outside the evacuated regions would serve solo.example.com. A (their static values would answer)');
    expect(r.stdout).toContain('--force with --reason overrides');
    expect(r53.counters()['ChangeResourceRecordSets'] ?? 0).toBe(before['ChangeResourceRecordSets'] ?? 0);
    expect(r53.counters()['UpdateHealthCheck'] ?? 0).toBe(0);
  });

  it('max_share: refused when a region would take more than its share, naming the record and the share', async () => {
    const dir = repo('', ', max_share: 0.6');
    const r = await cli(dir, 'evacuate', 'us-east-1', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[max-share] eu-west-1 would take more than 60% of www.example.com. A (100%)');
  });

  it('min_serving_regions: refused when a record would serve from fewer regions', async () => {
    const dir = repo('\n    min_serving_regions: 2');
    const r = await cli(dir, 'evacuate', 'us-west-2', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[min-serving-regions] api.example.com. A would serve from fewer than 2 region(s)');
  });

  it('--force needs --reason', async () => {
    const dir = repo();
    const r = await cli(dir, 'evacuate', 'us-east-1', '--force', '--yes', '--reason', ' ');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs --reason/);
  });
});

describe('break-glass on a live repository', () => {
  let dir: string;
  beforeAll(async () => {
    dir = repo();
    const apply = await cli(dir, 'apply', '--yes');
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
  }, 60_000);

  it('one provider failing: the other is done, exit 3, status says so; the same command again finishes', async () => {
    cf.setFaults({ rate5xx: 1 });
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli(dir, 'evacuate', 'us-west-2', '--reason', 'INC-7 us-west-2 down', '--yes', '--json');
    } finally {
      cf.setFaults({});
    }
    expect(r.code, r.stderr + r.stdout).toBe(3);
    const rep = JSON.parse(r.stdout) as RegionCommandReport;
    expect(rep.result).toBe('partial');
    expect(rep.outcomes.map((o) => [o.target, o.ok])).toEqual([
      ['route53', true],
      ['cloudflare', false],
    ]);
    const status = JSON.parse((await cli(dir, 'status', '--json')).stdout) as StatusReport;
    expect(status.regions.find((x) => x.region === 'us-west-2')!.cells.map((c) => [c.target, c.state.serving])).toEqual([
      ['route53', 'off'],
      ['cloudflare', 'on'],
    ]);
    const again = await cli(dir, 'evacuate', 'us-west-2', '--reason', 'INC-7 us-west-2 down', '--yes');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const after = JSON.parse((await cli(dir, 'status', '--json')).stdout) as StatusReport;
    expect(after.regions.find((x) => x.region === 'us-west-2')!.cells.map((c) => c.state.serving)).toEqual(['off', 'off']);
  }, 60_000);

  it('max_evacuated_regions: a second region is refused while one is off; --force with --reason does it and is recorded as forced', async () => {
    const r = await cli(dir, 'evacuate', 'us-east-1', '--reason', 'second', '--yes');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[max-evacuated-regions] 2 regions would be evacuated at once (us-east-1, us-west-2); dnsctl.safety.max_evacuated_regions is 1');
    const forced = await cli(dir, 'evacuate', 'us-east-1', '--reason', 'INC-8 forced', '--force', '--yes', '--json', '--expires', '1s');
    expect(forced.code, forced.stderr).toBe(0);
    expect((JSON.parse(forced.stdout) as RegionCommandReport).forced).toBe(true);
    const audit = readFileSync(join(dir, '.dnsctl', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RegionCommandReport);
    expect(audit.at(-1)).toMatchObject({ event: 'evacuate', region: 'us-east-1', forced: true, reason: 'INC-8 forced' });
  }, 60_000);

  it('an expired override is reported by plan and status, and the region stays off', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const plan = await cli(dir, 'plan');
    expect(plan.stdout).toMatch(/region us-east-1 evacuated by .* \(safety rules forced\); EXPIRED at .* — run dnsctl restore us-east-1/);
    const status = await cli(dir, 'status');
    expect(status.stdout).toMatch(/us-east-1:\n {2}route53 +example\.com\. +EVACUATED/);
    expect(status.stdout).toContain('EXPIRED at');
    for (const region of ['us-east-1', 'us-west-2']) expect((await cli(dir, 'restore', region, '--reason', 'done', '--yes')).code).toBe(0);
  }, 60_000);
});
