import { describe, expect, it } from 'vitest';
import { URLFWD_SPEC as U } from '../../src/model/types/urlfwd.js';
import { ALL, BP, LEGACY, OPTS, STRICT, reasons } from './helpers.js';

const VALID = { code: 301, masking: 2, path: '/', query: 0, target: 'http://www.example.com' };

describe('URLFWD', () => {
  it('normalises ints, keeps path and target', () => {
    expect(U.normalise({ ...VALID, code: '302', masking: '1', query: '1' }, OPTS)).toEqual({
      path: '/',
      target: 'http://www.example.com',
      code: 302,
      masking: 1,
      query: 1,
    });
    expect(U.toText(U.normalise(VALID, OPTS))).toBe('"/" "http://www.example.com" 301 2 0');
  });

  it('accepts valid values in every set', () => {
    expect(reasons(U, [VALID], ALL)).toEqual([]);
  });

  for (const sets of [LEGACY, STRICT]) {
    it(`urlfwd-value reasons (${sets.join('+')})`, () => {
      expect(reasons(U, [{}], sets)).toEqual(
        ['code', 'masking', 'query', 'path', 'target'].map((k) => `missing ${k}, via: urlfwd-value`),
      );
      expect(reasons(U, [{ ...VALID, code: 'x', masking: 'y', query: 'z' }], sets)).toEqual([
        'invalid return code "x", via: urlfwd-value',
        'invalid masking setting "y", via: urlfwd-value',
        'invalid query setting "z", via: urlfwd-value',
      ]);
      expect(reasons(U, [{ ...VALID, code: 303, masking: 3, query: 2 }], sets)).toEqual([
        'unrecognized return code "303", via: urlfwd-value',
        'unrecognized masking setting "3", via: urlfwd-value',
        'unrecognized query setting "2", via: urlfwd-value',
      ]);
    });
  }

  it('has no best-practice validator and honours disabled ids', () => {
    expect(reasons(U, [{}], BP)).toEqual([]);
    expect(reasons(U, [{}], ALL, ['urlfwd-value'])).toEqual([]);
  });

  it('orders by (path, target, code, masking, query)', () => {
    const vals = [
      { ...VALID, path: '/b' },
      { ...VALID, path: '/a', code: 302 },
      { ...VALID, path: '/a', code: 301 },
    ].map((v) => U.normalise(v, OPTS));
    expect(vals.sort(U.compare).map(U.toText)).toEqual([
      '"/a" "http://www.example.com" 301 2 0',
      '"/a" "http://www.example.com" 302 2 0',
      '"/b" "http://www.example.com" 301 2 0',
    ]);
  });
});
