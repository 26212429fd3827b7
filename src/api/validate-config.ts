/**
 * `dnsctl validate` checks the whole config as octoDNS's validate does, without credentials:
 * every provider's class is one dnsctl has, every provider is built (no request is sent)
 * and its options checked against the names it reads, and every `env/VAR` secret without a
 * default that is not set is reported — a warning (plan and apply will need it), or an
 * error with `--strict-env`. Sources, targets and processors are checked when the config
 * is loaded.
 */
import type { DnsctlConfig, ProviderConfig } from '../config/types.js';
import { PROVIDER_CLASSES } from '../config/types.js';
import { checkOptionNames } from '../config/provider-options.js';
import { resolveSecrets } from '../config/secrets.js';
import type { Finding } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { formatPosition } from '../model/record.js';

export interface ConfigCheckOptions {
  /** a missing env/ secret is an error, not a warning */
  strictEnv?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The `env/VAR` strings (without a default) among a provider's options whose variable is not set. */
function missingSecrets(value: unknown, env: NodeJS.ProcessEnv, out: string[] = []): string[] {
  if (typeof value === 'string' && value.startsWith('env/')) {
    const rest = value.slice('env/'.length);
    if (!rest.includes('/') && env[rest] === undefined) out.push(rest);
  } else if (Array.isArray(value)) {
    for (const v of value) missingSecrets(v, env, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) missingSecrets(v, env, out);
  }
  return out;
}

/** The options with every unset secret standing in as a placeholder, so the provider can be built to check its option names. */
function withPlaceholders(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') return value.startsWith('env/') && !value.slice(4).includes('/') && env[value.slice(4)] === undefined ? `${value}/unset` : value;
  if (Array.isArray(value)) return value.map((v) => withPlaceholders(v, env));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlaceholders(v, env)]));
  return value;
}

async function checkProvider(pc: ProviderConfig, config: DnsctlConfig, factory: ProviderFactory, opts: ConfigCheckOptions): Promise<Finding[]> {
  const env = opts.env ?? process.env;
  const where = formatPosition(pc.position);
  const at = pc.position ? { position: pc.position } : {};
  if (pc.kind === 'unsupported') {
    return [{ severity: 'error', reason: `Unknown provider class: ${pc.className} for provider ${pc.id}; dnsctl supports ${Object.keys(PROVIDER_CLASSES).join(', ')}`, ...at }];
  }
  const out: Finding[] = missingSecrets(pc.options, env).map((v) => ({
    severity: opts.strictEnv ? 'error' : 'warning',
    reason: `provider ${pc.id}: env/${v} is not set (plan and apply read it${opts.strictEnv ? '' : '; --strict-env makes this an error'})`,
    ...at,
  }));
  try {
    const options = resolveSecrets(withPlaceholders(pc.options, env), where, env, false) as Record<string, unknown>;
    const provider = await factory(pc, options, { regions: config.regions });
    if (provider.optionNames) {
      const check = checkOptionNames(options, provider.optionNames);
      for (const u of check.unknown) out.push({ severity: 'error', reason: `Incorrect provider config for ${pc.id}: ${u}`, ...at });
    }
    (provider as { close?: () => void }).close?.();
  } catch (e) {
    out.push({ severity: 'error', reason: e instanceof Error ? e.message : String(e), ...at });
  }
  return out;
}

/** Findings about the config's providers (not tied to a zone). */
export async function validateConfigProviders(config: DnsctlConfig, factory: ProviderFactory, opts: ConfigCheckOptions = {}): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const pc of config.providers.values()) out.push(...(await checkProvider(pc, config, factory, opts)));
  return out;
}
