/**
 * Records by (name, type) without a concatenated `name\0type` string per record: a Map
 * by name holds the first record of each name; further types of a name go to a second
 * Map by the concatenated key (few names carry more than one type).
 */
import { recordKey, type DnsRecord } from '../model/record.js';

export class RecordIndex {
  private readonly byName = new Map<string, DnsRecord>();
  private readonly more = new Map<string, DnsRecord>();

  /**
   * Adds `r`; false (and nothing added) when a record of the same name and type is held
   * already.
   */
  add(r: DnsRecord): boolean {
    const first = this.byName.get(r.name);
    if (first === undefined) {
      this.byName.set(r.name, r);
      return true;
    }
    if (first.type === r.type) return false;
    const key = recordKey(r);
    if (this.more.has(key)) return false;
    this.more.set(key, r);
    return true;
  }

  /** puts `next` where `prev` (same name and type, held) was. */
  replace(prev: DnsRecord, next: DnsRecord): void {
    if (this.byName.get(prev.name) === prev) this.byName.set(next.name, next);
    else this.more.set(recordKey(next), next);
  }

  get(name: string, type: string): DnsRecord | undefined {
    const first = this.byName.get(name);
    if (first === undefined) return undefined;
    if (first.type === type) return first;
    return this.more.size ? this.more.get(`${name}\u0000${type}`) : undefined;
  }

  has(name: string, type: string): boolean {
    return this.get(name, type) !== undefined;
  }
}

/** An index of `records`, or undefined when two of them share a name and type. */
export function indexUnique(records: readonly DnsRecord[]): RecordIndex | undefined {
  const ix = new RecordIndex();
  for (const r of records) if (!ix.add(r)) return undefined;
  return ix;
}
