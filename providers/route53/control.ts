/**
 * dnsctl's control records in a Route 53 hosted zone (src/breakglass/control-records.ts):
 * the lock, the break-glass override and the switch index, all TXT rrsets read with one
 * `ListResourceRecordSets` from `_dnsctl-lock.<zone>` (they sort next to each other).
 *
 * The lock is atomic: `CREATE` fails when the rrset exists, and a take-over is one batch
 * that deletes exactly the old value and creates the new one (it fails if the lock moved).
 */
import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand, type Change as R53Change, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { controlFqdn, LOCK_LABEL, OVERRIDE_LABEL, SWITCH_LABEL } from '../../src/breakglass/control-records.js';
import { decodeLock, encodeLock, type CreateOutcome, type LockInfo, type LockStore } from '../../src/breakglass/lock.js';
import { errorName, type Route53Api } from './client.js';
import { normaliseRrset } from './read.js';

export const CONTROL_TTL = 60;

/** TXT text → Route 53's quoted character strings of at most 255 characters. */
export function txtValue(text: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 255) chunks.push(text.slice(i, i + 255));
  return (chunks.length ? chunks : ['']).map((c) => `"${c.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(' ');
}

/** Route 53's TXT value (quoted strings) → the text. */
export function txtText(value: string): string {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(value); m; m = re.exec(value)) out.push(m[1]!.replace(/\\(.)/g, '$1'));
  return out.length ? out.join('') : value;
}

export interface ControlRrsets {
  lock?: ResourceRecordSet;
  override?: ResourceRecordSet;
  switch?: ResourceRecordSet;
}

export const textsOf = (rr: ResourceRecordSet | undefined): string[] => (rr?.ResourceRecords ?? []).map((r) => txtText(r.Value ?? ''));

export function txtRrset(name: string, texts: string[]): ResourceRecordSet {
  return { Name: name, Type: 'TXT', TTL: CONTROL_TTL, ResourceRecords: texts.map((t) => ({ Value: txtValue(t) })) };
}

export class Route53Control implements LockStore {
  constructor(
    readonly id: string,
    private readonly api: Route53Api,
    private readonly zoneIdOf: (zone: string) => Promise<string | undefined>,
  ) {}

  /** The zone's control rrsets (one read). */
  async read(zone: string, zoneId?: string): Promise<ControlRrsets> {
    const id = zoneId ?? (await this.zoneIdOf(zone));
    if (!id) return {};
    const start = controlFqdn(LOCK_LABEL, zone);
    const out = await this.api.call('ListResourceRecordSets', () =>
      this.api.sdk.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordName: start, StartRecordType: 'TXT', MaxItems: 100 })),
    );
    const found: ControlRrsets = {};
    for (const raw of out.ResourceRecordSets ?? []) {
      const rr = normaliseRrset(raw);
      if (rr.Type !== 'TXT' || rr.SetIdentifier !== undefined) continue;
      const name = (rr.Name ?? '').toLowerCase();
      if (name === start) found.lock = rr;
      else if (name === controlFqdn(OVERRIDE_LABEL, zone)) found.override = rr;
      else if (name === controlFqdn(SWITCH_LABEL, zone)) found.switch = rr;
    }
    return found;
  }

  /** One ChangeResourceRecordSets; the AWS error name on refusal. */
  async change(zoneId: string, changes: R53Change[], comment: string): Promise<string | undefined> {
    try {
      await this.api.call('ChangeResourceRecordSets', () =>
        this.api.sdk.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Comment: comment, Changes: changes } })),
      );
      return undefined;
    } catch (e) {
      const name = errorName(e);
      if (name === 'InvalidChangeBatch') return name;
      throw e;
    }
  }

  async readLock(zone: string): Promise<LockInfo | undefined> {
    const rr = (await this.read(zone)).lock;
    const text = textsOf(rr)[0];
    return text === undefined ? undefined : decodeLock(text) ?? { id: '?', holder: 'unknown (unreadable lock record)', command: '?', kind: 'routine', started: '?', expires: new Date(0).toISOString() };
  }

  private lockRrset(zone: string, lock: LockInfo): ResourceRecordSet {
    return txtRrset(controlFqdn(LOCK_LABEL, zone), [encodeLock(lock)]);
  }

  async createLock(zone: string, lock: LockInfo): Promise<CreateOutcome> {
    const zoneId = await this.zoneIdOf(zone);
    if (!zoneId) return 'no-zone';
    const refused = await this.change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: this.lockRrset(zone, lock) }], `dnsctl lock: ${lock.command}`);
    return refused ? 'exists' : 'created';
  }

  /** The live lock rrset is rebuilt from `current` exactly as it was written (DELETE must match it). */
  async replaceLock(zone: string, current: LockInfo, next: LockInfo): Promise<boolean> {
    const zoneId = await this.zoneIdOf(zone);
    if (!zoneId) return false;
    const live = (await this.read(zone, zoneId)).lock;
    if (!live || decodeLock(textsOf(live)[0] ?? '')?.id !== current.id) return false;
    const refused = await this.change(
      zoneId,
      [
        { Action: 'DELETE', ResourceRecordSet: live },
        { Action: 'CREATE', ResourceRecordSet: this.lockRrset(zone, next) },
      ],
      `dnsctl lock take-over: ${next.command}`,
    );
    return !refused;
  }

  async deleteLock(zone: string, lock: LockInfo): Promise<boolean> {
    const zoneId = await this.zoneIdOf(zone);
    if (!zoneId) return false;
    const refused = await this.change(zoneId, [{ Action: 'DELETE', ResourceRecordSet: this.lockRrset(zone, lock) }], `dnsctl unlock: ${lock.command}`);
    return !refused;
  }
}
