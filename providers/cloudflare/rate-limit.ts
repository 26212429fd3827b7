/**
 * dnsctl's own client-side limiter for the Cloudflare API, in front of the official SDK
 * (whose own retries are turned off: Cloudflare's 429 is a five-minute lockout and the SDK
 * would sleep any `retry-after` on every retry).
 *
 * - A token bucket: about 4 requests per second by default (Cloudflare allows 1,200 per
 *   5 minutes, i.e. 4/s on average), with a small burst.
 * - Retries of what is safe to retry: 429 (waiting the answer's `retry-after`, which also
 *   pauses every other request of this limiter), 5xx, dropped connections and timeouts,
 *   with exponential back-off. 4xx answers other than 429 are final.
 * - A refused connection or failed DNS lookup goes to the endpoint breaker instead (no
 *   back-off; fails fast once the endpoint has refused for its patience).
 */
import { APIConnectionError, APIError } from 'cloudflare';
import type { EndpointBreaker } from '../../src/model/endpoint-breaker.js';

export interface LimiterOptions {
  /** sustained requests per second (default 4) */
  ratePerSecond?: number;
  /** bucket size (default 4) */
  burst?: number;
  /** retries of a retryable failure (default 3) */
  retries?: number;
  /** first back-off for 5xx and connection errors, doubled per retry (default 250 ms) */
  backoffMs?: number;
  /** longest `retry-after` honoured before giving up (default 600 s) */
  maxRetryAfterSeconds?: number;
  /** decides on connection-level failures (src/model/endpoint-breaker.ts) */
  breaker?: EndpointBreaker;
}

export interface LimiterStats {
  requests: number;
  retries: number;
  /** 429 answers seen */
  rateLimited: number;
  /** milliseconds spent waiting for tokens or retry-after */
  waitedMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `retry-after` in seconds (or an HTTP date), as sent with a 429. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (raw === null || raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (Number.isFinite(n)) return Math.max(0, n);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

export function isRetryable(e: unknown): boolean {
  if (e instanceof APIError) {
    if (e.status === undefined) return true; // connection-level
    return e.status === 429 || e.status === 408 || e.status >= 500;
  }
  return e instanceof APIConnectionError;
}

export class RateLimiter {
  readonly stats: LimiterStats = { requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 };
  private readonly rate: number;
  private readonly burst: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfter: number;
  private readonly breaker: EndpointBreaker | undefined;
  private tokens: number;
  private last = Date.now();
  /** no request before this time (set by a 429's retry-after) */
  private blockedUntil = 0;
  /** serialises token grants so waiting callers keep their order */
  private queue: Promise<void> = Promise.resolve();

  constructor(opts: LimiterOptions = {}) {
    this.rate = opts.ratePerSecond && opts.ratePerSecond > 0 ? opts.ratePerSecond : 4;
    this.burst = Math.max(1, opts.burst ?? Math.min(4, Math.ceil(this.rate)));
    this.retries = Math.max(0, opts.retries ?? 3);
    this.backoffMs = opts.backoffMs ?? 250;
    this.maxRetryAfter = opts.maxRetryAfterSeconds ?? 600;
    this.breaker = opts.breaker;
    this.tokens = this.burst;
  }

  /** Waits for a token (and for any retry-after pause). */
  acquire(): Promise<void> {
    const next = this.queue.then(async () => {
      for (;;) {
        const now = Date.now();
        if (now < this.blockedUntil) {
          const wait = this.blockedUntil - now;
          this.stats.waitedMs += wait;
          await sleep(wait);
          continue;
        }
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
        this.last = now;
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        const wait = Math.ceil(((1 - this.tokens) / this.rate) * 1000);
        this.stats.waitedMs += wait;
        await sleep(wait);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs one API call under the limiter, retrying what is retryable. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.breaker?.before();
      await this.acquire();
      this.stats.requests++;
      try {
        const out = await fn();
        this.breaker?.success();
        return out;
      } catch (e) {
        // refused / reset / no such host: a short fixed gap, bounded by time, not attempts
        const gap = this.breaker?.failure(e);
        if (gap !== undefined) {
          this.stats.retries++;
          attempt--;
          await sleep(gap);
          continue;
        }
        if (!isRetryable(e) || attempt >= this.retries) throw e;
        this.stats.retries++;
        if (e instanceof APIError && e.status === 429) {
          this.stats.rateLimited++;
          const after = retryAfterSeconds(e.headers as Headers | undefined);
          if (after !== undefined && after > this.maxRetryAfter) throw e;
          const waitMs = (after ?? 1) * 1000;
          this.blockedUntil = Math.max(this.blockedUntil, Date.now() + waitMs);
        } else {
          const wait = this.backoffMs * 2 ** attempt;
          this.stats.waitedMs += wait;
          await sleep(wait);
        }
      }
    }
  }
}
