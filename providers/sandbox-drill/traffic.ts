/**
 * What the repository says about regions: the catalogue (`dnsctl.regions`), the records its
 * YAML sources hold, and, through the core's traffic model, which values each region serves.
 */
import type { DnsctlConfig, RegionConfig } from '../../src/config/types.js';
import type { ProviderFactory } from '../../src/model/provider.js';
import { DnsctlError } from '../../src/model/findings.js';
import { fqdnOf, type DnsRecord, type Value } from '../../src/model/record.js';
import { trafficOf } from '../../src/model/traffic.js';
import { validateRepository } from '../../src/api/validate.js';

/** The catalogue entry of a region; anything else is refused, naming the catalogue. */
export function catalogueRegion(config: DnsctlConfig, region: string): RegionConfig {
  const r = config.regions.get(region);
  if (r) return r;
  const known = [...config.regions.keys()].sort();
  throw new DnsctlError(
    known.length
      ? `unknown region "${region}": not in the catalogue (dnsctl.regions of ${config.file}: ${known.join(', ')})`
      : `unknown region "${region}": ${config.file} has no region catalogue (dnsctl.regions)`,
  );
}

/** Every record the config's YAML sources hold (the repository), refused when it does not validate. */
export async function repositoryRecords(config: DnsctlConfig, factory: ProviderFactory): Promise<DnsRecord[]> {
  const report = await validateRepository(config, factory);
  if (report.errors > 0) throw new DnsctlError(`the repository has ${report.errors} error(s); run dnsctl validate --config ${config.file}`);
  return report.zones.flatMap((z) => z.records);
}

/** A value as providers spell it: lower case, no trailing dot (Cloudflare origins and Route 53 FQDN checks drop it). */
export function valueKey(v: Value): string | undefined {
  return typeof v === 'string' ? v.toLowerCase().replace(/\.$/, '') : undefined;
}

/** The values the region's pools serve, over every dynamic record (normalised with valueKey). */
export function regionValues(records: DnsRecord[], region: string): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    for (const pool of trafficOf(r)?.pools ?? []) {
      if (pool.region !== region) continue;
      for (const pv of pool.values) {
        const k = valueKey(pv.value);
        if (k) out.add(k);
      }
    }
  }
  return out;
}

/** The repository's record of that name and type (fqdn with or without the trailing dot). */
export function findRecord(records: DnsRecord[], fqdn: string, type: string): DnsRecord | undefined {
  const want = fqdn.toLowerCase().replace(/\.?$/, '.');
  return records.find((r) => fqdnOf(r.name, r.zone) === want && r.type === type);
}

/** value → the regions whose pools serve it in this record ('static' for the record's own values only). */
export function regionsByValue(record: DnsRecord | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!record) return out;
  for (const pool of trafficOf(record)?.pools ?? []) {
    for (const pv of pool.values) {
      const k = valueKey(pv.value);
      if (!k) continue;
      const list = out.get(k) ?? [];
      if (!list.includes(pool.region)) list.push(pool.region);
      out.set(k, list);
    }
  }
  for (const v of record.values) {
    const k = valueKey(v);
    if (k && !out.has(k)) out.set(k, ['static']);
  }
  return out;
}

/** The config zone a name is in (the longest match), else a DnsctlError. */
export function zoneOf(config: DnsctlConfig, fqdn: string): string {
  const name = fqdn.toLowerCase().replace(/\.?$/, '.');
  const zones = config.zones.filter((z) => !z.dynamic).map((z) => z.name).filter((z) => name === z || name.endsWith(`.${z}`));
  const zone = zones.sort((a, b) => b.length - a.length)[0];
  if (!zone) throw new DnsctlError(`${name} is in none of the zones of ${config.file} (${config.zones.map((z) => z.name).join(', ')})`);
  return zone;
}
