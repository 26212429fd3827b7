/** Decides, per API request and from the seeded RNG, which configured fault (if any) to inject. */
import type { Rng } from './rng.js';
import type { FaultConfig } from './types.js';

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'drop'; delayMs: number }
  | { kind: 'status'; status: number; retryAfter?: number; delayMs: number };

export function decideFault(config: FaultConfig, rng: Rng, operation?: string): FaultDecision {
  if (config.operations && (operation === undefined || !config.operations.includes(operation))) return { kind: 'none', delayMs: 0 };
  const delayMs = (config.latencyMs ?? 0) > 0 && rng() < (config.latencyRate ?? 1) ? config.latencyMs ?? 0 : 0;
  if ((config.dropRate ?? 0) > 0 && rng() < (config.dropRate ?? 0)) return { kind: 'drop', delayMs };
  if ((config.rate429 ?? 0) > 0 && rng() < (config.rate429 ?? 0)) {
    return { kind: 'status', status: 429, retryAfter: config.retryAfterSeconds ?? 1, delayMs };
  }
  if ((config.rate5xx ?? 0) > 0 && rng() < (config.rate5xx ?? 0)) {
    return { kind: 'status', status: config.status5xx ?? 503, delayMs };
  }
  return { kind: 'none', delayMs };
}
