/**
 * Configs built in code rather than read from a file: for planning one zone against one
 * provider directly (provider tests, the conformance suite, benches, embedding dnsctl).
 */
import type { DnsctlConfig, ZoneConfig } from './types.js';

export function standaloneConfig(file: string, overrides: Partial<DnsctlConfig> = {}): DnsctlConfig {
  return {
    file,
    baseDir: process.cwd(),
    validatorSets: new Set(['legacy']),
    disabledValidators: new Map(),
    providers: new Map(),
    zones: [],
    regions: new Map(),
    // one zone planned against one provider: no traffic-shift limit unless asked for
    safety: { maxRegionShift: 1, minServingPools: 1 },
    dnsctlSection: false,
    keepUnmanaged: false,
    ...overrides,
  };
}

export function zoneConfig(name: string, overrides: Partial<ZoneConfig> = {}): ZoneConfig {
  return {
    name,
    sources: [],
    targets: [],
    lenient: false,
    disabledValidators: new Map(),
    disabledZoneValidators: new Set(),
    alwaysDryRun: false,
    processors: [],
    ignoreSubzoneAdds: false,
    ...overrides,
  };
}
