/**
 * Cloudflare zone creation, as octodns-cloudflare does it: a missing zone is shown in the
 * plan as a zone creation and created by apply when the provider has `account_id`; without
 * it, planning fails saying what to add. The emulator's POST /zones refuses a name the
 * account holds (1061), which is what makes a racing create safe.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Cloudflare from 'cloudflare';
import { planZoneTarget } from '../../src/api/plan.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { DnsRecord } from '../../src/model/record.js';
import { orderChanges } from '../../src/plan/order.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { startCf, type CfHarness } from './helpers.js';

const ZONE = 'new.example.org.';
const config = standaloneConfig('test', { baseDir: '.' });
const zc = zoneConfig(ZONE, { targets: ['cloudflare'] });
const www: DnsRecord = { zone: ZONE, name: 'www', type: 'A', ttl: 300, values: ['192.0.2.1'] };

let h: CfHarness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

describe('Cloudflare zone creation', () => {
  it('without account_id, planning a missing zone fails and says what to add', async () => {
    h = await startCf({ zones: [] });
    await expect(planZoneTarget(config, zc, [www], h.provider)).rejects.toThrow(/zone new\.example\.org\. does not exist at Cloudflare \(cloudflare\); to have dnsctl create it, add account_id: <the Cloudflare account id that should hold it>/);
    expect(h.emu.admin.state().zones).toEqual([]);
  });

  it('with account_id, the plan shows a zone creation and apply creates the zone, then re-plans empty', async () => {
    h = await startCf({ zones: [] });
    const p = h.fresh({ account_id: h.emu.accountId });
    const zp = await planZoneTarget(config, zc, [www], p);
    expect(zp.exists).toBe(false);
    expect(renderPlanText({ version: 1, createdAt: '', config: 'test', zones: [zp], safety: [], warnings: [] }, { colour: false })).toContain('new.example.org. → cloudflare (cloudflare) — zone will be created');
    const results = await p.apply!(ZONE, orderChanges(zp.changes), {});
    expect(results.map((r) => r.status)).toEqual(['applied']);
    expect(h.emu.admin.state().zones.map((z) => `${z.name} ${z.account.id}`)).toEqual([`new.example.org ${h.emu.accountId}`]);
    expect((await planZoneTarget(config, zc, [www], h.fresh({ account_id: h.emu.accountId }))).changes).toEqual([]);
  });

  it('a zone for a top-level domain is refused when planning, even with account_id', async () => {
    h = await startCf({ zones: [] });
    const p = h.fresh({ account_id: h.emu.accountId });
    await expect(planZoneTarget(config, zoneConfig('tld.', { targets: ['cloudflare'] }), [{ ...www, zone: 'tld.' }], p)).rejects.toThrow(/Cloudflare creates none for a top-level domain/);
    expect(h.emu.admin.state().zones).toEqual([]);
  });

  it('the emulator refuses a second create of a name the account holds with 1061 "already exists"', async () => {
    h = await startCf({ zones: [] });
    const cf = new Cloudflare({ apiToken: 'test-token', baseURL: h.emu.url, maxRetries: 0 });
    const z = await cf.zones.create({ account: { id: h.emu.accountId }, name: 'race.example.org', type: 'full' });
    expect(z).toMatchObject({ name: 'race.example.org', status: 'pending', type: 'full' });
    const e = await cf.zones.create({ account: { id: h.emu.accountId }, name: 'race.example.org' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Cloudflare.APIError);
    expect((e as InstanceType<typeof Cloudflare.APIError>).status).toBe(400);
    expect((e as InstanceType<typeof Cloudflare.APIError>).errors).toEqual([{ code: 1061, message: 'race.example.org already exists' }]);
    // and a body without a name is refused by the request check
    const bad = await cf.zones.create({ account: { id: h.emu.accountId } } as never).catch((x: unknown) => x);
    expect((bad as InstanceType<typeof Cloudflare.APIError>).status).toBe(400);
  });
});
