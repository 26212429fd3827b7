import { describe, it, expect, afterEach } from 'vitest';
import { ListHostedZonesCommand, GetHostedZoneCountCommand } from '@aws-sdk/client-route-53';
import { a, change, clientFor, createZone, failure, startHarness, stopHarness, type Harness } from './helpers.js';

const harnesses: Harness[] = [];
const start = async (...args: Parameters<typeof startHarness>): Promise<Harness> => {
  const h = await startHarness(...args);
  harnesses.push(h);
  return h;
};
afterEach(async () => {
  while (harnesses.length) await stopHarness(harnesses.pop()!);
});

describe('fault injection', () => {
  it('throttles at rate 1; the SDK retries and then raises Throttling', async () => {
    const h = await start({ faults: { throttleRate: 1, operations: ['ListHostedZones'] } });
    const client = clientFor(h.emulator.url, 2);
    const err = await failure(client.send(new ListHostedZonesCommand({})));
    client.destroy();
    expect(err.name).toBe('Throttling');
    expect(err.message).toBe('Rate exceeded');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(err.$metadata?.attempts).toBe(2);
    expect(h.emulator.counters().ListHostedZones).toBe(2);
    expect(h.emulator.errorCounters()['ListHostedZones Throttling']).toBe(2);
    // operations outside the list are unaffected
    await h.client.send(new GetHostedZoneCountCommand({}));
  });

  it('answers 5xx at a given rate; SDK retries make every call succeed', async () => {
    const h = await start({ seed: 42, faults: { serverErrorRate: 0.5 } });
    const client = clientFor(h.emulator.url, 10);
    for (let i = 0; i < 10; i++) await client.send(new GetHostedZoneCountCommand({}));
    client.destroy();
    const attempts = h.emulator.counters().GetHostedZoneCount!;
    const failures = h.emulator.errorCounters()['GetHostedZoneCount ServiceUnavailable'] ?? 0;
    expect(attempts).toBe(10 + failures);
    expect(failures).toBeGreaterThan(2);
  });

  it('is deterministic for a seed', async () => {
    const pattern = async (seed: number): Promise<string> => {
      const h = await start({ seed, faults: { serverErrorRate: 0.5 } });
      const client = clientFor(h.emulator.url, 1);
      let out = '';
      for (let i = 0; i < 24; i++) {
        out += await client.send(new GetHostedZoneCountCommand({})).then(() => '.', () => 'x');
      }
      client.destroy();
      return out;
    };
    const one = await pattern(7);
    expect(await pattern(7)).toBe(one);
    expect(await pattern(8)).not.toBe(one);
    expect(one).toContain('x');
    expect(one).toContain('.');
  });

  it('drops connections; the SDK sees a network error and retries', async () => {
    const h = await start({ faults: { dropConnectionRate: 1 } });
    const once = clientFor(h.emulator.url, 1);
    const err = await failure(once.send(new GetHostedZoneCountCommand({})));
    once.destroy();
    expect(err.$metadata?.httpStatusCode).toBeUndefined();
    expect(h.emulator.errorCounters()['GetHostedZoneCount DroppedConnection']).toBe(1);
    h.emulator.setFaults({ dropConnectionRate: 0.5 });
    const retrying = clientFor(h.emulator.url, 10);
    for (let i = 0; i < 4; i++) await retrying.send(new GetHostedZoneCountCommand({}));
    retrying.destroy();
  });

  it('answers PriorRequestNotComplete only for operations that declare it', async () => {
    const h = await start({ faults: { priorRequestNotCompleteRate: 1 } });
    const zone = await createZone(h.client);
    const client = clientFor(h.emulator.url, 1);
    const err = await failure(client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('x.example.com', ['192.0.2.1']) }], zone)));
    expect(err.name).toBe('PriorRequestNotComplete');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    await client.send(new ListHostedZonesCommand({}));
    client.destroy();
  });

  it('answers PriorRequestNotComplete for changes to one zone closer than priorRequestWindowMs', async () => {
    const h = await start({ priorRequestWindowMs: 200 });
    const zone = await createZone(h.client);
    const client = clientFor(h.emulator.url, 1);
    await client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('x.example.com', ['192.0.2.1']) }], zone));
    const err = await failure(client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('y.example.com', ['192.0.2.1']) }], zone)));
    expect(err.name).toBe('PriorRequestNotComplete');
    await new Promise((r) => setTimeout(r, 220));
    await client.send(change([{ Action: 'CREATE', ResourceRecordSet: a('y.example.com', ['192.0.2.1']) }], zone));
    client.destroy();
  });

  it('adds latency', async () => {
    const h = await start({ faults: { latencyMs: 120 } });
    const t0 = Date.now();
    await h.client.send(new GetHostedZoneCountCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
  });
});

describe('request rate', () => {
  it('throttles past the token bucket and recovers as it refills', async () => {
    const h = await start({ rate: { perSecond: 5, burst: 3 } });
    const client = clientFor(h.emulator.url, 1);
    for (let i = 0; i < 3; i++) await client.send(new GetHostedZoneCountCommand({}));
    const err = await failure(client.send(new GetHostedZoneCountCommand({})));
    expect(err.name).toBe('Throttling');
    expect(err.message).toBe('Rate exceeded');
    await new Promise((r) => setTimeout(r, 250));
    await client.send(new GetHostedZoneCountCommand({}));
    client.destroy();
  });

  it('defaults to about 5 requests per second', async () => {
    const { startRoute53Emulator } = await import('../../providers/route53/emulator/index.js');
    const emulator = await startRoute53Emulator();
    const client = clientFor(emulator.url, 1);
    const results = await Promise.all(Array.from({ length: 8 }, () => client.send(new GetHostedZoneCountCommand({})).then(() => 'ok', (e: Error) => e.name)));
    client.destroy();
    await emulator.close();
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r === 'Throttling')).toHaveLength(3);
  });
});

describe('admin endpoints', () => {
  it('gets and sets faults and rate, reads counters, resets state', async () => {
    const h = await start();
    const url = h.emulator.url;
    await createZone(h.client);
    await h.client.send(new ListHostedZonesCommand({}));
    const counters = (await (await fetch(`${url}/_emulator/counters`)).json()) as { operations: Record<string, number> };
    expect(counters.operations).toEqual({ CreateHostedZone: 1, ListHostedZones: 1 });

    const put = await fetch(`${url}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ throttleRate: 0.25, latencyMs: 5 }) });
    expect(await put.json()).toEqual({ throttleRate: 0.25, latencyMs: 5 });
    expect(h.emulator.faults()).toEqual({ throttleRate: 0.25, latencyMs: 5 });
    const bad = await fetch(`${url}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ throttleRate: 2 }) });
    expect(bad.status).toBe(400);
    await fetch(`${url}/_emulator/faults`, { method: 'PUT', body: '{}' });

    expect(await (await fetch(`${url}/_emulator/rate`)).json()).toBe(false);
    await fetch(`${url}/_emulator/rate`, { method: 'PUT', body: JSON.stringify({ perSecond: 1, burst: 1 }) });
    expect(await (await fetch(`${url}/_emulator/rate`)).json()).toEqual({ perSecond: 1, burst: 1 });
    await fetch(`${url}/_emulator/rate`, { method: 'PUT', body: 'false' });

    const reset = await fetch(`${url}/_emulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect((await h.client.send(new ListHostedZonesCommand({}))).HostedZones).toEqual([]);
    expect(h.emulator.counters()).toEqual({ ListHostedZones: 1 });
  });
});
