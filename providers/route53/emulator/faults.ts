// Fault injection: each API request (admin endpoints excepted) rolls the seeded RNG once per fault
// kind, in the order below, and the first fault that fires is applied.

import type { Rng } from './rng.js';

export interface FaultConfig {
  /** Probability (0–1) that a request is answered `Throttling: Rate exceeded` (HTTP 400). */
  throttleRate?: number;
  /** Probability that a request to an operation that declares it is answered `PriorRequestNotComplete` (HTTP 400). */
  priorRequestNotCompleteRate?: number;
  /** Probability that a request is answered HTTP 503 `ServiceUnavailable`. */
  serverErrorRate?: number;
  /** Probability that the connection is dropped (socket destroyed) without a response. */
  dropConnectionRate?: number;
  /** Probability that `latencyMs` is added before answering (default 1 when latencyMs is set). */
  latencyRate?: number;
  /** Added latency in milliseconds. */
  latencyMs?: number;
  /** Restrict faults to these operations (default: every operation). */
  operations?: string[];
}

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'drop'; delayMs: number }
  | { kind: 'throttle'; delayMs: number }
  | { kind: 'prior-request'; delayMs: number }
  | { kind: 'server-error'; delayMs: number };

const roll = (rng: Rng, rate: number | undefined): boolean => rate !== undefined && rate > 0 && rng() < rate;

export function decideFault(config: FaultConfig, rng: Rng, operation: string, declaresPriorRequest: boolean): FaultDecision {
  if (config.operations && !config.operations.includes(operation)) return { kind: 'none', delayMs: 0 };
  const delayMs = config.latencyMs && roll(rng, config.latencyRate ?? 1) ? config.latencyMs : 0;
  if (roll(rng, config.dropConnectionRate)) return { kind: 'drop', delayMs };
  if (roll(rng, config.throttleRate)) return { kind: 'throttle', delayMs };
  if (declaresPriorRequest && roll(rng, config.priorRequestNotCompleteRate)) return { kind: 'prior-request', delayMs };
  if (roll(rng, config.serverErrorRate)) return { kind: 'server-error', delayMs };
  return { kind: 'none', delayMs };
}

export function validateFaultConfig(value: unknown): FaultConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('fault config must be an object');
  const v = value as Record<string, unknown>;
  const out: FaultConfig = {};
  for (const key of ['throttleRate', 'priorRequestNotCompleteRate', 'serverErrorRate', 'dropConnectionRate', 'latencyRate'] as const) {
    if (v[key] === undefined) continue;
    const n = v[key];
    if (typeof n !== 'number' || !(n >= 0 && n <= 1)) throw new Error(`${key} must be a number between 0 and 1`);
    out[key] = n;
  }
  if (v.latencyMs !== undefined) {
    if (typeof v.latencyMs !== 'number' || v.latencyMs < 0) throw new Error('latencyMs must be a non-negative number');
    out.latencyMs = v.latencyMs;
  }
  if (v.operations !== undefined) {
    if (!Array.isArray(v.operations) || !v.operations.every((o) => typeof o === 'string')) throw new Error('operations must be an array of operation names');
    out.operations = v.operations as string[];
  }
  for (const key of Object.keys(v)) {
    if (!['throttleRate', 'priorRequestNotCompleteRate', 'serverErrorRate', 'dropConnectionRate', 'latencyRate', 'latencyMs', 'operations'].includes(key)) {
      throw new Error(`unknown fault setting ${key}`);
    }
  }
  return out;
}
