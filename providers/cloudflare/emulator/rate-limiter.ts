/**
 * Cloudflare's global API rate limit: N requests per window (1,200 per 5 minutes by default).
 * Once exceeded, every call is refused until the window has passed (Cloudflare blocks for
 * the next five minutes); `retry-after` says how long in whole seconds, rounded up.
 */
import type { RateLimitConfig } from './types.js';

export class RateLimiter {
  private stamps: number[] = [];
  private blockedUntil = 0;

  constructor(private readonly config: RateLimitConfig | false, private readonly clock: () => number = Date.now) {}

  /** Returns 0 when the request may proceed, else the number of seconds to wait. */
  check(): number {
    if (!this.config) return 0;
    const t = this.clock();
    if (t < this.blockedUntil) return Math.max(1, Math.ceil((this.blockedUntil - t) / 1000));
    const from = t - this.config.windowMs;
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= from) this.stamps.shift();
    if (this.stamps.length >= this.config.requests) {
      this.blockedUntil = t + this.config.windowMs;
      this.stamps = [];
      return Math.max(1, Math.ceil(this.config.windowMs / 1000));
    }
    this.stamps.push(t);
    return 0;
  }

  /** Remaining requests in the current window (for the `ratelimit` header). */
  remaining(): number {
    if (!this.config) return Number.POSITIVE_INFINITY;
    return Math.max(0, this.config.requests - this.stamps.length);
  }

  windowSeconds(): number {
    return this.config ? Math.ceil(this.config.windowMs / 1000) : 0;
  }

  reset(): void {
    this.stamps = [];
    this.blockedUntil = 0;
  }
}
