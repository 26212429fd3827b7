import { describe, expect, it } from 'vitest';
import { LOC_SPEC as L, pyFloat, pyFloatRepr } from '../../src/model/types/loc.js';
import { ALL, BP, LEGACY, OPTS, STRICT, reasons } from './helpers.js';

const VALID = {
  lat_degrees: 31,
  lat_minutes: 58,
  lat_seconds: 52.1,
  lat_direction: 'S',
  long_degrees: 115,
  long_minutes: 49,
  long_seconds: 11.7,
  long_direction: 'E',
  altitude: 20,
  size: 10,
  precision_horz: 10,
  precision_vert: 2,
};

describe('LOC', () => {
  it('normalises: ints, floats (also from strings), upper-cased directions', () => {
    expect(L.normalise({ ...VALID, lat_seconds: '52.1', altitude: '-5.5', lat_direction: 's' }, OPTS)).toEqual({
      ...VALID,
      lat_seconds: 52.1,
      altitude: -5.5,
      lat_direction: 'S',
    });
  });

  it('renders rdata with Python float reprs', () => {
    expect(L.toText(L.normalise(VALID, OPTS))).toBe('31 58 52.1 S 115 49 11.7 E 20.0m 10.0m 10.0m 2.0m');
  });

  it('accepts valid values in every set', () => {
    expect(reasons(L, [VALID], ALL)).toEqual([]);
    expect(reasons(L, [{ ...VALID, precision_vert: '1e3' }], ALL)).toEqual([]);
  });

  it('loc-value-rfc: missing keys, ints first, then floats, then directions', () => {
    const expected = [
      'lat_degrees',
      'lat_minutes',
      'long_degrees',
      'long_minutes',
      'lat_seconds',
      'long_seconds',
      'altitude',
      'size',
      'precision_horz',
      'precision_vert',
      'lat_direction',
      'long_direction',
    ].map((k) => `missing ${k}, via: loc-value-rfc`);
    expect(reasons(L, [{}], LEGACY)).toEqual(expected);
    // one validator in both the legacy and strict sets
    expect(reasons(L, [{}], STRICT)).toEqual(expected);
    expect(reasons(L, [{}], BP)).toEqual([]);
  });

  it('loc-value-rfc: invalid and out-of-range values', () => {
    const bad = {
      lat_degrees: 91,
      lat_minutes: 'x',
      long_degrees: 181,
      long_minutes: 60,
      lat_seconds: 60,
      long_seconds: 'abc',
      altitude: -100001,
      size: 90000001,
      precision_horz: -1,
      precision_vert: 42849672.96,
      lat_direction: 'n',
      long_direction: 'N',
    };
    expect(reasons(L, [bad], LEGACY)).toEqual([
      'invalid value for lat_degrees "91", via: loc-value-rfc',
      'invalid lat_minutes "x", via: loc-value-rfc',
      'invalid value for long_degrees "181", via: loc-value-rfc',
      'invalid value for long_minutes "60", via: loc-value-rfc',
      'invalid value for lat_seconds "60", via: loc-value-rfc',
      'invalid long_seconds "abc", via: loc-value-rfc',
      'invalid value for altitude "-100001", via: loc-value-rfc',
      'invalid value for size "90000001", via: loc-value-rfc',
      'invalid value for precision_horz "-1", via: loc-value-rfc',
      'invalid direction for lat_direction "n", via: loc-value-rfc',
      'invalid direction for long_direction "N", via: loc-value-rfc',
    ]);
    expect(reasons(L, [{ ...VALID, altitude: 42849672.96 }], LEGACY)).toEqual([
      'invalid value for altitude "42849672.96", via: loc-value-rfc',
    ]);
    expect(reasons(L, [{ ...VALID, lat_degrees: '1.5' }], LEGACY, ['loc-value-rfc'])).toEqual([]);
    expect(reasons(L, [{ ...VALID, lat_degrees: '1.5' }], LEGACY)).toEqual([
      'invalid lat_degrees "1.5", via: loc-value-rfc',
    ]);
  });

  it('orders by the twelve fields', () => {
    const a = L.normalise({ ...VALID, lat_degrees: 10 }, OPTS);
    const b = L.normalise({ ...VALID, lat_degrees: 9 }, OPTS);
    const c = L.normalise({ ...VALID, lat_degrees: 9, precision_vert: 1 }, OPTS);
    expect([a, b, c].sort(L.compare)).toEqual([c, b, a]);
  });

  it('mirrors Python float() and repr()', () => {
    expect(pyFloat(' 1_000.5 ')).toBe(1000.5);
    expect(pyFloat('.5')).toBe(0.5);
    expect(pyFloat('5.')).toBe(5);
    expect(pyFloat('-Infinity')).toBe(-Infinity);
    expect(pyFloat('1,5')).toBeUndefined();
    expect(pyFloat(null)).toBeUndefined();
    expect(pyFloatRepr(1)).toBe('1.0');
    expect(pyFloatRepr(52.1)).toBe('52.1');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(1.5e-5)).toBe('1.5e-05');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(123456789012345.6)).toBe('123456789012345.6');
  });
});
