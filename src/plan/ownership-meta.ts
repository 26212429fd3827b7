/**
 * octoDNS's OwnershipProcessor and MetaProcessor (octodns/processor/ownership.py, meta.py),
 * as small pure functions over dnsctl's records and changes; src/plan/processors.ts calls
 * them at octoDNS's stages.
 */
import type { MetaSpec, OwnershipSpec } from '../config/processor-options.js';
import { DnsctlError } from '../model/findings.js';
import { fqdnOf, recordKey, type DnsRecord } from '../model/record.js';
import { typeSpec } from '../model/types/index.js';
import type { Change } from './types.js';

/** octoDNS's Zone.add_record without `replace`: DuplicateRecordException's text. */
function duplicate(r: Pick<DnsRecord, 'name' | 'zone' | 'type'>): DnsctlError {
  return new DnsctlError(`Duplicate record ${fqdnOf(r.name, r.zone)}, type ${r.type}`);
}

/** Adds `record` to `records` (a copy), replacing one of the same name and type when `replace`, else refusing it. */
function addRecord(records: DnsRecord[], index: Map<string, number>, record: DnsRecord, replace: boolean): void {
  const key = recordKey(record);
  const at = index.get(key);
  if (at === undefined) {
    index.set(key, records.length);
    records.push(record);
  } else if (replace) records[at] = record;
  else throw duplicate(record);
}

/** `_owner.<type>.<name>` (`_owner.<type>` at the apex, `*` as `_wildcard`), lower-cased as octoDNS's record names are. */
export function markerName(spec: Pick<OwnershipSpec, 'txtName'>, r: Pick<DnsRecord, 'name' | 'type'>): string {
  const name = r.name.replaceAll('*', '_wildcard');
  return (name ? `${spec.txtName}.${r.type}.${name}` : `${spec.txtName}.${r.type}`).toLowerCase();
}

/** OwnershipProcessor.process_source_zone: one marker TXT per desired record. */
export function addOwnershipMarkers(records: DnsRecord[], zone: string, spec: OwnershipSpec): DnsRecord[] {
  const out = [...records];
  const index = new Map(out.map((r, i) => [recordKey(r), i]));
  for (const r of records) {
    const marker: DnsRecord = { zone, name: markerName(spec, r), type: 'TXT', ttl: spec.txtTtl, values: [spec.txtValue] };
    addRecord(out, index, marker, spec.shouldReplace);
  }
  return out;
}

function isMarker(r: DnsRecord, spec: OwnershipSpec): boolean {
  return r.type === 'TXT' && r.name.startsWith(spec.txtName) && r.values.length === 1 && r.values[0] === spec.txtValue;
}

/** The record a marker name stands for: `_owner.a.www` → www A (octoDNS: `name.split('.', 2)`, `_wildcard` → `*`). */
function markedRecord(markerName: string): { name: string; type: string } | undefined {
  const [, type, ...rest] = markerName.split('.');
  if (type === undefined) return undefined;
  return { name: rest.join('.').replaceAll('_wildcard', '*'), type: type.toUpperCase() };
}

/** The records some marker (in the live or the desired records) says octoDNS owns: name → types. */
function ownedRecords(existing: readonly DnsRecord[], desired: readonly DnsRecord[], spec: OwnershipSpec): Map<string, Set<string>> {
  const owned = new Map<string, Set<string>>();
  for (const r of [...existing, ...desired]) {
    if (!isMarker(r, spec)) continue;
    const m = markedRecord(r.name);
    if (!m) continue;
    const types = owned.get(m.name) ?? new Set<string>();
    types.add(m.type);
    owned.set(m.name, types);
  }
  return owned;
}

/**
 * A live marker with another value that this plan would overwrite with ours: refused
 * unless `allow_takeover` (octoDNS 1.20+, OwnershipException). The wording is dnsctl's
 * rendering of octoDNS's message (the record, the foreign value, the option).
 */
