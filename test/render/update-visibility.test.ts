/**
 * Every change visible (#13.8): whatever field of a record an update changes — a pool
 * value's weight or status, a fallback, a rule, a health-check setting, the dnsctl
 * extension, the static values, the TTL — the text, Markdown and JSON plans show it, and
 * no rendered update has identical before and after text (the Markdown plan used to show a
 * pool change as one row whose two cells were the same routing summary).
 */
import { describe, expect, it } from 'vitest';
import type { DnsRecord, Dynamic } from '../../src/model/record.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanJson } from '../../src/render/plan-json.js';

const ZONE = 'example.com.';
const dynamic = (): Dynamic => ({
  pools: {
    'eu-west-1': { fallback: null, values: [{ value: '198.51.100.1', weight: 1, status: 'obey' }] },
    'us-east-1': {
      fallback: 'eu-west-1',
      values: [
        { value: '192.0.2.1', weight: 2, status: 'obey' },
        { value: '192.0.2.2', weight: 1, status: 'obey' },
      ],
    },
  },
  rules: [{ pool: 'eu-west-1', geos: ['EU'] }, { pool: 'us-east-1' }],
});
const base = (): DnsRecord => ({
  zone: ZONE,
  name: 'www',
  type: 'A',
  ttl: 60,
  values: ['203.0.113.1'],
  dynamic: dynamic(),
  octodns: { healthcheck: { host: 'www.example.com', path: '/_health', port: 443, protocol: 'HTTPS' } },
});

/** One update per field a reviewer must see change. */
const EDITS: Record<string, (r: DnsRecord) => void> = {
  'pool value weight': (r) => void (r.dynamic!.pools['us-east-1']!.values[0]!.weight = 5),
  'pool value status': (r) => void (r.dynamic!.pools['us-east-1']!.values[1]!.status = 'down'),
  'pool value': (r) => void (r.dynamic!.pools['eu-west-1']!.values[0]!.value = '198.51.100.2'),
  'pool value added': (r) => void r.dynamic!.pools['eu-west-1']!.values.push({ value: '198.51.100.3', weight: 1, status: 'obey' }),
  fallback: (r) => void (r.dynamic!.pools['us-east-1']!.fallback = null),
  'rule geos': (r) => void (r.dynamic!.rules[0]!.geos = ['EU', 'AF']),
  'rule pool': (r) => void (r.dynamic!.rules[1]!.pool = 'eu-west-1'),
  'health-check path': (r) => void ((r.octodns!['healthcheck'] as Record<string, unknown>)['path'] = '/ready'),
  'health-check port': (r) => void ((r.octodns!['healthcheck'] as Record<string, unknown>)['port'] = 8443),
  'pool regions (dnsctl extension)': (r) => void (r.octodns!['dnsctl'] = { regions: { 'us-east-1': 'us-west-2' } }),
  'static values': (r) => void (r.values = ['203.0.113.2']),
  ttl: (r) => void (r.ttl = 300),
};

function planOf(changes: Change[]): Plan {
  return {
    version: 1,
    createdAt: '2026-09-01T12:00:00.000Z',
    config: 'dnsctl.yaml',
    zones: [{ zone: ZONE, target: 'route53', provider: 'route53', exists: true, existingCount: 1, fingerprint: 'x', desiredDigest: 'x', changesDigest: 'x', changes, losses: [], shifts: [], unmanaged: [], overrides: [] }],
    safety: [],
    warnings: [],
  };
}

const updateOf = (edit: (r: DnsRecord) => void): Change => {
  const desired = base();
  edit(desired);
  return { kind: 'update', name: 'www', type: 'A', existing: base(), desired };
};

describe('an update shows what differs, in every format', () => {
  for (const [field, edit] of Object.entries(EDITS)) {
    it(field, () => {
      const plan = planOf([updateOf(edit)]);

      const text = renderPlanText(plan, { colour: false }).split('\n');
      const head = text.findIndex((l) => l.includes('~ update www.example.com.'));
      const body = text.slice(head + 1).filter((l) => /^ {6}[-+~ ] /.test(l));
      const removed = body.filter((l) => l.startsWith('      - ')).map((l) => l.slice(8));
      const added = body.filter((l) => l.startsWith('      + ')).map((l) => l.slice(8));
      const fields = body.filter((l) => l.startsWith('      ~ '));
      const ttlShown = text[head]!.includes('ttl 60 → 300');
      expect(ttlShown || fields.length > 0 || removed.join('\n') !== added.join('\n'), text.join('\n')).toBe(true);

      const md = renderPlanMarkdown(plan).split('\n');
      const row = md.findIndex((l) => l.startsWith('| Update | www |'));
      const before = md[row]!.split(' | ');
      const after = md[row + 1]!.split(' | ');
      // TTL and value cells: at least one differs, and the value cells never read the same unless only the TTL changed
      expect(before[3] !== after[3] || before[4] !== after[4], `${md[row]}\n${md[row + 1]}`).toBe(true);
      if (field !== 'ttl') expect(before[4], `${md[row]}\n${md[row + 1]}`).not.toBe(after[4]);

      const json = JSON.parse(renderPlanJson(plan)) as { zones: Array<{ changes: Array<{ differences?: Array<{ path: string }> }> }> };
      expect(json.zones[0]!.changes[0]!.differences!.length).toBeGreaterThan(0);
    });
  }

  it('names the changed field in JSON, with before and after', () => {
    const json = JSON.parse(renderPlanJson(planOf([updateOf(EDITS['pool value status']!)]))) as { zones: Array<{ changes: Array<{ differences: unknown }> }> };
    expect(json.zones[0]!.changes[0]!.differences).toEqual([{ path: 'dynamic.pools.us-east-1.values[1].status', before: '"obey"', after: '"down"' }]);
  });

  it('a health-check change reads as the setting before and after in the Markdown row', () => {
    const md = renderPlanMarkdown(planOf([updateOf(EDITS['health-check path']!)]));
    expect(md).toContain('healthcheck HTTPS www.example.com:443/\\_health');
    expect(md).toContain('healthcheck HTTPS www.example.com:443/ready');
  });
});
