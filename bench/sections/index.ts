/**
 * Every bench section, in run order, loaded on demand: a child process measuring
 * `validate` must not pay for loading the AWS and Cloudflare SDKs the provider sections
 * import (that inflated its baseline from ~55 to ~99 MB and ~200 to ~900 ms).
 */
import type { BenchSection } from '../lib/section.js';

export const SECTION_NAMES = ['validate', 'plan', 'cloudflare', 'route53', 'fleet', 'reads'] as const;

const LOADERS: Record<string, () => Promise<BenchSection>> = {
  validate: async () => (await import('./validate.js')).validateSection,
  plan: async () => (await import('./plan.js')).planSection,
  cloudflare: async () => (await import('./cloudflare.js')).cloudflareSection,
  route53: async () => (await import('./route53.js')).route53Section,
  fleet: async () => (await import('./fleet.js')).fleetSection,
  reads: async () => (await import('./reads.js')).readsSection,
};

export async function loadSection(name: string): Promise<BenchSection | undefined> {
  return LOADERS[name]?.();
}
