/** Shapes shared by the API handlers. */
import type { ResultInfo } from './envelope.js';
import type { Operation } from './operations.js';
import type { Rng } from './rng.js';
import type { CompiledSchema } from './schema-validator.js';
import type { EmulatorStore } from './store.js';

export interface RuntimeConfig {
  batchLimit: number;
  loadBalancing: boolean;
  rng: Rng;
  schema: CompiledSchema;
}

export interface HandlerContext {
  op: Operation;
  params: Record<string, string>;
  /** Declared query parameters, coerced to their schema types. */
  query: Record<string, unknown>;
  /** The raw query string (also holds undeclared forms such as `name.exact`). */
  rawQuery: URLSearchParams;
  body: unknown;
  path: string;
  store: EmulatorStore;
  config: RuntimeConfig;
}

export type HandlerResult =
  | { kind: 'json'; result: unknown; resultInfo?: ResultInfo; status?: number; mutated?: boolean }
  | { kind: 'text'; text: string; contentType: string };

export type Handler = (ctx: HandlerContext) => HandlerResult;

export function json(result: unknown, opts: { resultInfo?: ResultInfo; mutated?: boolean; status?: number } = {}): HandlerResult {
  return { kind: 'json', result, ...opts };
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
