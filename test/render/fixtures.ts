/**
 * Hand-built plans and apply reports for the renderer golden tests: what a reviewer
 * meets in practice (plain creates/updates/deletes, a failover whose primary moves,
 * weights that change, a target without dynamic support, unmanaged records, safety
 * violations, a zone to be created, two targets).
 */
import type { DnsRecord, Dynamic, JsonObject, Value } from '../../src/model/record.js';
import type { ApplyReport, Change, Plan, ZonePlan } from '../../src/plan/types.js';

const COM = 'example.com.';
const ORG = 'example.org.';
const src = (line: number) => ({ file: 'zones/example.com.yaml', line, column: 1 });

function rec(zone: string, name: string, type: DnsRecord['type'], ttl: number, values: Value[], extra: Partial<DnsRecord> = {}): DnsRecord {
  return { zone, name, type, ttl, values, ...extra };
}

const fp = (seed: string) => seed.repeat(64).slice(0, 64);

const HEALTHCHECK: JsonObject = { host: 'www.example.com', path: '/_health', port: 443, protocol: 'HTTPS' };

function failover(primary: string, secondary: string, values: Record<string, string>, status: 'obey' | 'down' = 'obey'): Dynamic {
  return {
    pools: Object.fromEntries(
      [primary, secondary]
        .sort()
        .map((id) => [id, { fallback: id === primary ? secondary : null, values: [{ value: values[id]!, weight: 1, status }] }]),
    ),
    rules: [{ pool: primary }],
  };
}

const WWW_VALUES = { 'us-east-1': '192.0.2.10', 'us-west-2': '192.0.2.20' };
const wwwBefore = rec(COM, 'www', 'A', 60, ['192.0.2.1'], {
  dynamic: failover('us-east-1', 'us-west-2', WWW_VALUES),
  octodns: { healthcheck: HEALTHCHECK, dnsctl: { routing: 'failover' } },
});
const wwwAfter = { ...wwwBefore, dynamic: failover('us-west-2', 'us-east-1', WWW_VALUES), source: src(40) };

const apiDynamic: Dynamic = {
  pools: {
    'eu-west-1': { fallback: null, values: [{ value: '192.0.2.30', weight: 1, status: 'obey' }] },
    'us-east-1': {
      fallback: null,
      values: [
        { value: '192.0.2.40', weight: 2, status: 'obey' },
        { value: '192.0.2.41', weight: 1, status: 'obey' },
      ],
    },
  },
  rules: [{ pool: 'us-east-1' }],
};
const apiWith = (eu: number, us: number): DnsRecord =>
  rec(COM, 'api', 'A', 60, ['192.0.2.1'], {
    dynamic: apiDynamic,
    octodns: { dnsctl: { routing: 'weighted', weights: { 'eu-west-1': eu, 'us-east-1': us } } },
  });

const CDN_VALUES = { 'us-east-1': '192.0.2.60', 'us-west-2': '192.0.2.70' };
const cdnBefore = rec(COM, 'cdn', 'A', 60, ['192.0.2.1'], { dynamic: failover('us-east-1', 'us-west-2', CDN_VALUES) });
const cdnAfter = rec(COM, 'cdn', 'A', 60, ['192.0.2.1'], { dynamic: failover('us-east-1', 'us-west-2', CDN_VALUES, 'down') });

const MX = [
  { exchange: 'mx1.example.com.', preference: 10 },
  { exchange: 'mx2.example.com.', preference: 20 },
];
const DKIM = 'v=DKIM1\\; k=rsa\\; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5';

const del = (r: DnsRecord): Change => ({ kind: 'delete', name: r.name, type: r.type, existing: r, reason: 'not in the repository' });
const create = (r: DnsRecord): Change => ({ kind: 'create', name: r.name, type: r.type, desired: r });
const update = (a: DnsRecord, b: DnsRecord): Change => ({ kind: 'update', name: b.name, type: b.type, existing: a, desired: b });

const commonCreates = (zone: string) => [
  create(rec(zone, 'blog', 'CNAME', 3600, ['blog.hosting.example.net.'], { source: src(12) })),
  create(rec(zone, 'dkim._domainkey', 'TXT', 3600, [DKIM, 'v=spf1 include:_spf.example.net -all'])),
  create(rec(zone, 'mail', 'MX', 3600, MX)),
];

export const route53Zone: ZonePlan = {
  zone: COM,
  target: 'route53',
  provider: 'route53',
  exists: true,
  existingCount: 14,
  fingerprint: fp('3a7f'),
  desiredDigest: `sha256:${fp('3a7fd')}`,
  changesDigest: `sha256:${fp('3a7fc')}`,
  changes: [
    del(rec(COM, 'old', 'A', 300, ['192.0.2.99'])),
    ...commonCreates(COM),
    update(rec(COM, '', 'A', 300, ['192.0.2.1', '192.0.2.2']), rec(COM, '', 'A', 300, ['192.0.2.1', '192.0.2.3'])),
    update(apiWith(30, 70), apiWith(50, 50)),
    update(cdnBefore, cdnAfter),
    update(rec(COM, 'ftp', 'CNAME', 3600, ['files.example.net.']), rec(COM, 'ftp', 'CNAME', 300, ['files.example.net.'])),
    update(wwwBefore, wwwAfter),
  ],
  losses: [],
  shifts: [
    { record: 'api.example.com. A', region: 'eu-west-1', before: 0.3, after: 0.5 },
    { record: 'api.example.com. A', region: 'us-east-1', before: 0.7, after: 0.5 },
    { record: 'cdn.example.com. A', region: 'us-east-1', before: 1, after: 0 },
    { record: 'www.example.com. A', region: 'us-east-1', before: 1, after: 0 },
    { record: 'www.example.com. A', region: 'us-west-2', before: 0, after: 1 },
  ],
  unmanaged: ['legacy.example.com. TXT', 'vpn.example.com. A'],
  overrides: ['api.example.com. A pool eu-west-1 value 192.0.2.30 status down'],
};

