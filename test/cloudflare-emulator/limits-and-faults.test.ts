import Cloudflare from 'cloudflare';
import { describe, expect, it } from 'vitest';
import { startCloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { expectCfError, raw } from './helpers.js';

describe('rate limit', () => {
  it('answers 429 with retry-after once the window is used up, and the SDK retries after it', async () => {
    const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: { requests: 3, windowMs: 1000 } });
    try {
      const noRetry = new Cloudflare({ apiToken: 'test', baseURL: emu.url, maxRetries: 0 });
      for (let i = 0; i < 3; i++) await noRetry.zones.list({ name: 'example.com' });
      const r = await raw(emu, 'GET', '/zones');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('1');
      expect((r.json.errors as { code: number }[])[0]?.code).toBe(971);

      const retrying = new Cloudflare({ apiToken: 'test', baseURL: emu.url, maxRetries: 2 });
      const started = Date.now();
      const zones = await retrying.zones.list({ name: 'example.com' }); // blocked, waits retry-after, succeeds
      expect(zones.result).toHaveLength(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(emu.counters()['rejected.rate_limit']).toBeGreaterThanOrEqual(2);
    } finally {
      await emu.close();
    }
  });
});

describe('fault injection', () => {
  it('injects 5xx at the configured rate; the SDK surfaces InternalServerError without retries', async () => {
    const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false, faults: { rate5xx: 1, status5xx: 502 } });
    try {
      const cf = new Cloudflare({ apiToken: 'test', baseURL: emu.url, maxRetries: 0 });
      const e = await expectCfError(cf.zones.list({}));
      expect(e.status).toBe(502);
      emu.setFaults({});
      expect((await cf.zones.list({})).result).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  it('injected 429s are retried by the SDK using retry-after', async () => {
    const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false, seed: 7, faults: { rate429: 0.5, retryAfterSeconds: 0 } });
    try {
      const cf = new Cloudflare({ apiToken: 'test', baseURL: emu.url, maxRetries: 10 });
      for (let i = 0; i < 10; i++) await cf.zones.list({});
      const c = emu.counters();
      expect(c['rejected.fault']).toBeGreaterThan(0);
      expect(c['zones.list']).toBe(10 + (c['rejected.fault'] ?? 0));
    } finally {
      await emu.close();
    }
  });

  it('drops connections; the SDK reports a connection error', async () => {
    const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false, faults: { dropRate: 1 } });
    try {
      const cf = new Cloudflare({ apiToken: 'test', baseURL: emu.url, maxRetries: 0 });
      await expect(cf.zones.list({})).rejects.toThrow(/Connection error/i);
    } finally {
      await emu.close();
    }
  });

  it('adds latency and is reproducible with the same seed', async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false, seed, faults: { rate5xx: 0.5 } });
      try {
        const out: number[] = [];
        for (let i = 0; i < 12; i++) out.push((await raw(emu, 'GET', '/zones')).status);
        return out;
      } finally {
        await emu.close();
      }
    };
    const [a, b] = [await pattern(42), await pattern(42)];
    expect(a).toEqual(b);
    expect(a).toContain(503);
    expect(a).toContain(200);

    const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false, faults: { latencyMs: 150 } });
    try {
      const t = Date.now();
      await raw(emu, 'GET', '/zones');
      expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    } finally {
      await emu.close();
    }
  });

  it('exposes faults and counters over the admin API', async () => {
    const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false });
    try {
      await fetch(`${emu.adminUrl}/faults`, { method: 'PUT', body: JSON.stringify({ rate5xx: 1 }) });
      expect((await raw(emu, 'GET', '/zones')).status).toBe(503);
      const faults = (await (await fetch(`${emu.adminUrl}/faults`)).json()) as { result: { rate5xx: number } };
      expect(faults.result.rate5xx).toBe(1);
      const counters = (await (await fetch(`${emu.adminUrl}/counters`)).json()) as { result: Record<string, number> };
      expect(counters.result['zones.list']).toBe(1);
    } finally {
      await emu.close();
    }
  });
});
