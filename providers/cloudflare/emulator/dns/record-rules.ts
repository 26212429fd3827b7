/**
 * Cloudflare's DNS record rules beyond the schema: name normalisation, TTL range (60..86400 or
 * 1 = auto; proxied records are always auto), which types and targets can be proxied, content
 * shapes per type (HTTPS/SVCB: svcb-rules.ts), and `content` derived from `data` for structured types.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { ApiError } from '../envelope.js';
import { CODES, MESSAGES, dnsValidation } from '../error-codes.js';
import { asRecord } from '../handler-types.js';
import { now } from '../ids.js';
import type { DnsRecordState } from '../types.js';
import { isHostname, normalizeRecordName } from './names.js';
import { svcbDataProblem } from './svcb-rules.js';

export const PROXIABLE_TYPES = new Set(['A', 'AAAA', 'CNAME']);
export const MIN_TTL = 60;
export const MAX_TTL = 86400;

/** Field order used to format `content` from `data` for structured types. */
const DATA_FORMATS: Record<string, (d: Record<string, unknown>) => string> = {
  CAA: (d) => `${s(d.flags)} ${s(d.tag)} "${s(d.value)}"`,
  SRV: (d) => `${s(d.weight)} ${s(d.port)} ${s(d.target)}`,
  URI: (d) => `${s(d.weight)} "${s(d.target)}"`,
  HTTPS: (d) => `${s(d.priority)} ${s(d.target)} ${s(d.value)}`.trim(),
  SVCB: (d) => `${s(d.priority)} ${s(d.target)} ${s(d.value)}`.trim(),
  SSHFP: (d) => `${s(d.algorithm)} ${s(d.type)} ${s(d.fingerprint)}`,
  TLSA: (d) => `${s(d.usage)} ${s(d.selector)} ${s(d.matching_type)} ${s(d.certificate)}`,
  SMIMEA: (d) => `${s(d.usage)} ${s(d.selector)} ${s(d.matching_type)} ${s(d.certificate)}`,
  DS: (d) => `${s(d.key_tag)} ${s(d.algorithm)} ${s(d.digest_type)} ${s(d.digest)}`,
  DNSKEY: (d) => `${s(d.flags)} ${s(d.protocol)} ${s(d.algorithm)} ${s(d.public_key)}`,
  CERT: (d) => `${s(d.type)} ${s(d.key_tag)} ${s(d.algorithm)} ${s(d.certificate)}`,
  NAPTR: (d) => `${s(d.order)} ${s(d.preference)} "${s(d.flags)}" "${s(d.service)}" "${s(d.regex)}" ${s(d.replacement)}`,
  LOC: (d) =>
    `${s(d.lat_degrees)} ${s(d.lat_minutes)} ${s(d.lat_seconds)} ${s(d.lat_direction)} ${s(d.long_degrees)} ${s(d.long_minutes)} ${s(d.long_seconds)} ${s(d.long_direction)} ${s(d.altitude)}m ${s(d.size)}m ${s(d.precision_horz)}m ${s(d.precision_vert)}m`,
};

/** `data` fields that must be present per structured type. */
const DATA_REQUIRED: Record<string, string[]> = {
  CAA: ['flags', 'tag', 'value'],
  SRV: ['port', 'priority', 'target', 'weight'],
  URI: ['target', 'weight'],
  HTTPS: ['priority', 'target', 'value'],
  SVCB: ['priority', 'target', 'value'],
  SSHFP: ['algorithm', 'type', 'fingerprint'],
  TLSA: ['usage', 'selector', 'matching_type', 'certificate'],
  SMIMEA: ['usage', 'selector', 'matching_type', 'certificate'],
  DS: ['key_tag', 'algorithm', 'digest_type', 'digest'],
  DNSKEY: ['flags', 'protocol', 'algorithm', 'public_key'],
  CERT: ['type', 'key_tag', 'algorithm', 'certificate'],
  NAPTR: ['order', 'preference', 'flags', 'service', 'regex', 'replacement'],
  LOC: ['lat_degrees', 'lat_direction', 'long_degrees', 'long_direction'],
};

