import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import {
  CreateHealthCheckCommand, DeleteHealthCheckCommand, GetHealthCheckCommand, GetHealthCheckStatusCommand,
  ListHealthChecksCommand, UpdateHealthCheckCommand, ChangeTagsForResourceCommand, ListTagsForResourceCommand,
  type HealthCheckConfig,
} from '@aws-sdk/client-route-53';
import { failure, startHarness, stopHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await stopHarness(h); });

const https: HealthCheckConfig = { Type: 'HTTPS', FullyQualifiedDomainName: 'app.example.net', ResourcePath: '/_dns', RequestInterval: 10, FailureThreshold: 6, MeasureLatency: true };
const create = (ref: string, config: HealthCheckConfig = https) =>
  h.client.send(new CreateHealthCheckCommand({ CallerReference: ref, HealthCheckConfig: config }));
const status = async (id: string): Promise<string[]> =>
  ((await h.client.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }))).HealthCheckObservations ?? []).map((o) => o.StatusReport!.Status!);

describe('health checks', () => {
  it('creates a check with Route 53 defaults and reads it back', async () => {
    const out = await create('0001:A:www.example.com.:abcdef012345', { Type: 'HTTPS', FullyQualifiedDomainName: 'app.example.net' });
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.Location).toContain(out.HealthCheck!.Id!);
    expect(out.HealthCheck?.HealthCheckVersion).toBe(1);
    expect(out.HealthCheck?.HealthCheckConfig).toEqual({
      Type: 'HTTPS', FullyQualifiedDomainName: 'app.example.net', Port: 443, RequestInterval: 30, FailureThreshold: 3,
      MeasureLatency: false, EnableSNI: true, Inverted: false, Disabled: false,
    });
    const got = await h.client.send(new GetHealthCheckCommand({ HealthCheckId: out.HealthCheck!.Id }));
    expect(got.HealthCheck).toEqual(out.HealthCheck);
  });

  it('is idempotent on CallerReference; different settings or a deleted reference → HealthCheckAlreadyExists', async () => {
    const first = await create('ref-1');
    const again = await create('ref-1');
    expect(again.HealthCheck?.Id).toBe(first.HealthCheck?.Id);
    expect((await h.client.send(new ListHealthChecksCommand({}))).HealthChecks).toHaveLength(1);
    const different = await failure(create('ref-1', { ...https, Port: 8443 }));
    expect(different.name).toBe('HealthCheckAlreadyExists');
    expect(different.$metadata?.httpStatusCode).toBe(409);
    await h.client.send(new DeleteHealthCheckCommand({ HealthCheckId: first.HealthCheck!.Id }));
    const reused = await failure(create('ref-1'));
    expect(reused.name).toBe('HealthCheckAlreadyExists');
  });

  it('validates settings', async () => {
    const interval = await failure(create('bad-1', { ...https, RequestInterval: 20 }));
    expect(interval.name).toBe('InvalidInput');
    expect(interval.message).toContain('RequestInterval must be 10 or 30');
    const threshold = await failure(create('bad-2', { ...https, FailureThreshold: 11 }));
    expect(threshold.name).toBe('InvalidInput');
    expect(threshold.message).toContain("Value '11' at 'healthCheckConfig.failureThreshold' failed to satisfy constraint: Member must have value less than or equal to 10");
    expect((await failure(create('bad-3', { Type: 'HTTP', IPAddress: '10.1.2.3' }))).name).toBe('InvalidInput');
    expect((await failure(create('bad-4', { Type: 'TCP' }))).name).toBe('InvalidInput');
    expect((await failure(create('bad-5', { Type: 'CALCULATED', ChildHealthChecks: ['no-such-child'], HealthThreshold: 1 }))).name).toBe('NoSuchHealthCheck');
  });

  it('keeps RoutingControlArn and AlarmIdentifier without inventing a Port', async () => {
    const rc = await create('rc', { Type: 'RECOVERY_CONTROL', RoutingControlArn: 'arn:aws:route53-recovery-control::123456789012:controlpanel/x/routingcontrol/y' });
    expect(rc.HealthCheck?.HealthCheckConfig?.RoutingControlArn).toContain('routingcontrol/y');
    expect(rc.HealthCheck?.HealthCheckConfig?.Port).toBeUndefined();
    const cw = await create('cw', { Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Region: 'us-east-1', Name: 'alarm' }, InsufficientDataHealthStatus: 'Unhealthy' });
    expect(cw.HealthCheck?.HealthCheckConfig?.AlarmIdentifier).toEqual({ Region: 'us-east-1', Name: 'alarm' });
  });

  it('increments HealthCheckVersion on update and refuses a stale version', async () => {
    const hc = await create('upd');
    const id = hc.HealthCheck!.Id!;
    const up = await h.client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, Inverted: true, ResetElements: ['ResourcePath'] }));
    expect(up.HealthCheck?.HealthCheckVersion).toBe(2);
    expect(up.HealthCheck?.HealthCheckConfig?.Inverted).toBe(true);
    expect(up.HealthCheck?.HealthCheckConfig?.ResourcePath).toBeUndefined();
    const stale = await failure(h.client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, Disabled: true })));
    expect(stale.name).toBe('HealthCheckVersionMismatch');
    expect(stale.$metadata?.httpStatusCode).toBe(409);
  });

  it('reports status from the endpoint (settable through the admin API), Disabled and Inverted', async () => {
    const id = (await create('st')).HealthCheck!.Id!;
    expect((await status(id))[0]).toMatch(/^Success/);
    const res = await fetch(`${h.emulator.url}/_emulator/health-checks/${id}/status`, { method: 'POST', body: JSON.stringify({ healthy: false }) });
    expect(res.status).toBe(200);
    expect(new Set(await status(id))).toEqual(new Set(['Failure: HTTP Status Code 503, Service Unavailable']));
    await h.client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Disabled: true }));
    expect((await status(id))[0]).toMatch(/^Success/); // disabled → healthy
    await h.client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: true }));
    expect((await status(id))[0]).toMatch(/^Failure/); // disabled + inverted → unhealthy (octoDNS "down")
    const missing = await fetch(`${h.emulator.url}/_emulator/health-checks/nope/status`, { method: 'POST', body: '{"healthy":true}' });
    expect(missing.status).toBe(404);
  });

  it('pages ListHealthChecks with Marker and MaxItems', async () => {
    for (let i = 0; i < 5; i++) await create(`list-${i}`);
    const first = await h.client.send(new ListHealthChecksCommand({ MaxItems: 2 }));
    expect(first.HealthChecks).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    const rest = await h.client.send(new ListHealthChecksCommand({ MaxItems: 10, Marker: first.NextMarker }));
    expect(rest.HealthChecks).toHaveLength(3);
    expect(rest.IsTruncated).toBe(false);
  });

  it('tags health checks and checks tag values', async () => {
    const id = (await create('tags')).HealthCheck!.Id!;
    await h.client.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id, AddTags: [{ Key: 'Name', Value: 'www.example.com.:A - 192.0.2.1' }] }));
    const tags = await h.client.send(new ListTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id }));
    expect(tags.ResourceTagSet?.Tags).toEqual([{ Key: 'Name', Value: 'www.example.com.:A - 192.0.2.1' }]);
    const bad = await failure(h.client.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id, AddTags: [{ Key: 'Name', Value: '*.example.com' }] })));
    expect(bad.name).toBe('InvalidInput');
  });

  it('deletes a check even while records reference it; unknown ids → NoSuchHealthCheck', async () => {
    const id = (await create('del')).HealthCheck!.Id!;
    await h.client.send(new DeleteHealthCheckCommand({ HealthCheckId: id }));
    const err = await failure(h.client.send(new GetHealthCheckCommand({ HealthCheckId: id })));
    expect(err.name).toBe('NoSuchHealthCheck');
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });
});
