/**
 * A MetaProcessor's `time` and `uuid` are fixed once per run (octoDNS fixes them when its
 * Manager builds the processor). Applying a saved plan is a second run: it must write the
 * values the reviewed plan shows, so the run's values are taken from the plan's meta records.
 */
import type { DnsctlConfig } from '../config/types.js';
import type { Plan } from './types.js';

export function pinMetaValues(config: DnsctlConfig, plan: Plan): void {
  for (const spec of config.processors?.values() ?? []) {
    if (spec.kind !== 'meta') continue;
    for (const zp of plan.zones) {
      for (const c of zp.changes) {
        const r = c.desired;
        if (!r || r.type !== 'TXT' || r.name !== spec.recordName) continue;
        for (const v of r.values) {
          const s = String(v);
          if (spec.time !== undefined && s.startsWith('time=')) spec.time = s.slice('time='.length);
          if (spec.uuid !== undefined && s.startsWith('uuid=')) spec.uuid = s.slice('uuid='.length);
        }
      }
    }
  }
}
