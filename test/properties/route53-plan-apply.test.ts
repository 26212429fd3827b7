/** Plan-time truth for Route 53: every plan of a random valid zone that plans clean applies (real SDK, emulator). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { Route53Provider } from '../../providers/route53/index.js';
import { fastOptions } from '../route53/helpers.js';
import { assertPlansApply } from './plan-then-apply.js';

let emu: Route53Emulator;
beforeAll(async () => {
  emu = await startRoute53Emulator({ rate: false, syncDelayMs: 0, allowNonPublicHealthCheckIps: true });
});
afterAll(async () => emu.close());

describe('Route 53: a zone that plans clean applies and converges', () => {
  it('random zones (dual-stack dynamic records, reserved and case-colliding pool ids, every routing kind)', async () => {
    const seen = await assertPlansApply(
      {
        fresh: async (strict) => {
          emu.reset();
          return new Route53Provider('route53', fastOptions(emu.url, strict ? {} : { strict_supports: false }));
        },
      },
      Number(process.env['FC_RUNS'] ?? 30),
    );
    console.log(Object.fromEntries(seen));
    expect(seen.get('clean')).toBeGreaterThan(0);
    expect(seen.get('refused')).toBeGreaterThan(0);
  }, 120_000);
});
