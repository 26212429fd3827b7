// ChangeResourceRecordSets semantics: request-level limits and syntax (InvalidInput), then every
// change is applied in order to a working copy of the zone and the result is checked as a whole
// (InvalidChangeBatch listing every problem). Nothing is committed unless everything passes.
import { ApiError, invalidChangeBatch, invalidInput, noSuchHealthCheck } from './errors.js';
import { CONTINENTS, COUNTRY_CONTINENT, US_SUBDIVISIONS } from './geo.js';
import { escapeName, isWithinZone } from './names.js';
import { checkRecordValue } from './record-values.js';
import {
  describeForError, groupKey, normaliseRecordSet, policyKind, routingFields, rrsetKey, sameRecordSet, type PolicyKind,
} from './record-sets.js';
import type { HostedZoneState, RecordSet } from './state.js';
import type { Struct } from './xml.js';

export const MAX_RECORDS_PER_BATCH = 1000;
export const MAX_VALUE_CHARS_PER_BATCH = 32000;
export const MAX_WEIGHTED_PER_GROUP = 100;

export interface ChangeBatchContext {
  zone: HostedZoneState;
  healthCheckExists(id: string): boolean;
  findZone(id: string): HostedZoneState | undefined;
  /** Why a CidrRoutingConfig cannot be used (unknown collection or location), or undefined. */
  cidrProblem(collectionId: string, location: string): string | undefined;
}

interface ParsedChange { action: 'CREATE' | 'DELETE' | 'UPSERT'; rrset: RecordSet }

const changeLabel = (c: ParsedChange): string =>
  `Change with [Action=${c.action}, Name=${escapeName(c.rrset.Name)}, Type=${c.rrset.Type}, SetIdentifier=${c.rrset.SetIdentifier ?? 'null'}]`;

