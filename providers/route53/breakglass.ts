/**
 * Break-glass on Route 53: one switch health check per (zone, region), ARC-style.
 *
 * A switch is a CALCULATED health check with no children and threshold 0 — always healthy —
 * that normal apply attaches to the failover PRIMARY (`_octodns-<pool>-pool`, `<pool>-Primary`)
 * of every pool in its region. Evacuating the region sets it `Inverted` (unhealthy): every
 * PRIMARY it guards fails over to its SECONDARY, the pool's octoDNS fallback, in one
 * `UpdateHealthCheck` whatever the number of records; restoring clears `Inverted`. The
 * override record goes in one `ChangeResourceRecordSets`: 2 writes per zone. octoDNS reads
 * the layout unchanged (it ignores a PRIMARY's health check).
 *
 * Switches are created by apply only (never during an incident), with a deterministic
 * CallerReference so racing applies share one; their ids are indexed in the zone's
 * `_dnsctl-switch` TXT record, so evacuate needs one read to find them.
 */
import { createHash } from 'node:crypto';
import { ChangeResourceRecordSetsCommand, GetChangeCommand, GetHealthCheckCommand, UpdateHealthCheckCommand, type Change as R53Change, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { controlFqdn, OVERRIDE_LABEL, SWITCH_LABEL } from '../../src/breakglass/control-records.js';
import { decodeOverride, encodeOverride, type RegionOverride } from '../../src/breakglass/override.js';
import type { RegionChange, RegionChangeResult, RegionState, RegionTraffic } from '../../src/breakglass/region-traffic.js';
import type { Route53Api } from './client.js';
import type { HealthCheckSpec } from './compile.js';
import { textsOf, txtRrset, type ControlRrsets, type Route53Control } from './control.js';

/** `dnsctl-switch:<zone>:<region>`, or its sha256 prefix when over Route 53's 64 characters. */
export function switchReference(zone: string, region: string): string {
  const ref = `dnsctl-switch:${zone}:${region}`;
  return ref.length <= 64 ? ref : `dnsctl-switch:${createHash('sha256').update(`${zone}|${region}`).digest('hex').slice(0, 40)}`;
}

export const isSwitchReference = (ref: string): boolean => ref.startsWith('dnsctl-switch:');

export function switchSpec(zone: string, region: string): HealthCheckSpec {
  return {
    key: `switch|${zone}|${region}`,
    callerReference: switchReference(zone, region),
    config: { Type: 'CALCULATED', ChildHealthChecks: [], HealthThreshold: 0, Inverted: false },
    tagName: `dnsctl switch ${region} ${zone}`.replace(/[^a-zA-Z0-9 _.:/=+\-@]/g, '-'),
  };
}

/** The `_dnsctl-switch` index: region → health check id. */
export function switchIndex(rr: ResourceRecordSet | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of textsOf(rr)) {
    const eq = t.indexOf('=');
    if (eq > 0) out.set(t.slice(0, eq), t.slice(eq + 1));
  }
  return out;
}

export function switchIndexRrset(zone: string, index: Map<string, string>): ResourceRecordSet {
  return txtRrset(controlFqdn(SWITCH_LABEL, zone), [...index].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, id]) => `${r}=${id}`));
}

export const overridesOf = (ctl: ControlRrsets): RegionOverride[] => textsOf(ctl.override).flatMap((t) => decodeOverride(t) ?? []);