function refuseTakeover(changes: readonly Change[], zone: string, spec: OwnershipSpec): void {
  if (spec.allowTakeover) return;
  for (const c of changes) {
    const live = c.existing;
    if (c.kind !== 'update' || !live || !c.desired || !isMarker(c.desired, spec)) continue;
    if (live.type !== 'TXT' || !live.name.startsWith(spec.txtName) || isMarker(live, spec)) continue;
    const m = markedRecord(live.name);
    const what = m ? `${fqdnOf(m.name, zone)} (${m.type})` : fqdnOf(live.name, zone);
    const foreign = live.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    throw new DnsctlError(
      `${what} is owned by another owner: ownership record ${fqdnOf(live.name, zone)} has the value "${foreign}", not "${spec.txtValue}"; refusing to take over ${fqdnOf(m?.name ?? live.name, zone)}; set allow_takeover=true to override (processor ${spec.name})`,
    );
  }
}

/**
 * OwnershipProcessor.process_plan: only changes to records a marker says octoDNS owns (or
 * owned until now), to markers themselves, and to `octodns-meta` are kept; the others — a
 * live record without a marker — are left alone, neither updated nor deleted.
 */
export function ownedChanges(changes: Change[], zone: string, existing: readonly DnsRecord[], desired: readonly DnsRecord[], spec: OwnershipSpec): Change[] {
  if (!changes.length) return changes;
  refuseTakeover(changes, zone, spec);
  const owned = ownedRecords(existing, desired, spec);
  return changes.filter((c) => {
    // octoDNS's change.record: the new record of a create or update, the existing one of a delete
    const record = (c.desired ?? c.existing)!;
    // octoDNS names the include_meta record here, whatever a MetaProcessor's record_name
    return isMarker(record, spec) || owned.get(record.name)?.has(record.type) === true || record.name === 'octodns-meta';
  });
}

/** MetaProcessor.values(target_id), in octoDNS's order before the record sorts them. */
function metaValues(spec: MetaSpec, target: string): string[] {
  const out: string[] = [];
  if (spec.version) out.push(`octodns-version=${spec.version}`);
  if (spec.includeProvider) out.push(`provider=${target}`);
  if (spec.time) out.push(`time=${spec.time}`);
  if (spec.uuid) out.push(`uuid=${spec.uuid}`);
  return [...out, ...spec.extra];
}

/** MetaProcessor.process_source_and_target_zones: the meta TXT record for this target. */
export function addMetaRecord(records: DnsRecord[], zone: string, target: string, spec: MetaSpec): DnsRecord[] {
  const txt = typeSpec('TXT');
  const values = metaValues(spec, target).sort((a, b) => txt.compare(a, b));
  const out = [...records];
  addRecord(out, new Map(out.map((r, i) => [recordKey(r), i])), { zone, name: spec.recordName, type: 'TXT', ttl: spec.ttl, values }, false);
  return out;
}

const keysOf = (values: readonly unknown[]) => new Set(values.map((v) => String(v).split('=', 1)[0]));

function sameKeys(a: readonly unknown[], b: readonly unknown[]): boolean {
  const ka = keysOf(a);
  const kb = keysOf(b);
  return ka.size === kb.size && [...ka].every((k) => kb.has(k));
}

/**
 * MetaProcessor.process_plan: a plan whose only change is an update of the meta record
 * with the same keys (a new time or uuid, say) is no plan — the meta record changes only
 * along with other changes, or when its keys change.
 */
export function withoutLoneMetaUpdate(changes: Change[], target: string, spec: MetaSpec): Change[] {
  if (changes.length !== 1) return changes;
  const c = changes[0]!;
  const record = (c.desired ?? c.existing)!;
  const upToDate = record.type === 'TXT' && record.name === spec.recordName && c.existing !== undefined && sameKeys(metaValues(spec, target), c.existing.values);
  return upToDate ? [] : changes;
}
