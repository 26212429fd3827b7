/**
 * The provider registry: builds a provider from its config entry. The CLI hands this
 * to the core's operations; the core never imports a provider's insides.
 */
import type { Capabilities, ProviderContext, ProviderFactory } from '../src/model/provider.js';
import type { RegionConfig } from '../src/config/types.js';
import { PROVIDER_CLASSES } from '../src/config/types.js';
import { DnsctlError } from '../src/model/findings.js';
import { YAML_CAPABILITIES, YamlProvider } from './yaml/index.js';
import { SPLIT_YAML_OPTION_NAMES, splitYamlOptions } from './yaml/options.js';
import { parseThresholds, ProviderOptionError } from '../src/config/provider-options.js';
import { MEMORY_CAPABILITIES, MemoryProvider, MemoryWorld } from './memory/index.js';
import { ROUTE53_CAPABILITIES } from './route53/capabilities.js';
import { CLOUDFLARE_CAPABILITIES } from './cloudflare/capabilities.js';

const worlds = new Map<string, MemoryWorld>();
/** One in-memory world per provider id for this process. */
export function memoryWorld(id: string): MemoryWorld {
  let w = worlds.get(id);
  if (!w) worlds.set(id, (w = new MemoryWorld()));
  return w;
}

/** The config's region catalogue as a provider option `{region id: code}`; the provider's own `regions` option wins. */
function catalogue(options: Record<string, unknown>, context: ProviderContext | undefined, pick: (r: RegionConfig) => string | undefined): Record<string, unknown> {
  const fromConfig: Record<string, string> = {};
  for (const [id, r] of context?.regions ?? []) {
    const code = pick(r);
    if (code) fromConfig[id] = code;
  }
  if (Object.keys(fromConfig).length === 0) return options;
  const own = typeof options['regions'] === 'object' && options['regions'] !== null ? (options['regions'] as Record<string, unknown>) : {};
  return { ...options, regions: { ...fromConfig, ...own } };
}

// Route 53 and Cloudflare load their SDKs only when a command uses them (validate needs neither).
export const createProvider: ProviderFactory = async (config, options, context) => {
  try {
    switch (config.kind) {
      case 'yaml':
        // octoDNS's deprecated SplitYamlProvider is a YamlProvider with its own option names
        if (config.className.endsWith('.SplitYamlProvider')) return new YamlProvider(config.id, splitYamlOptions(options), process.cwd(), SPLIT_YAML_OPTION_NAMES);
        return new YamlProvider(config.id, options);
      case 'memory': {
        const thresholds = parseThresholds(options);
        // options are not checked: a test and sandbox provider, often given a YAML target's options
        return new MemoryProvider(config.id, memoryWorld(config.id), {
          strictSupports: options['strict_supports'] !== false,
          ...(thresholds ? { thresholds } : {}),
        });
      }
      case 'route53': {
        const { Route53Provider } = await import('./route53/index.js');
        return new Route53Provider(config.id, catalogue(options, context, (r) => r.route53));
      }
      case 'cloudflare': {
        const { CloudflareProvider } = await import('./cloudflare/index.js');
        return new CloudflareProvider(config.id, catalogue(options, context, (r) => r.cloudflare));
      }
      case 'unsupported':
        throw new DnsctlError(
          `Unknown provider class: ${config.className} for provider ${config.id}; dnsctl supports ${Object.keys(PROVIDER_CLASSES).join(', ')}`,
        );
      default:
        throw new DnsctlError(`provider ${config.id}: ${config.className} is not available in this version of dnsctl yet`);
    }
  } catch (e) {
    if (e instanceof ProviderOptionError) throw new DnsctlError(`Incorrect provider config for ${config.id}: ${e.message}`);
    throw e;
  }
};

/** Capabilities of every provider kind, for `dnsctl providers` (data, not instances). */
export function providerCapabilities(): Record<string, Capabilities> {
  return { route53: ROUTE53_CAPABILITIES, cloudflare: CLOUDFLARE_CAPABILITIES, yaml: YAML_CAPABILITIES, memory: MEMORY_CAPABILITIES };
}
