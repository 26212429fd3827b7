import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Cloudflare from 'cloudflare';
import { afterAll, describe, expect, it } from 'vitest';
import { startCloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cf-emu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state file', () => {
  it('keeps zones, records, pools, load balancers and health across restarts', async () => {
    const stateFile = join(dir, 'sandbox.json');
    const first = await startCloudflareEmulator({ stateFile, zones: ['example.com'], rate: false });
    const cf1 = new Cloudflare({ apiToken: 'test', baseURL: first.url, maxRetries: 0 });
    const zoneId = first.createZone('example.com');
    const rec = await cf1.dns.records.create({ zone_id: zoneId, type: 'A', name: 'www', content: '192.0.2.1', ttl: 300 });
    const pool = await cf1.loadBalancers.pools.create({ account_id: first.accountId, name: 'p1', origins: [{ name: 'o1', address: '192.0.2.1' }] });
    await cf1.loadBalancers.create({ zone_id: zoneId, name: 'lb', default_pools: [pool.id ?? ''], fallback_pool: pool.id ?? '' });
    first.admin.setOriginHealth(pool.id ?? '', 'o1', false);
    const accountId = first.accountId;
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1, accountId });

    const second = await startCloudflareEmulator({ stateFile, zones: ['example.com'], rate: false });
    try {
      expect(second.accountId).toBe(accountId);
      expect(second.createZone('example.com')).toBe(zoneId);
      const cf2 = new Cloudflare({ apiToken: 'test', baseURL: second.url, maxRetries: 0 });
      const got = await cf2.dns.records.get(rec.id, { zone_id: zoneId });
      expect(got.content).toBe('192.0.2.1');
      expect((await cf2.loadBalancers.list({ zone_id: zoneId })).result).toHaveLength(1);
      expect(second.admin.state().health.origins[pool.id ?? '']).toEqual({ o1: false });
      second.reset();
      expect((await cf2.zones.list({})).result.map((z) => z.name)).toEqual(['example.com']);
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).loadBalancers).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
