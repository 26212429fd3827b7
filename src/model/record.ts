/**
 * The provider-neutral record model: octoDNS's record data, normalised, plus the
 * traffic model (see ./traffic.ts) for dynamic records.
 *
 * Values are octoDNS's normalised value data: a string for A/AAAA/CNAME/ALIAS/DNAME/
 * NS/PTR/TXT/SPF/OPENPGPKEY, a plain object for the structured types (MX as
 * {exchange, preference}, SRV as {port, priority, target, weight}, ...).
 */

export const RECORD_TYPES = [
  'A', 'AAAA', 'ALIAS', 'CAA', 'CNAME', 'DNAME', 'DS', 'HTTPS', 'LOC', 'MX', 'NAPTR', 'NS',
  'OPENPGPKEY', 'PTR', 'SPF', 'SRV', 'SSHFP', 'SVCB', 'TLSA', 'TXT', 'URI', 'URLFWD',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export function isRecordType(t: unknown): t is RecordType {
  return typeof t === 'string' && (RECORD_TYPES as readonly string[]).includes(t);
}

/** JSON-compatible data as read from a zone file. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** One normalised value: a string or a structured object of the type's fields. */
export type Value = string | JsonObject;

/** Where something came from: `file, line L, column C` (1-based). */
export interface Position {
  file: string;
  line: number;
  column: number;
}

export function formatPosition(p: Position | undefined): string {
  return p ? `${p.file}, line ${p.line}, column ${p.column}` : 'unknown position';
}

export type PoolValueStatus = 'up' | 'down' | 'obey';

export interface PoolValue {
  value: Value;
  /** 1..100 in octoDNS; defaults to 1 */
  weight: number;
  /** defaults to 'obey' (follow the health check) */
  status: PoolValueStatus;
}

export interface Pool {
  /** null ends the chain: the record's static values are the last resort */
  fallback: string | null;
  values: PoolValue[];
}

export interface Rule {
  pool: string;
  geos?: string[];
  subnets?: string[];
}

/** octoDNS's stored form of `dynamic`: pools sorted by id, values sorted, rule order kept. */
export interface Dynamic {
  pools: Record<string, Pool>;
  rules: Rule[];
}

export interface DnsRecord {
  /** zone name with trailing dot, e.g. `example.com.` */
  zone: string;
  /** relative name, '' for the apex, lower-cased IDNA */
  name: string;
  type: RecordType;
  ttl: number;
  /** normalised values, sorted (single-value types hold one entry) */
  values: Value[];
  dynamic?: Dynamic;
  /** octoDNS's deprecated `geo` mapping (A/AAAA): geo code -> sorted values */
  geo?: Record<string, Value[]>;
  /** the record's `octodns:` mapping as written (ignored/excluded/included/healthcheck/provider sections/dnsctl) */
  octodns?: JsonObject;
  /** where the record was defined, when it came from a file */
  source?: Position;
}

export function fqdnOf(name: string, zone: string): string {
  return name ? `${name}.${zone}` : zone;
}

/** Stable key of a record within a zone: name + type. */
export function recordKey(r: Pick<DnsRecord, 'name' | 'type'>): string {
  return `${r.name}\u0000${r.type}`;
}