const sameTexts = (a: ResourceRecordSet | undefined, b: ResourceRecordSet | undefined): boolean =>
  JSON.stringify(textsOf(a).sort()) === JSON.stringify(textsOf(b).sort()) && (a?.TTL ?? 0) === (b?.TTL ?? 0);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Route53Breakglass implements RegionTraffic {
  constructor(
    readonly id: string,
    private readonly api: Route53Api,
    private readonly control: Route53Control,
    private readonly zoneIdOf: (zone: string) => Promise<string | undefined>,
    /** the zone's rrsets as the provider's last full listing saw them */
    private readonly lastRead: (zone: string) => ResourceRecordSet[] | undefined = () => undefined,
  ) {}

  async readOverrides(zone: string, opts: { fromLastRead?: boolean } = {}): Promise<RegionOverride[]> {
    const listed = opts.fromLastRead ? this.lastRead(zone) : undefined;
    if (listed) {
      const name = controlFqdn(OVERRIDE_LABEL, zone);
      return overridesOf({ override: listed.find((r) => r.Type === 'TXT' && (r.Name ?? '').toLowerCase() === name) });
    }
    return overridesOf(await this.control.read(zone));
  }

  private async switchOf(zone: string, region: string): Promise<{ zoneId: string; ctl: ControlRrsets; switchId: string }> {
    const zoneId = await this.zoneIdOf(zone);
    if (!zoneId) throw new Error(`${this.id}: no hosted zone ${zone}`);
    const ctl = await this.control.read(zone, zoneId);
    const switchId = switchIndex(ctl.switch).get(region);
    if (!switchId) throw new Error(`${this.id}: ${zone} has no break-glass switch for ${region} (run dnsctl apply once: it creates the switches; none is created during an incident)`);
    return { zoneId, ctl, switchId };
  }

  async setRegion(c: RegionChange): Promise<RegionChangeResult> {
    const { zoneId, ctl, switchId } = await this.switchOf(c.zone, c.region);
    const result: RegionChangeResult = { writes: 0, notes: [], changeIds: [] };
    const want = c.overrides.length ? txtRrset(controlFqdn(OVERRIDE_LABEL, c.zone), c.overrides.map(encodeOverride)) : undefined;
    const ops: R53Change[] = [];
    if (ctl.override && !want) ops.push({ Action: 'DELETE', ResourceRecordSet: ctl.override });
    else if (want && !sameTexts(ctl.override, want)) ops.push({ Action: 'UPSERT', ResourceRecordSet: want });
    if (ops.length) {
      const out = await this.api.call('ChangeResourceRecordSets', () =>
        this.api.sdk.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Comment: `dnsctl ${c.percent === 0 ? 'evacuate' : 'restore'} ${c.region}`, Changes: ops } })),
      );
      result.writes++;
      if (out.ChangeInfo?.Id) result.changeIds!.push(out.ChangeInfo.Id);
      result.notes.push(want ? 'override record written' : 'override record removed');
    }
    const inverted = c.percent === 0;
    await this.api.call('UpdateHealthCheck', () => this.api.sdk.send(new UpdateHealthCheckCommand({ HealthCheckId: switchId, Inverted: inverted })));
    result.writes++;
    result.notes.push(`switch ${c.region} (${switchId}) ${inverted ? 'inverted: the region\'s pools fail over to their fallbacks' : 'healthy: the region\'s pools serve again'}`);
    return result;
  }

  async regionState(zone: string, region: string): Promise<RegionState> {
    let sw: { switchId: string };
    try {
      sw = await this.switchOf(zone, region);
    } catch (e) {
      return { serving: 'unknown', detail: e instanceof Error ? e.message : String(e) };
    }
    const out = await this.api.call('GetHealthCheck', () => this.api.sdk.send(new GetHealthCheckCommand({ HealthCheckId: sw.switchId })));
    const inverted = out.HealthCheck?.HealthCheckConfig?.Inverted === true;
    return { serving: inverted ? 'off' : 'on', detail: `switch ${sw.switchId} ${inverted ? 'inverted' : 'healthy'}` };
  }

  async waitLive(result: RegionChangeResult, timeoutMs: number): Promise<number> {
    const t0 = Date.now();
    for (const id of result.changeIds ?? []) {
      for (;;) {
        const out = await this.api.call('GetChange', () => this.api.sdk.send(new GetChangeCommand({ Id: id })));
        if (out.ChangeInfo?.Status === 'INSYNC') break;
        if (Date.now() - t0 > timeoutMs) throw new Error(`change ${id} not INSYNC after ${Math.round(timeoutMs / 1000)} s`);
        await sleep(250);
      }
    }
    return Date.now() - t0;
  }
}
