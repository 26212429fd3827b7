import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AscendingKeys, firstOutOfOrder, naturalCompare, type OrderMode } from '../src/yaml/natural-order.js';

describe('natural key order (octoDNS natsort)', () => {
  it('orders numbers by value and text by code point', () => {
    const keys = ['*.10.1', 'host10', '', '*.2.2', 'host2', 'b', '12', 'A', '2', '_srv._tcp', 'test'];
    expect([...keys].sort(naturalCompare)).toEqual(['', '2', '12', '*.2.2', '*.10.1', 'A', '_srv._tcp', 'b', 'host2', 'host10', 'test']);
  });

  it('finds the first key out of order, as octoDNS reports it', () => {
    expect(firstOutOfOrder(['type', 'value'], 'natural')).toBeUndefined();
    expect(firstOutOfOrder(['value', 'type'], 'natural')).toEqual({ index: 0, expected: 'type' });
    expect(firstOutOfOrder(['host2', 'host10'], 'natural')).toBeUndefined();
    expect(firstOutOfOrder(['host2', 'host10'], 'simple')).toEqual({ index: 0, expected: 'host10' });
  });

  it('is a consistent total order and agrees with the checker on any list', () => {
    const key = fc.stringMatching(/^[a-c0-9*._-]{0,6}$/);
    fc.assert(
      fc.property(fc.array(key, { maxLength: 12 }), (keys) => {
        const sorted = [...keys].sort(naturalCompare);
        expect(firstOutOfOrder(sorted, 'natural')).toBeUndefined();
        for (let i = 1; i < sorted.length; i++) expect(naturalCompare(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('AscendingKeys, fed keys one by one, agrees with firstOutOfOrder on whether a list is ordered', () => {
    const key = fc.stringMatching(/^[a-c0-9*._-]{0,6}$/);
    fc.assert(
      fc.property(fc.array(key, { maxLength: 12 }), fc.constantFrom<OrderMode>('natural', 'simple'), (keys, mode) => {
        const a = new AscendingKeys(mode);
        let ordered = true;
        for (const k of keys) ordered = a.next(k) && ordered;
        expect(ordered).toBe(firstOutOfOrder(keys, mode) === undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('naturalCompare gives the sign of natsort chunk comparison (its first-difference shortcut included)', () => {
    // natsort: digit runs compare as numbers, text runs by code point; equal chunks: shorter first, then code points
    const chunks = (s: string) => (s === '' ? [] : s.split(/(\d+)/).filter((c, i, all) => !(c === '' && i === all.length - 1 && all.length > 1)).map((c, i) => (i % 2 ? Number(c) : c)));
    const reference = (a: string, b: string): number => {
      if (a === b) return 0;
      if (!/\d/.test(a) && !/\d/.test(b)) return a < b ? -1 : 1;
      const ca = chunks(a);
      const cb = chunks(b);
      for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
        const x = ca[i]!;
        const y = cb[i]!;
        if (x === y) continue;
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        return String(x) < String(y) ? -1 : 1;
      }
      return ca.length - cb.length || (a < b ? -1 : a > b ? 1 : 0);
    };
    const key = fc.stringMatching(/^[a-c0-9*._-]{0,7}$/);
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(Math.sign(naturalCompare(a, b)), `${a} vs ${b}`).toBe(Math.sign(reference(a, b)));
      }),
      { numRuns: 5000, seed: 99 },
    );
  });
});
