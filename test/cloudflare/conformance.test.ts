import { describe, expect, it } from 'vitest';
import { describeProviderConformance } from '../conformance/provider-suite.js';
import { checkInvariants, startCf } from './helpers.js';

let injected = 0;
let limiterRetries = 0;

describeProviderConformance('cloudflare', async () => {
  const h = await startCf({ seed: 7 });
  return {
    provider: h.provider,
    // a third each: 429 (with retry-after: 1), 503, dropped connections
    setFaultRate: (rate) => {
      if (rate === 0) {
        injected += h.emu.counters()['rejected.fault'] ?? 0;
        limiterRetries = h.provider.client.limiter.stats.retries;
      }
      h.emu.setFaults(rate > 0 ? { rate429: rate / 3, retryAfterSeconds: 1, rate5xx: rate / 3, dropRate: rate / 3 } : {});
    },
    check: async () => checkInvariants(h.emu),
    close: () => h.emu.close(),
  };
});

describe('cloudflare conformance run', () => {
  it('really injected faults, and the client retried them', () => {
    expect(injected).toBeGreaterThan(0);
    expect(limiterRetries).toBeGreaterThan(0);
  });
});
