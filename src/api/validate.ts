/**
 * `dnsctl validate`: reads every zone from the repository's YAML sources and reports
 * every finding (octoDNS stops at the first invalid record; dnsctl reports them all).
 * Nothing is written anywhere.
 */
import type { DnsctlConfig, ZoneConfig } from '../config/types.js';
import type { Finding } from '../model/findings.js';
import { fqdnOf, type DnsRecord } from '../model/record.js';
import type { PopulateOptions, Provider, ProviderFactory } from '../model/provider.js';
import { validateZoneRules } from '../validate/zone-rules.js';
import { validateRegions } from '../validate/region-rules.js';
import { validateResilience } from '../validate/resilience-rules.js';
import { zoneNameProblem } from '../model/names.js';
import { resolveSecrets } from '../config/secrets.js';
import { secretValueFindings } from '../validate/secret-values.js';
import { applyDisabled, checkOptionNames } from '../config/provider-options.js';
import { DnsctlError } from '../model/findings.js';
import { formatPosition } from '../model/record.js';

export interface ZoneReport {
  zone: string;
  records: DnsRecord[];
  findings: Finding[];
}

export interface ValidateReport {
  zones: ZoneReport[];
  /** findings not tied to one zone (region catalogue, config) */
  findings: Finding[];
  errors: number;
  warnings: number;
}

export class ProviderSet {
  private readonly cache = new Map<string, Promise<Provider>>();
  private readonly disabled = new Set<string>();
  private readonly notes: string[] = [];
  constructor(private readonly config: DnsctlConfig, private readonly factory: ProviderFactory) {}

  /**
   * The provider built from its config entry (once). Its options are checked against the
   * names it reads: an unknown one is refused, naming the config line and the nearest name.
   */
  get(id: string): Promise<Provider> {
    let p = this.cache.get(id);
    if (!p) {
      const pc = this.config.providers.get(id);
      if (!pc) return Promise.reject(new Error(`unknown provider ${id}`));
      p = (async () => {
        const where = formatPosition(pc.position);
        const options = resolveSecrets(pc.options, where) as Record<string, unknown>;
        const provider = await this.factory(pc, options, { regions: this.config.regions });
        try {
          if (applyDisabled(options)) this.disabled.add(id);
        } catch (e) {
          throw new DnsctlError(`Incorrect provider config for ${id} (${where}): ${(e as Error).message}`);
        }
        if (provider.optionNames) {
          const check = checkOptionNames(options, provider.optionNames);
          if (check.unknown.length) {
            throw new DnsctlError(`Incorrect provider config for ${id} (${where}): ${check.unknown.join('; ')}; nothing was read or written`);
          }
          for (const n of check.notices) this.notes.push(`provider ${id}: ${n}`);
        }
        return provider;
      })();
      this.cache.set(id, p);
    }
    return p;
  }

  /** octoDNS's apply_disabled is set on this provider (known once it was built). */
  applyDisabled(id: string): boolean {
    return this.disabled.has(id);
  }

  /** Warnings about the providers built so far (options that have no effect). */
  notices(): string[] {
    return [...this.notes];
  }

  kindOf(id: string): string | undefined {
    return this.config.providers.get(id)?.kind;
  }
}

/** How a zone's sources are read: its leniency, the validator sets, the config's and the zone's disabled validators. */
export function sourceReadOptions(config: DnsctlConfig, zc: ZoneConfig): PopulateOptions {
  const disabled = new Map<string, ReadonlySet<string>>(config.disabledValidators);
  for (const [t, ids] of zc.disabledValidators) disabled.set(t, new Set([...(disabled.get(t) ?? []), ...ids]));
  return { lenient: zc.lenient, sets: config.validatorSets, disabledValidators: disabled };
}

function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`);
}

/** The zones a config names, with `'*'` entries expanded through their sources' zone lists. */
export async function expandZones(config: DnsctlConfig, providers: ProviderSet): Promise<ZoneConfig[]> {
  const explicit = config.zones.filter((z) => !z.dynamic);
  const names = new Set(explicit.map((z) => z.name));
  const out = [...explicit];
  for (const dz of config.zones.filter((z) => z.dynamic)) {
    for (const src of dz.sources) {
      const p = await providers.get(src);
      if (!p.listZones) throw new Error(`source ${src} does not support \`list_zones\`, needed by zone config ${dz.name}`);
      for (const name of await p.listZones()) {
        if (names.has(name)) continue;
        if (dz.dynamic?.glob && !globToRegExp(dz.dynamic.glob).test(name)) continue;
        if (dz.dynamic?.regex && !new RegExp(dz.dynamic.regex).test(name)) continue;
        names.add(name);
        out.push({ ...dz, name, dynamic: undefined } as ZoneConfig);
      }
    }
  }
  return out;
}

function subzonesOf(zone: string, all: string[]): string[] {
  return all.filter((z) => z !== zone && z.endsWith(`.${zone}`)).map((z) => z.slice(0, -(zone.length + 1)));
}

