/**
 * The per-(zone, provider) lock, held at the provider so every operator and CI see it.
 *
 * A provider that can hold locks implements `LockStore` with an atomic create (Route 53:
 * a `CREATE` of the `_dnsctl-lock` TXT rrset fails when it exists; Cloudflare: a batch
 * whose sentinel record is refused as identical when it exists) and an atomic replace
 * (delete exactly the old lock and create the new one in one change). On top of that:
 * - a lock past its expiry is stale: taken over, with a warning naming the old holder;
 * - a break-glass command (evacuate, restore, shift) preempts a routine apply's lock,
 *   never another break-glass command's;
 * - otherwise the caller waits up to `waitMs` (`--wait-lock`), then is refused with
 *   the holder's name, command and start time.
 * Releasing deletes exactly the lock taken; a lock taken over meanwhile is left alone.
 */
import { randomBytes } from 'node:crypto';
import { DnsctlError } from '../model/findings.js';
import { decodePayload, encodePayload } from './control-records.js';

export type LockKind = 'routine' | 'breakglass';

export interface LockInfo {
  /** random, so two holders with the same name never release each other's lock */
  id: string;
  holder: string;
  /** the command line that holds it (`apply`, `evacuate us-east-1`) */
  command: string;
  kind: LockKind;
  /** ISO times */
  started: string;
  expires: string;
}

export type CreateOutcome = 'created' | 'exists' | 'no-zone';

export interface LockStore {
  /** provider id, for messages */
  readonly id: string;
  readLock(zone: string): Promise<LockInfo | undefined>;
  /** atomically creates the lock: `exists` when any lock is there, `no-zone` when the zone is not at the provider */
  createLock(zone: string, lock: LockInfo): Promise<CreateOutcome>;
  /** atomically replaces `current` by `next`; false when the live lock is no longer `current` */
  replaceLock(zone: string, current: LockInfo, next: LockInfo): Promise<boolean>;
  /** deletes the lock if it is still `lock`; false when it was taken over */
  deleteLock(zone: string, lock: LockInfo): Promise<boolean>;
}

export function isLockStore(p: unknown): p is LockStore {
  const s = p as Partial<LockStore> | undefined;
  return typeof s?.createLock === 'function' && typeof s.readLock === 'function' && typeof s.replaceLock === 'function' && typeof s.deleteLock === 'function';
}

const LOCK_MARKER = 'dnsctl-lock';

export function encodeLock(l: LockInfo): string {
  return encodePayload(LOCK_MARKER, { v: 1, id: l.id, holder: l.holder, cmd: l.command, kind: l.kind, start: l.started, exp: l.expires });
}

export function decodeLock(text: string): LockInfo | undefined {
  const f = decodePayload(LOCK_MARKER, text);
  if (!f || f['v'] !== '1' || !f['id'] || !f['start'] || !f['exp']) return undefined;
  return { id: f['id'], holder: f['holder'] ?? '?', command: f['cmd'] ?? '?', kind: f['kind'] === 'breakglass' ? 'breakglass' : 'routine', started: f['start'], expires: f['exp'] };
}

export function describeLock(l: LockInfo): string {
  return `${l.holder} (dnsctl ${l.command}, ${l.kind === 'breakglass' ? 'break-glass' : 'routine'}, since ${l.started}, expires ${l.expires})`;
}

export class LockHeldError extends DnsctlError {
  constructor(readonly zone: string, readonly provider: string, readonly holder: LockInfo, waitMs: number) {
    const how = holder.kind === 'breakglass' ? 'a break-glass command is never preempted; ' : '';
    super(
      `${zone} at ${provider} is locked by ${describeLock(holder)}; ${how}${waitMs > 0 ? `gave up after waiting ${Math.round(waitMs / 1000)} s` : 'wait for it with --wait-lock DURATION (e.g. 5m)'}; nothing was changed`,
    );
    this.name = 'LockHeldError';
  }
}

export interface LockRequest {
  kind: LockKind;
  command: string;
  holder: string;
  /** how long the lock is valid without its holder (default 15 min) */
  ttlMs?: number;
  /** how long to wait for a held lock (default 0: refuse at once) */
  waitMs?: number;
  /** poll interval while waiting (default 1 s) */
  pollMs?: number;
  /** warnings: a stale lock taken over, a routine lock preempted, a lock lost before release */
  onNotice?: (message: string) => void;
  now?: () => number;
}

export const DEFAULT_LOCK_TTL_MS = 15 * 60_000;

