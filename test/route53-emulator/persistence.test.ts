import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateHealthCheckCommand, GetChangeCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import { a, change, createZone, failure, startHarness, stopHarness } from './helpers.js';

describe('persistence', () => {
  it('keeps zones, records, changes and health checks across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'r53-emu-'));
    const stateFile = join(dir, 'nested', 'state.json');
    try {
      const first = await startHarness({ stateFile });
      const zone = await createZone(first.client, 'persist.example');
      const out = await first.client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('www.persist.example', ['192.0.2.1']) }], zone));
      const hc = await first.client.send(new CreateHealthCheckCommand({ CallerReference: 'p-hc', HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'x.example.net' } }));
      first.emulator.setHealth(hc.HealthCheck!.Id!, false);
      await stopHarness(first);

      expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']); // no temporary files left behind
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { healthChecks: Record<string, { endpointHealthy: boolean }> };
      expect(saved.healthChecks[hc.HealthCheck!.Id!]?.endpointHealthy).toBe(false);

      const second = await startHarness({ stateFile });
      const zones = await second.client.send(new ListHostedZonesCommand({}));
      expect(zones.HostedZones?.map((z) => z.Name)).toEqual(['persist.example.']);
      const records = await second.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }));
      expect(records.ResourceRecordSets?.map((r) => r.Name)).toContain('www.persist.example.');
      await new Promise((r) => setTimeout(r, 60));
      expect((await second.client.send(new GetChangeCommand({ Id: out.ChangeInfo!.Id }))).ChangeInfo?.Status).toBe('INSYNC');
      const again = await second.client.send(new CreateHealthCheckCommand({ CallerReference: 'p-hc', HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'x.example.net' } }));
      expect(again.HealthCheck?.Id).toBe(hc.HealthCheck?.Id);
      // caller references survive too
      const ref = zones.HostedZones![0]!.CallerReference!;
      expect((await failure(second.client.send(new CreateHostedZoneCommand({ Name: 'other.example', CallerReference: ref })))).name).toBe('HostedZoneAlreadyExists');
      await stopHarness(second);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
