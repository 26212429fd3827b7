/**
 * Emulator-only operations, over HTTP under `/_emulator/` (no auth, not rate limited, no faults)
 * and programmatically: zones, health overrides, load-balancer evaluation, faults, counters, reset.
 *
 *   GET  /_emulator/state                      whole state
 *   POST /_emulator/reset                      clear state (configured zones are re-created)
 *   GET  /_emulator/zones   POST {name}        list / create a zone → {id, name}
 *   GET  /_emulator/counters  DELETE           requests per operation / clear them
 *   GET  /_emulator/faults    PUT {FaultConfig}
 *   GET  /_emulator/config    PUT {batchLimit?, loadBalancing?}
 *   PUT  /_emulator/health/pools/{pool_id}                    {healthy: true|false|null}
 *   PUT  /_emulator/health/pools/{pool_id}/origins/{name|address} {healthy: true|false|null}
 *   POST /_emulator/evaluate  {load_balancer_id | name, zone_id?, country?, subdivision?, region?, pop?, latitude?, longitude?}
 *   GET  /_emulator/latency                    the RTT table dynamic_latency assumes
 */
import { ApiError, successEnvelope } from './envelope.js';
import { asRecord, type RuntimeConfig } from './handler-types.js';
import { evaluateLoadBalancer, type ClientLocation, type EvaluationResult } from './lb/evaluate.js';
import { REGION_LATENCY_MS } from './lb/regions.js';
import type { AdminHandler } from './server.js';
import type { EmulatorStore } from './store.js';
import type { EmulatorState, FaultConfig } from './types.js';

export interface EvaluateRequest {
  loadBalancerId?: string;
  /** LB hostname (FQDN) instead of the id. */
  name?: string;
  zoneId?: string;
  location: ClientLocation;
}

export interface AdminApi {
  /** Force a pool healthy/unhealthy; `null` returns it to origin-based health. */
  setPoolHealth(poolId: string, healthy: boolean | null): void;
  /** Mark an origin (by name or address) healthy/unhealthy; `null` clears the override. */
  setOriginHealth(poolId: string, origin: string, healthy: boolean | null): void;
  evaluate(req: EvaluateRequest): EvaluationResult;
  state(): EmulatorState;
  faults(): FaultConfig;
  setLoadBalancing(enabled: boolean): void;
  setBatchLimit(limit: number): void;
}

export interface AdminDeps {
  store: EmulatorStore;
  config: RuntimeConfig;
  counters: Map<string, number>;
  getFaults(): FaultConfig;
  setFaults(f: FaultConfig): void;
  reset(): void;
}

function notFound(what: string): ApiError {
  return ApiError.of(404, 1001, `${what} not found`);
}

