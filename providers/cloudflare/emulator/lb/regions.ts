/**
 * Cloudflare's 13 load-balancing regions, the country → region map the emulator assumes,
 * region centroids, and the RTT table used by `dynamic_latency`.
 *
 * Latency model (documented assumption, not Cloudflare data): RTT between two points is
 * 20 ms + 0.015 ms per km of great-circle distance (≈ fibre at 2/3 c over a path 1.5× the
 * great circle, plus a fixed last-mile cost). `REGION_LATENCY_MS[a][b]` applies it to the
 * region centroids below; a pool with latitude/longitude is measured from its coordinates,
 * otherwise from the centroid of its first `check_regions` entry.
 */

export const REGION_CODES = ['WNAM', 'ENAM', 'WEU', 'EEU', 'NSAM', 'SSAM', 'OC', 'ME', 'NAF', 'SAF', 'SAS', 'SEAS', 'NEAS'] as const;
export type RegionCode = (typeof REGION_CODES)[number];

export const REGION_NAMES: Record<RegionCode, string> = {
  WNAM: 'Western North America',
  ENAM: 'Eastern North America',
  WEU: 'Western Europe',
  EEU: 'Eastern Europe',
  NSAM: 'Northern South America',
  SSAM: 'Southern South America',
  OC: 'Oceania',
  ME: 'Middle East',
  NAF: 'Northern Africa',
  SAF: 'Southern Africa',
  SAS: 'Southern Asia',
  SEAS: 'South East Asia',
  NEAS: 'North East Asia',
};

/** Approximate centroid [latitude, longitude] of each region (where its data centres cluster). */
export const REGION_CENTROIDS: Record<RegionCode, [number, number]> = {
  WNAM: [37.4, -121.9],
  ENAM: [39.0, -77.5],
  WEU: [50.1, 8.7],
  EEU: [52.2, 21.0],
  NSAM: [-23.5, -46.6],
  SSAM: [-34.6, -58.4],
  OC: [-33.9, 151.2],
  ME: [25.2, 55.3],
  NAF: [30.0, 31.2],
  SAF: [-26.2, 28.0],
  SAS: [19.1, 72.9],
  SEAS: [1.35, 103.8],
  NEAS: [35.7, 139.7],
};

const COUNTRIES: Record<RegionCode, string> = {
  WNAM: 'MX GT BZ SV HN NI CR PA',
  ENAM: 'US CA PR BS BM CU DO JM HT TT BB KY VI VG AG DM GD KN LC VC AW CW',
  WEU: 'GB IE FR DE NL BE LU CH AT IT ES PT DK NO SE IS FI MT MC LI AD SM VA GI FO IM JE GG',
  EEU: 'PL CZ SK HU RO BG GR UA BY RU LT LV EE MD RS HR SI BA ME MK AL XK TR CY GE AM AZ KZ UZ KG TJ TM',
  NSAM: 'BR CO VE EC PE GY SR GF BO',
  SSAM: 'AR CL UY PY FK',
  OC: 'AU NZ FJ PG NC PF SB VU WS TO GU FM MH PW KI NR TV',
  ME: 'AE SA QA KW BH OM YE IR IQ IL JO LB SY PS',
  NAF: 'EG LY TN DZ MA SD MR ML NE TD SN GM GN GW SL LR CI BF GH TG BJ NG CM CV EH',
  SAF: 'ZA NA BW ZW ZM MZ MW AO KE TZ UG RW BI ET SO DJ ER SS MG MU SC RE KM CD CG GA GQ CF LS SZ ST',
  SAS: 'IN PK BD LK NP BT MV AF',
  SEAS: 'SG MY ID TH VN PH KH LA MM BN TL',
  NEAS: 'JP KR CN TW HK MO MN KP',
};

/** US states and Canadian provinces that Cloudflare serves from Western North America. */
const WESTERN_SUBDIVISIONS = new Set(['US-CA', 'US-WA', 'US-OR', 'US-NV', 'US-AZ', 'US-UT', 'US-ID', 'US-MT', 'US-WY', 'US-CO', 'US-NM', 'US-AK', 'US-HI', 'CA-BC', 'CA-AB', 'CA-YT', 'CA-NT']);

const COUNTRY_REGION = new Map<string, RegionCode>();
for (const r of REGION_CODES) for (const c of COUNTRIES[r].split(' ')) COUNTRY_REGION.set(c, r);

export function isRegionCode(v: string): v is RegionCode {
  return (REGION_CODES as readonly string[]).includes(v);
}

/** Region of a country (ISO 3166-1 alpha-2), refined by subdivision (e.g. `US-CA`) for the US and Canada. */
export function regionOfCountry(country: string, subdivision?: string): RegionCode | undefined {
  const c = country.toUpperCase();
  if (subdivision) {
    const sub = subdivision.toUpperCase().includes('-') ? subdivision.toUpperCase() : `${c}-${subdivision.toUpperCase()}`;
    if (WESTERN_SUBDIVISIONS.has(sub)) return 'WNAM';
  }
  return COUNTRY_REGION.get(c);
}

export function countriesOf(region: RegionCode): string[] {
  return COUNTRIES[region].split(' ');
}

export function distanceKm(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function rttMs(a: [number, number], b: [number, number]): number {
  return Math.round(20 + 0.015 * distanceKm(a, b));
}

export const REGION_LATENCY_MS: Record<RegionCode, Record<RegionCode, number>> = Object.fromEntries(
  REGION_CODES.map((a) => [a, Object.fromEntries(REGION_CODES.map((b) => [b, rttMs(REGION_CENTROIDS[a], REGION_CENTROIDS[b])]))]),
) as Record<RegionCode, Record<RegionCode, number>>;

/** `GET /accounts/{account_id}/load_balancers/regions` result. */
export function regionsListing(filter: { country?: string; subdivision?: string }): Record<string, unknown> {
  const regions = REGION_CODES.filter((r) => {
    if (!filter.country) return true;
    return regionOfCountry(filter.country, filter.subdivision) === r;
  }).map((r) => ({
    region_code: r,
    region_name: REGION_NAMES[r],
    countries: [
      ...countriesOf(r).map((c) => ({ country_code_a2: c })),
      ...(r === 'WNAM' ? ['US', 'CA'].map((c) => ({ country_code_a2: c, country_subdivisions: [...WESTERN_SUBDIVISIONS].filter((s) => s.startsWith(`${c}-`)).map((s) => ({ subdivision_code_a2: s.slice(3) })) })) : []),
    ],
  }));
  return { iso_standard: 'Country and subdivision codes follow ISO 3166-1 alpha-2 and ISO 3166-2', regions };
}
