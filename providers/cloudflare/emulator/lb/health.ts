/**
 * Simulated health. Origins are healthy unless the admin API marked them down; a pool is
 * healthy when it is enabled and at least `minimum_origins` of its enabled origins are healthy,
 * unless the admin API forced the pool's health. (Health is simulated whether or not the pool
 * has a monitor; the emulator runs no probes.)
 */
import type { HealthState, OriginState, PoolState } from '../types.js';
import { REGION_CODES } from './regions.js';

export function originHealthy(pool: PoolState, origin: OriginState, health: HealthState): boolean {
  const overrides = health.origins[pool.id] ?? {};
  const byName = overrides[origin.name];
  const byAddress = overrides[origin.address];
  return byName ?? byAddress ?? true;
}

export function poolHealthy(pool: PoolState, health: HealthState): boolean {
  if (!pool.enabled) return false;
  const forced = health.pools[pool.id];
  if (forced !== undefined) return forced;
  const healthyOrigins = pool.origins.filter((o) => o.enabled && originHealthy(pool, o, health)).length;
  return healthyOrigins >= Math.max(1, pool.minimum_origins);
}

const REGION_POP: Record<string, string> = {
  WNAM: 'San Jose, CA, US', ENAM: 'Ashburn, VA, US', WEU: 'Frankfurt, DE', EEU: 'Warsaw, PL', NSAM: 'São Paulo, BR', SSAM: 'Buenos Aires, AR',
  OC: 'Sydney, AU', ME: 'Dubai, AE', NAF: 'Cairo, EG', SAF: 'Johannesburg, ZA', SAS: 'Mumbai, IN', SEAS: 'Singapore, SG', NEAS: 'Tokyo, JP',
};

/** `GET …/pools/{pool_id}/health` result: one data centre per checked region. */
export function poolHealthReport(pool: PoolState, health: HealthState): Record<string, unknown> {
  const regions = pool.check_regions && !pool.check_regions.includes('ALL_REGIONS') ? pool.check_regions : [...REGION_CODES];
  const healthy = poolHealthy(pool, health);
  const popHealth: Record<string, unknown> = {};
  for (const r of regions) {
    popHealth[REGION_POP[r] ?? r] = {
      healthy,
      origins: pool.origins
        .filter((o) => o.enabled)
        .map((o) => {
          const ok = originHealthy(pool, o, health);
          return { [o.address]: { healthy: ok, rtt: ok ? '12.0ms' : '0ms', failure_reason: ok ? 'No failures' : 'TCP connection failed', response_code: ok ? 200 : 0 } };
        }),
    };
  }
  return { pool_id: pool.id, pop_health: popHealth };
}
