import { MemoryProvider, MemoryWorld } from '../../providers/memory/index.js';
import { describeProviderConformance } from './provider-suite.js';

describeProviderConformance('memory', async () => {
  const world = new MemoryWorld();
  let rate = 0;
  let n = 0;
  // deterministic: every k-th write fails while faults are on
  world.failWhen = () => (rate > 0 && ++n % Math.round(1 / rate) === 0 ? 'ServiceUnavailable: injected fault' : undefined);
  return {
    provider: new MemoryProvider('memory', world),
    setFaultRate: (r) => {
      rate = r;
    },
    close: async () => {},
  };
});
