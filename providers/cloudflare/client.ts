/**
 * The Cloudflare API client of the provider: the official `cloudflare` SDK with its own
 * retries off, every call passed through dnsctl's limiter (./rate-limit.ts), and the
 * provider options octodns-cloudflare users already write.
 *
 * Options: `token` (API token, or with `email` a Global API key, as octodns-cloudflare),
 * `base_url` (else the SDK's own `CLOUDFLARE_BASE_URL`), `account_id` (else discovered
 * from the zone), `rate_limit` (requests per second, default 4), `retries` (default 3),
 * `timeout` (seconds, default 60).
 */
import Cloudflare, { APIError } from 'cloudflare';
import { RateLimiter, type LimiterOptions } from './rate-limit.js';
import { EndpointBreaker, EndpointDown } from '../../src/model/endpoint-breaker.js';
import { endpointHint } from '../endpoint-hint.js';

export interface ClientOptions {
  /** the provider id (named when the endpoint cannot be reached) */
  provider?: string;
  token?: string;
  email?: string;
  baseUrl?: string;
  accountId?: string;
  limiter?: LimiterOptions;
  timeoutMs?: number;
}

export interface ZoneInfo {
  id: string;
  /** with trailing dot */
  name: string;
  accountId?: string;
}

/** The first envelope error's code and the messages of a failed call, as Cloudflare sent them. */
export function cloudflareMessage(e: unknown): string {
  if (e instanceof EndpointDown) return e.message;
  if (e instanceof APIError) {
    const errs = (e.errors ?? []) as Array<{ code?: number; message?: string; error_chain?: Array<{ code?: number; message?: string }> }>;
    if (errs.length) {
      return errs
        .map((x) => {
          const chain = (x.error_chain ?? []).map((c) => `${c.message ?? ''} (${c.code ?? '?'})`).join('; ');
          return `${x.message ?? 'error'} (code ${x.code ?? '?'})${chain ? `: ${chain}` : ''}`;
        })
        .join('; ');
    }
    return e.status ? `HTTP ${e.status}: ${e.message}` : `connection error: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Cloudflare's refusal for an account or zone without the Load Balancing add-on. */
export function isLoadBalancingNotEnabled(e: unknown): boolean {
  if (!(e instanceof APIError) || (e.status !== 403 && e.status !== 400)) return false;
  const errs = (e.errors ?? []) as Array<{ code?: number; message?: string }>;
  return errs.some((x) => /load ?balancing (is )?not enabled|not entitled|LoadBalancingNotEnabled/i.test(x.message ?? ''));
}

/** Cloudflare's error code for a zone name the account already holds (POST /zones). */
const ZONE_EXISTS = 1061;

export class CloudflareClient {
  readonly sdk: Cloudflare;
  readonly limiter: RateLimiter;
  /** fails calls fast once the endpoint refuses connections (see src/model/endpoint-breaker.ts) */
  readonly breaker: EndpointBreaker;
  private zones: Map<string, ZoneInfo> | undefined;
  private account: string | undefined;

  constructor(opts: ClientOptions) {
    const auth = opts.email && opts.token ? { apiEmail: opts.email, apiKey: opts.token, apiToken: null } : { apiToken: opts.token ?? null, apiKey: null, apiEmail: null };
    this.sdk = new Cloudflare({
      ...auth,
      ...(opts.baseUrl ? { baseURL: opts.baseUrl } : {}),
      maxRetries: 0,
      timeout: opts.timeoutMs ?? 60_000,
    });
    const endpoint = opts.baseUrl ?? process.env['CLOUDFLARE_BASE_URL'] ?? 'https://api.cloudflare.com/client/v4';
    const hint = endpointHint(endpoint);
    this.breaker = new EndpointBreaker({ provider: opts.provider ?? 'cloudflare', endpoint, ...(hint ? { hint } : {}) });
    this.limiter = new RateLimiter({ ...opts.limiter, breaker: this.breaker });
    this.account = opts.accountId;
  }

  /** One API call under the limiter. */
  call<T>(fn: (cf: Cloudflare) => Promise<T>): Promise<T> {
    return this.limiter.run(() => fn(this.sdk));
  }

  /** Every zone the credentials see (pages of 50). */
  async listZones(refresh = false): Promise<Map<string, ZoneInfo>> {
    if (this.zones && !refresh) return this.zones;
    const out = new Map<string, ZoneInfo>();
    for (let page = 1; ; page++) {
      const res = await this.call((cf) => cf.zones.list({ page, per_page: 50, ...(this.account ? { account: { id: this.account } } : {}) }));
      for (const z of res.result) {
        const name = `${z.name.toLowerCase()}.`;
        const info: ZoneInfo = { id: z.id, name };
        if (z.account?.id) info.accountId = z.account.id;
        out.set(name, info);
      }
      const pages = (res.result_info as { total_pages?: number } | undefined)?.total_pages;
      if (res.result.length < 50 || (pages !== undefined && page >= pages)) break;
    }
    this.zones = out;
    return out;
  }

  async zone(name: string): Promise<ZoneInfo | undefined> {
    const known = this.zones?.get(name);
    if (known) return known;
    const res = await this.call((cf) => cf.zones.list({ name: name.replace(/\.$/, ''), ...(this.account ? { account: { id: this.account } } : {}) }));
    const matches = res.result.filter((x) => `${x.name.toLowerCase()}.` === name);
    if (matches.length > 1) {
      throw new Error(
        `${matches.length} Cloudflare zones are named ${name} (${matches.map((x) => `${x.id} in account ${x.account?.id ?? '?'}`).join(', ')}); dnsctl will not guess: set the provider option account_id to the account that should hold it`,
      );
    }
    const z = matches[0];
    if (!z) return undefined;
    const info: ZoneInfo = { id: z.id, name };
    if (z.account?.id) info.accountId = z.account.id;
    (this.zones ??= new Map()).set(name, info);
    return info;
  }

  /** The `account_id` option, if set: the account a missing zone is created in. */
  get configuredAccount(): string | undefined {
    return this.account;
  }

  /**
   * Creates a zone in the configured account (POST /zones, as octodns-cloudflare does).
   * Cloudflare holds a name once per account and refuses a second create with 1061
   * "already exists"; the zone a racing apply (or a retried request) created is then looked
   * up and used, so two applies at once end with one zone.
   */
  async createZone(name: string): Promise<ZoneInfo> {
    const account = this.account;
    if (!account) throw new Error(`cloudflare: cannot create zone ${name} without the provider option account_id`);
    try {
      const z = await this.call((cf) => cf.zones.create({ account: { id: account }, name: name.replace(/\.$/, ''), type: 'full' }));
      const info: ZoneInfo = { id: z.id, name, accountId: account };
      (this.zones ??= new Map()).set(name, info);
      return info;
    } catch (e) {
      const exists = e instanceof APIError && ((e.errors ?? []) as Array<{ code?: number }>).some((x) => x.code === ZONE_EXISTS);
      if (!exists) throw e;
      this.zones?.delete(name);
      const found = await this.zone(name);
      if (found) return found;
      throw e;
    }
  }

  /** The account that owns pools and monitors: the option, else the zone's account. */
  accountId(zone?: ZoneInfo): string {
    const id = this.account ?? zone?.accountId;
    if (!id) throw new Error('cloudflare: no account_id (set the provider option account_id)');
    return id;
  }
}
