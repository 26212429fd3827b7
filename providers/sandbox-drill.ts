/**
 * Failover drills on the sandbox (`dnsctl sandbox outage|answer`): a simulated regional outage
 * on both emulators, and what each provider would answer for a client in a region.
 * The endpoints are the config's (dnsctl.sandbox.yaml), so this works the same against the
 * background sandbox (`sandbox up`) and the in-process one (`startSandbox`, demo and tests).
 */
import type { DnsctlConfig } from '../src/config/types.js';
import type { ProviderFactory } from '../src/model/provider.js';
import { DnsctlError } from '../src/model/findings.js';
import { RECORD_TYPES } from '../src/model/record.js';
import { probeSandbox, sandboxTargets } from './sandbox-drill/emulators.js';
import { markRegion, type MarkResult } from './sandbox-drill/outage.js';
import { answerAll, type AnswerSample, type ProviderAnswer } from './sandbox-drill/answer.js';
import { catalogueRegion, findRecord, regionsByValue, regionValues, repositoryRecords, valueKey, zoneOf } from './sandbox-drill/traffic.js';

export type { MarkResult, ProviderAnswer, AnswerSample };

export interface OutageReport {
  region: string;
  heal: boolean;
  /** the region's values by the repository's traffic model */
  values: string[];
  providers: MarkResult[];
}

/** Marks every health check / origin serving a value of the region's pools unhealthy (heal: healthy again). */
export async function sandboxOutage(config: DnsctlConfig, factory: ProviderFactory, region: string, opts: { heal?: boolean } = {}): Promise<OutageReport> {
  catalogueRegion(config, region);
  const targets = sandboxTargets(config);
  await probeSandbox(targets);
  const values = regionValues(await repositoryRecords(config, factory), region);
  const providers = values.size ? await markRegion(targets, values, opts.heal ?? false) : targets.map((t) => ({ provider: t.id, kind: t.kind, marked: 0, items: [] }));
  return { region, heal: opts.heal ?? false, values: [...values].sort(), providers };
}

export function renderOutage(r: OutageReport): string[] {
  const verb = r.heal ? 'healthy again' : 'unhealthy';
  const lines = r.providers.map((p) =>
    p.kind === 'route53'
      ? `${p.provider}: ${p.marked} health check(s) marked ${verb}`
      : `${p.provider}: ${p.marked} origin(s) in ${p.pools ?? 0} pool(s) marked ${verb}`,
  );
  const head = r.heal ? `region ${r.region} healed` : `region ${r.region} is down`;
  return [`${head} (${r.values.length} value(s) of its pools: ${r.values.join(', ') || 'none'})`, ...lines];
}

export interface AnswerReport {
  version: 1;
  fqdn: string;
  type: string;
  /** the client's region, null without --from */
  from: string | null;
  samples: number;
  providers: ProviderAnswer[];
}

export async function sandboxAnswer(
  config: DnsctlConfig,
  factory: ProviderFactory,
  name: string,
  opts: { type?: string; from?: string; samples?: number } = {},
): Promise<AnswerReport> {
  const type = (opts.type ?? 'A').toUpperCase();
  if (!(RECORD_TYPES as readonly string[]).includes(type)) throw new DnsctlError(`--type: unknown record type "${opts.type ?? ''}"`);
  const samples = opts.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1 || samples > 100) throw new DnsctlError('--samples must be an integer from 1 to 100');
  const from = opts.from !== undefined ? catalogueRegion(config, opts.from) : undefined;
  const fqdn = name.toLowerCase().replace(/\.?$/, '.');
  const zone = zoneOf(config, fqdn);
  const targets = sandboxTargets(config);
  await probeSandbox(targets);
  const byValue = regionsByValue(findRecord(await repositoryRecords(config, factory), fqdn, type));
  const providers = await answerAll(targets, {
    fqdn,
    zone,
    type,
    samples,
    ...(from ? { from } : {}),
    regionsOf: (v) => byValue.get(valueKey(v) ?? '') ?? [],
  });
  return { version: 1, fqdn, type, from: from?.id ?? null, samples, providers };
}

/** The regions a provider's answers came from (repository's model), over all samples. */
export function answeredRegions(p: ProviderAnswer): string[] {
  return [...new Set(p.answers.flatMap((a) => a.regions))].sort();
}

function sampleText(a: AnswerSample, p: ProviderAnswer, samples: number): string {
  const values = a.values.length ? a.values.join(', ') : a.pool === 'dns-record' ? '(no record)' : '(empty)';
  const count = samples > 1 ? ` ×${a.count}` : '';
  const where = a.regions.length ? a.regions.join('+') : 'region unknown';
  const detail = p.kind === 'route53'
    ? `${a.code ?? '?'}, ${where}`
    : a.pool === 'dns-record' ? `dns record, ${where}` : a.fallback ? `fallback pool: ${a.pool ?? '?'}, every pool down` : `pool ${a.pool ?? '?'}`;
  return `${values}${count} (${detail})`;
}

/** One line per provider: `route53: 192.0.2.40 (NOERROR, us-east-1)`, `cloudflare: 192.0.2.40 (pool us-east-1)`. */
export function renderAnswer(r: AnswerReport): string[] {
  return r.providers.map((p) => {
    if (p.skipped) return `${p.provider}: - (skipped: ${p.skipped})`;
    const client = p.client ? (p.kind === 'route53' ? ` [client ${p.client}]` : ` [region ${p.client}]`) : '';
    return `${p.provider}: ${p.answers.map((a) => sampleText(a, p, r.samples)).join('; ')}${client}`;
  });
}
