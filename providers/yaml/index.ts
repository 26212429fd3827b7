/** The YAML provider: octoDNS's YamlProvider layout as a source (and, next, a target). */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplyOptions, Capabilities, PopulateOptions, PopulateResult, Provider } from '../../src/model/provider.js';
import { RECORD_TYPES, recordKey, type DnsRecord } from '../../src/model/record.js';
import type { Change, ChangeResult } from '../../src/plan/types.js';
import { zoneToYaml } from '../../src/render/zone-yaml.js';
import { parseThresholds, type OptionNames } from '../../src/config/provider-options.js';
import { parseYamlOptions, YAML_OPTION_NAMES, type YamlOptions } from './options.js';
import { readZone } from './read-zone.js';
import { readZoneAsync } from './read-zone-async.js';

export const YAML_CAPABILITIES: Capabilities = {
  types: [...RECORD_TYPES],
  routing: ['failover', 'weighted', 'latency', 'geo'],
  healthChecks: true,
  poolValueStatus: true,
  dynamicSubnets: true,
  rootNs: true,
  target: true,
  notes: ['stores every record and the whole traffic model as written'],
};

export class YamlProvider implements Provider {
  readonly kind = 'yaml';
  readonly optionNames: OptionNames;
  readonly options: YamlOptions;
  readonly capabilities: Capabilities;
  readonly thresholds?: { update?: number; delete?: number };

  constructor(readonly id: string, rawOptions: Record<string, unknown>, cwd: string = process.cwd(), optionNames: OptionNames = YAML_OPTION_NAMES) {
    this.optionNames = optionNames;
    this.options = parseYamlOptions(rawOptions, cwd);
    const thresholds = parseThresholds(rawOptions);
    if (thresholds) this.thresholds = thresholds;
    this.capabilities = { ...YAML_CAPABILITIES, rootNs: this.options.supportsRootNs };
  }

  async populate(zone: string, opts: PopulateOptions): Promise<PopulateResult> {
    return readZone(this.options, zone, opts);
  }

  /**
   * `populate`, for a caller with other work to do meanwhile: a large zone is read in a
   * worker thread (when the compiled worker exists), so the reading overlaps that work.
   * Aborting `signal` ends the worker. Same result as `populate`.
   */
  populateConcurrently(zone: string, opts: PopulateOptions, signal?: AbortSignal): Promise<PopulateResult> {
    return readZoneAsync(this.options, zone, opts, signal ? { signal } : {});
  }

  get strictSupports(): boolean {
    return this.options.strictSupports;
  }

  /**
   * Writes the zone file with the changes applied (octoDNS's layout). The whole file is
   * replaced atomically, so a zone is either fully written or untouched.
   */
  async apply(zone: string, changes: Change[], opts: ApplyOptions): Promise<ChangeResult[]> {
    // one atomic file write: interrupted before it, nothing is written
    if (opts.signal?.aborted) return changes.map((change) => ({ change, status: 'not-attempted' as const }));
    if (this.options.splitExtension !== null) {
      const error = `${this.id}: writing split zone directories is not supported; use a flat YAML target`;
      return changes.map((change) => ({ change, status: 'not-attempted' as const, error }));
    }
    const current = readZone(this.options, zone, { lenient: true, target: true, sets: new Set(['legacy']), disabledValidators: new Map() });
    const records = new Map<string, DnsRecord>(current.records.map((r) => [recordKey(r), r]));
    for (const c of changes) {
      const key = `${c.name}\u0000${c.type}`;
      if (c.kind === 'delete') records.delete(key);
      else records.set(key, { ...c.desired!, zone });
    }
    mkdirSync(this.options.directory, { recursive: true });
    const file = join(this.options.directory, `${zone}yaml`);
    const tmp = `${file}.dnsctl-${process.pid}.tmp`;
    writeFileSync(tmp, zoneToYaml([...records.values()], this.options.defaultTtl));
    renameSync(tmp, file);
    opts.onProgress?.(changes.length, changes.length);
    return changes.map((change) => ({ change, status: 'applied' as const }));
  }

  async listZones(): Promise<string[]> {
    const dir = this.options.directory;
    if (!existsSync(dir)) return [];
    const zones = new Set<string>();
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.yaml') && f.split('.').length > 2 && !this.options.disableZonefile) zones.add(f.slice(0, -'yaml'.length));
      const ext = this.options.splitExtension;
      if (ext !== null && f.endsWith(ext) && statSync(`${dir}/${f}`).isDirectory()) {
        zones.add(`${f.slice(0, f.length - ext.length)}.`);
      }
    }
    return [...zones].sort();
  }
}
