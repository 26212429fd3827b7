/**
 * diffZone indexes records by name (no `name\0type` key per record) when both sides are
 * unique by name and type; its answer must equal the keyed-Map path it falls back to.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffZone } from '../../src/plan/diff.js';
import { RecordIndex, indexUnique } from '../../src/plan/record-index.js';
import type { DnsRecord } from '../../src/model/record.js';

const rec = (name: string, type: DnsRecord['type'], ttl: number, extra: Partial<DnsRecord> = {}): DnsRecord => ({ zone: 'example.com.', name, type, ttl, values: [`v${ttl}`], ...extra });

/** the reference: the keyed-Map diff as it was before the index */
function reference(existing: DnsRecord[], desired: DnsRecord[], keepUnmanaged: boolean) {
  // a duplicate forces diffZone onto its keyed-Map path, which is the reference
  const dup = rec('zz-dup', 'A', 1);
  return diffZone([...existing, dup, dup], desired, { target: 't', keepUnmanaged, rootNs: true });
}

describe('diffZone by name index', () => {
  it('RecordIndex finds every type of a name and rejects duplicates', () => {
    const ix = new RecordIndex();
    expect(ix.add(rec('a', 'A', 1))).toBe(true);
    expect(ix.add(rec('a', 'TXT', 2))).toBe(true);
    expect(ix.add(rec('a', 'MX', 3))).toBe(true);
    expect(ix.add(rec('a', 'TXT', 4))).toBe(false);
    expect(ix.add(rec('a', 'A', 5))).toBe(false);
    expect(ix.get('a', 'TXT')?.ttl).toBe(2);
    expect(ix.get('a', 'MX')?.ttl).toBe(3);
    expect(ix.get('a', 'AAAA')).toBeUndefined();
    expect(ix.get('b', 'A')).toBeUndefined();
    expect(indexUnique([rec('a', 'A', 1), rec('a', 'A', 2)])).toBeUndefined();
  });

  it('equals the keyed-Map diff, multi-type names, ignored and excluded records included', () => {
    const names = ['', 'a', 'b', 'c', 'www'];
    const types = ['A', 'AAAA', 'TXT', 'NS', 'MX'] as const;
    const arbRec = fc.record({
      name: fc.constantFrom(...names),
      type: fc.constantFrom(...types),
      ttl: fc.integer({ min: 1, max: 3 }),
      flag: fc.constantFrom('none', 'ignored', 'excluded'),
    }).map((r) => rec(r.name, r.type, r.ttl, r.flag === 'ignored' ? { octodns: { ignored: true } } : r.flag === 'excluded' ? { octodns: { excluded: ['t'] } } : {}));
    const uniq = (rs: DnsRecord[]) => {
      const seen = new Set<string>();
      return rs.filter((r) => !seen.has(`${r.name} ${r.type}`) && (seen.add(`${r.name} ${r.type}`), true));
    };
    fc.assert(
      fc.property(fc.array(arbRec, { maxLength: 20 }), fc.array(arbRec, { maxLength: 20 }), fc.boolean(), (a, b, keep) => {
        const existing = uniq(a);
        const desired = uniq(b);
        const got = diffZone(existing, desired, { target: 't', keepUnmanaged: keep, rootNs: true });
        const want = reference(existing, desired, keep);
        const strip = (cs: typeof got.changes) => cs.filter((c) => c.name !== 'zz-dup');
        expect(strip(got.changes)).toEqual(strip(want.changes));
        expect(got.kept).toEqual(want.kept.filter((k) => !k.startsWith('zz-dup.')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('readZone records across files (RecordIndex)', () => {
  it('populate_should_replace: a later file replaces in place; without it a duplicate is an error', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readZone } = await import('../../providers/yaml/read-zone.js');
    const { parseYamlOptions } = await import('../../providers/yaml/options.js');
    const dir = mkdtempSync(join(tmpdir(), 'dnsctl-ix-'));
    try {
      writeFileSync(join(dir, 'example.com.yaml'), "---\n'':\n  type: A\n  value: 1.2.3.4\na:\n  - type: A\n    value: 1.1.1.1\n  - type: TXT\n    value: one\nb:\n  type: A\n  value: 2.2.2.2\n");
      mkdirSync(join(dir, 'example.com.split'));
      writeFileSync(join(dir, 'example.com.split', 'x.yaml'), "---\na:\n  - type: TXT\n    value: two\nc:\n  type: A\n  value: 3.3.3.3\n");
      writeFileSync(join(dir, 'example.com.split', 'y.yaml'), "---\na:\n  type: TXT\n  value: three\n");
      const read = (replace: boolean) =>
        readZone(parseYamlOptions({ directory: dir, split_extension: '.split', populate_should_replace: replace }, '/'), 'example.com.', { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
      const r = read(true);
      expect(r.findings).toEqual([]);
      expect(r.records.map((x) => `${x.name} ${x.type} ${String(x.values[0])}`)).toEqual([' A 1.2.3.4', 'a A 1.1.1.1', 'a TXT three', 'b A 2.2.2.2', 'c A 3.3.3.3']);
      const n = read(false);
      expect(n.records.map((x) => `${x.name} ${x.type} ${String(x.values[0])}`)).toEqual([' A 1.2.3.4', 'a A 1.1.1.1', 'a TXT one', 'b A 2.2.2.2', 'c A 3.3.3.3']);
      expect(n.findings.map((f) => f.reason.replace(/\/.*?(example\.com\.[^,]*)/g, '$1'))).toEqual([
        'Duplicate record a.example.com., type TXT, existing: example.com.yaml, line 8, column 5, new: example.com.split/x.yaml, line 3, column 5',
        'Duplicate record a.example.com., type TXT, existing: example.com.yaml, line 8, column 5, new: example.com.split/y.yaml, line 3, column 3',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
