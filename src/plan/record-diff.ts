/**
 * What differs between two versions of a record, field by field: the path of each changed
 * leaf (`dynamic.pools.us-east-1.values[0].status`) with its value before and after. An
 * update's renderings use it so a reviewer always sees what changes, whatever the field.
 */
import type { DnsRecord } from '../model/record.js';

export interface FieldDifference {
  /** dotted path into the record (`ttl`, `values[1]`, `dynamic.rules[0].geos`, `octodns.healthcheck.path`) */
  path: string;
  /** JSON text of the value before (absent: the field did not exist) */
  before?: string;
  /** JSON text of the value after (absent: the field is removed) */
  after?: string;
}

type Data = unknown;

function isObject(v: Data): v is Record<string, Data> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const text = (v: Data): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

const join = (path: string, key: string) => (/^[A-Za-z_][\w-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);

function walk(path: string, a: Data, b: Data, out: FieldDifference[]): void {
  if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(join(path, k), a[k], b[k], out);
    return;
  }
  // arrays of objects (pool values, rules) compare element by element; arrays of scalars as a whole
  if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].some((x) => typeof x === 'object' && x !== null)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  const ta = text(a);
  const tb = text(b);
  if (ta === tb) return;
  const d: FieldDifference = { path };
  if (ta !== undefined) d.before = ta;
  if (tb !== undefined) d.after = tb;
  out.push(d);
}

/** The record's stored data (not its name, type, zone or source position). */
function dataOf(r: DnsRecord): Record<string, Data> {
  return { ttl: r.ttl, values: r.values, dynamic: r.dynamic, geo: r.geo, octodns: r.octodns };
}

export function recordDifferences(existing: DnsRecord, desired: DnsRecord): FieldDifference[] {
  const out: FieldDifference[] = [];
  walk('', dataOf(existing), dataOf(desired), out);
  return out;
}

/** `path: before → after` (`(none)` for a side without the field). */
export function differenceText(d: FieldDifference): string {
  return `${d.path}: ${d.before ?? '(none)'} → ${d.after ?? '(none)'}`;
}
