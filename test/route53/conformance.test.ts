import { describeProviderConformance } from '../conformance/provider-suite.js';
import { assertZoneInvariants, faultConfig, startProvider } from './helpers.js';

describeProviderConformance('route53', async () => {
  const h = await startProvider({ seed: 11 });
  return {
    provider: h.provider,
    setFaultRate: (rate) => h.emulator.setFaults(faultConfig(rate)),
    check: async (zone) => assertZoneInvariants(h.emulator, zone),
    close: h.close,
  };
});
