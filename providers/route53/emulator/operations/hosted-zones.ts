// CreateHostedZone, GetHostedZone, ListHostedZones, ListHostedZonesByName, DeleteHostedZone,
// UpdateHostedZoneComment, GetHostedZoneCount.
import { ApiError } from '../errors.js';
import { canonicalName, compareNames, escapeName } from '../names.js';
import { cmp } from '../record-sets.js';
import type { HostedZoneState } from '../state.js';
import type { Struct } from '../xml.js';
import { changeInfo, findZone, newChange, newId, parseMaxItems, type Backend, type Handler } from '../backend.js';

const NS_SUFFIXES = ['com', 'net', 'org', 'co.uk'];

function nameServers(): string[] {
  return NS_SUFFIXES.map((suffix, i) => {
    const n = Math.floor(Math.random() * 512) + i * 512;
    return `ns-${n}.awsdns-${String(Math.floor(n / 32)).padStart(2, '0')}.${suffix}`;
  });
}

export function renderZone(z: HostedZoneState): Struct {
  return {
    Id: `/hostedzone/${z.Id}`,
    Name: escapeName(z.Name),
    CallerReference: z.CallerReference,
    Config: { Comment: z.Comment, PrivateZone: z.PrivateZone },
    ResourceRecordSetCount: z.rrsets.length,
  };
}

const delegationSet = (z: HostedZoneState): Struct => ({ NameServers: z.nameServers });

const createHostedZone: Handler = (b, input) => {
  const name = canonicalName(String(input.Name));
  const labels = name.split('.').filter((l) => l.length > 0);
  if (labels.length < 2 || labels.some((l) => l.length > 63) || name.length > 255) {
    throw new ApiError('InvalidDomainName', `${escapeName(name)} is not a valid domain name for a hosted zone.`, { status: 400 });
  }
  const ref = String(input.CallerReference);
  if (b.state.zoneCallerReferences.includes(ref)) {
    throw new ApiError('HostedZoneAlreadyExists', 'A hosted zone has already been created with the specified caller reference.', { status: 409 });
  }
  const config = (input.HostedZoneConfig ?? {}) as Struct;
  const vpc = input.VPC as Struct | undefined;
  const servers = nameServers();
  const zone: HostedZoneState = {
    Id: newId('Z'),
    Name: name,
    CallerReference: ref,
    ...(config.Comment !== undefined ? { Comment: String(config.Comment) } : {}),
    PrivateZone: vpc !== undefined || config.PrivateZone === true,
    VPCs: vpc ? [vpc as { VPCRegion?: string; VPCId?: string }] : [],
    nameServers: servers,
    rrsets: [
      { Name: name, Type: 'NS', TTL: 172800, ResourceRecords: servers.map((s) => ({ Value: `${s}.` })) },
      { Name: name, Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: `${servers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400` }] },
    ],
    lastChangeAt: 0,
  };
  b.state.zones[zone.Id] = zone;
  b.state.zoneCallerReferences.push(ref);
  const change = newChange(b);
  return {
    HostedZone: renderZone(zone),
    ChangeInfo: changeInfo(b, change, true),
    DelegationSet: delegationSet(zone),
    ...(vpc ? { VPC: vpc } : {}),
    Location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${zone.Id}`,
  };
};

const getHostedZone: Handler = (b, input) => {
  const zone = findZone(b, String(input.Id));
  return {
    HostedZone: renderZone(zone),
    ...(zone.PrivateZone ? { VPCs: zone.VPCs } : { DelegationSet: delegationSet(zone) }),
  };
};

const listHostedZones: Handler = (b, input) => {
  const max = parseMaxItems(input.MaxItems, 100, 100);
  const zones = Object.values(b.state.zones);
  let start = 0;
  if (input.Marker !== undefined) {
    start = zones.findIndex((z) => z.Id === String(input.Marker).replace(/^\/hostedzone\//, ''));
    if (start < 0) throw new ApiError('InvalidInput', `Invalid value for Marker: ${String(input.Marker)}`);
  }
  const page = zones.slice(start, start + max);
  const next = zones[start + max];
  return {
    HostedZones: page.map(renderZone),
    Marker: input.Marker ?? '',
    IsTruncated: next !== undefined,
    ...(next ? { NextMarker: next.Id } : {}),
    MaxItems: String(max),
  };
};

const byName = (a: HostedZoneState, b: HostedZoneState): number => compareNames(a.Name, b.Name) || cmp(a.Id, b.Id);

const listHostedZonesByName: Handler = (b, input) => {
  const max = parseMaxItems(input.MaxItems, 100, 100);
  if (input.HostedZoneId !== undefined && input.DNSName === undefined) {
    throw new ApiError('InvalidInput', 'The input is not valid: HostedZoneId requires DNSName.');
  }
  const zones = Object.values(b.state.zones).sort(byName);
  let start = 0;
  if (input.DNSName !== undefined) {
    const name = canonicalName(String(input.DNSName));
    const id = input.HostedZoneId !== undefined ? String(input.HostedZoneId).replace(/^\/hostedzone\//, '') : undefined;
    start = zones.findIndex((z) => {
      const c = compareNames(z.Name, name);
      return c > 0 || (c === 0 && (id === undefined || z.Id >= id));
    });
    if (start < 0) start = zones.length;
  }
  const page = zones.slice(start, start + max);
  const next = zones[start + max];
  return {
    HostedZones: page.map(renderZone),
    DNSName: input.DNSName,
    HostedZoneId: input.HostedZoneId,
    IsTruncated: next !== undefined,
    ...(next ? { NextDNSName: escapeName(next.Name), NextHostedZoneId: next.Id } : {}),
    MaxItems: String(max),
  };
};

const deleteHostedZone: Handler = (b, input) => {
  const zone = findZone(b, String(input.Id));
  const extra = zone.rrsets.some((r) => !(r.Name === zone.Name && (r.Type === 'SOA' || r.Type === 'NS')));
  if (extra) {
    throw new ApiError('HostedZoneNotEmpty', 'The specified hosted zone contains non-required resource record sets and so cannot be deleted.', { status: 400 });
  }
  delete b.state.zones[zone.Id];
  delete b.state.tags[`hostedzone/${zone.Id}`];
  return { ChangeInfo: changeInfo(b, newChange(b), true) };
};

const updateHostedZoneComment: Handler = (b, input) => {
  const zone = findZone(b, String(input.Id));
  if (input.Comment === undefined) delete zone.Comment;
  else zone.Comment = String(input.Comment);
  return { HostedZone: renderZone(zone) };
};

const getHostedZoneCount: Handler = (b: Backend) => ({ HostedZoneCount: Object.keys(b.state.zones).length });

export const hostedZoneHandlers: Record<string, Handler> = {
  CreateHostedZone: createHostedZone,
  GetHostedZone: getHostedZone,
  ListHostedZones: listHostedZones,
  ListHostedZonesByName: listHostedZonesByName,
  DeleteHostedZone: deleteHostedZone,
  UpdateHostedZoneComment: updateHostedZoneComment,
  GetHostedZoneCount: getHostedZoneCount,
};