export function createAdminHandler(deps: AdminDeps): { http: AdminHandler; api: AdminApi } {
  const { store } = deps;
  const pool = (id: string) => {
    const p = store.state.pools.find((x) => x.id === id);
    if (!p) throw notFound(`pool ${id}`);
    return p;
  };
  const api: AdminApi = {
    setPoolHealth(poolId, healthy) {
      pool(poolId);
      if (healthy === null) delete store.state.health.pools[poolId];
      else store.state.health.pools[poolId] = healthy;
      store.persist();
    },
    setOriginHealth(poolId, origin, healthy) {
      const p = pool(poolId);
      if (!p.origins.some((o) => o.name === origin || o.address === origin)) throw notFound(`origin ${origin} in pool ${poolId}`);
      const m = (store.state.health.origins[poolId] ??= {});
      if (healthy === null) delete m[origin];
      else m[origin] = healthy;
      store.persist();
    },
    evaluate(req) {
      const lb = store.state.loadBalancers.find(
        (x) => (req.loadBalancerId ? x.id === req.loadBalancerId : x.name === req.name?.toLowerCase().replace(/\.$/, '')) && (!req.zoneId || x.zone_id === req.zoneId),
      );
      if (!lb) throw notFound(`load balancer ${req.loadBalancerId ?? req.name ?? ''}`);
      return evaluateLoadBalancer({ loadBalancer: lb, pools: store.state.pools, health: store.state.health, location: req.location, rng: deps.config.rng });
    },
    state: () => store.state,
    faults: () => deps.getFaults(),
    setLoadBalancing(enabled) {
      deps.config.loadBalancing = enabled;
    },
    setBatchLimit(limit) {
      deps.config.batchLimit = limit;
    },
  };

  const healthOf = (body: unknown): boolean | null => {
    const h = asRecord(body).healthy;
    if (h === null || typeof h === 'boolean') return h;
    throw ApiError.of(400, 1002, 'body must be {"healthy": true | false | null}');
  };

  const http: AdminHandler = (method, path, _query, body) => {
    const ok = (result: unknown) => ({ status: 200, body: successEnvelope(result) });
    const b = asRecord(body);
    if (path === '/state' && method === 'GET') return ok(store.state);
    if (path === '/reset' && method === 'POST') {
      deps.reset();
      return ok({ reset: true });
    }
    if (path === '/zones' && method === 'GET') return ok(store.state.zones.map((z) => ({ id: z.id, name: z.name })));
    if (path === '/zones' && method === 'POST') {
      if (typeof b.name !== 'string') throw ApiError.of(400, 1002, 'body must be {"name": "<zone name>"}');
      const z = store.createZone(b.name);
      return ok({ id: z.id, name: z.name });
    }
    if (path === '/counters' && method === 'GET') return ok(Object.fromEntries(deps.counters));
    if (path === '/counters' && method === 'DELETE') {
      deps.counters.clear();
      return ok({});
    }
    if (path === '/faults' && method === 'GET') return ok(deps.getFaults());
    if (path === '/faults' && (method === 'PUT' || method === 'POST')) {
      deps.setFaults(b as FaultConfig);
      return ok(deps.getFaults());
    }
    if (path === '/config' && method === 'GET') return ok({ accountId: store.accountId, batchLimit: deps.config.batchLimit, loadBalancing: deps.config.loadBalancing });
    if (path === '/config' && (method === 'PUT' || method === 'PATCH')) {
      if (typeof b.batchLimit === 'number') api.setBatchLimit(b.batchLimit);
      if (typeof b.loadBalancing === 'boolean') api.setLoadBalancing(b.loadBalancing);
      return ok({ accountId: store.accountId, batchLimit: deps.config.batchLimit, loadBalancing: deps.config.loadBalancing });
    }
    const originMatch = /^\/health\/pools\/([^/]+)\/origins\/([^/]+)$/.exec(path);
    if (originMatch && method === 'PUT') {
      api.setOriginHealth(decodeURIComponent(originMatch[1] ?? ''), decodeURIComponent(originMatch[2] ?? ''), healthOf(body));
      return ok(store.state.health);
    }
    const poolMatch = /^\/health\/pools\/([^/]+)$/.exec(path);
    if (poolMatch && method === 'PUT') {
      api.setPoolHealth(decodeURIComponent(poolMatch[1] ?? ''), healthOf(body));
      return ok(store.state.health);
    }
    if (path === '/evaluate' && method === 'POST') {
      const location: ClientLocation = {};
      for (const k of ['country', 'subdivision', 'region', 'pop'] as const) if (typeof b[k] === 'string') location[k] = b[k] as string;
      for (const k of ['latitude', 'longitude'] as const) if (typeof b[k] === 'number') location[k] = b[k] as number;
      const req: EvaluateRequest = { location };
      if (typeof b.load_balancer_id === 'string') req.loadBalancerId = b.load_balancer_id;
      if (typeof b.name === 'string') req.name = b.name;
      if (typeof b.zone_id === 'string') req.zoneId = b.zone_id;
      return ok(api.evaluate(req));
    }
    if (path === '/latency' && method === 'GET') return ok(REGION_LATENCY_MS);
    return { status: 404, body: { success: false, errors: [{ code: 7000, message: `No admin route ${method} ${path}` }], messages: [], result: null } };
  };

  return { http, api };
}
