/**
 * The live override a break-glass command leaves in each zone it acted on: one value per
 * region in the ownership-marked TXT record `_dnsctl-override.<zone>`, written in the same
 * change as the traffic change where the API allows it. It is operational state, not
 * config: every operator and CI read it from the provider, without a commit.
 *
 * `dnsctl-override;v=1;region=us-east-1;pct=0;by=alice%40example.com;at=...;reason=INC-4211...;exp=...`
 */
import { decodePayload, encodePayload } from './control-records.js';

export interface RegionOverride {
  region: string;
  /** share of the region's own traffic it serves: 0 evacuated (a ramp would hold 10, 50) */
  percent: number;
  by: string;
  /** ISO time the override was set */
  at: string;
  reason: string;
  /** ISO time after which every plan and status say "expired — run dnsctl restore" (the region stays off) */
  expires?: string;
  /** the safety rules were overridden with --force */
  forced?: boolean;
  /** the command that set it (`evacuate`) */
  command: string;
}

const MARKER = 'dnsctl-override';

export function encodeOverride(o: RegionOverride): string {
  return encodePayload(MARKER, { v: 1, region: o.region, pct: o.percent, by: o.by, at: o.at, reason: o.reason, exp: o.expires, forced: o.forced ? 1 : undefined, cmd: o.command });
}

export function decodeOverride(text: string): RegionOverride | undefined {
  const f = decodePayload(MARKER, text);
  if (!f || f['v'] !== '1' || !f['region'] || f['pct'] === undefined) return undefined;
  const pct = Number(f['pct']);
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) return undefined;
  const o: RegionOverride = { region: f['region'], percent: pct, by: f['by'] ?? '?', at: f['at'] ?? '?', reason: f['reason'] ?? '', command: f['cmd'] ?? 'evacuate' };
  if (f['exp']) o.expires = f['exp'];
  if (f['forced'] === '1') o.forced = true;
  return o;
}

export const isExpired = (o: RegionOverride, now = Date.now()): boolean => o.expires !== undefined && Date.parse(o.expires) <= now;

/** One line for plans and status: what is overridden, by whom, why, and whether it is past review. */
export function describeOverride(o: RegionOverride, now = Date.now()): string {
  const what = o.percent === 0 ? 'evacuated' : `ramping at ${o.percent}%`;
  const forced = o.forced ? ' (safety rules forced)' : '';
  const expiry = o.expires ? (isExpired(o, now) ? `; EXPIRED at ${o.expires} — run dnsctl restore ${o.region}` : `; review by ${o.expires}`) : '';
  return `region ${o.region} ${what} by ${o.by} at ${o.at}: ${o.reason || '(no reason)'}${forced}${expiry}`;
}
