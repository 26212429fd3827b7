/**
 * Two operators at once on empty providers: two real `dnsctl apply --yes` processes race to
 * create the zone at Route 53 and at Cloudflare. Route 53: both send CreateHostedZone with
 * the same name-derived CallerReference, the second is refused (HostedZoneAlreadyExists)
 * and uses the first's zone. Cloudflare (account_id set): the second POST /zones is refused
 * (1061 already exists) and the zone is looked up. Either way there is one zone, and the
 * next plan is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { startCloudflareEmulator, type CloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { spawnCli } from './helpers.js';

let r53: Route53Emulator;
let cf: CloudflareEmulator;
beforeAll(async () => {
  // each create is handled 6 s after it arrives: both processes pass their stale checks and send their creates together
  r53 = await startRoute53Emulator({ rate: false, syncDelayMs: 10, faults: { latencyMs: 6000, operations: ['CreateHostedZone'] } });
  cf = await startCloudflareEmulator({ rate: false, zones: [], faults: { latencyMs: 6000, operations: ['zones-post'] } });
});
afterAll(async () => {
  await r53?.close();
  await cf?.close();
});

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dnsctl-race-'));
  writeFileSync(join(dir, 'example.com.yaml'), `---\nwww:\n  type: A\n  value: 192.0.2.1\n`);
  writeFileSync(
    join(dir, 'dnsctl.yaml'),
    `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ${dir}
  route53:
    class: octodns_route53.Route53Provider
    endpoint: ${r53.url}
    access_key_id: test
    secret_access_key: test
    requests_per_second: 0
  cloudflare:
    class: octodns_cloudflare.CloudflareProvider
    base_url: ${cf.url}
    token: test-token
    account_id: ${cf.accountId}
zones:
  example.com.:
    sources: [config]
    targets: [route53, cloudflare]
`,
  );
  return dir;
}

describe('two applies racing on empty providers', () => {
  it('create one hosted zone and one Cloudflare zone; the next plan is empty', async () => {
    const dir = repo();
    const config = join(dir, 'dnsctl.yaml');
    const [a, b] = await Promise.all([spawnCli(['apply', '--yes', '--config', config], dir), spawnCli(['apply', '--yes', '--config', config], dir)]);
    // both processes tried to create each zone (a real race), and each provider holds one
    expect(r53.counters()['CreateHostedZone']).toBe(2);
    expect(Object.values(r53.snapshot().zones).map((z) => z.Name)).toEqual(['example.com.']);
    expect(cf.counters()['zones-post']).toBe(2);
    expect(cf.admin.state().zones.map((z) => z.name)).toEqual(['example.com']);
    // A zone that did not exist has no lock to take, so both processes may send the same
    // record: the second is refused by the provider ("already exists") and nothing is
    // duplicated. A process that lost a race exits 1 naming a lock holder or that refusal,
    // never anything else.
    const both = `${a.stdout}${a.stderr}\n---\n${b.stdout}${b.stderr}`;
    for (const p of [a, b]) {
      expect([0, 1], both).toContain(p.code);
      if (p.code !== 0) expect(p.stdout + p.stderr, both).toMatch(/is locked by .*nothing was changed|already exists/);
    }
    const cfZone = cf.admin.state().zones[0]!;
    const www = (cf.admin.state().records[cfZone.id] ?? []).filter((r) => r.type === 'A' && r.name === 'www.example.com');
    expect(www.map((r) => r.content)).toEqual(['192.0.2.1']);
    const again = await spawnCli(['plan', '--detailed-exitcode', '--config', config], dir);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 60_000);
});
