import { describeProviderConformance } from '../conformance/provider-suite.js';
import { checkInvariants, startCf } from './helpers.js';

describeProviderConformance('cloudflare', async () => {
  const h = await startCf({ seed: 7 });
  return {
    provider: h.provider,
    // a third each: 429 (with retry-after), 503, dropped connections
    setFaultRate: (rate) => h.emu.setFaults(rate > 0 ? { rate429: rate / 3, retryAfterSeconds: 1, rate5xx: rate / 3, dropRate: rate / 3 } : {}),
    check: async () => checkInvariants(h.emu),
    close: () => h.emu.close(),
  };
});
