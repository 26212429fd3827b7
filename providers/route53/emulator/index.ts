// Route 53 API emulator: a real HTTP server on loopback speaking Route 53's REST-XML API
// (2013-04-01) for the unmodified @aws-sdk/client-route-53. See README.md in this folder.
import type { AddressInfo } from 'node:net';
import { DEFAULT_CIDR_LIMITS, type Backend, type CidrLimits } from './backend.js';
import type { FaultConfig } from './faults.js';
import { DEFAULT_GEO_TABLE, type GeoTableEntry } from './geo.js';
import { loadState, saveState } from './persistence.js';
import { DEFAULT_RATE, TokenBucket, type RateConfig } from './rate-limit.js';
import { compareRecordSets } from './record-sets.js';
import { createRng } from './rng.js';
import { createRoute53Server } from './server.js';
import { emptyState, type EmulatorState } from './state.js';

export type { CidrLimits } from './backend.js';
export type { FaultConfig } from './faults.js';
export type { GeoTableEntry } from './geo.js';
export type { RateConfig } from './rate-limit.js';
export { DEFAULT_GEO_TABLE } from './geo.js';

export interface Route53EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** JSON file to load state from and write after every mutation (atomically). */
  stateFile?: string;
  /** How long a change stays PENDING before GetChange reports INSYNC; default 1000 ms. */
  syncDelayMs?: number;
  /** Account-wide token bucket; default 5 requests/s with a burst of 5; false disables it. */
  rate?: RateConfig | false;
  /** Injected faults; default none. */
  faults?: FaultConfig;
  /** Seed of the RNGs behind fault injection and weighted answers; default 1. */
  seed?: number;
  /** Client subnet → location table for TestDNSAnswer; default DEFAULT_GEO_TABLE. */
  geoTable?: readonly GeoTableEntry[];
  /** Changes to one zone closer together than this get PriorRequestNotComplete; default 0 (off). */
  priorRequestWindowMs?: number;
  /** Accept private/reserved/documentation IPs in health checks (AWS rejects them); default false. */
  allowNonPublicHealthCheckIps?: boolean;
  /** CIDR collection quotas; default 5 collections, 1000 blocks per collection (unconfirmed AWS figures). */
  cidrLimits?: Partial<CidrLimits>;
}

export interface Route53Emulator {
  /** Base URL to use as the SDK `endpoint`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  close(): Promise<void>;
  /** Empties the account (zones, changes, health checks, tags) and zeroes the counters. */
  reset(): void;
  /** Requests received per operation (every attempt, including throttled/faulted ones). */
  counters(): Record<string, number>;
  /** Error responses per `"<Operation> <Code>"` (and `DroppedConnection`). */
  errorCounters(): Record<string, number>;
  resetCounters(): void;
  faults(): FaultConfig;
  setFaults(f: FaultConfig): void;
  setRate(r: RateConfig | false): void;
  /** Sets what the checkers observe at a health check's endpoint (before Disabled/Inverted apply). */
  setHealth(id: string, healthy: boolean): void;
  /** A deep copy of the current state. */
  snapshot(): EmulatorState;
}

export async function startRoute53Emulator(opts: Route53EmulatorOptions = {}): Promise<Route53Emulator> {
  const seed = opts.seed ?? 1;
  const stateFile = opts.stateFile;
  const initial = stateFile ? loadState(stateFile) : emptyState();
  for (const zone of Object.values(initial.zones)) zone.rrsets.sort(compareRecordSets); // listing order
  const backend: Backend = {
    state: initial,
    now: Date.now,
    syncDelayMs: opts.syncDelayMs ?? 1000,
    priorRequestWindowMs: opts.priorRequestWindowMs ?? 0,
    answerRng: createRng(seed ^ 0x9e3779b9),
    geoTable: opts.geoTable ?? DEFAULT_GEO_TABLE,
    healthRules: { allowNonPublicIps: opts.allowNonPublicHealthCheckIps ?? false },
    cidrLimits: { ...DEFAULT_CIDR_LIMITS, ...opts.cidrLimits },
  };
  let faults: FaultConfig = { ...(opts.faults ?? {}) };
  const rateOpt = opts.rate === undefined ? DEFAULT_RATE : opts.rate;
  let bucket: TokenBucket | undefined = rateOpt === false ? undefined : new TokenBucket(rateOpt);
  let counts: Record<string, number> = {};
  let errors: Record<string, number> = {};
  const persist = (): void => {
    if (stateFile) saveState(stateFile, backend.state);
  };

  const setHealth = (id: string, healthy: boolean): void => {
    const hc = backend.state.healthChecks[id];
    if (!hc) throw new Error(`no health check ${id}`);
    hc.endpointHealthy = healthy;
    persist();
  };
  const reset = (): void => {
    backend.state = emptyState();
    counts = {};
    errors = {};
    bucket?.refill();
    persist();
  };
  const setRate = (r: RateConfig | false): void => {
    if (r === false) bucket = undefined;
    else if (bucket) bucket.reconfigure(r);
    else bucket = new TokenBucket(r);
  };

  const server = createRoute53Server({
    backend,
    bucket: () => bucket,
    faults: () => faults,
    faultRng: createRng(seed),
    onMutation: persist,
    count: (op) => { counts[op] = (counts[op] ?? 0) + 1; },
    countError: (op, code) => { const k = `${op} ${code}`; errors[k] = (errors[k] ?? 0) + 1; },
    admin: {
      getFaults: () => faults,
      setFaults: (f) => { faults = { ...f }; },
      getRate: () => (bucket ? bucket.settings : false),
      setRate,
      setHealth,
      counters: () => ({ ...counts }),
      errorCounters: () => ({ ...errors }),
      resetCounters: () => { counts = {}; errors = {}; },
      reset,
      state: () => backend.state,
    },
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    reset,
    counters: () => ({ ...counts }),
    errorCounters: () => ({ ...errors }),
    resetCounters: () => { counts = {}; errors = {}; },
    faults: () => ({ ...faults }),
    setFaults: (f) => { faults = { ...f }; },
    setRate,
    setHealth,
    snapshot: () => JSON.parse(JSON.stringify(backend.state)) as EmulatorState,
  };
}