/** Further checks of `data` per type: what is wrong, or undefined. */
const DATA_CHECKS: Record<string, (d: Record<string, unknown>) => string | undefined> = {
  HTTPS: svcbDataProblem,
  SVCB: svcbDataProblem,
  URI: (d) => (typeof d.target === 'string' && d.target !== '' ? undefined : 'target must be a non-empty string'),
};

function s(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Private, loopback, link-local and documentation-reserved ranges cannot sit behind the proxy. */
function isNonPublicIPv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
}

function isNonPublicIPv6(ip: string): boolean {
  const l = ip.toLowerCase();
  return l === '::1' || l === '::' || l.startsWith('fe80:') || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('ff');
}

export function isProxiable(type: string, content: string): boolean {
  if (!PROXIABLE_TYPES.has(type)) return false;
  if (type === 'A') return !isNonPublicIPv4(content);
  if (type === 'AAAA') return !isNonPublicIPv6(content);
  return true;
}

const TAG = /^[A-Za-z0-9_-]+(:.*)?$/;

/** The writable fields of a record as sent in a request body. */
export function inputView(r: DnsRecordState): Record<string, unknown> {
  const v: Record<string, unknown> = { type: r.type, name: r.name, content: r.content, ttl: r.ttl, proxied: r.proxied, comment: r.comment, tags: r.tags, settings: r.settings };
  if (r.priority !== undefined) v.priority = r.priority;
  if (r.data !== undefined) {
    v.data = r.data;
    delete v.content;
  }
  return v;
}

/**
 * Builds the stored record from a request body. `existing` keeps id and creation time (PUT/PATCH);
 * the caller merges PATCH bodies over `inputView(existing)` first.
 */
