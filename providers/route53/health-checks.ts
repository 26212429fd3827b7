/**
 * Health checks shared across records and zones of the account: one check per distinct
 * (target value, settings, status), referenced by every rrset that needs it.
 *
 * References (CallerReference):
 * - dnsctl's shared checks: `0001:dnsctl:<32 hex of the config's sha256>:<10-minute bucket,
 *   base 36>[-n]`. The `dddd:` head keeps them visible to octoDNS (it only reads checks whose
 *   reference has `:` at index 4); `dnsctl` stands where octoDNS puts a record type, so
 *   octoDNS's per-record clean-up (`^dddd:<TYPE>:<fqdn>:`) never matches them. The reference
 *   is deterministic within a bucket, so two operators creating the same check at once get
 *   the same check (CreateHealthCheck is idempotent per reference); `-n` follows a reference
 *   Route 53 refuses because a check that used it was deleted. The bucket dates the check.
 * - octoDNS's `0001:<TYPE>:<fqdn>:<12 hex>` checks (and dnsctl's before sharing): read, and
 *   reused for any record whose check they equal (adopted, no churn).
 * - anything else is foreign: never reused, never deleted.
 *
 * A check is deleted only when no rrset of any hosted zone of the account references it
 * (apply.ts collects; the account's other zones are listed only when something is deletable).
 *
 * CreateHealthCheck pacing follows AWS's documented per-operation bucket for it (burst 50,
 * refill 0.5/s — Route 53 API throttling, "Introducing change-based throttling for Amazon
 * Route 53 APIs"): the first 50 creates go at the account-wide pace, then one per refill.
 */
import { createHash } from 'node:crypto';
import {
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  ListHealthChecksCommand,
  type HealthCheckConfig,
} from '@aws-sdk/client-route-53';
import { errorName, type Route53Api } from './client.js';
import { configKey, healthCheckRefPrefix, type HealthCheckSpec } from './compile.js';

export interface HealthCheckInfo {
  id: string;
  callerReference: string;
  config: HealthCheckConfig;
}

/** octoDNS's filter: `:` at index 4 (`dddd:` references). */
export const isOwnedReference = (ref: string): boolean => /^\d{4}:/.test(ref);

const SHARED_REF = /^\d{4}:dnsctl:([0-9a-f]{32}):([0-9a-z]+)(?:-\d+)?$/;

/** A dnsctl shared check's reference. */
export const isSharedReference = (ref: string): boolean => SHARED_REF.test(ref);

/** Bucket of a shared reference's time (10 minutes). */
export const REF_BUCKET_MS = 10 * 60_000;

/** When a shared check was created, to the bucket (undefined: not a shared reference). */
export function sharedCreatedAt(ref: string): number | undefined {
  const m = SHARED_REF.exec(ref);
  return m ? parseInt(m[2]!, 36) * REF_BUCKET_MS : undefined;
}

/** The CallerReference of a shared check for `config` created now (attempt n after refusals). */
export function sharedReference(config: HealthCheckConfig, now: number, n = 0): string {
  const hash = createHash('sha256').update(configKey(config)).digest('hex').slice(0, 32);
  return `0001:dnsctl:${hash}:${Math.floor(now / REF_BUCKET_MS).toString(36)}${n ? `-${n}` : ''}`;
}

/** The `<TYPE>:<fqdn>:` part of an octoDNS-format reference that per-record clean-up matches. */
export function ownerBody(type: string, fqdn: string): string {
  return `${healthCheckRefPrefix(type, fqdn).slice(5)}:`;
}

/** The owner body of an octoDNS-format reference (undefined for shared and foreign ones). */
export function ownerBodyOf(ref: string): string | undefined {
  if (!isOwnedReference(ref) || isSharedReference(ref)) return undefined;
  return ref.slice(5, ref.lastIndexOf(':') + 1);
}