function checkSyntax(c: ParsedChange): void {
  const r = c.rrset;
  const forms = [r.AliasTarget !== undefined, r.TTL !== undefined || r.ResourceRecords !== undefined, r.TrafficPolicyInstanceId !== undefined];
  const formCount = forms.filter(Boolean).length;
  const incompleteRecords = (r.TTL === undefined) !== (r.ResourceRecords === undefined) && r.AliasTarget === undefined && r.TrafficPolicyInstanceId === undefined;
  if (formCount !== 1 || incompleteRecords) {
    throw invalidInput(
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${formCount > 1 ? 'more than one' : 'none'} in ${changeLabel(c)}`,
    );
  }
  const routing = routingFields(r);
  if (routing.length > 1) {
    throw invalidInput(
      `Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found more than one in ${changeLabel(c)}`,
    );
  }
  if (routing.length === 1 && r.SetIdentifier === undefined) {
    throw invalidInput(`Invalid request: Missing field 'SetIdentifier' in ${changeLabel(c)}`);
  }
  if (routing.length === 0 && r.SetIdentifier !== undefined) {
    throw invalidInput(
      `Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in ${changeLabel(c)}`,
    );
  }
  if (r.MultiValueAnswer !== undefined && r.AliasTarget) {
    throw invalidInput(`Invalid request: Multivalue answer resource record sets cannot be alias resource record sets in ${changeLabel(c)}`);
  }
  if (r.GeoLocation) {
    const { ContinentCode: cont, CountryCode: cc, SubdivisionCode: sub } = r.GeoLocation;
    const valid =
      (cont !== undefined && cc === undefined && sub === undefined && (CONTINENTS as readonly string[]).includes(cont)) ||
      (cont === undefined && cc !== undefined && sub === undefined && (cc === '*' || COUNTRY_CONTINENT.has(cc))) ||
      (cont === undefined && cc === 'US' && sub !== undefined && US_SUBDIVISIONS.has(sub));
    if (!valid) {
      const desc = Object.entries(r.GeoLocation).map(([k, v]) => `${k}=${String(v)}`).join(', ');
      throw invalidInput(`Invalid request: Unsupported GeoLocation [${desc}] in ${changeLabel(c)}`);
    }
  }
  if (r.Type === 'SOA' || r.Type === 'NS') {
    if (routing.length > 0 && r.Type === 'SOA') throw invalidInput(`Invalid request: SOA records cannot use a routing policy in ${changeLabel(c)}`);
  }
}

function countLimits(changes: ParsedChange[]): string | undefined {
  let records = 0;
  let chars = 0;
  for (const c of changes) {
    const factor = c.action === 'UPSERT' ? 2 : 1;
    const values = c.rrset.ResourceRecords ?? [];
    records += values.length * factor;
    chars += values.reduce((n, v) => n + v.Value.length, 0) * factor;
  }
  if (records > MAX_RECORDS_PER_BATCH) return `Number of records limit of ${MAX_RECORDS_PER_BATCH} exceeded.`;
  if (chars > MAX_VALUE_CHARS_PER_BATCH) return `Number of characters in resource record values limit of ${MAX_VALUE_CHARS_PER_BATCH} exceeded.`;
  return undefined;
}

function nameLabel(r: RecordSet): string {
  return `RRSet with DNS name ${escapeName(r.Name)}, type ${r.Type}${r.SetIdentifier !== undefined ? `, SetIdentifier ${r.SetIdentifier}` : ''}`;
}

/** Validates and applies a change batch; returns the zone's new rrsets, or throws. */
export function applyChangeBatch(ctx: ChangeBatchContext, rawChanges: Struct[]): RecordSet[] {
  const { zone } = ctx;
  const changes: ParsedChange[] = rawChanges.map((c) => ({
    action: c.Action as ParsedChange['action'],
    rrset: normaliseRecordSet(c.ResourceRecordSet as Struct),
  }));

  // Request-level checks: these reject the request before any change is considered.
  for (const c of changes) checkSyntax(c);
  const limit = countLimits(changes);
  if (limit) throw invalidChangeBatch([limit]);
  for (const c of changes) {
    if (c.action !== 'DELETE' && c.rrset.HealthCheckId !== undefined && !ctx.healthCheckExists(c.rrset.HealthCheckId)) {
      throw noSuchHealthCheck(c.rrset.HealthCheckId);
    }
  }

  const messages: string[] = [];
  const working = new Map<string, RecordSet>(zone.rrsets.map((r) => [rrsetKey(r), r]));
  const written = new Map<string, RecordSet>(); // rrsets created/upserted by this batch, by key

  // rrsets per name+type in the working copy, kept up to date as changes apply
  const groupSizes = new Map<string, number>();
  const adjust = (r: RecordSet, delta: number): void => {
    const k = groupKey(r.Name, r.Type);
    groupSizes.set(k, (groupSizes.get(k) ?? 0) + delta);
  };
  for (const r of working.values()) adjust(r, 1);
  const put = (key: string, r: RecordSet): void => {
    const old = working.get(key);
    if (old) adjust(old, -1);
    working.set(key, r);
    adjust(r, 1);
  };
  const remove = (key: string): void => {
    const old = working.get(key);
    if (old) adjust(old, -1);
    working.delete(key);
  };
  const groupExists = (name: string, type: string): boolean => (groupSizes.get(groupKey(name, type)) ?? 0) > 0;

  const checkAliasTarget = (r: RecordSet): string | undefined => {
    const alias = r.AliasTarget;
    if (!alias) return undefined;
    const targetZone = alias.HostedZoneId === zone.Id ? zone : ctx.findZone(alias.HostedZoneId);
    if (!targetZone) return undefined; // an AWS service endpoint (ELB, CloudFront, S3 …): not modelled
    const where = `Tried to create an alias that targets ${escapeName(alias.DNSName)}, type ${r.Type} in zone ${alias.HostedZoneId}`;
    if (!isWithinZone(alias.DNSName, targetZone.Name)) return `${where}, but the alias target name does not lie within the target zone`;
    const exists = targetZone === zone
      ? groupExists(alias.DNSName, r.Type)
      : targetZone.rrsets.some((t) => t.Name === alias.DNSName && t.Type === r.Type);
    return exists ? undefined : `${where}, but that target was not found`;
  };

  for (const c of changes) {
    const r = c.rrset;
    const key = rrsetKey(r);
    if (!isWithinZone(r.Name, zone.Name)) {
      messages.push(`RRSet with DNS name ${escapeName(r.Name)} is not permitted in zone ${escapeName(zone.Name)}`);
      continue;
    }
    if (c.action !== 'DELETE' && r.CidrRoutingConfig) {
      const problem = ctx.cidrProblem(r.CidrRoutingConfig.CollectionId, r.CidrRoutingConfig.LocationName);
      if (problem) {
        messages.push(`${nameLabel(r)} cannot be created: ${problem}`);
        continue;
      }
    }
    if (c.action !== 'DELETE') {
      let valueProblem = false;
      for (const v of r.ResourceRecords ?? []) {
        const problem = checkRecordValue(r.Type, v.Value);
        if (problem) {
          messages.push(problem);
          valueProblem = true;
        }
      }
      if (valueProblem) continue;
    }
    const existing = working.get(key);
    switch (c.action) {
      case 'CREATE':
        if (existing) {
          messages.push(`Tried to create resource record set ${describeForError(r)} but it already exists`);
          continue;
        }
        break;
      case 'DELETE':
        if (!existing) messages.push(`Tried to delete resource record set ${describeForError(r)} but it was not found`);
        else if (!sameRecordSet(existing, r)) {
          messages.push(`Tried to delete resource record set ${describeForError(r)} but the values provided do not match the current values`);
        } else {
          remove(key);
          written.delete(key);
        }
        continue;
      case 'UPSERT':
        break;
    }
    if (existing) remove(key); // UPSERT behaves as delete-then-create
    const aliasProblem = checkAliasTarget(r);
    if (aliasProblem) {
      messages.push(aliasProblem);
      if (existing) put(key, existing);
      continue;
    }
    put(key, r);
    written.set(key, r);
  }

  // Whole-zone checks on the result, reported against the rrsets this batch wrote.
  const finalSets = [...working.values()];
  const byGroup = new Map<string, RecordSet[]>();
  const byName = new Map<string, RecordSet[]>();
  for (const r of finalSets) {
    const g = groupKey(r.Name, r.Type);
    byGroup.set(g, [...(byGroup.get(g) ?? []), r]);
    byName.set(r.Name, [...(byName.get(r.Name) ?? []), r]);
  }

  for (const r of written.values()) {
    const group = byGroup.get(groupKey(r.Name, r.Type)) ?? [];
    const kind = policyKind(r);
    const others = group.filter((o) => o !== r);
    // One routing policy per name and type; a simple rrset stands alone.
    if (kind === 'simple' && others.length > 0) {
      messages.push(`${nameLabel(r)} cannot be created as other RRSets exist with the same name and type.`);
    } else if (kind !== 'simple' && others.some((o) => policyKind(o) !== kind)) {
      messages.push(`${nameLabel(r)} cannot be created as a non-${kind} set exists with the same name and type.`);
    }
    const sameKind = others.filter((o) => policyKind(o) === kind);
    if (kind === 'weighted' || kind === 'latency') {
      if ((r.ResourceRecords?.length ?? 0) > 1) {
        messages.push(`${nameLabel(r)} cannot be created: a ${kind} resource record set can contain only one resource record.`);
      }
    }
    if (kind === 'weighted') {
      if (group.length > MAX_WEIGHTED_PER_GROUP) messages.push(`${nameLabel(r)} cannot be created: at most ${MAX_WEIGHTED_PER_GROUP} weighted resource record sets can have the same name and type.`);
      if (r.TTL !== undefined && sameKind.some((o) => o.TTL !== undefined && o.TTL !== r.TTL)) {
        messages.push(`${nameLabel(r)} cannot be created: all weighted resource record sets with the same name and type must have the same TTL.`);
      }
    }
    if (kind === 'failover' && sameKind.some((o) => o.Failover === r.Failover)) {
      messages.push(`${nameLabel(r)} cannot be created as a ${r.Failover} failover set already exists with the same name and type.`);
    }
    if (kind === 'latency' && sameKind.some((o) => o.Region === r.Region)) {
      messages.push(`${nameLabel(r)} cannot be created as a latency set for region ${r.Region} already exists with the same name and type.`);
    }
    if (kind === 'ip-based') {
      const cidr = r.CidrRoutingConfig!;
      if (sameKind.some((o) => o.CidrRoutingConfig!.LocationName === cidr.LocationName)) {
        messages.push(`${nameLabel(r)} cannot be created as an IP-based set for location ${cidr.LocationName} already exists with the same name and type.`);
      }
      if (sameKind.some((o) => o.CidrRoutingConfig!.CollectionId !== cidr.CollectionId)) {
        messages.push(`${nameLabel(r)} cannot be created: all IP-based resource record sets with the same name and type must use the same CIDR collection.`);
      }
    }
    if (kind === 'geolocation' && sameKind.some((o) => JSON.stringify(o.GeoLocation) === JSON.stringify(r.GeoLocation))) {
      messages.push(`${nameLabel(r)} cannot be created as a set with the same GeoLocation already exists with the same name and type.`);
    }
    // CNAME exclusivity.
    const atName = byName.get(r.Name) ?? [];
    if (r.Type === 'CNAME' && atName.some((o) => o.Type !== 'CNAME')) {
      messages.push(`RRSet of type CNAME with DNS name ${escapeName(r.Name)} is not permitted as it conflicts with other records with the same DNS name in zone ${escapeName(zone.Name)}`);
    } else if (r.Type !== 'CNAME' && atName.some((o) => o.Type === 'CNAME')) {
      messages.push(`RRSet of type ${r.Type} with DNS name ${escapeName(r.Name)} is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone ${escapeName(zone.Name)}`);
    }
  }

  // The apex SOA and NS rrsets must remain.
  if (!byGroup.has(groupKey(zone.Name, 'SOA'))) messages.push('A HostedZone must contain exactly one SOA record.');
  if (!byGroup.has(groupKey(zone.Name, 'NS'))) messages.push('A HostedZone must contain at least one NS record for the zone itself.');

  // Aliases left pointing at an rrset group this batch removed.
  for (const r of finalSets) {
    const alias = r.AliasTarget;
    if (!alias || alias.HostedZoneId !== zone.Id || written.has(rrsetKey(r))) continue;
    if (!byGroup.has(groupKey(alias.DNSName, r.Type))) {
      messages.push(`Tried to delete resource record set [name='${escapeName(alias.DNSName)}', type='${r.Type}'] but it is the target of the alias resource record set ${describeForError(r)}`);
    }
  }

  if (messages.length > 0) throw invalidChangeBatch([...new Set(messages)]);
  return finalSets;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export type { PolicyKind };