export function newLock(req: LockRequest, now = Date.now()): LockInfo {
  return {
    id: randomBytes(6).toString('hex'),
    holder: req.holder,
    command: req.command,
    kind: req.kind,
    started: new Date(now).toISOString(),
    expires: new Date(now + (req.ttlMs ?? DEFAULT_LOCK_TTL_MS)).toISOString(),
  };
}

/** One lock taken: release it when done. */
export interface HeldLock {
  zone: string;
  store: LockStore;
  lock: LockInfo;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Attempt = { held: HeldLock } | { blocked: LockInfo } | { none: true };

async function tryOnce(store: LockStore, zone: string, req: LockRequest, now: number): Promise<Attempt> {
  for (let round = 0; round < 5; round++) {
    const lock = newLock(req, now);
    const created = await store.createLock(zone, lock);
    if (created === 'created') return { held: { zone, store, lock } };
    if (created === 'no-zone') return { none: true };
    const cur = await store.readLock(zone);
    if (!cur) continue; // released between our create and read: try again
    const stale = Date.parse(cur.expires) <= now || Number.isNaN(Date.parse(cur.expires));
    const preempt = req.kind === 'breakglass' && cur.kind === 'routine';
    if (!stale && !preempt) return { blocked: cur };
    if (await store.replaceLock(zone, cur, lock)) {
      req.onNotice?.(
        stale
          ? `${zone} at ${store.id}: took over a stale lock held by ${describeLock(cur)}`
          : `${zone} at ${store.id}: break-glass preempted the routine lock of ${describeLock(cur)}; that command's remaining writes may fail`,
      );
      return { held: { zone, store, lock } };
    }
  }
  const cur = await store.readLock(zone);
  return cur ? { blocked: cur } : { none: true };
}

/**
 * Takes the lock of every (store, zone) pair, all or none: when one is held by someone
 * else, the ones taken are released and the whole set is tried again until `waitMs` has
 * passed (so two commands over overlapping zones never deadlock).
 */
export async function acquireLocks(pairs: Array<{ store: LockStore; zone: string }>, req: LockRequest): Promise<HeldLock[]> {
  const clock = req.now ?? Date.now;
  const start = clock();
  const deadline = start + (req.waitMs ?? 0);
  for (;;) {
    const attempts = await Promise.allSettled(pairs.map((p) => tryOnce(p.store, p.zone, req, clock())));
    const held: HeldLock[] = [];
    let blocked: { pair: { store: LockStore; zone: string }; by: LockInfo } | undefined;
    let failure: unknown;
    attempts.forEach((a, i) => {
      if (a.status === 'rejected') failure ??= a.reason;
      else if ('held' in a.value) held.push(a.value.held);
      else if ('blocked' in a.value) blocked ??= { pair: pairs[i]!, by: a.value.blocked };
    });
    if (!blocked && failure === undefined) return held;
    await releaseLocks(held, {});
    if (failure !== undefined) {
      const p = pairs[attempts.findIndex((a) => a.status === 'rejected')]!;
      throw new DnsctlError(`${p.zone} at ${p.store.id}: cannot take the lock: ${failure instanceof Error ? failure.message : String(failure)}; nothing was changed`);
    }
    const now = clock();
    if (now >= deadline) throw new LockHeldError(blocked!.pair.zone, blocked!.pair.store.id, blocked!.by, req.waitMs ?? 0);
    await sleep(Math.min(req.pollMs ?? 1000, deadline - now));
  }
}

/** Releases locks taken by `acquireLocks` (in parallel); a lock taken over meanwhile is reported, never deleted. */
export async function releaseLocks(held: HeldLock[], opts: { onNotice?: (message: string) => void }): Promise<void> {
  await Promise.all(
    held.map(async (h) => {
      try {
        if (!(await h.store.deleteLock(h.zone, h.lock))) opts.onNotice?.(`${h.zone} at ${h.store.id}: the lock was taken over before this command finished`);
      } catch (e) {
        opts.onNotice?.(`${h.zone} at ${h.store.id}: could not release the lock (${e instanceof Error ? e.message : String(e)}); it expires at ${h.lock.expires}`);
      }
    }),
  );
}

/** `30s`, `5m`, `1h`, `1h30m`, or plain seconds. */
export function parseDuration(text: string, what: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const n = Number(m[1]);
    total += n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    matched = re.lastIndex;
  }
  if (!t || matched !== t.length) throw new DnsctlError(`${what}: "${text}" is not a duration (e.g. 30s, 5m, 4h, 1h30m)`);
  return total;
}
