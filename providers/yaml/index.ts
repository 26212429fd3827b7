/** The YAML provider: octoDNS's YamlProvider layout as a source (and, next, a target). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Capabilities, PopulateOptions, PopulateResult, Provider } from '../../src/model/provider.js';
import { RECORD_TYPES } from '../../src/model/record.js';
import { parseYamlOptions, type YamlOptions } from './options.js';
import { readZone } from './read-zone.js';

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
  readonly options: YamlOptions;
  readonly capabilities: Capabilities;

  constructor(readonly id: string, rawOptions: Record<string, unknown>, cwd: string = process.cwd()) {
    this.options = parseYamlOptions(rawOptions, cwd);
    this.capabilities = { ...YAML_CAPABILITIES, rootNs: this.options.supportsRootNs };
  }

  async populate(zone: string, opts: PopulateOptions): Promise<PopulateResult> {
    return readZone(this.options, zone, opts);
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
