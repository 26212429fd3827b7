/**
 * The provider registry: builds a provider from its config entry. The CLI hands this
 * to the core's operations; the core never imports a provider's insides.
 */
import type { Capabilities, ProviderFactory } from '../src/model/provider.js';
import { PROVIDER_CLASSES } from '../src/config/types.js';
import { DnsctlError } from '../src/model/findings.js';
import { YAML_CAPABILITIES, YamlProvider } from './yaml/index.js';
import { YamlOptionsError } from './yaml/options.js';
import { MEMORY_CAPABILITIES, MemoryProvider, MemoryWorld } from './memory/index.js';
import { Route53Provider } from './route53/index.js';
import { CloudflareProvider } from './cloudflare/index.js';

const worlds = new Map<string, MemoryWorld>();
/** One in-memory world per provider id for this process. */
export function memoryWorld(id: string): MemoryWorld {
  let w = worlds.get(id);
  if (!w) worlds.set(id, (w = new MemoryWorld()));
  return w;
}

export const createProvider: ProviderFactory = (config, options) => {
  try {
    switch (config.kind) {
      case 'yaml':
        return new YamlProvider(config.id, options);
      case 'memory':
        return new MemoryProvider(config.id, memoryWorld(config.id));
      case 'route53':
        return new Route53Provider(config.id, options);
      case 'cloudflare':
        return new CloudflareProvider(config.id, options);
      case 'unsupported':
        throw new DnsctlError(
          `Unknown provider class: ${config.className} for provider ${config.id}; dnsctl supports ${Object.keys(PROVIDER_CLASSES).join(', ')}`,
        );
      default:
        throw new DnsctlError(`provider ${config.id}: ${config.className} is not available in this version of dnsctl yet`);
    }
  } catch (e) {
    if (e instanceof YamlOptionsError) throw new DnsctlError(`Incorrect provider config for ${config.id}: ${e.message}`);
    throw e;
  }
};

/** Capabilities of every provider kind, for `dnsctl providers` (data, not instances). */
export function providerCapabilities(): Record<string, Capabilities> {
  return { yaml: YAML_CAPABILITIES, memory: MEMORY_CAPABILITIES };
}
