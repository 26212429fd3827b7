/**
 * The zone lock on Cloudflare (sentinel + lock record through the batch endpoint) with the
 * real SDK against the emulator, and the lock's rules: one holder at a time, a stale lock
 * taken over, break-glass preempting a routine lock but never another break-glass one,
 * and the lock records never read as records of the zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudflareEmulator, type CloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { CloudflareProvider } from '../../providers/cloudflare/index.js';
import { acquireLocks, LockHeldError, releaseLocks, type LockRequest } from '../../src/breakglass/lock.js';
import { TARGET_READ } from '../../src/api/plan.js';

let emu: CloudflareEmulator;
let cf: CloudflareProvider;
const ZONE = 'example.com.';

beforeAll(async () => {
  emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false });
  cf = new CloudflareProvider('cloudflare', { token: 'sandbox-token', base_url: emu.url, rate_limit: 1000 });
});
afterAll(async () => {
  await emu?.close();
});

const req = (holder: string, kind: LockRequest['kind'] = 'routine', extra: Partial<LockRequest> = {}): LockRequest => ({ holder, kind, command: kind === 'routine' ? 'apply' : 'evacuate us-east-1', ...extra });

describe('the zone lock at Cloudflare', () => {
  it('lets one holder in, names it to the next, and is gone after release', async () => {
    const pair = [{ store: cf.locks, zone: ZONE }];
    const a = await acquireLocks(pair, req('alice'));
    await expect(acquireLocks(pair, req('bob'))).rejects.toThrow(/example\.com\. at cloudflare is locked by alice \(dnsctl apply, routine, since/);
    // the lock is not a record of the zone: never planned, never deleted
    const live = await cf.populate(ZONE, TARGET_READ);
    expect(live.records.map((r) => r.name)).not.toContain('_dnsctl-lock');
    expect(live.unmanaged ?? []).toEqual([]);
    await releaseLocks(a, {});
    expect(await cf.locks.readLock(ZONE)).toBeUndefined();
    const b = await acquireLocks(pair, req('bob'));
    expect((await cf.locks.readLock(ZONE))?.holder).toBe('bob');
    await releaseLocks(b, {});
  });

  it('break-glass preempts a routine lock with a warning, never another break-glass lock', async () => {
    const pair = [{ store: cf.locks, zone: ZONE }];
    const routine = await acquireLocks(pair, req('ci'));
    const notices: string[] = [];
    const bg = await acquireLocks(pair, req('oncall', 'breakglass', { onNotice: (m) => notices.push(m) }));
    expect(notices[0]).toMatch(/break-glass preempted the routine lock of ci \(dnsctl apply/);
    const err = await acquireLocks(pair, req('other-oncall', 'breakglass')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect((err as Error).message).toMatch(/locked by oncall \(dnsctl evacuate us-east-1, break-glass, .*a break-glass command is never preempted/);
    // the preempted routine holder does not delete the new lock when it finishes
    const lost: string[] = [];
    await releaseLocks(routine, { onNotice: (m) => lost.push(m) });
    expect(lost[0]).toMatch(/the lock was taken over before this command finished/);
    expect((await cf.locks.readLock(ZONE))?.holder).toBe('oncall');
    await releaseLocks(bg, {});
  });

  it('takes over a lock past its expiry, and waits for a live one with waitMs', async () => {
    const pair = [{ store: cf.locks, zone: ZONE }];
    const old = await acquireLocks(pair, req('gone', 'breakglass', { ttlMs: -1000 }));
    const notices: string[] = [];
    const fresh = await acquireLocks(pair, req('alice', 'routine', { onNotice: (m) => notices.push(m) }));
    expect(notices[0]).toMatch(/took over a stale lock held by gone/);
    void old;
    setTimeout(() => void releaseLocks(fresh, {}), 300);
    const t0 = Date.now();
    const waited = await acquireLocks(pair, req('bob', 'routine', { waitMs: 10_000, pollMs: 50 }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect((await cf.locks.readLock(ZONE))?.holder).toBe('bob');
    await releaseLocks(waited, {});
  });
});
