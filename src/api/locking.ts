/**
 * Which (zone, provider) locks a command takes, and holding them around a piece of work
 * (src/breakglass/lock.ts has the lock itself).
 */
import type { DnsctlConfig } from '../config/types.js';
import { acquireLocks, releaseLocks, type HeldLock, type LockKind, type LockStore } from '../breakglass/lock.js';
import { currentActor } from '../breakglass/actor.js';
import type { ProviderSet } from './validate.js';

export interface LockOptions {
  /** how long to wait for a held lock (`--wait-lock`; default: refuse at once) */
  waitMs?: number;
  /** default: DNSCTL_ACTOR, git user.email, user@host */
  holder?: string;
  /** the command for the lock record, e.g. `apply` */
  command?: string;
  /** stale locks taken over, routine locks preempted, locks lost before release */
  onNotice?: (message: string) => void;
  /** the caller holds the locks already (plan-and-apply in one go locks before planning) */
  held?: boolean;
}

export type LockPair = { store: LockStore; zone: string };

/** The lockable (zone, target) pairs among `wanted`, deduplicated. */
export async function lockPairs(providers: ProviderSet, wanted: Array<{ zone: string; target: string }>): Promise<LockPair[]> {
  const seen = new Set<string>();
  const out: LockPair[] = [];
  for (const w of wanted) {
    const key = `${w.zone}\u0000${w.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const store = (await providers.get(w.target)).locks;
    if (store) out.push({ store, zone: w.zone });
  }
  return out;
}

/** Every configured zone at every target (optionally limited), for commands that lock before they read. */
export function configuredPairs(config: DnsctlConfig, opts: { zones?: string[]; targets?: string[] } = {}): Array<{ zone: string; target: string }> {
  const zones = opts.zones?.map((z) => (z.endsWith('.') ? z : `${z}.`));
  return config.zones
    .filter((z) => !z.dynamic && (!zones || zones.includes(z.name)))
    .flatMap((z) => z.targets.filter((t) => !opts.targets || opts.targets.includes(t)).map((target) => ({ zone: z.name, target })));
}

export async function takeLocks(pairs: LockPair[], kind: LockKind, opts: LockOptions = {}): Promise<HeldLock[]> {
  return acquireLocks(pairs, {
    kind,
    command: opts.command ?? 'apply',
    holder: opts.holder ?? currentActor(),
    waitMs: opts.waitMs ?? 0,
    ...(opts.onNotice ? { onNotice: opts.onNotice } : {}),
  });
}

/** Runs `work` holding the locks of `pairs` (unless the caller holds them already), releasing them however it ends. */
export async function withLocks<T>(pairs: LockPair[], kind: LockKind, opts: LockOptions, work: () => Promise<T>): Promise<T> {
  if (opts.held) return work();
  const held = await takeLocks(pairs, kind, opts);
  try {
    return await work();
  } finally {
    await releaseLocks(held, opts.onNotice ? { onNotice: opts.onNotice } : {});
  }
}