/** CreateHealthCheck's documented bucket: burst 50, refill 0.5/s (one per `refillMs`). */
export const CREATE_HEALTH_CHECK_BURST = 50;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class HealthChecks {
  private cache: Map<string, HealthCheckInfo> | undefined;
  private index: { of: Map<string, HealthCheckInfo>; byKey: Map<string, HealthCheckInfo[]> } | undefined;
  private tokens = CREATE_HEALTH_CHECK_BURST;
  private refilledAt = Date.now();
  /** creates in flight or done, by config identity: a check needed by many records is created once */
  private readonly pending = new Map<string, Promise<string>>();
  /** checks created during this provider's life (ids) */
  readonly created: string[] = [];
  /** ChangeTagsForResource calls made (one per created check: the API takes one resource) */
  tagCalls = 0;

  constructor(
    private readonly api: Route53Api,
    private readonly refillMs: number,
    private readonly burst = CREATE_HEALTH_CHECK_BURST,
  ) {
    this.tokens = burst;
  }

  invalidate(): void {
    this.cache = undefined;
    this.index = undefined;
    this.pending.clear();
  }

  /** Owned checks by config identity (built once per listing, kept up to date by create/delete). */
  private ownedByConfig(all: Map<string, HealthCheckInfo>): Map<string, HealthCheckInfo[]> {
    if (this.index?.of === all) return this.index.byKey;
    const byKey = new Map<string, HealthCheckInfo[]>();
    for (const hc of all.values()) if (isOwnedReference(hc.callerReference)) byKey.set(configKey(hc.config), [...(byKey.get(configKey(hc.config)) ?? []), hc]);
    this.index = { of: all, byKey };
    return byKey;
  }

  /** Every health check of the account (paged by Marker). */
  async all(): Promise<Map<string, HealthCheckInfo>> {
    if (this.cache) return this.cache;
    const out = new Map<string, HealthCheckInfo>();
    let marker: string | undefined;
    for (;;) {
      const page = await this.api.call('ListHealthChecks', () => this.api.sdk.send(new ListHealthChecksCommand({ ...(marker ? { Marker: marker } : {}), MaxItems: 100 })));
      for (const hc of page.HealthChecks ?? []) {
        if (hc.Id && hc.HealthCheckConfig) out.set(hc.Id, { id: hc.Id, callerReference: hc.CallerReference ?? '', config: hc.HealthCheckConfig });
      }
      if (!page.IsTruncated || !page.NextMarker || page.NextMarker === marker) break;
      marker = page.NextMarker;
    }
    this.cache = out;
    return out;
  }

  /** Owned checks' configs by id (what reading a zone needs). */
  async ownedConfigs(): Promise<Map<string, HealthCheckConfig>> {
    const out = new Map<string, HealthCheckConfig>();
    for (const [id, hc] of await this.all()) if (isOwnedReference(hc.callerReference)) out.set(id, hc.config);
    return out;
  }

  private async takeCreateToken(): Promise<void> {
    if (this.refillMs <= 0) return;
    for (;;) {
      const now = Date.now();
      const refill = Math.floor((now - this.refilledAt) / this.refillMs);
      if (refill > 0) {
        this.tokens = Math.min(this.burst, this.tokens + refill);
        this.refilledAt += refill * this.refillMs;
      }
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(this.refilledAt + this.refillMs - now);
    }
  }

  /**
   * The id of an owned check with `spec`'s config: one the record already uses (`prefer`),
   * else a shared one, else an octoDNS-format one (adopted), else created once per run.
   */
  async ensure(spec: HealthCheckSpec, prefer: ReadonlySet<string> = new Set()): Promise<string> {
    if (spec.callerReference) return this.ensureByReference(spec, spec.callerReference);
    const all = await this.all();
    const want = configKey(spec.config);
    const same = this.ownedByConfig(all).get(want) ?? [];
    const pick =
      same.find((hc) => prefer.has(hc.id)) ??
      same.filter((hc) => isSharedReference(hc.callerReference)).sort((a, b) => (a.callerReference < b.callerReference ? -1 : 1))[0] ??
      same.sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    if (pick) return pick.id;
    let pending = this.pending.get(want);
    if (!pending) {
      pending = this.create(spec, all);
      this.pending.set(want, pending);
      pending.catch(() => this.pending.delete(want));
    }
    return pending;
  }

  /**
   * The check with exactly this CallerReference, whatever its current state (a break-glass
   * switch may be inverted: it is still the one); created with it when missing. A create
   * racing another one is idempotent at Route 53 (same reference, same settings).
   */
  private async ensureByReference(spec: HealthCheckSpec, ref: string): Promise<string> {
    const all = await this.all();
    for (const hc of all.values()) if (hc.callerReference === ref) return hc.id;
    let pending = this.pending.get(ref);
    if (!pending) {
      pending = (async () => {
        await this.takeCreateToken();
        const out = await this.api.call('CreateHealthCheck', () => this.api.sdk.send(new CreateHealthCheckCommand({ CallerReference: ref, HealthCheckConfig: spec.config })));
        const id = out.HealthCheck!.Id!;
        if (!all.has(id)) {
          all.set(id, { id, callerReference: ref, config: out.HealthCheck!.HealthCheckConfig ?? spec.config });
          this.created.push(id);
          this.tagCalls++;
          await this.api.call('ChangeTagsForResource', () =>
            this.api.sdk.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id, AddTags: [{ Key: 'Name', Value: spec.tagName }] })),
          );
        }
        return id;
      })();
      this.pending.set(ref, pending);
      pending.catch(() => this.pending.delete(ref));
    }
    return pending;
  }

  private async create(spec: HealthCheckSpec, all: Map<string, HealthCheckInfo>): Promise<string> {
    await this.takeCreateToken();
    const now = Date.now();
    for (let n = 0; ; n++) {
      // deterministic per bucket: a retried or concurrent create of the same check gets the same one
      const ref = sharedReference(spec.config, now, n);
      try {
        const out = await this.api.call('CreateHealthCheck', () => this.api.sdk.send(new CreateHealthCheckCommand({ CallerReference: ref, HealthCheckConfig: spec.config })));
        const id = out.HealthCheck!.Id!;
        const known = all.has(id);
        const info = { id, callerReference: ref, config: out.HealthCheck!.HealthCheckConfig ?? spec.config };
        all.set(id, info);
        if (!known && this.index?.of === all) {
          const k = configKey(info.config);
          this.index.byKey.set(k, [...(this.index.byKey.get(k) ?? []), info]);
        }
        if (!known) {
          this.created.push(id);
          this.tagCalls++;
          await this.api.call('ChangeTagsForResource', () =>
            this.api.sdk.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id, AddTags: [{ Key: 'Name', Value: spec.tagName }] })),
          );
        }
        return id;
      } catch (e) {
        // the reference was used by a check since deleted (or, unexpectedly, with other settings)
        if (errorName(e) !== 'HealthCheckAlreadyExists' || n >= 20) throw e;
      }
    }
  }

  /** Deletes the given checks (ids); a check already gone counts as deleted. Returns the deleted ids. */
  async delete(ids: Iterable<string>): Promise<string[]> {
    const all = await this.all();
    const deleted: string[] = [];
    for (const id of ids) {
      const hc = all.get(id);
      if (!hc || !isOwnedReference(hc.callerReference)) continue;
      try {
        await this.api.call('DeleteHealthCheck', () => this.api.sdk.send(new DeleteHealthCheckCommand({ HealthCheckId: id })));
      } catch (e) {
        if (errorName(e) !== 'NoSuchHealthCheck') throw e;
      }
      all.delete(id);
      if (this.index?.of === all) this.index = undefined;
      for (const [k, p] of this.pending) void p.then((x) => x === id && this.pending.get(k) === p && this.pending.delete(k), () => undefined);
      deleted.push(id);
    }
    return deleted;
  }
}
