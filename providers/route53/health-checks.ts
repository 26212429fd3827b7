/**
 * Health checks: listed once per operation, reused when an identical owned check exists,
 * created at CreateHealthCheck's low rate (about one every two seconds; configurable),
 * and garbage-collected after the records stop using them.
 *
 * Ownership is the CallerReference: octodns-route53's `dddd:<TYPE>:<fqdn>:<12 hex>`
 * (dnsctl writes the same, so octoDNS and dnsctl recognise each other's checks). A check
 * with any other reference is foreign: never reused, never deleted. GC only considers
 * checks of the records being changed, and only those no rrset in the zone references.
 */
import { randomBytes } from 'node:crypto';
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

/** The `<TYPE>:<fqdn>:` part of an owned reference that GC matches (any version). */
export function ownerBody(type: string, fqdn: string): string {
  return `${healthCheckRefPrefix(type, fqdn).slice(5)}:`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class HealthChecks {
  private cache: Map<string, HealthCheckInfo> | undefined;
  private lastCreate = 0;
  /** checks created during this provider's life (ids) */
  readonly created: string[] = [];

  constructor(private readonly api: Route53Api, private readonly createIntervalMs: number) {}

  invalidate(): void {
    this.cache = undefined;
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

  /** The id of an owned check identical to `spec`, creating one when none exists. */
  async ensure(spec: HealthCheckSpec): Promise<string> {
    const all = await this.all();
    const want = configKey(spec.config);
    for (const hc of all.values()) {
      if (hc.callerReference.startsWith(`${spec.refPrefix}:`) && configKey(hc.config) === want) return hc.id;
    }
    const wait = this.lastCreate + this.createIntervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    // one reference for every attempt: a retried create is idempotent at Route 53
    const ref = `${spec.refPrefix}:${randomBytes(6).toString('hex')}`;
    const out = await this.api.call('CreateHealthCheck', () =>
      this.api.sdk.send(new CreateHealthCheckCommand({ CallerReference: ref, HealthCheckConfig: spec.config })),
    );
    this.lastCreate = Date.now();
    const id = out.HealthCheck!.Id!;
    all.set(id, { id, callerReference: ref, config: out.HealthCheck!.HealthCheckConfig ?? spec.config });
    this.created.push(id);
    await this.api.call('ChangeTagsForResource', () =>
      this.api.sdk.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id, AddTags: [{ Key: 'Name', Value: spec.tagName }] })),
    );
    return id;
  }

  /**
   * Deletes owned checks of the given records (`ownerBody`s) that no rrset references.
   * Returns the deleted ids.
   */
  async gc(owners: ReadonlySet<string>, referenced: ReadonlySet<string>): Promise<string[]> {
    if (owners.size === 0) return [];
    const all = await this.all();
    const deleted: string[] = [];
    for (const hc of [...all.values()]) {
      const ref = hc.callerReference;
      if (!isOwnedReference(ref) || referenced.has(hc.id)) continue;
      const body = ref.slice(5, ref.lastIndexOf(':') + 1);
      if (!owners.has(body)) continue;
      try {
        await this.api.call('DeleteHealthCheck', () => this.api.sdk.send(new DeleteHealthCheckCommand({ HealthCheckId: hc.id })));
      } catch (e) {
        if (errorName(e) !== 'NoSuchHealthCheck') throw e;
      }
      all.delete(hc.id);
      deleted.push(hc.id);
    }
    return deleted;
  }
}
