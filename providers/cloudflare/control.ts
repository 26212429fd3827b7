/**
 * dnsctl's control records in a Cloudflare zone (src/breakglass/control-records.ts), all
 * TXT records written through the batch endpoint, which applies a batch whole or not at all.
 *
 * The lock is two records at `_dnsctl-lock.<zone>`: a sentinel with the fixed content
 * `dnsctl-lock` and the lock itself (holder, command, times). Creating both in one batch
 * is atomic: Cloudflare refuses a record identical to an existing one (81058), so a
 * second creator's batch fails whole. A take-over deletes the old lock record by id and
 * posts the new one in one batch (it fails if the old one is gone); release deletes
 * both by id, failing if the lock was taken over meanwhile.
 */
import type Cloudflare from 'cloudflare';
import { APIError } from 'cloudflare';
import { controlFqdn, LOCK_LABEL } from '../../src/breakglass/control-records.js';
import { decodeLock, encodeLock, type CreateOutcome, type LockInfo, type LockStore } from '../../src/breakglass/lock.js';
import type { CloudflareClient } from './client.js';
import type { NativeRecord } from './read.js';

export const LOCK_SENTINEL = 'dnsctl-lock';
const CONTROL_TTL = 60;

type BatchBody = { deletes?: Array<{ id: string }>; posts?: Array<Record<string, unknown>> };

const noDot = (s: string) => s.replace(/\.$/, '');

export class CloudflareControl implements LockStore {
  constructor(readonly id: string, private readonly client: CloudflareClient) {}

  /** The TXT records at one control name of the zone. */
  async records(zoneId: string, label: string, zone: string): Promise<NativeRecord[]> {
    const res = await this.client.call((cf: Cloudflare) => cf.dns.records.list({ zone_id: zoneId, type: 'TXT', name: { exact: noDot(controlFqdn(label, zone)) }, per_page: 100 }));
    return res.result as unknown as NativeRecord[];
  }

  /** One batch; false when Cloudflare refused it (400: a conflict or a record gone). */
  async batch(zoneId: string, body: BatchBody): Promise<boolean> {
    try {
      await this.client.call((cf: Cloudflare) => cf.dns.records.batch({ zone_id: zoneId, ...body } as unknown as Parameters<Cloudflare['dns']['records']['batch']>[0]));
      return true;
    } catch (e) {
      if (e instanceof APIError && (e.status === 400 || e.status === 404)) return false;
      throw e;
    }
  }

  txt(label: string, zone: string, content: string): Record<string, unknown> {
    return { type: 'TXT', name: noDot(controlFqdn(label, zone)), content, ttl: CONTROL_TTL };
  }

  private async zoneId(zone: string): Promise<string | undefined> {
    return (await this.client.zone(zone))?.id;
  }

  private async lockRecords(zone: string): Promise<{ zoneId: string; sentinel?: NativeRecord; lock?: NativeRecord; info?: LockInfo } | undefined> {
    const zoneId = await this.zoneId(zone);
    if (!zoneId) return undefined;
    const recs = await this.records(zoneId, LOCK_LABEL, zone);
    const sentinel = recs.find((r) => r.content === LOCK_SENTINEL);
    const lock = recs.find((r) => r.content !== LOCK_SENTINEL);
    const info = lock ? decodeLock(lock.content ?? '') : undefined;
    return { zoneId, ...(sentinel ? { sentinel } : {}), ...(lock ? { lock } : {}), ...(info ? { info } : {}) };
  }

  async readLock(zone: string): Promise<LockInfo | undefined> {
    const r = await this.lockRecords(zone);
    if (!r?.sentinel && !r?.lock) return undefined;
    // a sentinel without its lock record (a release cut short): stale at once
    return r.info ?? { id: '?', holder: 'unknown (incomplete lock record)', command: '?', kind: 'routine', started: '?', expires: new Date(0).toISOString() };
  }

  async createLock(zone: string, lock: LockInfo): Promise<CreateOutcome> {
    const zoneId = await this.zoneId(zone);
    if (!zoneId) return 'no-zone';
    const ok = await this.batch(zoneId, { posts: [this.txt(LOCK_LABEL, zone, LOCK_SENTINEL), this.txt(LOCK_LABEL, zone, encodeLock(lock))] });
    return ok ? 'created' : 'exists';
  }

  async replaceLock(zone: string, current: LockInfo, next: LockInfo): Promise<boolean> {
    const r = await this.lockRecords(zone);
    if (!r) return false;
    if (r.info ? r.info.id !== current.id : current.id !== '?') return false;
    const deletes = [r.lock, r.sentinel].filter((x): x is NativeRecord => x !== undefined).map((x) => ({ id: x.id }));
    return this.batch(r.zoneId, { deletes, posts: [this.txt(LOCK_LABEL, zone, LOCK_SENTINEL), this.txt(LOCK_LABEL, zone, encodeLock(next))] });
  }

  async deleteLock(zone: string, lock: LockInfo): Promise<boolean> {
    const r = await this.lockRecords(zone);
    if (!r?.lock || r.info?.id !== lock.id) return false;
    const deletes = [r.lock, r.sentinel].filter((x): x is NativeRecord => x !== undefined).map((x) => ({ id: x.id }));
    return this.batch(r.zoneId, { deletes });
  }
}
