/**
 * `dnsctl init --from-octodns CONFIG`: adapts an existing octoDNS repository in place. It adds
 * only a `dnsctl:` section at the end of the config (when it has none) and the two workflows;
 * no zone file is touched, so octoDNS keeps reading the repository as before.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { DnsctlConfig } from '../config/types.js';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { trafficOf } from '../model/traffic.js';
import { validateRepository } from '../api/validate.js';
import { applyWorkflow, planWorkflow } from './workflows.js';

export interface OctodnsFindings {
  config: string;
  providers: Array<{ id: string; class: string; kind: string }>;
  zones: string[];
  /** the YamlProvider directories the zones are read from, relative to the repository */
  zoneDirectories: string[];
  dynamicRecords: number;
  /** region ids of the dynamic records' pools (the pool id unless octodns.dnsctl.regions maps it) */
  regions: string[];
  /** validate's verdict on the repository as found */
  errors: number;
  warnings: number;
  /** whether a dnsctl: section was added (false: the config had one) */
  addedDnsctlSection: boolean;
}

const posix = (p: string) => p.split(sep).join('/');

function zoneDirectories(config: DnsctlConfig, root: string): string[] {
  const sources = new Set(config.zones.flatMap((z) => z.sources));
  const dirs = new Set<string>();
  for (const p of config.providers.values()) {
    if (p.kind !== 'yaml' || !sources.has(p.id) || typeof p.options['directory'] !== 'string') continue;
    dirs.add(posix(relative(root, resolve(config.baseDir, p.options['directory']))) || '.');
  }
  return [...dirs].sort();
}

function dnsctlSection(regions: string[]): string {
  const example = regions.length
    ? regions.map((r) => `  #   ${r}: {route53: AWS-REGION, cloudflare: CODE}`).join('\n')
    : '  #   us-east-1: {route53: us-east-1, cloudflare: ENAM}';
  return `
# dnsctl's section (octoDNS ignores it), added by \`dnsctl init --from-octodns\`.
dnsctl:
  # The region catalogue: each region a dynamic record's pools belong to (by default a pool's id),
  # with its Route 53 latency region and Cloudflare load-balancing region code. Uncomment and
  # complete it before \`dnsctl evacuate\`; once it has entries, every pool must be in it.
  # regions:
${example}
  safety:
    max_region_shift: 0.5
    min_serving_pools: 1
`;
}

/** What the repository holds; writes the dnsctl: section (when missing) and returns the workflows to write. */
export async function adoptOctodns(configFile: string, root: string, action: string, factory: ProviderFactory): Promise<{ found: OctodnsFindings; files: Record<string, string> }> {
  const config = loadConfig(configFile);
  const report = await validateRepository(config, factory);
  const regions = new Set<string>();
  let dynamicRecords = 0;
  for (const z of report.zones) {
    for (const r of z.records) {
      const t = trafficOf(r);
      if (!t) continue;
      dynamicRecords++;
      for (const p of t.pools) regions.add(p.region);
    }
  }
  const configRel = posix(relative(root, resolve(configFile)));
  const dirs = zoneDirectories(config, root);
  const found: OctodnsFindings = {
    config: configRel,
    providers: [...config.providers.values()].map((p) => ({ id: p.id, class: p.className, kind: p.kind })),
    zones: config.zones.map((z) => z.name),
    zoneDirectories: dirs,
    dynamicRecords,
    regions: [...regions].sort(),
    errors: report.errors,
    warnings: report.warnings,
    addedDnsctlSection: !config.dnsctlSection,
  };
  if (!config.dnsctlSection) {
    const before = readFileSync(configFile, 'utf8');
    writeFileSync(configFile, `${before}${before.endsWith('\n') ? '' : '\n'}${dnsctlSection(found.regions)}`);
    try {
      loadConfig(configFile);
    } catch (e) {
      writeFileSync(configFile, before);
      throw new DnsctlError(`adding a dnsctl: section at the end of ${configFile} made it unreadable (${(e as Error).message}); it is restored unchanged: add the section by hand`, [], 'config_invalid');
    }
  }
  const workflow = { config: configRel, paths: [...dirs.map((d) => (d === '.' ? '**/*.yaml' : `${d}/**`)), configRel], action };
  return {
    found,
    files: { '.github/workflows/dns-plan.yml': planWorkflow(workflow), '.github/workflows/dns-apply.yml': applyWorkflow(workflow) },
  };
}
