/** Filters and ordering of `GET /zones/{zone_id}/dns_records` (plain and `.exact/.contains/…` forms). */
import type { DnsRecordState } from '../types.js';
import { normalizeRecordName } from './names.js';

type Predicate = (r: DnsRecordState) => boolean;
const OPS = ['exact', 'contains', 'startswith', 'endswith'] as const;

function stringOp(op: string, actual: string, wanted: string): boolean {
  const a = actual.toLowerCase();
  const w = wanted.toLowerCase();
  if (op === 'contains') return a.includes(w);
  if (op === 'startswith') return a.startsWith(w);
  if (op === 'endswith') return a.endsWith(w);
  return a === w;
}

function tagMatches(tags: string[], op: string, wanted: string): boolean {
  const [wName = '', ...rest] = wanted.split(':');
  const wValue = rest.join(':');
  return tags.some((t) => {
    const [tName = '', ...tRest] = t.split(':');
    const tValue = tRest.join(':');
    if (tName !== wName) return false;
    if (op === 'exact' && !wanted.includes(':')) return true;
    return stringOp(op, tValue, wValue);
  });
}

export function filterRecords(records: DnsRecordState[], q: URLSearchParams, zoneName: string): DnsRecordState[] {
  const preds: Predicate[] = [];
  const tagPreds: Predicate[] = [];
  const get = (k: string): string | null => q.get(k);

  const name = get('name') ?? get('name.exact');
  if (name !== null) {
    const n = normalizeRecordName(name, zoneName);
    preds.push((r) => r.name === n);
  }
  for (const op of OPS.slice(1)) {
    const v = get(`name.${op}`);
    if (v !== null) preds.push((r) => stringOp(op, r.name, v));
  }
  const type = get('type');
  if (type !== null) preds.push((r) => r.type === type.toUpperCase());
  for (const op of OPS) {
    const v = op === 'exact' ? get('content') ?? get('content.exact') : get(`content.${op}`);
    if (v !== null) preds.push((r) => stringOp(op, r.content, v));
  }
  const proxied = get('proxied');
  if (proxied !== null) preds.push((r) => r.proxied === (proxied === 'true'));
  for (const op of OPS) {
    const v = op === 'exact' ? get('comment') ?? get('comment.exact') : get(`comment.${op}`);
    if (v !== null) preds.push((r) => stringOp(op, r.comment ?? '', v));
  }
  if (get('comment.present') !== null) preds.push((r) => (r.comment ?? '') !== '');
  if (get('comment.absent') !== null) preds.push((r) => (r.comment ?? '') === '');
  const search = get('search');
  if (search !== null) {
    preds.push((r) => [r.name, r.content, r.comment ?? '', ...r.tags].some((f) => f.toLowerCase().includes(search.toLowerCase())));
  }

  for (const v of q.getAll('tag').concat(q.getAll('tag.exact'))) tagPreds.push((r) => tagMatches(r.tags, 'exact', v));
  for (const op of OPS.slice(1)) for (const v of q.getAll(`tag.${op}`)) tagPreds.push((r) => tagMatches(r.tags, op, v));
  for (const v of q.getAll('tag.present')) tagPreds.push((r) => r.tags.some((t) => t.split(':')[0] === v));
  for (const v of q.getAll('tag.absent')) tagPreds.push((r) => !r.tags.some((t) => t.split(':')[0] === v));

  const any = get('match') === 'any';
  const tagAny = get('tag_match') === 'any';
  return records.filter((r) => {
    const main = preds.length === 0 ? true : any ? preds.some((p) => p(r)) : preds.every((p) => p(r));
    const tags = tagPreds.length === 0 ? true : tagAny ? tagPreds.some((p) => p(r)) : tagPreds.every((p) => p(r));
    return main && tags;
  });
}

export function sortRecords(records: DnsRecordState[], order: string | null, direction: string | null): DnsRecordState[] {
  if (!order) return records;
  const key = order as keyof DnsRecordState;
  const sign = direction === 'desc' ? -1 : 1;
  return [...records].sort((a, b) => {
    const x = String(a[key] ?? '');
    const y = String(b[key] ?? '');
    if (key === 'ttl') return sign * (a.ttl - b.ttl);
    return sign * x.localeCompare(y);
  });
}
