// What operation handlers share: the state, clocks, settings and small helpers.
import { randomBytes } from 'node:crypto';
import { invalidInput, noSuchHostedZone } from './errors.js';
import type { GeoTableEntry } from './geo.js';
import type { HealthCheckRules } from './health.js';
import type { Rng } from './rng.js';
import type { ChangeState, EmulatorState, HostedZoneState } from './state.js';
import type { Struct } from './xml.js';

export interface Backend {
  state: EmulatorState;
  now(): number;
  syncDelayMs: number;
  /** A change to a zone within this many ms of the previous one gets PriorRequestNotComplete (0 = never). */
  priorRequestWindowMs: number;
  answerRng: Rng;
  geoTable: readonly GeoTableEntry[];
  healthRules: HealthCheckRules;
  cidrLimits: CidrLimits;
}

/** Account limits on CIDR collections (AWS quotas; the defaults are unconfirmed, see README). */
export interface CidrLimits {
  /** CIDR collections per account */
  collections: number;
  /** CIDR blocks per collection */
  blocksPerCollection: number;
}

export const DEFAULT_CIDR_LIMITS: CidrLimits = { collections: 5, blocksPerCollection: 1000 };

export type Handler = (b: Backend, input: Struct) => Struct;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function newId(prefix: string, length = 20): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length];
  return out;
}

export const bareId = (id: string): string => id.replace(/^\/(hostedzone|change|delegationset)\//, '');

export function findZone(b: Backend, id: string): HostedZoneState {
  const zone = b.state.zones[bareId(id)];
  if (!zone) throw noSuchHostedZone(bareId(id));
  return zone;
}

export function newChange(b: Backend, comment?: string): ChangeState {
  const now = b.now();
  const change: ChangeState = {
    Id: newId('C'),
    SubmittedAt: new Date(now).toISOString(),
    insyncAt: now + b.syncDelayMs,
    ...(comment !== undefined ? { Comment: comment } : {}),
  };
  b.state.changes[change.Id] = change;
  return change;
}

export function changeInfo(b: Backend, c: ChangeState, justSubmitted = false): Struct {
  const status = !justSubmitted && b.now() >= c.insyncAt ? 'INSYNC' : 'PENDING';
  return { Id: `/change/${c.Id}`, Status: status, SubmittedAt: c.SubmittedAt, Comment: c.Comment };
}

export function parseMaxItems(value: unknown, defaultValue: number, max: number): number {
  if (value === undefined) return defaultValue;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalidInput(`Invalid value for MaxItems: ${text}`);
  return Math.min(Number(text), max);
}