export const cloudflareZone: ZonePlan = {
  zone: COM,
  target: 'cloudflare',
  provider: 'cloudflare',
  exists: true,
  existingCount: 9,
  fingerprint: fp('c0de'),
  desiredDigest: `sha256:${fp('c0ded')}`,
  changesDigest: `sha256:${fp('c0dec')}`,
  changes: [del(rec(COM, 'old', 'A', 300, ['192.0.2.99'])), ...commonCreates(COM)],
  losses: [
    {
      record: 'api.example.com.',
      type: 'A',
      severity: 'warning',
      message: 'cloudflare: weighted routing (dynamic records) not supported for api.example.com.; falling back to its static values ["192.0.2.1"]',
    },
    {
      record: 'www.example.com.',
      type: 'A',
      severity: 'warning',
      message: 'cloudflare: failover routing (dynamic records) not supported for www.example.com.; falling back to its static values ["192.0.2.1"]',
    },
  ],
  shifts: [],
  unmanaged: [],
  overrides: [],
};

export const newZone: ZonePlan = {
  zone: ORG,
  target: 'cloudflare',
  provider: 'cloudflare',
  exists: false,
  existingCount: 0,
  fingerprint: fp('0'),
  desiredDigest: `sha256:${fp('0d')}`,
  changesDigest: `sha256:${fp('0c')}`,
  changes: [create(rec(ORG, '', 'A', 300, ['192.0.2.50'])), create(rec(ORG, 'www', 'CNAME', 300, ['example.org.']))],
  losses: [],
  shifts: [],
  unmanaged: [],
  overrides: [],
};

export const unchangedZone: ZonePlan = {
  zone: 'example.net.',
  target: 'route53',
  provider: 'route53',
  exists: true,
  existingCount: 4,
  fingerprint: fp('9e'),
  desiredDigest: `sha256:${fp('9ed')}`,
  changesDigest: `sha256:${fp('9ec')}`,
  changes: [],
  losses: [],
  shifts: [],
  unmanaged: [],
  overrides: [],
};

export const fullPlan: Plan = {
  version: 1,
  createdAt: '2026-09-01T12:00:00.000Z',
  config: 'dnsctl.yaml',
  zones: [route53Zone, cloudflareZone, unchangedZone, newZone],
  safety: [
    {
      rule: 'region-shift',
      zone: COM,
      target: 'route53',
      forceable: true,
      records: ['cdn.example.com. A', 'www.example.com. A'],
      message: `[${COM}] moves more than 50.00% of a region's traffic (cdn.example.com. A us-east-1 100.00% -> 0.00%; www.example.com. A us-east-1 100.00% -> 0.00%; www.example.com. A us-west-2 0.00% -> 100.00%), force required`,
    },
    {
      rule: 'zero-serving-pools',
      zone: COM,
      target: 'route53',
      forceable: false,
      records: ['cdn.example.com. A'],
      message: `[${COM}] cdn.example.com. A would have 0 serving pool(s) (every value of its pools is down); at least 1 must serve — set a status back to obey/up, or make it a plain record`,
    },
  ],
  warnings: ['zones/example.com.yaml, line 31, column 5: unknown key "vaule" in record mail.example.com. (ignored, as octoDNS does)'],
};

/** Nothing to do: every zone matches. */
export const emptyPlan: Plan = {
  version: 1,
  createdAt: '2026-09-01T12:00:00.000Z',
  config: 'dnsctl.yaml',
  zones: [unchangedZone, { ...unchangedZone, zone: COM, fingerprint: fp('3a7f'), existingCount: 14 }],
  safety: [],
  warnings: [],
};

/** No zones configured at all. */
export const noZonesPlan: Plan = { ...emptyPlan, zones: [] };

/** route53 failed half-way; the new cloudflare zone could not be created. */
export const failedReport: ApplyReport = {
  version: 1,
  ok: false,
  zones: [
    {
      zone: COM,
      target: 'route53',
      durationMs: 2310,
      results: route53Zone.changes.map((change, i) =>
        i < 4
          ? { change, status: 'applied' as const }
          : i === 4
            ? {
                change,
                status: 'failed' as const,
                error: "InvalidChangeBatch: [Tried to create resource record set [name='example.com.', type='A'] but it already exists]",
              }
            : { change, status: 'not-attempted' as const },
      ),
    },
    {
      zone: COM,
      target: 'cloudflare',
      durationMs: 840,
      results: cloudflareZone.changes.map((change) => ({ change, status: 'applied' as const })),
    },
    {
      zone: ORG,
      target: 'cloudflare',
      durationMs: 310,
      error: 'zone could not be created: 1097: This zone is banned and cannot be added to Cloudflare at this time',
      results: newZone.changes.map((change) => ({ change, status: 'not-attempted' as const })),
    },
  ],
};

export const okReport: ApplyReport = {
  version: 1,
  ok: true,
  zones: [
    { zone: COM, target: 'cloudflare', durationMs: 840, results: cloudflareZone.changes.map((change) => ({ change, status: 'applied' as const })) },
    { zone: ORG, target: 'cloudflare', durationMs: 1250, results: newZone.changes.map((change) => ({ change, status: 'applied' as const })) },
  ],
};
