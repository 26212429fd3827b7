import { describe, expect, it } from 'vitest';
import {
  CONTINENT_CODES,
  COUNTRIES_BY_CONTINENT,
  PROVINCES_BY_COUNTRY,
  countryToCode,
  geoCodeProblem,
  geoCodeReason,
  isValidGeoCode,
  parseGeoCode,
} from '../../src/model/geo-data.js';

describe('geo data', () => {
  it('has octoDNS continents, countries and provinces', () => {
    expect([...CONTINENT_CODES]).toEqual(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']);
    const sizes = Object.fromEntries(Object.entries(COUNTRIES_BY_CONTINENT).map(([k, v]) => [k, v.length]));
    expect(sizes).toEqual({ AF: 58, AN: 4, AS: 54, EU: 51, NA: 41, OC: 26, SA: 15 });
    for (const list of Object.values(COUNTRIES_BY_CONTINENT)) {
      expect(new Set(list).size).toBe(list.length);
      for (const c of list) expect(c).toMatch(/^[A-Z]{2}$/);
    }
    expect(PROVINCES_BY_COUNTRY['NA-US']).toHaveLength(57);
    expect(PROVINCES_BY_COUNTRY['NA-CA']).toHaveLength(13);
    expect(PROVINCES_BY_COUNTRY['NA-US']).toContain('DC');
    expect(PROVINCES_BY_COUNTRY['NA-CA']).toContain('QC');
  });

  it('validates codes like octoDNS GeoCodes.validate', () => {
    for (const ok of ['EU', 'NA', 'AN', 'EU-GB', 'AS-TR', 'AS-TL', 'AF-ZA', 'NA-US', 'NA-US-CA', 'NA-US-DC', 'NA-CA-QC', 'OC-UM']) {
      expect(isValidGeoCode(ok), ok).toBe(true);
      expect(geoCodeProblem(ok)).toBeUndefined();
    }
    expect(geoCodeProblem('NA-US-CA-SF')).toBe('invalid geo code');
    expect(geoCodeProblem('XX')).toBe('unknown continent code');
    expect(geoCodeProblem('na')).toBe('unknown continent code');
    expect(geoCodeProblem('')).toBe('unknown continent code');
    expect(geoCodeProblem('EU-XX')).toBe('unknown country code');
    expect(geoCodeProblem('EU-US')).toBe('unknown country code');
    expect(geoCodeProblem('NA-')).toBe('unknown country code');
    expect(geoCodeProblem('NA-US-XX')).toBe('unknown province code');
    expect(geoCodeProblem('NA-CA-CA')).toBe('unknown province code');
    // octoDNS crashes (KeyError) here; dnsctl reports the province
    expect(geoCodeProblem('EU-GB-XX')).toBe('unknown province code');
  });

  it('formats octoDNS reason texts', () => {
    expect(geoCodeReason('a-b-c-d', 'rule 1 ')).toBe('rule 1 invalid geo code "a-b-c-d"');
    expect(geoCodeReason('XX', 'rule 2 ')).toBe('rule 2 unknown continent code "XX"');
    expect(geoCodeReason('EU-XX', 'rule 3 ')).toBe('rule 3 unknown country code "EU-XX"');
    expect(geoCodeReason('NA-US-XX')).toBe('unknown province code "NA-US-XX"');
    expect(geoCodeReason('NA-US-WA')).toBeUndefined();
  });

  it('parses codes and maps countries', () => {
    expect(parseGeoCode('NA-US-CA')).toEqual({ continent: 'NA', country: 'US', province: 'CA' });
    expect(parseGeoCode('EU')).toEqual({ continent: 'EU' });
    expect(countryToCode('GB')).toBe('EU-GB');
    expect(countryToCode('US')).toBe('NA-US');
    expect(countryToCode('ZZ')).toBeUndefined();
  });
});