export function buildRecord(body: unknown, zoneName: string, existing: DnsRecordState | undefined, pointer = ''): DnsRecordState {
  const b = asRecord(body);
  const type = s(b.type).toUpperCase();
  const name = normalizeRecordName(s(b.name), zoneName);
  if (name.length > 255) throw dnsValidation({ code: 9000, message: 'DNS name is invalid.' }, `${pointer}/name`);

  let ttl = typeof b.ttl === 'number' ? b.ttl : 1;
  const proxied = b.proxied === true;
  if (ttl !== 1 && (!Number.isInteger(ttl) || ttl < MIN_TTL || ttl > MAX_TTL)) {
    throw dnsValidation({ code: CODES.ttlInvalid, message: MESSAGES.ttlInvalid }, `${pointer}/ttl`);
  }

  let content = s(b.content);
  let data: Record<string, unknown> | undefined;
  let priority = typeof b.priority === 'number' ? b.priority : undefined;
  const format = DATA_FORMATS[type];
  if (format) {
    data = asRecord(b.data);
    const missing = (DATA_REQUIRED[type] ?? []).filter((k) => data?.[k] === undefined || data?.[k] === null);
    if (missing.length > 0) {
      throw dnsValidation({ code: CODES.bodyInvalid, message: `Data for ${type} record is invalid: missing ${missing.join(', ')}.` }, `${pointer}/data`);
    }
    const problem = DATA_CHECKS[type]?.(data);
    if (problem) throw dnsValidation({ code: CODES.bodyInvalid, message: `Data for ${type} record is invalid: ${problem}.` }, `${pointer}/data`);
    content = format(data);
    if (type === 'SRV' && typeof data.priority === 'number') priority = data.priority;
  }

  switch (type) {
    case 'A':
      if (!isIPv4(content)) throw new ApiError(400, [{ code: CODES.aInvalid, message: 'Content for A record must be a valid IPv4 address.', source: { pointer: `${pointer}/content` } }]);
      break;
    case 'AAAA':
      if (!isIPv6(content)) throw new ApiError(400, [{ code: CODES.aaaaInvalid, message: 'Content for AAAA record must be a valid IPv6 address.', source: { pointer: `${pointer}/content` } }]);
      content = content.toLowerCase();
      break;
    case 'CNAME':
    case 'MX':
    case 'NS':
    case 'PTR': {
      content = content.toLowerCase().replace(/\.$/, '');
      const invalid = !isHostname(content) || isIPv4(content) || isIPv6(content) || (type === 'CNAME' && content === name);
      if (invalid) throw dnsValidation({ code: type === 'CNAME' ? CODES.cnameInvalid : CODES.bodyInvalid, message: `Content for ${type} record is invalid.` }, `${pointer}/content`);
      if (type === 'MX' && priority === undefined) throw dnsValidation({ code: CODES.bodyInvalid, message: 'MX records require a priority.' }, `${pointer}/priority`);
      break;
    }
    case 'TXT':
      if (content.length === 0) throw dnsValidation({ code: CODES.bodyInvalid, message: 'Content for TXT record is invalid.' }, `${pointer}/content`);
      break;
    default:
      break;
  }

  const proxiable = isProxiable(type, content);
  if (proxied && !PROXIABLE_TYPES.has(type)) throw dnsValidation({ code: CODES.notProxiable, message: MESSAGES.notProxiable }, `${pointer}/proxied`);
  if (proxied && !proxiable) throw dnsValidation({ code: CODES.targetNotProxiable, message: `Target ${content} is not allowed for a proxied record.` }, `${pointer}/proxied`);
  if (proxied) ttl = 1; // proxied records are always Auto

  const tags = Array.isArray(b.tags) ? b.tags.map(String) : [];
  const badTag = tags.find((t) => !TAG.test(t));
  if (badTag !== undefined) {
    throw dnsValidation({ code: CODES.bodyInvalid, message: `Tag '${badTag}' is invalid: tags have the form name:value and names hold only letters, digits, '_' and '-'.` }, `${pointer}/tags`);
  }
  const comment = typeof b.comment === 'string' ? b.comment : null;

  const t = now();
  const record: DnsRecordState = {
    id: existing?.id ?? '',
    type,
    name,
    content,
    proxiable,
    proxied,
    ttl,
    comment,
    tags: [...new Set(tags)],
    settings: asRecord(b.settings),
    meta: existing?.meta ?? {},
    created_on: existing?.created_on ?? t,
    modified_on: t,
  };
  if (priority !== undefined && ['MX', 'SRV', 'URI'].includes(type)) record.priority = priority;
  if (data) record.data = data;
  if (comment !== (existing?.comment ?? null)) record.comment_modified_on = t;
  else if (existing?.comment_modified_on) record.comment_modified_on = existing.comment_modified_on;
  if (JSON.stringify(record.tags) !== JSON.stringify(existing?.tags ?? [])) record.tags_modified_on = t;
  else if (existing?.tags_modified_on) record.tags_modified_on = existing.tags_modified_on;
  return record;
}

/**
 * Conflicts with the other records of the zone: CNAME exclusivity at a name (81053 / 81054) and
 * identical records (81058). `records` must not contain the record being written.
 */
export function checkConflicts(record: DnsRecordState, records: DnsRecordState[], pointer = ''): void {
  const sameName = records.filter((r) => r.name === record.name && r.id !== record.id);
  const src = pointer ? { source: { pointer } } : {};
  if (record.type === 'CNAME' && sameName.length > 0) throw ApiError.of(400, CODES.hostExists, MESSAGES.hostExists, src);
  if (sameName.some((r) => r.type === 'CNAME')) throw ApiError.of(400, CODES.cnameExists, MESSAGES.cnameExists, src);
  const identical = sameName.some((r) => r.type === record.type && r.content === record.content && r.priority === record.priority);
  if (identical) throw ApiError.of(400, CODES.identicalExists, MESSAGES.identicalExists, src);
}

/** The record as the API returns it. */
export function present(r: DnsRecordState): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r };
  if (out.comment_modified_on === undefined) delete out.comment_modified_on;
  if (out.tags_modified_on === undefined) delete out.tags_modified_on;
  return out;
}
