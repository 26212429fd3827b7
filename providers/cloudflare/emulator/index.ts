/**
 * Cloudflare API emulator: a loopback HTTP server under `/client/v4` that the official
 * `cloudflare` SDK talks to unmodified (only `baseURL` changes). See README.md in this folder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminHandler, type AdminApi } from './admin-api.js';
import { dnsRecordHandlers } from './dns/records-api.js';
import type { Handler, RuntimeConfig } from './handler-types.js';
import { newId } from './ids.js';
import { lbHandlers } from './lb/lb-handlers.js';
import { RateLimiter } from './rate-limiter.js';
import { createRng } from './rng.js';
import { compileSchema, resolveSchemaPath } from './schema-validator.js';
import { ADMIN_PREFIX, API_PREFIX, createPipeline } from './server.js';
import { EmulatorStore } from './store.js';
import type { CloudflareEmulatorOptions, FaultConfig } from './types.js';
import { zoneHandlers } from './zones-api.js';

export type { CloudflareEmulatorOptions, FaultConfig, RateLimitConfig } from './types.js';
export { evaluateLoadBalancer, type EvaluationInput, type EvaluationResult, type ClientLocation } from './lb/evaluate.js';
export { REGION_CODES, REGION_LATENCY_MS, regionOfCountry } from './lb/regions.js';
export type { AdminApi, EvaluateRequest } from './admin-api.js';
export type { EmulatorState, LoadBalancerState, PoolState, HealthState } from './types.js';

export interface CloudflareEmulator {
  /** Base URL for the SDK, e.g. http://127.0.0.1:PORT/client/v4 */
  url: string;
  /** Admin base URL, e.g. http://127.0.0.1:PORT/_emulator */
  adminUrl: string;
  accountId: string;
  close(): Promise<void>;
  /** Clears all state (then re-creates the zones named in the options), counters and rate-limit window. */
  reset(): void;
  /** Requests per operation (`dns_records.batch`, …), plus `total` and `rejected.*`. */
  counters(): Record<string, number>;
  resetCounters(): void;
  setFaults(f: FaultConfig): void;
  /** Creates a zone (idempotent by name) and returns its id. */
  createZone(name: string): string;
  /** Programmatic access to the admin operations (health, evaluation). */
  admin: AdminApi;
}

const DEFAULT_RATE = { requests: 1200, windowMs: 5 * 60 * 1000 };

export async function startCloudflareEmulator(opts: CloudflareEmulatorOptions = {}): Promise<CloudflareEmulator> {
  const schema = compileSchema(resolveSchemaPath(opts.schemaPath));
  const store = new EmulatorStore(opts.accountId ?? newId(), opts.stateFile);
  if (opts.accountId && store.state.accountId !== opts.accountId) store.state.accountId = opts.accountId;
  const createConfiguredZones = (): void => {
    for (const z of opts.zones ?? []) store.createZone(z);
  };
  createConfiguredZones();

  let faults: FaultConfig = { ...(opts.faults ?? {}) };
  const rate = opts.rate === false ? false : opts.rate ?? DEFAULT_RATE;
  const limiter = new RateLimiter(rate);
  const counters = new Map<string, number>();
  const config: RuntimeConfig = {
    batchLimit: opts.batchLimit ?? 200,
    loadBalancing: opts.loadBalancing ?? true,
    rng: createRng(opts.seed ?? 1),
    schema,
  };
  const handlers: Record<string, Handler> = { ...zoneHandlers, ...dnsRecordHandlers, ...lbHandlers };

  const reset = (): void => {
    store.reset();
    createConfiguredZones();
    counters.clear();
    limiter.reset();
  };
  const admin = createAdminHandler({
    store,
    config,
    counters,
    getFaults: () => faults,
    setFaults: (f) => {
      faults = { ...f };
    },
    reset,
  });

  const pipeline = createPipeline({
    store,
    config,
    validators: schema.operations,
    handlers,
    limiter,
    faults: () => faults,
    counters,
    admin: admin.http,
    rateLimit: rate,
    ...(opts.apiToken !== undefined ? { apiToken: opts.apiToken } : {}),
  });
  const server: Server = createServer(pipeline);
  server.keepAliveTimeout = 1000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `${base}${API_PREFIX}`,
    adminUrl: `${base}${ADMIN_PREFIX}`,
    accountId: store.accountId,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
    reset,
    counters: () => Object.fromEntries(counters),
    resetCounters: () => counters.clear(),
    setFaults: (f) => {
      faults = { ...f };
    },
    createZone: (name) => store.createZone(name).id,
    admin: admin.api,
  };
}
