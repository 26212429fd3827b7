import { describe, expect, it } from 'vitest';
import { SSHFP_SPEC as S } from '../../src/model/types/sshfp.js';
import { ALL, BP, LEGACY, OPTS, STRICT, reasons } from './helpers.js';

const SHA1 = 'BF6B6825D2977C511A475BBEFB88AAD54A92AC73';
const SHA256 = 'A87F1B687AC0E57D2A081A2F282672334D90ED316D2B818CA9580EA384D92401';

describe('SSHFP', () => {
  it('normalises to ints and a lower-cased fingerprint', () => {
    expect(S.normalise({ algorithm: '4', fingerprint_type: 2, fingerprint: SHA256 }, OPTS)).toEqual({
      algorithm: 4,
      fingerprint_type: 2,
      fingerprint: SHA256.toLowerCase(),
    });
  });

  it('accepts valid values in every set', () => {
    const v = [{ algorithm: 1, fingerprint_type: 2, fingerprint: SHA256 }];
    expect(reasons(S, v, ALL)).toEqual([]);
  });

  it('legacy: sshfp-value reasons', () => {
    expect(reasons(S, [{}], LEGACY)).toEqual([
      'missing algorithm, via: sshfp-value',
      'missing fingerprint_type, via: sshfp-value',
      'missing fingerprint, via: sshfp-value',
    ]);
    expect(reasons(S, [{ algorithm: 'x', fingerprint_type: 'y', fingerprint: 'ab' }], LEGACY)).toEqual([
      'invalid algorithm "x", via: sshfp-value',
      'invalid fingerprint_type "y", via: sshfp-value',
    ]);
    expect(reasons(S, [{ algorithm: 5, fingerprint_type: 3, fingerprint: 'ab' }], LEGACY)).toEqual([
      'unrecognized algorithm "5", via: sshfp-value',
      'unrecognized fingerprint_type "3", via: sshfp-value',
    ]);
    expect(reasons(S, [{ algorithm: 1, fingerprint_type: 1, fingerprint: 'abc' }], LEGACY)).toEqual([
      'fingerprint length 3 does not match fingerprint_type 1 (expected 40), via: sshfp-value',
    ]);
    // strict-only problems are not legacy problems
    expect(reasons(S, [{ algorithm: 1, fingerprint_type: 1, fingerprint: 'z'.repeat(40) }], LEGACY)).toEqual([]);
  });

  it('strict: sshfp-value-rfc reasons', () => {
    expect(reasons(S, [{}], STRICT)).toEqual([
      'missing algorithm, via: sshfp-value-rfc',
      'missing fingerprint_type, via: sshfp-value-rfc',
      'missing fingerprint, via: sshfp-value-rfc',
    ]);
    expect(reasons(S, [{ algorithm: 256, fingerprint_type: 'z', fingerprint: 'xyz' }], STRICT)).toEqual([
      'invalid algorithm "256"; must be 0-255, via: sshfp-value-rfc',
      'invalid fingerprint_type "z", via: sshfp-value-rfc',
      'invalid fingerprint "xyz"; must be hex, via: sshfp-value-rfc',
    ]);
    expect(reasons(S, [{ algorithm: 5, fingerprint_type: 2, fingerprint: 'abcd' }], STRICT)).toEqual([
      'fingerprint must be 64 hex characters for fingerprint_type 2, via: sshfp-value-rfc',
    ]);
    expect(reasons(S, [{ algorithm: 1, fingerprint_type: 2, fingerprint: '' }], STRICT)).toEqual([
      'invalid fingerprint ""; must be hex, via: sshfp-value-rfc',
    ]);
  });

  it('best-practice: SHA-1 fingerprints', () => {
    expect(reasons(S, [{ algorithm: 1, fingerprint_type: 1, fingerprint: SHA1 }], BP)).toEqual([
      'SSHFP fingerprint_type 1 (SHA-1) is deprecated; use fingerprint_type 2 (SHA-256), via: sshfp-value-best-practice',
    ]);
    expect(reasons(S, [{ algorithm: 1, fingerprint_type: 1, fingerprint: SHA1 }], LEGACY)).toEqual([]);
  });

  it('runs validators in order, each over all values, and honours disabled ids', () => {
    const vals = [
      { algorithm: 1, fingerprint_type: 1, fingerprint: 'abc' },
      { algorithm: 9, fingerprint_type: 2, fingerprint: SHA256 },
    ];
    expect(reasons(S, vals, ALL)).toEqual([
      'fingerprint length 3 does not match fingerprint_type 1 (expected 40), via: sshfp-value',
      'unrecognized algorithm "9", via: sshfp-value',
      'fingerprint must be 40 hex characters for fingerprint_type 1, via: sshfp-value-rfc',
      'SSHFP fingerprint_type 1 (SHA-1) is deprecated; use fingerprint_type 2 (SHA-256), via: sshfp-value-best-practice',
    ]);
    expect(reasons(S, vals, ALL, ['sshfp-value', 'sshfp-value-best-practice'])).toEqual([
      'fingerprint must be 40 hex characters for fingerprint_type 1, via: sshfp-value-rfc',
    ]);
  });

  it('orders by (algorithm, fingerprint_type, fingerprint) and renders rdata', () => {
    const vals = [
      { algorithm: 2, fingerprint_type: 1, fingerprint: 'b' },
      { algorithm: 1, fingerprint_type: 2, fingerprint: 'a' },
      { algorithm: 1, fingerprint_type: 1, fingerprint: 'z' },
    ].map((v) => S.normalise(v, OPTS));
    expect(vals.sort(S.compare).map(S.toText)).toEqual(['1 1 z', '1 2 a', '2 1 b']);
  });

  it('refuses to build a value octoDNS cannot construct', () => {
    expect(() => S.normalise({ algorithm: 'x', fingerprint_type: 1, fingerprint: 'a' }, OPTS)).toThrow();
  });
});
