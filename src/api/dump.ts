/** `dnsctl dump`: a zone as one or more sources see it, as octoDNS YAML or JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DnsctlConfig } from '../config/types.js';
import { DnsctlError, type Finding } from '../model/findings.js';
import type { DnsRecord } from '../model/record.js';
import type { ProviderFactory } from '../model/provider.js';
import { zoneToJsonRecords } from '../render/zone-json.js';
import { zoneToYaml } from '../render/zone-yaml.js';
import { idnaEncode } from '../model/names.js';
import { ProviderSet, expandZones } from './validate.js';
import { unsupportedProcessors } from '../config/processor-options.js';
import { processSource, type RunnableSpec } from '../plan/processors.js';

export type DumpFormat = 'yaml' | 'json';

export interface DumpResult {
  zone: string;
  records: DnsRecord[];
  findings: Finding[];
  text: string;
  /** the file written, with --output-dir */
  file?: string;
}

export async function dumpZones(
  config: DnsctlConfig,
  factory: ProviderFactory,
  opts: { zone: string; sources: string[]; format: DumpFormat; outputDir?: string; lenient?: boolean },
): Promise<DumpResult[]> {
  const providers = new ProviderSet(config, factory);
  for (const s of opts.sources) if (!config.providers.has(s)) throw new DnsctlError(`unknown source: ${s} (providers: ${[...config.providers.keys()].join(', ')})`);
  const expanded = opts.zone === '*' ? await expandZones(config, providers) : undefined;
  // a zone given by its Unicode name is the config's IDNA zone (octoDNS's idna_encode)
  const asked = opts.zone.endsWith('.') ? opts.zone : `${opts.zone}.`;
  const zoneNames = expanded ? expanded.map((z) => z.name) : [idnaEncode(asked) ?? asked];
  const results: DumpResult[] = [];
  for (const zone of zoneNames) {
    const zc = (expanded ?? config.zones).find((z) => z.name === zone);
    const disabled = new Map<string, ReadonlySet<string>>(config.disabledValidators);
    for (const [t, ids] of zc?.disabledValidators ?? []) disabled.set(t, ids);
    const byKey = new Map<string, DnsRecord>();
    const findings: Finding[] = [];
    // octodns-dump runs the zone's processors (process_source_zone) since octoDNS 1.14;
    // dnsctl runs the ones it has and says so of the others
    const unsupported = zc ? unsupportedProcessors(zc, config.processors) : [];
    if (unsupported.length) {
      findings.push({ severity: 'warning', zone, reason: `zone ${zone} uses octoDNS processors (${unsupported.join(', ')}), which dnsctl does not run: this dump is the sources' records without them, octodns-dump's output may differ` });
    }
    for (const s of opts.sources) {
      const res = await (await providers.get(s)).populate(zone, { lenient: opts.lenient ?? zc?.lenient ?? false, sets: config.validatorSets, disabledValidators: disabled });
      findings.push(...res.findings);
      for (const r of res.records) byKey.set(`${r.name}\u0000${r.type}`, r);
    }
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length) throw new DnsctlError(`cannot dump ${zone}: ${errors.length} error(s) reading it`, errors);
    const runnable = (zc?.processors ?? []).map((n) => config.processors?.get(n)).filter((p): p is RunnableSpec => p !== undefined && p.kind !== 'unsupported');
    const records = processSource([...byKey.values()], zone, runnable);
    const text = opts.format === 'json' ? `${JSON.stringify(zoneToJsonRecords(records), null, 2)}\n` : zoneToYaml(records, 3600);
    const result: DumpResult = { zone, records, findings, text };
    if (opts.outputDir) {
      mkdirSync(opts.outputDir, { recursive: true });
      const file = join(opts.outputDir, `${zone}${opts.format === 'json' ? 'json' : 'yaml'}`);
      writeFileSync(file, text);
      result.file = file;
    }
    results.push(result);
  }
  return results;
}
