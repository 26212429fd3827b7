/**
 * An in-memory provider: a target for tests and rehearsals. It holds zones as records,
 * applies changes one at a time with octoDNS semantics (create of an existing record
 * fails, delete must match exactly), and can be told to fail chosen changes to
 * exercise partial-failure reporting.
 */
import type { OptionNames } from '../../src/config/provider-options.js';
import type { ApplyOptions, Capabilities, PopulateOptions, PopulateResult, Provider } from '../../src/model/provider.js';
import { RECORD_TYPES, recordKey, type DnsRecord } from '../../src/model/record.js';
import type { Change, ChangeResult } from '../../src/plan/types.js';
import { sameRecord } from '../../src/plan/compare.js';

export const MEMORY_CAPABILITIES: Capabilities = {
  types: [...RECORD_TYPES],
  routing: ['failover', 'weighted', 'latency', 'geo'],
  healthChecks: true,
  poolValueStatus: true,
  dynamicSubnets: true,
  rootNs: true,
  target: true,
  notes: ['holds state in this process only'],
};

/** Shared state so several provider instances (plan, then apply) see one "live" world. */
export class MemoryWorld {
  readonly zones = new Map<string, Map<string, DnsRecord>>();
  /** return an error message to make a change fail */
  failWhen: ((zone: string, change: Change) => string | undefined) | undefined;
  writes = 0;

  seed(zone: string, records: DnsRecord[]): void {
    this.zones.set(zone, new Map(records.map((r) => [recordKey(r), structuredClone(r)])));
  }
}

export class MemoryProvider implements Provider {
  readonly kind = 'memory';
  readonly capabilities: Capabilities;
  readonly strictSupports: boolean;
  readonly optionNames?: OptionNames;
  readonly thresholds?: { update?: number; delete?: number };

  constructor(
    readonly id: string,
    readonly world: MemoryWorld = new MemoryWorld(),
    opts: { capabilities?: Partial<Capabilities>; strictSupports?: boolean; optionNames?: OptionNames; thresholds?: { update?: number; delete?: number } } = {},
  ) {
    this.capabilities = { ...MEMORY_CAPABILITIES, ...opts.capabilities };
    this.strictSupports = opts.strictSupports ?? true;
    if (opts.optionNames) this.optionNames = opts.optionNames;
    if (opts.thresholds) this.thresholds = opts.thresholds;
  }

  async populate(zone: string, _opts: PopulateOptions): Promise<PopulateResult> {
    const z = this.world.zones.get(zone);
    if (!z) return { records: [], findings: [], exists: false };
    return { records: [...z.values()].map((r) => structuredClone(r)), findings: [], exists: true };
  }

  async listZones(): Promise<string[]> {
    return [...this.world.zones.keys()].sort();
  }

  async apply(zone: string, changes: Change[], opts: ApplyOptions): Promise<ChangeResult[]> {
    let z = this.world.zones.get(zone);
    if (!z) {
      z = new Map();
      this.world.zones.set(zone, z);
    }
    const results: ChangeResult[] = [];
    let done = 0;
    for (const change of changes) {
      if (opts.signal?.aborted) {
        results.push({ change, status: 'not-attempted' });
        continue;
      }
      const error = this.world.failWhen?.(zone, change) ?? this.check(z, change);
      if (error) results.push({ change, status: 'failed', error });
      else {
        const key = `${change.name}\u0000${change.type}`;
        if (change.kind === 'delete') z.delete(key);
        else z.set(key, structuredClone({ ...change.desired!, zone }));
        this.world.writes++;
        results.push({ change, status: 'applied' });
      }
      opts.onProgress?.(++done, changes.length);
    }
    return results;
  }

  private check(z: Map<string, DnsRecord>, c: Change): string | undefined {
    const cur = z.get(`${c.name}\u0000${c.type}`);
    if (c.kind === 'create' && cur) return `record ${c.name} ${c.type} already exists`;
    if (c.kind !== 'create' && (!cur || !sameRecord(cur, c.existing!))) return `record ${c.name} ${c.type} does not match the plan's existing record`;
    return undefined;
  }
}
