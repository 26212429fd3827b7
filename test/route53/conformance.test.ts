import { expect } from 'vitest';
import { describeProviderConformance } from '../conformance/provider-suite.js';
import { assertZoneInvariants, faultConfig, startProvider } from './helpers.js';

describeProviderConformance('route53', async () => {
  const h = await startProvider({ seed: 6 });
  let faulted = 0;
  return {
    provider: h.provider,
    setFaultRate: (rate) => {
      if (rate > 0) h.emulator.resetCounters();
      else faulted += Object.values(h.emulator.errorCounters()).reduce((a, n) => a + n, 0);
      h.emulator.setFaults(faultConfig(rate));
    },
    check: async (zone) => assertZoneInvariants(h.emulator, zone),
    close: async () => {
      await h.close();
      // the convergence test must have met injected faults (seed 6: three), or it proved nothing
      expect(faulted).toBeGreaterThan(0);
    },
  };
});
