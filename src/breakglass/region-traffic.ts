/**
 * What a provider offers the break-glass commands: reading the zone's overrides, and
 * turning a region's traffic off or on in a zone in O(1) writes, with the override record
 * written alongside. Providers implement it in `providers/<name>/breakglass.ts`; the core
 * never sees switches or pools.
 */
import type { RegionOverride } from './override.js';

export interface RegionChange {
  zone: string;
  region: string;
  /** 0: evacuate (no client is answered from the region); 100: serve as configured */
  percent: 0 | 100;
  /** the zone's overrides after the change (the override record is rewritten to exactly these) */
  overrides: RegionOverride[];
}

export interface RegionChangeResult {
  /** write calls made (the call budget is per zone) */
  writes: number;
  /** what was done, one line each (`switch us-east-1 (hc 1234) inverted`, `2 pool(s) disabled`) */
  notes: string[];
  /** the provider's handle to wait on (Route 53 change id), when it has one */
  changeIds?: string[];
}

export interface RegionState {
  /** whether clients are answered from the region in this zone: 'off' (evacuated), 'on', or 'unknown' (no switch / no pools) */
  serving: 'on' | 'off' | 'unknown';
  /** how the provider knows (`switch hc-123 inverted`, `3/3 pools disabled`) */
  detail: string;
}

export interface RegionTraffic {
  readonly id: string;
  /** `fromLastRead`: the provider read the whole zone just now (plan): use that read, no second call */
  readOverrides(zone: string, opts?: { fromLastRead?: boolean }): Promise<RegionOverride[]>;
  /** Idempotent: running it again after a partial failure finishes the job. Never creates health checks or pools. */
  setRegion(change: RegionChange): Promise<RegionChangeResult>;
  regionState(zone: string, region: string): Promise<RegionState>;
  /** waits until the provider reports the change live (Route 53: INSYNC); ms taken */
  waitLive?(result: RegionChangeResult, timeoutMs: number): Promise<number>;
}
