// Account-wide token bucket, like Route 53's API request rate (historically 5 requests/s per
// account; requests over the rate get `Throttling: Rate exceeded`, HTTP 400).

export interface RateConfig { perSecond: number; burst: number }

export const DEFAULT_RATE: RateConfig = { perSecond: 5, burst: 5 };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private config: RateConfig, private readonly now: () => number = Date.now) {
    this.tokens = config.burst;
    this.last = now();
  }

  get settings(): RateConfig {
    return { ...this.config };
  }

  reconfigure(config: RateConfig): void {
    this.config = config;
    this.tokens = Math.min(this.tokens, config.burst);
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.config.burst, this.tokens + ((t - this.last) / 1000) * this.config.perSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  refill(): void {
    this.tokens = this.config.burst;
    this.last = this.now();
  }
}