/** The record belongs in a managed sub-zone (at its apex and not NS/DS, or under it). */
function belongsToSubzone(r: DnsRecord, subs: string[]): boolean {
  return subs.some((sub) => (r.name === sub ? r.type !== 'NS' && r.type !== 'DS' : r.name.endsWith(`.${sub}`)));
}

/** Records at or under a managed sub-zone; octoDNS raises unless the zone (or record) is lenient, then warns. */
function subzoneFindings(zone: string, records: DnsRecord[], subs: string[], lenientZone: boolean): Finding[] {
  const out: Finding[] = [];
  for (const r of records) {
    const severity = lenientZone || r.octodns?.['lenient'] === true ? 'warning' : 'error';
    for (const sub of subs) {
      const fqdn = fqdnOf(r.name, zone);
      const pos = r.source;
      if (r.name === sub) {
        if (r.type !== 'NS' && r.type !== 'DS') {
          out.push({ severity, reason: `Record ${fqdn} is a managed sub-zone and not of type NS or DS`, record: fqdn, zone, ...(pos ? { position: pos } : {}) });
        }
      } else if (r.name.endsWith(`.${sub}`)) {
        out.push({ severity, reason: `Record ${fqdn} is under a managed subzone`, record: fqdn, zone, ...(pos ? { position: pos } : {}) });
      }
    }
  }
  return out;
}

export async function validateRepository(config: DnsctlConfig, factory: ProviderFactory): Promise<ValidateReport> {
  const providers = new ProviderSet(config, factory);
  const zones = await expandZones(config, providers);
  const allNames = zones.map((z) => z.name);
  const reports: ZoneReport[] = [];
  // an alias zone is a copy of its source zone's records (octoDNS), so it comes after it
  for (const zc of [...zones.filter((z) => !z.alias), ...zones.filter((z) => z.alias)]) {
    const findings: Finding[] = [];
    const problem = zoneNameProblem(zc.name);
    if (problem) {
      reports.push({ zone: zc.name, records: [], findings: [{ severity: 'error', reason: problem, zone: zc.name }] });
      continue;
    }
    const byKey = new Map<string, DnsRecord>();
    let only: DnsRecord[] | undefined;
    let read = 0;
    const aliased = zc.alias ? reports.find((r) => r.zone === zc.alias) : undefined;
    for (const src of aliased ? [] : zc.sources) {
      // like octodns-validate: only YAML sources are read; live providers are read by `plan`
      if (providers.kindOf(src) !== 'yaml') continue;
      const res = await (await providers.get(src)).populate(zc.name, sourceReadOptions(config, zc));
      for (const f of res.findings) findings.push(f);
      // a YAML source's records are unique by name and type already: one source needs no merge
      if (++read === 1) {
        only = res.records;
        continue;
      }
      if (only) {
        for (const r of only) byKey.set(`${r.name}\u0000${r.type}`, r);
        only = undefined;
      }
      for (const r of res.records) byKey.set(`${r.name}\u0000${r.type}`, r);
    }
    let records = aliased ? aliased.records.map((r) => ({ ...r, zone: zc.name })) : only ? [...only] : [...byKey.values()];
    const subs = subzonesOf(zc.name, allNames);
    // octoDNS's ignore_subzone_adds: such records are dropped silently (a lenient zone or record keeps them, with the warning)
    if (zc.ignoreSubzoneAdds && !zc.lenient && subs.length) records = records.filter((r) => r.octodns?.['lenient'] === true || !belongsToSubzone(r, subs));
    findings.push(...subzoneFindings(zc.name, records, subs, zc.lenient));
    findings.push(...secretValueFindings(zc.name, records));
    // dnsctl's resilience checks ride with octoDNS's best-practice set; each can be disabled like a zone validator
    if (config.validatorSets.has('best-practice')) {
      for (const f of validateResilience(zc.name, records)) if (!f.via || !zc.disabledZoneValidators.has(f.via)) findings.push(f);
    }
    for (const zr of validateZoneRules(zc.name, records, { sets: config.validatorSets, disabled: zc.disabledZoneValidators })) {
      const first = zr.records[0];
      const f: Finding = { severity: zc.lenient ? 'warning' : 'error', reason: zr.reason, via: zr.via, zone: zc.name };
      if (first) {
        f.record = fqdnOf(first.name, zc.name);
        if (first.source) f.position = first.source;
      }
      findings.push(f);
    }
    reports.push({ zone: zc.name, records, findings });
  }
  const order = new Map(zones.map((z, i) => [z.name, i]));
  reports.sort((a, b) => (order.get(a.zone) ?? 0) - (order.get(b.zone) ?? 0));
  const global = validateRegions(config, reports.map((r) => ({ zone: r.zone, records: r.records })));
  global.push(...(config.notices ?? []));
  for (const n of providers.notices()) global.push({ severity: 'warning', reason: n });
  const all = [...global, ...reports.flatMap((r) => r.findings)];
  return {
    zones: reports,
    findings: global,
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
  };
}
