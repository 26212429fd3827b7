// ChangeResourceRecordSets, ListResourceRecordSets, GetChange and TestDNSAnswer.
import { invalidInput, noSuchChange, priorRequestNotComplete } from '../errors.js';
import { canonicalName, compareNames, escapeName } from '../names.js';
import { cmp, compareRecordSets, renderRecordSet } from '../record-sets.js';
import { testDnsAnswer } from '../test-dns-answer.js';
import { applyChangeBatch } from '../validate-change-batch.js';
import type { Struct } from '../xml.js';
import { bareId, changeInfo, findZone, newChange, parseMaxItems, type Handler } from '../backend.js';

export const LIST_RRSETS_MAX_ITEMS = 300;

const changeResourceRecordSets: Handler = (b, input) => {
  const zone = findZone(b, String(input.HostedZoneId));
  const now = b.now();
  if (b.priorRequestWindowMs > 0 && now - zone.lastChangeAt < b.priorRequestWindowMs) throw priorRequestNotComplete();
  const batch = input.ChangeBatch as Struct;
  const rrsets = applyChangeBatch(
    {
      zone,
      healthCheckExists: (id) => b.state.healthChecks[id] !== undefined,
      findZone: (id) => b.state.zones[bareId(id)],
      cidrProblem: (collectionId, location) => {
        const collection = b.state.cidrCollections[collectionId];
        if (!collection) return `CIDR collection ${collectionId} does not exist`;
        if (location !== '*' && !collection.locations[location]) return `CIDR location ${location} does not exist in CIDR collection ${collectionId}`;
        return undefined;
      },
    },
    batch.Changes as Struct[],
  );
  zone.rrsets = rrsets.sort(compareRecordSets);
  zone.lastChangeAt = now;
  const change = newChange(b, batch.Comment !== undefined ? String(batch.Comment) : undefined);
  return { ChangeInfo: changeInfo(b, change, true) };
};

const listResourceRecordSets: Handler = (b, input) => {
  const zone = findZone(b, String(input.HostedZoneId));
  const max = parseMaxItems(input.MaxItems, LIST_RRSETS_MAX_ITEMS, LIST_RRSETS_MAX_ITEMS);
  if (input.StartRecordType !== undefined && input.StartRecordName === undefined) {
    throw invalidInput('The input is not valid: StartRecordType requires StartRecordName.');
  }
  if (input.StartRecordIdentifier !== undefined && input.StartRecordType === undefined) {
    throw invalidInput('The input is not valid: StartRecordIdentifier requires StartRecordName and StartRecordType.');
  }
  const all = zone.rrsets; // kept in listing order by every change
  let start = 0;
  if (input.StartRecordName !== undefined) {
    const name = canonicalName(String(input.StartRecordName));
    const type = input.StartRecordType !== undefined ? String(input.StartRecordType) : undefined;
    const ident = input.StartRecordIdentifier !== undefined ? String(input.StartRecordIdentifier) : undefined;
    start = all.findIndex((r) => {
      const c = compareNames(r.Name, name);
      if (c !== 0 || type === undefined) return c >= 0;
      const t = cmp(r.Type, type);
      if (t !== 0 || ident === undefined) return t >= 0;
      return cmp(r.SetIdentifier ?? '', ident) >= 0;
    });
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + max);
  const next = all[start + max];
  const last = page[page.length - 1];
  const out: Struct = {
    ResourceRecordSets: page.map(renderRecordSet),
    IsTruncated: next !== undefined,
    MaxItems: String(max),
  };
  if (next) {
    out.NextRecordName = escapeName(next.Name);
    out.NextRecordType = next.Type;
    if (next.SetIdentifier !== undefined && last && last.Name === next.Name && last.Type === next.Type) {
      out.NextRecordIdentifier = next.SetIdentifier;
    }
  }
  return out;
};

const getChange: Handler = (b, input) => {
  const id = bareId(String(input.Id));
  const change = b.state.changes[id];
  if (!change) throw noSuchChange(id);
  return { ChangeInfo: changeInfo(b, change) };
};

const testDnsAnswerHandler: Handler = (b, input) => {
  const zone = findZone(b, String(input.HostedZoneId));
  const name = canonicalName(String(input.RecordName));
  const type = String(input.RecordType);
  const clientIp = (input.EDNS0ClientSubnetIP ?? input.ResolverIP) as string | undefined;
  const mask = input.EDNS0ClientSubnetIP !== undefined && input.EDNS0ClientSubnetMask !== undefined ? String(input.EDNS0ClientSubnetMask) : undefined;
  if (mask !== undefined && !/^\d{1,3}$/.test(mask)) throw invalidInput(`Invalid value for EDNS0ClientSubnetMask: ${mask}`);
  const answer = testDnsAnswer(b.state, zone, name, type, { ip: clientIp, mask: mask === undefined ? undefined : Number(mask) }, b.geoTable, b.answerRng);
  return {
    Nameserver: zone.nameServers[0],
    RecordName: escapeName(name),
    RecordType: type,
    RecordData: answer.recordData,
    ResponseCode: answer.responseCode,
    Protocol: 'UDP',
  };
};

export const recordSetHandlers: Record<string, Handler> = {
  ChangeResourceRecordSets: changeResourceRecordSets,
  ListResourceRecordSets: listResourceRecordSets,
  GetChange: getChange,
  TestDNSAnswer: testDnsAnswerHandler,
};
