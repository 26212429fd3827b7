/**
 * A live provider as a source (migrating a zone from Route 53 to another target, as octoDNS
 * does with `sources: [route53]`): plan reads it as the desired state. A source that does not
 * hold the zone is refused (the plan would delete everything at the target), and records the
 * source holds but dnsctl cannot read are said, not silently dropped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan } from '../../src/api/apply.js';
import { createProvider } from '../../providers/index.js';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { makeRepo } from '../cli/helpers.js';

let emu: Route53Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** A repository migrating example.com. from Route 53 (source) to a YAML target; `extraYaml` adds a YAML source after it. */
function repo(url: string, extraYaml?: string) {
  const dir = makeRepo({
    'dnsctl.yaml': `providers:
  r53:
    class: octodns_route53.Route53Provider
    endpoint: ${url}
    access_key_id: test
    secret_access_key: test
    requests_per_second: 0
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  live:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/live
zones:
  example.com.:
    sources: [${extraYaml ? 'config, r53' : 'r53'}]
    targets: [live]
`,
    ...(extraYaml ? { 'zones/example.com.yaml': extraYaml } : {}),
  });
  const file = join(dir, 'dnsctl.yaml');
  return { dir, file, liveFile: join(dir, 'live', 'example.com.yaml') };
}

async function seed(e: Route53Emulator, rrsets: Array<{ Name: string; Type: 'A' | 'TXT'; TTL: number; values: string[]; SetIdentifier?: string; Weight?: number }>): Promise<void> {
  const client = new Route53Client({ endpoint: e.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  const z = await client.send(new CreateHostedZoneCommand({ Name: 'example.com.', CallerReference: 'seed' }));
  await client.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: z.HostedZone!.Id!,
      ChangeBatch: {
        Changes: rrsets.map(({ values, ...rr }) => ({ Action: 'CREATE' as const, ResourceRecordSet: { ...rr, ResourceRecords: values.map((Value) => ({ Value })) } })),
      },
    }),
  );
  client.destroy();
}

describe('a live provider as a source', () => {
  it('plans the records it holds onto the target, applies them, and re-plans empty', async () => {
    emu = await startRoute53Emulator({ rate: false });
    await seed(emu, [
      { Name: 'www.example.com.', Type: 'A', TTL: 300, values: ['192.0.2.1'] },
      { Name: 'example.com.', Type: 'TXT', TTL: 600, values: ['"v=spf1 -all"'] },
    ]);
    const r = repo(emu.url);
    const { plan } = await planRepository(loadConfig(r.file), createProvider);
    const changes = plan.zones[0]!.changes.map((c) => `${c.kind} ${c.name} ${c.type}`);
    // the apex NS and SOA Route 53 made are read as well; the TXT and A are what this test seeded
    expect(changes).toEqual(expect.arrayContaining(['create  TXT', 'create www A']));
    await applyPlan(plan, loadConfig(r.file), createProvider);
    expect(readFileSync(r.liveFile, 'utf8')).toContain('192.0.2.1');
    const again = await planRepository(loadConfig(r.file), createProvider);
    expect(again.plan.zones[0]!.changes).toEqual([]);
  });

  it("lays the live source's records over an earlier YAML source, in config order", async () => {
    emu = await startRoute53Emulator({ rate: false });
    await seed(emu, [{ Name: 'www.example.com.', Type: 'A', TTL: 300, values: ['192.0.2.1'] }]);
    const r = repo(emu.url, '---\nwww:\n  type: A\n  value: 203.0.113.9\nyaml-only:\n  type: A\n  value: 203.0.113.10\n');
    const { plan } = await planRepository(loadConfig(r.file), createProvider);
    const www = plan.zones[0]!.changes.find((c) => c.name === 'www');
    expect(www?.desired?.values).toEqual(['192.0.2.1']);
    expect(plan.zones[0]!.changes.some((c) => c.name === 'yaml-only')).toBe(true);
  });

  it('refuses a source that does not hold the zone: it would delete everything at the target', async () => {
    emu = await startRoute53Emulator({ rate: false });
    const r = repo(emu.url);
    await expect(planRepository(loadConfig(r.file), createProvider)).rejects.toThrow('a source could not be read as the desired state (1 error(s)); nothing was planned');
    const err = await planRepository(loadConfig(r.file), createProvider).catch((e: { findings?: Array<{ reason: string }> }) => e);
    expect((err as { findings: Array<{ reason: string }> }).findings.map((f) => f.reason)).toEqual([
      'source r53 does not hold zone example.com.: planning from it would delete every record at the targets; check the source\'s account and the zone name',
    ]);
    expect(existsSync(r.liveFile)).toBe(false);
  });

  it('says which records the source holds but dnsctl cannot read', async () => {
    emu = await startRoute53Emulator({ rate: false });
    // hand-made weighted routing dnsctl does not manage
    await seed(emu, [
      { Name: 'legacy.example.com.', Type: 'A', TTL: 60, values: ['192.0.2.80'], SetIdentifier: 'blue', Weight: 90 },
      { Name: 'legacy.example.com.', Type: 'A', TTL: 60, values: ['192.0.2.81'], SetIdentifier: 'green', Weight: 10 },
    ]);
    const r = repo(emu.url);
    const { plan } = await planRepository(loadConfig(r.file), createProvider);
    expect(plan.warnings.some((w) => /source r53 holds legacy\.example\.com\. A.*dnsctl cannot read/.test(w))).toBe(true);
  });
});
