/** Plan-time truth for Cloudflare: every plan of a random valid zone that plans clean applies (real SDK, emulator). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudflareEmulator, type CloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { CloudflareProvider } from '../../providers/cloudflare/index.js';
import { ZONE } from './arbitraries.js';
import { assertPlansApply } from './plan-then-apply.js';

let emu: CloudflareEmulator;
beforeAll(async () => {
  emu = await startCloudflareEmulator({ zones: [ZONE.slice(0, -1)], rate: false });
});
afterAll(async () => emu.close());

describe('Cloudflare: a zone that plans clean applies and converges', () => {
  it('random zones (dual-stack dynamic records, reserved and case-colliding pool ids, every routing kind)', async () => {
    const seen = await assertPlansApply(
      {
        fresh: async (strict) => {
          emu.reset();
          return new CloudflareProvider('cloudflare', { token: 'test-token', base_url: emu.url, rate_limit: 1000, ...(strict ? {} : { strict_supports: false }) });
        },
      },
      Number(process.env['FC_RUNS'] ?? 30),
    );
    console.log(Object.fromEntries(seen));
    expect(seen.get('clean')).toBeGreaterThan(0);
    expect(seen.get('refused')).toBeGreaterThan(0);
  }, 120_000);
});
