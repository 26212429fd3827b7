/** In-memory state of the emulated account (zones, DNS records, LB objects, health overrides). */
import { newId, now } from './ids.js';
import { loadStateFile, saveStateFile } from './state-file.js';
import type { DnsRecordState, EmulatorState, ZoneState } from './types.js';

export function emptyState(accountId: string): EmulatorState {
  return { version: 1, accountId, zones: [], records: {}, monitors: [], pools: [], loadBalancers: [], health: { pools: {}, origins: {} } };
}

export function normalizeZoneName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export class EmulatorStore {
  state: EmulatorState;

  constructor(accountId: string, private readonly stateFile?: string) {
    const loaded = stateFile ? loadStateFile(stateFile) : undefined;
    this.state = loaded ?? emptyState(accountId);
    if (!this.state.accountId) this.state.accountId = accountId;
  }

  get accountId(): string {
    return this.state.accountId;
  }

  zone(id: string): ZoneState | undefined {
    return this.state.zones.find((z) => z.id === id);
  }

  zoneByName(name: string): ZoneState | undefined {
    const n = normalizeZoneName(name);
    return this.state.zones.find((z) => z.name === n);
  }

  /** Creates a zone (idempotent by name) and returns it. */
  createZone(name: string): ZoneState {
    const n = normalizeZoneName(name);
    if (!/^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}$/.test(n)) throw new Error(`invalid zone name: ${name}`);
    const existing = this.zoneByName(n);
    if (existing) return existing;
    const t = now();
    const zone: ZoneState = {
      id: newId(),
      name: n,
      status: 'active',
      paused: false,
      type: 'full',
      development_mode: 0,
      name_servers: ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'],
      original_name_servers: null,
      original_registrar: null,
      original_dnshost: null,
      account: { id: this.state.accountId, name: 'dnsctl emulator account' },
      owner: { id: null, type: 'user', email: null },
      permissions: ['#dns_records:edit', '#dns_records:read', '#zone:read'],
      plan: { id: '0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee', name: 'Free Website', price: 0, currency: 'USD', frequency: '', is_subscribed: false, can_subscribe: false, legacy_id: 'free', legacy_discount: false, externally_managed: false },
      meta: { step: 2, custom_certificate_quota: 0, page_rule_quota: 3, phishing_detected: false },
      created_on: t,
      modified_on: t,
      activated_on: t,
    };
    this.state.zones.push(zone);
    this.state.records[zone.id] = [];
    this.persist();
    return zone;
  }

  records(zoneId: string): DnsRecordState[] {
    return this.state.records[zoneId] ?? [];
  }

  setRecords(zoneId: string, records: DnsRecordState[]): void {
    this.state.records[zoneId] = records;
  }

  reset(): void {
    this.state = emptyState(this.state.accountId);
    this.persist();
  }

  persist(): void {
    if (this.stateFile) saveStateFile(this.stateFile, this.state);
  }
}
