/**
 * What a plan costs in objects providers share across records and zones (Route 53 health
 * checks, Cloudflare monitors and pools): per provider and kind, how many the apply would
 * create and delete and the account's total after it, plus the orphans — objects dnsctl owns
 * that no record references — with their age. Providers compute it (Provider.sharedObjects);
 * the renderers show it so a reviewer sees a change that would add 1,000 health checks.
 */
import type { Change } from './types.js';

export type SharedObjectKind = 'health-check' | 'monitor' | 'pool';

export interface SharedObjectCount {
  kind: SharedObjectKind;
  /** objects of this kind in the account now (foreign ones included: quotas count them) */
  existing: number;
  create: number;
  delete: number;
  /** existing + create - delete */
  after: number;
}

export interface OrphanObject {
  kind: SharedObjectKind;
  id: string;
  name: string;
  /** seconds since it was created; null when the provider does not say */
  ageSeconds: number | null;
  /** apply deletes it (older than the provider's grace period); false: left, e.g. a concurrent apply's fresh object */
  collectable: boolean;
}

export interface SharedObjectsReport {
  target: string;
  objects: SharedObjectCount[];
  orphans: OrphanObject[];
}

/** The zones of one target as its provider is asked about them. */
export interface PlannedZoneChanges {
  zone: string;
  changes: readonly Change[];
}

/** `1h 05m`, `3m`, `42s`, `unknown age`. */
export function ageText(seconds: number | null): string {
  if (seconds === null) return 'unknown age';
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d`;
}

const KIND_TEXT: Record<SharedObjectKind, string> = { 'health-check': 'health checks', monitor: 'monitors', pool: 'pools' };

/** `health checks +40 -0 → 40` per kind, comma-joined. */
export function sharedCountsText(r: SharedObjectsReport): string {
  return r.objects.map((o) => `${KIND_TEXT[o.kind]} +${o.create} -${o.delete} → ${o.after} in the account`).join(', ');
}

/** One line per orphan. */
export function orphanText(o: OrphanObject): string {
  return `${o.kind} ${o.name}${o.name === o.id ? '' : ` (${o.id})`}, ${ageText(o.ageSeconds)} old, no record references it: ${o.collectable ? 'apply deletes it' : 'left (younger than the grace period, or not dnsctl\'s to delete)'}`;
}
