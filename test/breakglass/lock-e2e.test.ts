/**
 * The per-(zone, provider) lock with two real CLI processes against the Route 53 emulator
 * (its ChangeResourceRecordSets slowed so the first apply holds the lock for seconds):
 * the second apply is refused naming the holder, or with --wait-lock waits and then
 * applies; a lock never shows in a plan; a stale lock is taken over with a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { makeRepo, runCli, spawnCli, type ProcessResult } from '../cli/helpers.js';

let emu: Route53Emulator;
let sdk: Route53Client;

beforeAll(async () => {
  emu = await startRoute53Emulator({ rate: false, syncDelayMs: 10 });
  sdk = new Route53Client({ endpoint: emu.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});
afterAll(async () => {
  sdk?.destroy();
  await emu?.close();
});

function repo(zone: string, value: string): string {
  return makeRepo({
    [`zones/${zone}yaml`]: `---\nwww:\n  type: A\n  value: ${value}\n`,
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  route53:
    class: octodns_route53.Route53Provider
    endpoint: ${emu.url}
    access_key_id: test
    secret_access_key: test
    requests_per_second: 0
zones:
  ${zone}:
    sources: [config]
    targets: [route53]
`,
  });
}

function setValue(dir: string, zone: string, value: string): void {
  writeFileSync(join(dir, 'zones', `${zone}yaml`), `---\nwww:\n  type: A\n  value: ${value}\n`);
}

function cli(dir: string, args: string[], actor: string): { done: Promise<ProcessResult> } {
  return { done: spawnCli([...args, '--config', join(dir, 'dnsctl.yaml')], dir, { DNSCTL_ACTOR: actor }) };
}

async function zoneId(zone: string): Promise<string> {
  const out = await sdk.send(new ListHostedZonesByNameCommand({ DNSName: zone }));
  return out.HostedZones![0]!.Id!.replace('/hostedzone/', '');
}

async function lockText(zone: string): Promise<string | undefined> {
  const out = await sdk.send(new ListResourceRecordSetsCommand({ HostedZoneId: await zoneId(zone) }));
  return out.ResourceRecordSets?.find((r) => r.Name === `_dnsctl-lock.${zone}`)?.ResourceRecords?.[0]?.Value;
}

async function untilLocked(zone: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const t = await lockText(zone);
    if (t) return t;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the first apply never took the lock');
}

describe('the zone lock, two real CLI processes', () => {
  it('refuses a second apply naming the holder; --wait-lock waits and then applies; nothing is left locked', async () => {
    const zone = 'lock-race.example.';
    const dir = repo(zone, '192.0.2.1');
    expect((await runCli(['apply', '--yes', '--config', join(dir, 'dnsctl.yaml')], dir)).code).toBe(0);
    // slow writes: the holder keeps the lock for about 9 s (lock, batch, release), longer than a second process takes to start even on a loaded machine
    emu.setFaults({ latencyMs: 3000, operations: ['ChangeResourceRecordSets'] });
    try {
      setValue(dir, zone, '192.0.2.2');
      const first = cli(dir, ['apply', '--yes'], 'alice@example.com');
      const held = await untilLocked(zone);
      expect(held).toContain('holder=alice%40example.com');
      expect(held).toContain('cmd=apply');
      const second = await cli(dir, ['apply', '--yes'], 'bob@example.com').done;
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`${zone} at route53 is locked by alice@example.com (dnsctl apply, routine, since`);
      expect(second.stderr).toContain('--wait-lock');
      const a = await first.done;
      expect(a.code, a.stderr).toBe(0);

      // now bob waits for carol's lock instead of giving up
      setValue(dir, zone, '192.0.2.3');
      const carol = cli(dir, ['apply', '--yes'], 'carol@example.com');
      await untilLocked(zone);
      setValue(dir, zone, '192.0.2.4');
      const bob = await cli(dir, ['apply', '--yes', '--wait-lock', '60s'], 'bob@example.com').done;
      expect((await carol.done).code).toBe(0);
      expect(bob.code, bob.stderr).toBe(0);
    } finally {
      emu.setFaults({});
    }
    expect(await lockText(zone)).toBeUndefined();
    const plan = await runCli(['plan', '--config', join(dir, 'dnsctl.yaml'), '--detailed-exitcode'], dir);
    expect(plan.code, plan.stdout).toBe(0);
  }, 120_000);

  it('never shows or deletes a held lock in a plan, and takes over a stale one with a warning', async () => {
    const zone = 'lock-stale.example.';
    const dir = repo(zone, '192.0.2.1');
    expect((await runCli(['apply', '--yes', '--config', join(dir, 'dnsctl.yaml')], dir)).code).toBe(0);
    const expired = 'dnsctl-lock;v=1;id=0badc0ffee00;holder=ci%40runner-7;cmd=apply;kind=routine;start=2026-01-01T00%3A00%3A00.000Z;exp=2026-01-01T00%3A15%3A00.000Z';
    await sdk.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: await zoneId(zone),
      ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: `_dnsctl-lock.${zone}`, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: `"${expired}"` }] } }] },
    }));
    const plan = await runCli(['plan', '--config', join(dir, 'dnsctl.yaml'), '--format', 'json', '--detailed-exitcode'], dir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).not.toContain('_dnsctl-lock');
    setValue(dir, zone, '192.0.2.9');
    const apply = await runCli(['apply', '--yes', '--config', join(dir, 'dnsctl.yaml')], dir);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain(`warning: ${zone} at route53: took over a stale lock held by ci@runner-7 (dnsctl apply, routine, since 2026-01-01T00:00:00.000Z`);
    expect(await lockText(zone)).toBeUndefined();
  }, 30_000);
});
