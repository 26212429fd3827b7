import { describe, expect, it } from 'vitest';
import { TLSA_SPEC as T } from '../../src/model/types/tlsa.js';
import { ALL, BP, LEGACY, OPTS, STRICT, reasons } from './helpers.js';

const SHA256 = 'ABCDEF0123456789'.repeat(4);

describe('TLSA', () => {
  it('normalises ints (default 0) and lower-cases the data', () => {
    expect(
      T.normalise(
        { certificate_usage: '3', selector: 1, matching_type: 1, certificate_association_data: SHA256 },
        OPTS,
      ),
    ).toEqual({
      certificate_usage: 3,
      selector: 1,
      matching_type: 1,
      certificate_association_data: SHA256.toLowerCase(),
    });
    expect(T.normalise({ certificate_association_data: 1234 }, OPTS)).toEqual({
      certificate_usage: 0,
      selector: 0,
      matching_type: 0,
      certificate_association_data: '1234',
    });
  });

  it('accepts valid values in every set', () => {
    const v = [{ certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: SHA256 }];
    expect(reasons(T, v, ALL)).toEqual([]);
  });

  it('legacy: tlsa-value reasons', () => {
    expect(reasons(T, [{}], LEGACY)).toEqual([
      'missing certificate_usage, via: tlsa-value',
      'missing selector, via: tlsa-value',
      'missing matching_type, via: tlsa-value',
      'missing certificate_association_data, via: tlsa-value',
    ]);
    expect(
      reasons(T, [{ certificate_usage: 4, selector: 2, matching_type: 3, certificate_association_data: 'x' }], LEGACY),
    ).toEqual([
      'invalid certificate_usage "4", via: tlsa-value',
      'invalid selector "2", via: tlsa-value',
      'invalid matching_type "3", via: tlsa-value',
    ]);
    expect(
      reasons(T, [{ certificate_usage: 'a', selector: 'b', matching_type: 'c', certificate_association_data: 'x' }], LEGACY),
    ).toEqual([
      'invalid certificate_usage "a", via: tlsa-value',
      'invalid selector "b", via: tlsa-value',
      'invalid matching_type "c", via: tlsa-value',
    ]);
  });

  it('strict: tlsa-value-rfc reasons', () => {
    expect(reasons(T, [{}], STRICT)).toEqual([
      'missing certificate_usage, via: tlsa-value-rfc',
      'missing selector, via: tlsa-value-rfc',
      'missing matching_type, via: tlsa-value-rfc',
      'missing certificate_association_data, via: tlsa-value-rfc',
    ]);
    expect(
      reasons(T, [{ certificate_usage: 300, selector: 'b', matching_type: 1, certificate_association_data: 'zz' }], STRICT),
    ).toEqual([
      'invalid certificate_usage "300"; must be 0-255, via: tlsa-value-rfc',
      'invalid selector "b", via: tlsa-value-rfc',
      'invalid certificate_association_data "zz"; must be hex, via: tlsa-value-rfc',
    ]);
    expect(
      reasons(T, [{ certificate_usage: 4, selector: 1, matching_type: 2, certificate_association_data: 'abcd' }], STRICT),
    ).toEqual(['certificate_association_data must be 128 hex characters for matching_type 2, via: tlsa-value-rfc']);
    expect(
      reasons(T, [{ certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: 'abcd' }], STRICT),
    ).toEqual(['certificate_association_data must be 64 hex characters for matching_type 1, via: tlsa-value-rfc']);
  });

  it('best-practice: matching_type 0', () => {
    const v = [{ certificate_usage: 3, selector: 1, matching_type: 0, certificate_association_data: 'abcd' }];
    expect(reasons(T, v, BP)).toEqual([
      'TLSA matching_type 0 (full data) is not recommended; use matching_type 1 (SHA-256) or 2 (SHA-512), via: tlsa-value-best-practice',
    ]);
    expect(reasons(T, v, ALL, ['tlsa-value-best-practice'])).toEqual([]);
  });

  it('orders by the four fields and renders rdata', () => {
    const vals = [
      { certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: 'bb' },
      { certificate_usage: 2, selector: 0, matching_type: 1, certificate_association_data: 'ff' },
      { certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: 'AA' },
    ].map((v) => T.normalise(v, OPTS));
    expect(vals.sort(T.compare).map(T.toText)).toEqual(['2 0 1 ff', '3 1 1 aa', '3 1 1 bb']);
  });
});
