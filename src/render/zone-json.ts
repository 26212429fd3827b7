/**
 * The JSON form of a zone for `dnsctl dump --format json`: one array sorted by
 * (fqdn, type); `values` is always a list of octoDNS's normalised value data and
 * `dynamic` octoDNS's stored form with defaults filled in.
 */
import { fqdnOf, type DnsRecord, type Dynamic, type JsonObject, type Value } from '../model/record.js';

export interface DumpedRecord {
  fqdn: string;
  name: string;
  type: string;
  ttl: number;
  values: Value[];
  dynamic?: Dynamic;
  /** octoDNS's deprecated geo mapping, kept as read */
  geo?: Record<string, Value[]>;
  octodns?: JsonObject;
}

export function zoneToJsonRecords(records: DnsRecord[]): DumpedRecord[] {
  const out = records.map((r): DumpedRecord => {
    const d: DumpedRecord = { fqdn: fqdnOf(r.name, r.zone), name: r.name, type: r.type, ttl: r.ttl, values: r.values };
    if (r.dynamic) d.dynamic = r.dynamic;
    if (r.geo) d.geo = r.geo;
    if (r.octodns && Object.keys(r.octodns).length) d.octodns = r.octodns;
    return d;
  });
  return out.sort((a, b) => (a.fqdn < b.fqdn ? -1 : a.fqdn > b.fqdn ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}
