import { describe, expect, it } from 'vitest';
import { NAPTR_SPEC as N } from '../../src/model/types/naptr.js';
import { ALL, BP, LEGACY, OPTS, STRICT, reasons } from './helpers.js';

const VALID = {
  flags: 's',
  order: 100,
  preference: 10,
  regexp: '!^.*$!sip:info@example.com!',
  replacement: '.',
  service: 'SIP+D2U',
};

describe('NAPTR', () => {
  it('normalises: ints, upper-cased flags, strings as written', () => {
    expect(N.normalise({ ...VALID, order: '100' }, OPTS)).toEqual({ ...VALID, flags: 'S' });
  });

  it('renders rdata with quoted character-strings', () => {
    expect(N.toText(N.normalise(VALID, OPTS))).toBe('100 10 "S" "SIP+D2U" "!^.*$!sip:info@example.com!" .');
  });

  it('accepts valid values in every set', () => {
    expect(reasons(N, [VALID, { ...VALID, flags: 'U', replacement: 'sip.example.com.' }], ALL)).toEqual([]);
  });

  it('legacy: naptr-value reasons', () => {
    expect(reasons(N, [{}], LEGACY)).toEqual(
      ['order', 'preference', 'flags', 'service', 'regexp', 'replacement'].map((k) => `missing ${k}, via: naptr-value`),
    );
    expect(reasons(N, [{ ...VALID, order: 'a', preference: 'b', flags: 'X' }], LEGACY)).toEqual([
      'invalid order "a", via: naptr-value',
      'invalid preference "b", via: naptr-value',
      'unrecognized flags "X", via: naptr-value',
    ]);
    // empty flags: rejected by the legacy validator, accepted by the strict one
    expect(reasons(N, [{ ...VALID, flags: '' }], LEGACY)).toEqual(['unrecognized flags "", via: naptr-value']);
    expect(reasons(N, [{ ...VALID, flags: '' }], STRICT)).toEqual([]);
    // no ranges in the legacy validator
    expect(reasons(N, [{ ...VALID, order: 70000 }], LEGACY)).toEqual([]);
  });

  it('strict: naptr-value-rfc reasons', () => {
    expect(reasons(N, [{}], STRICT)).toEqual(
      ['order', 'preference', 'flags', 'service', 'regexp', 'replacement'].map(
        (k) => `missing ${k}, via: naptr-value-rfc`,
      ),
    );
    expect(reasons(N, [{ ...VALID, order: 70000, preference: -1, flags: 'sa' }], STRICT)).toEqual([
      'invalid order "70000"; must be 0-65535, via: naptr-value-rfc',
      'invalid preference "-1"; must be 0-65535, via: naptr-value-rfc',
      'unrecognized flags "sa", via: naptr-value-rfc',
    ]);
    expect(reasons(N, [{ ...VALID, order: 'x' }], STRICT)).toEqual(['invalid order "x", via: naptr-value-rfc']);
  });

  it('best-practice: replacement trailing dot', () => {
    expect(reasons(N, [{ ...VALID, replacement: 'Sip.Example.com' }], BP)).toEqual([
      'NAPTR replacement "sip.example.com" missing trailing ., via: naptr-value-best-practice',
    ]);
    expect(reasons(N, [{ ...VALID, replacement: '' }], BP)).toEqual([]);
    expect(reasons(N, [{ ...VALID, replacement: '.' }], BP)).toEqual([]);
    expect(reasons(N, [{ ...VALID, replacement: 'sip.example.com' }], LEGACY)).toEqual([]);
  });

  it('orders by (order, preference, flags, service, regexp, replacement)', () => {
    const vals = [
      { ...VALID, order: 100, preference: 20 },
      { ...VALID, order: 100, preference: 10, flags: 'u' },
      { ...VALID, order: 50, preference: 99 },
      { ...VALID, order: 100, preference: 10, flags: 'a' },
    ].map((v) => N.normalise(v, OPTS));
    expect(vals.sort(N.compare).map((v) => N.toText(v).split(' ').slice(0, 3).join(' '))).toEqual([
      '50 99 "S"',
      '100 10 "A"',
      '100 10 "U"',
      '100 20 "S"',
    ]);
  });
});
