import { describe, expect, it } from 'vitest';
import { DS_SPEC as D } from '../../src/model/types/ds.js';
import { ALL, BP, LEGACY, OPTS, STRICT, reasons } from './helpers.js';

const SHA1 = '2BB183AF5F22588179A53B0A98631FAD1A292118';
const SHA256 = 'E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D';

describe('DS', () => {
  it('normalises the current form', () => {
    expect(D.normalise({ key_tag: '60485', algorithm: 5, digest_type: 1, digest: SHA1 }, OPTS)).toEqual({
      key_tag: 60485,
      algorithm: 5,
      digest_type: 1,
      digest: SHA1.toLowerCase(),
    });
  });

  it('maps the deprecated legacy form positionally', () => {
    expect(D.normalise({ flags: 257, protocol: 3, algorithm: 8, public_key: 'AbCd' }, OPTS)).toEqual({
      key_tag: 257,
      algorithm: 3,
      digest_type: 8,
      digest: 'abcd',
    });
  });

  it('accepts valid values in every set', () => {
    expect(reasons(D, [{ key_tag: 2371, algorithm: 13, digest_type: 2, digest: SHA256 }], ALL)).toEqual([]);
  });

  it('legacy: ds-value reasons, current form', () => {
    expect(reasons(D, [{}], LEGACY)).toEqual([
      'missing key_tag, via: ds-value',
      'missing algorithm, via: ds-value',
      'missing digest_type, via: ds-value',
      'missing digest, via: ds-value',
    ]);
    expect(reasons(D, [{ key_tag: 'a', algorithm: 'b', digest_type: 'c', digest: 'x' }], LEGACY)).toEqual([
      'invalid key_tag "a", via: ds-value',
      'invalid algorithm "b", via: ds-value',
      'invalid digest_type "c", via: ds-value',
    ]);
    // no ranges in the legacy validator
    expect(reasons(D, [{ key_tag: 70000, algorithm: 300, digest_type: 9, digest: 'x' }], LEGACY)).toEqual([]);
  });

  it('legacy: ds-value reasons, legacy form', () => {
    expect(reasons(D, [{ flags: 'x', public_key: 'a' }], LEGACY)).toEqual([
      'invalid flags "x", via: ds-value',
      'missing protocol, via: ds-value',
      'missing algorithm, via: ds-value',
    ]);
    expect(reasons(D, [{ flags: 1, protocol: 3, algorithm: 'y' }], LEGACY)).toEqual([
      'invalid algorithm "y", via: ds-value',
      'missing public_key, via: ds-value',
    ]);
    expect(reasons(D, [{ public_key: 'a', protocol: 'p', algorithm: 1 }], LEGACY)).toEqual([
      'missing flags, via: ds-value',
      'invalid protocol "p", via: ds-value',
    ]);
  });

  it('strict: ds-value-rfc reasons (current field names only)', () => {
    expect(reasons(D, [{ key_tag: 70000, algorithm: 256, digest_type: 2, digest: 'xyz' }], STRICT)).toEqual([
      'invalid key_tag "70000"; must be 0-65535, via: ds-value-rfc',
      'invalid algorithm "256"; must be 0-255, via: ds-value-rfc',
      'invalid digest "xyz"; must be hex, via: ds-value-rfc',
    ]);
    expect(reasons(D, [{ key_tag: 1, algorithm: 13, digest_type: 4, digest: 'abcd' }], STRICT)).toEqual([
      'digest must be 96 hex characters for digest_type 4, via: ds-value-rfc',
    ]);
    expect(reasons(D, [{ key_tag: 1, algorithm: 13, digest_type: 1, digest: SHA256 }], STRICT)).toEqual([
      'digest must be 40 hex characters for digest_type 1, via: ds-value-rfc',
    ]);
    expect(reasons(D, [{ key_tag: 1, algorithm: 'q', digest_type: 'r', digest: SHA256 }], STRICT)).toEqual([
      'invalid algorithm "q", via: ds-value-rfc',
      'invalid digest_type "r", via: ds-value-rfc',
    ]);
    expect(reasons(D, [{ flags: 257, protocol: 3, algorithm: 8, public_key: 'abcd' }], STRICT)).toEqual([
      'missing key_tag, via: ds-value-rfc',
      'missing digest_type, via: ds-value-rfc',
      'missing digest, via: ds-value-rfc',
    ]);
  });

  it('best-practice: RFC 8624 algorithms and SHA-1 digests', () => {
    expect(reasons(D, [{ key_tag: 60485, algorithm: 5, digest_type: 1, digest: SHA1 }], BP)).toEqual([
      'DS algorithm 5 (RSASHA1) is deprecated per RFC 8624, via: ds-value-best-practice',
      'DS digest_type 1 (SHA-1) is not recommended per RFC 8624; use digest_type 2 (SHA-256), via: ds-value-best-practice',
    ]);
    for (const [alg, name] of [
      [1, 'RSAMD5'],
      [3, 'DSA'],
      [6, 'DSA-NSEC3-SHA1'],
      [7, 'RSASHA1-NSEC3-SHA1'],
    ] as const) {
      expect(reasons(D, [{ key_tag: 1, algorithm: alg, digest_type: 2, digest: SHA256 }], BP)).toEqual([
        `DS algorithm ${alg} (${name}) is deprecated per RFC 8624, via: ds-value-best-practice`,
      ]);
    }
    expect(reasons(D, [{ key_tag: 1, algorithm: 8, digest_type: 2, digest: SHA256 }], BP)).toEqual([]);
  });

  it('orders by (key_tag, algorithm, digest_type, digest) and renders rdata', () => {
    const vals = [
      { key_tag: 2, algorithm: 8, digest_type: 2, digest: 'aa' },
      { key_tag: 1, algorithm: 13, digest_type: 2, digest: 'bb' },
      { key_tag: 1, algorithm: 8, digest_type: 2, digest: 'cc' },
    ].map((v) => D.normalise(v, OPTS));
    expect(vals.sort(D.compare).map(D.toText)).toEqual(['1 8 2 cc', '1 13 2 bb', '2 8 2 aa']);
  });
});
