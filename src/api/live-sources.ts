/**
 * Zones whose sources include a live provider (Route 53 or Cloudflare as a source, e.g.
 * migrating a zone from one provider to another, as octoDNS does with `sources: [route53]`,
 * `targets: [cloudflare]`). `validate` reads only YAML sources, as octodns-validate does;
 * `plan` reads the others here and lays their records over the YAML sources' ones, in
 * config order (a later source's record replaces an earlier one of the same name and type).
 *
 * What could make the desired state silently smaller is refused or said: a source that does
 * not hold the zone is an error (the plan would delete every record at the targets), and
 * records a source holds but dnsctl cannot read are listed as warnings.
 */
import type { DnsctlConfig, ZoneConfig } from '../config/types.js';
import type { Finding } from '../model/findings.js';
import { recordKey, type DnsRecord } from '../model/record.js';
import { sourceReadOptions, type ProviderSet } from './validate.js';

export interface LiveSourceRead {
  records: DnsRecord[];
  findings: Finding[];
}

export function liveSourcesOf(zc: Pick<ZoneConfig, 'sources'>, providers: ProviderSet): string[] {
  return zc.sources.filter((s) => providers.kindOf(s) !== 'yaml');
}

/** `yamlRecords` (the zone as the YAML sources hold it) with the live sources' records laid over. */
export async function withLiveSources(config: DnsctlConfig, zc: ZoneConfig, yamlRecords: DnsRecord[], providers: ProviderSet): Promise<LiveSourceRead> {
  const live = liveSourcesOf(zc, providers);
  if (live.length === 0) return { records: yamlRecords, findings: [] };
  const byKey = new Map<string, DnsRecord>(yamlRecords.map((r) => [recordKey(r), r]));
  const findings: Finding[] = [];
  const readOptions = sourceReadOptions(config, zc);
  for (const id of live) {
    const res = await (await providers.get(id)).populate(zc.name, readOptions);
    findings.push(...res.findings);
    if (!res.exists) {
      findings.push({
        severity: 'error',
        zone: zc.name,
        reason: `source ${id} does not hold zone ${zc.name}: planning from it would delete every record at the targets; check the source's account and the zone name`,
      });
      continue;
    }
    for (const u of res.unmanaged ?? []) {
      findings.push({
        severity: 'warning',
        zone: zc.name,
        reason: `source ${id} holds ${u}, which dnsctl cannot read: it is not in the desired state, so a target holding it would plan its deletion`,
      });
    }
    for (const r of res.records) byKey.set(recordKey(r), { ...r, zone: zc.name });
  }
  return { records: [...byKey.values()], findings };
}
