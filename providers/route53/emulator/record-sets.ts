// Helpers on stored rrsets: normalisation of request input, identity keys, routing-policy kinds,
// exact comparison (for DELETE), AWS ordering, and rendering back to the API shape.
import { canonicalName, compareNames, escapeName } from './names.js';
import type { RecordSet } from './state.js';
import type { Struct } from './xml.js';

export type PolicyKind = 'simple' | 'weighted' | 'latency' | 'geolocation' | 'failover' | 'multivalue' | 'ip-based' | 'geoproximity';

export function policyKind(r: RecordSet): PolicyKind {
  if (r.Weight !== undefined) return 'weighted';
  if (r.Region !== undefined) return 'latency';
  if (r.GeoLocation !== undefined) return 'geolocation';
  if (r.Failover !== undefined) return 'failover';
  if (r.MultiValueAnswer !== undefined) return 'multivalue';
  if (r.CidrRoutingConfig !== undefined) return 'ip-based';
  if (r.GeoProximityLocation !== undefined) return 'geoproximity';
  return 'simple';
}

/** Routing fields present on an rrset (more than one is invalid). */
export function routingFields(r: RecordSet): string[] {
  const out: string[] = [];
  if (r.Weight !== undefined) out.push('Weight');
  if (r.Region !== undefined) out.push('Region');
  if (r.Failover !== undefined) out.push('Failover');
  if (r.GeoLocation !== undefined) out.push('GeoLocation');
  if (r.MultiValueAnswer !== undefined) out.push('MultiValueAnswer');
  if (r.GeoProximityLocation !== undefined) out.push('GeoProximityLocation');
  if (r.CidrRoutingConfig !== undefined) out.push('CidrRoutingConfig');
  return out;
}

export const groupKey = (name: string, type: string): string => `${name}\u0000${type}`;
export const rrsetKey = (r: RecordSet): string => `${groupKey(r.Name, r.Type)}\u0000${r.SetIdentifier ?? ''}`;

/** Converts a model-parsed ResourceRecordSet into a stored rrset (canonical names, no undefined keys). */
export function normaliseRecordSet(input: Struct): RecordSet {
  const r = JSON.parse(JSON.stringify(input)) as RecordSet;
  r.Name = canonicalName(r.Name);
  if (r.AliasTarget) {
    r.AliasTarget.DNSName = canonicalName(r.AliasTarget.DNSName);
    r.AliasTarget.HostedZoneId = r.AliasTarget.HostedZoneId.replace(/^\/hostedzone\//, '');
  }
  return r;
}

function canonicalForCompare(r: RecordSet): string {
  const values = (r.ResourceRecords ?? []).map((v) => v.Value).sort();
  return JSON.stringify([
    r.Name, r.Type, r.SetIdentifier ?? null, r.Weight ?? null, r.Region ?? null,
    r.GeoLocation ? [r.GeoLocation.ContinentCode ?? null, r.GeoLocation.CountryCode ?? null, r.GeoLocation.SubdivisionCode ?? null] : null,
    r.Failover ?? null, r.MultiValueAnswer ?? null, r.TTL ?? null, values,
    r.AliasTarget ? [r.AliasTarget.HostedZoneId, r.AliasTarget.DNSName, r.AliasTarget.EvaluateTargetHealth] : null,
    r.HealthCheckId ?? null, r.TrafficPolicyInstanceId ?? null,
    r.CidrRoutingConfig ? [r.CidrRoutingConfig.CollectionId, r.CidrRoutingConfig.LocationName] : null,
    r.GeoProximityLocation ? JSON.stringify(r.GeoProximityLocation) : null,
  ]);
}

export function sameRecordSet(a: RecordSet, b: RecordSet): boolean {
  return canonicalForCompare(a) === canonicalForCompare(b);
}

/** ListResourceRecordSets order: reversed-label name, then type, then set identifier. */
export function compareRecordSets(a: RecordSet, b: RecordSet): number {
  return compareNames(a.Name, b.Name) || cmp(a.Type, b.Type) || cmp(a.SetIdentifier ?? '', b.SetIdentifier ?? '');
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The API representation: names escaped as Route 53 returns them. */
export function renderRecordSet(r: RecordSet): Struct {
  const out: Struct = { ...r, Name: escapeName(r.Name) };
  if (r.AliasTarget) out.AliasTarget = { ...r.AliasTarget, DNSName: escapeName(r.AliasTarget.DNSName) };
  return out;
}

export function describeForError(r: RecordSet): string {
  return `[name='${escapeName(r.Name)}', type='${r.Type}'${r.SetIdentifier !== undefined ? `, set-identifier='${r.SetIdentifier}'` : ''}]`;
}
