// Geography used for validation (geolocation codes) and by TestDNSAnswer (where a client is, and
// which latency region is closest to it).

export const CONTINENTS = ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'] as const;

const COUNTRIES_BY_CONTINENT: Record<string, string> = {
  AF: 'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
  AN: 'AQ BV GS HM TF',
  AS: 'AE AF AM AZ BD BH BN BT CC CN CX CY GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE',
  EU: 'AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
  NA: 'AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT UM US VC VG VI',
  OC: 'AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS',
  SA: 'AR BO BR CL CO EC FK GF GY PE PY SR UY VE',
};

/** ISO 3166-1 alpha-2 country → Route 53 continent code. */
export const COUNTRY_CONTINENT: ReadonlyMap<string, string> = new Map(
  Object.entries(COUNTRIES_BY_CONTINENT).flatMap(([continent, list]) => list.split(' ').map((cc) => [cc, continent] as const)),
);

/** Subdivisions Route 53 accepts (2022 model: United States only). */
export const US_SUBDIVISIONS: ReadonlySet<string> = new Set(
  'AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY'.split(' '),
);

/** Approximate location (lat, lon) of each AWS region, to rank latency records by distance. */
export const REGION_COORDINATES: Readonly<Record<string, readonly [number, number]>> = {
  'us-east-1': [38.9, -77.4], 'us-east-2': [40.0, -83.0], 'us-west-1': [37.4, -122.0], 'us-west-2': [45.8, -119.7],
  'us-gov-east-1': [40.0, -83.0], 'us-gov-west-1': [45.8, -119.7],
  'ca-central-1': [45.5, -73.6], 'ca-west-1': [51.0, -114.1], 'mx-central-1': [20.6, -100.4], 'sa-east-1': [-23.5, -46.6],
  'eu-west-1': [53.3, -6.3], 'eu-west-2': [51.5, -0.1], 'eu-west-3': [48.9, 2.35], 'eu-central-1': [50.1, 8.7],
  'eu-central-2': [47.4, 8.5], 'eu-north-1': [59.3, 18.1], 'eu-south-1': [45.5, 9.2], 'eu-south-2': [41.6, -0.9],
  'eusc-de-east-1': [52.5, 13.4], 'il-central-1': [32.1, 34.8], 'me-south-1': [26.1, 50.6], 'me-central-1': [25.2, 55.3],
  'af-south-1': [-33.9, 18.4], 'ap-east-1': [22.3, 114.2], 'ap-east-2': [25.0, 121.5], 'ap-south-1': [19.1, 72.9],
  'ap-south-2': [17.4, 78.5], 'ap-northeast-1': [35.7, 139.7], 'ap-northeast-2': [37.6, 127.0], 'ap-northeast-3': [34.7, 135.5],
  'ap-southeast-1': [1.35, 103.8], 'ap-southeast-2': [-33.9, 151.2], 'ap-southeast-3': [-6.2, 106.8],
  'ap-southeast-4': [-37.8, 145.0], 'ap-southeast-5': [3.1, 101.7], 'ap-southeast-6': [-36.8, 174.8],
  'ap-southeast-7': [13.8, 100.5], 'cn-north-1': [39.9, 116.4], 'cn-northwest-1': [37.5, 106.0],
};

export function regionDistance(a: string, b: string): number {
  const pa = REGION_COORDINATES[a];
  const pb = REGION_COORDINATES[b];
  if (!pa || !pb) return a === b ? 0 : Number.MAX_SAFE_INTEGER;
  const rad = Math.PI / 180;
  const [lat1, lon1] = [pa[0] * rad, pa[1] * rad];
  const [lat2, lon2] = [pb[0] * rad, pb[1] * rad];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Where a client subnet is, for TestDNSAnswer. */
export interface GeoTableEntry {
  /** IPv4 CIDR, e.g. `192.0.2.0/25`. */
  cidr: string;
  continent: string;
  country?: string;
  subdivision?: string;
  /** The AWS region with the lowest latency from this subnet. */
  region: string;
}

/**
 * Default table: the documentation/test ranges (RFC 5737, RFC 6598) split into halves, one
 * location each. Configure your own with the `geoTable` option.
 */
export const DEFAULT_GEO_TABLE: readonly GeoTableEntry[] = [
  { cidr: '192.0.2.0/25', continent: 'NA', country: 'US', subdivision: 'VA', region: 'us-east-1' },
  { cidr: '192.0.2.128/25', continent: 'NA', country: 'US', subdivision: 'CA', region: 'us-west-1' },
  { cidr: '198.51.100.0/25', continent: 'EU', country: 'DE', region: 'eu-central-1' },
  { cidr: '198.51.100.128/25', continent: 'EU', country: 'GB', region: 'eu-west-2' },
  { cidr: '203.0.113.0/25', continent: 'AS', country: 'JP', region: 'ap-northeast-1' },
  { cidr: '203.0.113.128/25', continent: 'OC', country: 'AU', region: 'ap-southeast-2' },
  { cidr: '100.64.0.0/24', continent: 'SA', country: 'BR', region: 'sa-east-1' },
  { cidr: '100.64.1.0/24', continent: 'AF', country: 'ZA', region: 'af-south-1' },
  { cidr: '100.64.2.0/24', continent: 'NA', country: 'CA', region: 'ca-central-1' },
  { cidr: '100.64.3.0/24', continent: 'AS', country: 'SG', region: 'ap-southeast-1' },
];

/** Region assumed for clients that are in no table entry. */
export const DEFAULT_CLIENT_REGION = 'us-east-1';

export function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const b = ipv4ToInt(base ?? '');
  const i = ipv4ToInt(ip);
  const bits = Number(bitsText ?? '32');
  if (b === undefined || i === undefined || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((b & mask) >>> 0) === ((i & mask) >>> 0);
}

export function locateClient(table: readonly GeoTableEntry[], ip: string | undefined): GeoTableEntry | undefined {
  if (!ip) return undefined;
  return table.find((e) => cidrContains(e.cidr, ip));
}
