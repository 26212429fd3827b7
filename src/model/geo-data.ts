/**
 * octoDNS's geo codes (`octodns/record/geo_data.py`, `octodns/record/geo.py`).
 *
 * A geo code is `CC` (continent), `CC-CC` (continent + ISO-3166 country) or
 * `CC-CC-CC` (continent + country + province; provinces exist only for NA-US and
 * NA-CA). Countries are filed under the continent octoDNS files them under (for
 * example Turkey and Cyprus are AS, Russia is EU, Timor-Leste is AS).
 */

export const CONTINENT_CODES = ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'] as const;
export type ContinentCode = (typeof CONTINENT_CODES)[number];

function codes(s: string): readonly string[] {
  return Object.freeze(s.trim().split(/\s+/));
}

/** ISO-3166 alpha-2 country codes per continent, as octoDNS files them. */
export const COUNTRIES_BY_CONTINENT: Readonly<Record<ContinentCode, readonly string[]>> = Object.freeze({
  AF: codes(`
    AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY
    MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA
    ZM ZW`),
  AN: codes(`AQ BV HM TF`),
  AS: codes(`
    AE AF AM AZ BD BH BN BT CC CN CX CY GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ
    LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE`),
  EU: codes(`
    AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE
    LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA`),
  NA: codes(`
    AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS
    MX NI PA PM PR SV SX TC TT US VC VG VI`),
  OC: codes(`
    AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS`),
  SA: codes(`AR BO BR CL CO EC FK GF GS GY PE PY SR UY VE`),
});

/** Province codes, keyed by `continent-country`: NA-US (57 incl. DC and territories) and NA-CA (13). */
export const PROVINCES_BY_COUNTRY: Readonly<Record<'NA-US' | 'NA-CA', readonly string[]>> = Object.freeze({
  'NA-US': codes(`
    AK AL AR AS AZ CA CO CT DC DE FL GA GU HI IA ID IL IN KS KY LA MA MD ME MI MN MO MP
    MS MT NC ND NE NH NJ NM NV NY OH OK OR PA PR RI SC SD TN TX UM UT VA VI VT WA WI WV
    WY`),
  'NA-CA': codes(`AB BC MB NB NL NS NT NU ON PE QC SK YT`),
});

const continentSet: ReadonlySet<string> = new Set(CONTINENT_CODES);
const countrySets: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(COUNTRIES_BY_CONTINENT).map(([k, v]) => [k, new Set(v)]),
);
const provinceSets: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(PROVINCES_BY_COUNTRY).map(([k, v]) => [k, new Set(v)]),
);

export type GeoCodeProblem =
  | 'invalid geo code'
  | 'unknown continent code'
  | 'unknown country code'
  | 'unknown province code';

/**
 * What octoDNS's `GeoCodes.validate` says about a code, or undefined when it is valid.
 * Codes are case-sensitive and split on `-` (more than 3 pieces = invalid geo code).
 *
 * Deviation: octoDNS crashes (KeyError) on a province under a country without
 * province data (e.g. `EU-GB-XX`); dnsctl reports `unknown province code`.
 */
export function geoCodeProblem(code: string): GeoCodeProblem | undefined {
  const pieces = code.split('-');
  const [continent = '', country, province] = pieces;
  if (pieces.length > 3) return 'invalid geo code';
  if (!continentSet.has(continent)) return 'unknown continent code';
  if (country !== undefined && !countrySets.get(continent)?.has(country)) return 'unknown country code';
  if (province !== undefined && !provinceSets.get(`${continent}-${country}`)?.has(province)) {
    return 'unknown province code';
  }
  return undefined;
}

/** octoDNS's reason text for a bad geo code (e.g. prefix `rule 2 ` → `rule 2 unknown country code "EU-XX"`), or undefined. */
export function geoCodeReason(code: string, prefix = ''): string | undefined {
  const problem = geoCodeProblem(code);
  return problem === undefined ? undefined : `${prefix}${problem} "${code}"`;
}

export function isValidGeoCode(code: string): boolean {
  return geoCodeProblem(code) === undefined;
}

export interface GeoCodeParts {
  continent: string;
  country?: string;
  province?: string;
}

/** Splits a (valid) geo code into its parts, like octoDNS's `GeoCodes.parse`. */
export function parseGeoCode(code: string): GeoCodeParts {
  const [continent = '', country, province] = code.split('-');
  const parts: GeoCodeParts = { continent };
  if (country !== undefined) parts.country = country;
  if (province !== undefined) parts.province = province;
  return parts;
}

/** The continent-country code of a bare ISO country (first continent that lists it, in octoDNS's order). */
export function countryToCode(country: string): string | undefined {
  for (const continent of CONTINENT_CODES) {
    if (countrySets.get(continent)?.has(country)) return `${continent}-${country}`;
  }
  return undefined;
}
