import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan, StalePlanError, UnsafePlanError } from '../../src/api/apply.js';
import { createProvider, memoryWorld } from '../../providers/index.js';
import type { DnsRecord } from '../../src/model/record.js';
import { makeRepo } from '../cli/helpers.js';

let seq = 0;
/** A repository with a YAML source and an in-memory target of a fresh id. */
function repo(zone: string, extraConfig = '', targetClass = 'dnsctl.memory') {
  const target = `live${++seq}`;
  const dir = makeRepo({
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  ${target}:
    class: ${targetClass}
    directory: {{DIR}}/live
zones:
  example.com.:
    sources:
      - config
    targets:
      - ${target}
${extraConfig}`,
    'zones/example.com.yaml': zone,
  });
  const cfgFile = join(dir, 'dnsctl.yaml');
  return { dir, target, config: () => loadConfig(cfgFile), world: memoryWorld(target) };
}

const rec = (name: string, type: DnsRecord['type'], values: DnsRecord['values'], ttl = 3600, extra: Partial<DnsRecord> = {}): DnsRecord => ({
  zone: 'example.com.',
  name,
  type,
  ttl,
  values,
  ...extra,
});

const PLAIN = `---
a:
  type: A
  value: 192.0.2.1
mx:
  type: MX
  values:
    - exchange: mx1.example.com.
      preference: 10
www:
  ttl: 60
  type: CNAME
  value: a.example.com.
`;

function summary(plan: { zones: Array<{ changes: Array<{ kind: string; name: string; type: string }> }> }) {
  return plan.zones.flatMap((z) => z.changes.map((c) => `${c.kind} ${c.name} ${c.type}`));
}

describe('plan', () => {
  it('plans creates for an empty target, then nothing after apply', async () => {
    const r = repo(PLAIN);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(summary(plan)).toEqual(['create a A', 'create mx MX', 'create www CNAME']);
    expect(plan.zones[0]).toMatchObject({ exists: false, existingCount: 0 });
    const report = await applyPlan(plan, r.config(), createProvider);
    expect(report.ok).toBe(true);
    const again = await planRepository(r.config(), createProvider);
    expect(summary(again.plan)).toEqual([]);
  });

  it('plans an update for a changed ttl or value and a delete for a record the repository does not hold', async () => {
    const r = repo(PLAIN);
    r.world.seed('example.com.', [
      rec('a', 'A', ['192.0.2.9']),
      rec('mx', 'MX', [{ exchange: 'mx1.example.com.', preference: 10 }]),
      rec('www', 'CNAME', ['a.example.com.'], 300),
      rec('old', 'TXT', ['bye']),
    ]);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(summary(plan)).toEqual(['delete old TXT', 'update a A', 'update www CNAME']);
    expect(plan.zones[0]!.changes[0]).toMatchObject({ reason: 'not in the repository' });
  });

  it('keeps unmanaged records when the config says so, and lists them', async () => {
    const r = repo(PLAIN, 'dnsctl:\n  keep_unmanaged: true\n');
    r.world.seed('example.com.', [rec('old', 'TXT', ['bye'])]);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(summary(plan)).toEqual(['create a A', 'create mx MX', 'create www CNAME']);
    expect(plan.zones[0]!.unmanaged).toEqual(['old.example.com. TXT']);
  });

  it('honours octodns ignored, excluded and included', async () => {
    const r = repo(`---
ex:
  octodns:
    excluded:
      - LIVE
  type: A
  value: 192.0.2.2
ig:
  octodns:
    ignored: true
  type: A
  value: 192.0.2.3
in-other:
  octodns:
    included:
      - somewhere-else
  type: A
  value: 192.0.2.4
in-this:
  octodns:
    included:
      - LIVE
  type: A
  value: 192.0.2.5
`.replaceAll('LIVE', `live${seq + 1}`));
    r.world.seed('example.com.', [rec('ig', 'A', ['203.0.113.1']), rec('ex', 'A', ['203.0.113.2'])]);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(summary(plan)).toEqual(['create in-this A']);
  });

  it('does not show normalisation differences as changes (record read back is canonical)', async () => {
    const r = repo(`---
v6:
  type: AAAA
  values:
    - 2001:DB8:0:0::0001
    - 2001:db8::2
`);
    r.world.seed('example.com.', [rec('v6', 'AAAA', ['2001:db8::1', '2001:db8::2'])]);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(summary(plan)).toEqual([]);
  });
});

const FAILOVER = (primary: string, secondary: string, status = '') => `---
api:
  dynamic:
    pools:
      ${primary < secondary ? primary : secondary}:
${primary < secondary ? `        fallback: ${secondary}\n` : ''}        values:
${status}          - value: 192.0.2.${primary < secondary ? 1 : 2}
      ${primary < secondary ? secondary : primary}:
${primary < secondary ? '' : `        fallback: ${secondary}\n`}        values:
          - value: 192.0.2.${primary < secondary ? 2 : 1}
    rules:
      - pool: ${primary}
  type: A
  value: 192.0.2.1
`;

describe('safety', () => {
  const tenRecords = Array.from({ length: 10 }, (_, i) => rec(`h${i}`, 'A', [`192.0.2.${i + 10}`]));
  const zoneOf = (records: DnsRecord[]) =>
    `---\n${records.map((r) => `${r.name}:\n  type: A\n  value: ${String(r.values[0])}\n`).join('')}`;

  it('refuses too many deletes in a zone of at least 10 records, with octoDNS\'s message, unless forced', async () => {
    const r = repo(zoneOf(tenRecords.slice(0, 6)));
    r.world.seed('example.com.', tenRecords);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.safety).toEqual([
      expect.objectContaining({ rule: 'delete-threshold', forceable: true, message: '[example.com.] Too many deletes, 40.00% is over 30.00% (4/10), force required' }),
    ]);
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(UnsafePlanError);
    expect(r.world.writes).toBe(0);
    const report = await applyPlan(plan, r.config(), createProvider, { force: true, reason: 'retiring four hosts' });
    expect(report.ok).toBe(true);
    expect(r.world.zones.get('example.com.')!.size).toBe(6);
  });

  it('refuses too many updates; per-zone thresholds override', async () => {
    const changed = tenRecords.map((x, i) => (i < 4 ? { ...x, values: [`198.51.100.${i}`] } : x));
    const r = repo(zoneOf(changed));
    r.world.seed('example.com.', tenRecords);
    expect((await planRepository(r.config(), createProvider)).plan.safety.map((v) => v.rule)).toEqual(['update-threshold']);
    const cfg = r.config();
    cfg.zones[0]!.updatePcentThreshold = 0.5;
    expect((await planRepository(cfg, createProvider)).plan.safety).toEqual([]);
  });

  it('any root NS change of an existing zone needs --force', async () => {
    const r = repo(`---\n? ''\n: type: NS\n  values:\n    - ns1.example.net.\n    - ns2.example.net.\n`);
    r.world.seed('example.com.', [rec('', 'NS', ['ns1.example.org.', 'ns2.example.org.'])]);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.safety.map((v) => [v.rule, v.message])).toEqual([['root-ns', '[example.com.] Root NS record change, force required']]);
  });

  it('a dynamic record may not end with zero serving pools, even with --force', async () => {
    const r = repo(`---
api:
  dynamic:
    pools:
      us-east-1:
        values:
          - status: down
            value: 192.0.2.1
    rules:
      - pool: us-east-1
  type: A
  value: 192.0.2.1
`);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.safety).toEqual([expect.objectContaining({ rule: 'zero-serving-pools', forceable: false, records: ['api.example.com. A'] })]);
    await expect(applyPlan(plan, r.config(), createProvider, { force: true, reason: 'all down on purpose' })).rejects.toThrow(/0 serving pool/);
  });

  it('refuses moving more than 50% of a region\'s traffic (failover primary switch) unless forced, and reports the shift', async () => {
    const r = repo(FAILOVER('us-west-2', 'us-east-1'));
    const first = await planRepository(repo(FAILOVER('us-east-1', 'us-west-2')).config(), createProvider);
    const live = first.plan.zones[0]!.changes[0]!.desired!;
    r.world.seed('example.com.', [live]);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.zones[0]!.shifts).toEqual([
      { record: 'api.example.com. A', region: 'us-east-1', before: 1, after: 0 },
      { record: 'api.example.com. A', region: 'us-west-2', before: 0, after: 1 },
    ]);
    expect(plan.safety.map((v) => v.rule)).toEqual(['region-shift']);
    expect(plan.safety[0]!.message).toContain('api.example.com. A us-east-1 100.00% -> 0.00%');
  });

  it('allows a gradual weighted shift within the limit', async () => {
    const weighted = (a: number, b: number) => `---
www:
  dynamic:
    pools:
      eu-west-1:
        values:
          - value: 192.0.2.2
      us-east-1:
        fallback: eu-west-1
        values:
          - value: 192.0.2.1
    rules:
      - pool: us-east-1
  octodns:
    dnsctl:
      routing: weighted
      weights:
        eu-west-1: ${b}
        us-east-1: ${a}
  type: A
  value: 192.0.2.1
`;
    const before = (await planRepository(repo(weighted(90, 10)).config(), createProvider)).plan.zones[0]!.changes[0]!.desired!;
    const r = repo(weighted(50, 50));
    r.world.seed('example.com.', [before]);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.zones[0]!.shifts.map((s) => [s.region, s.before, s.after])).toEqual([
      ['eu-west-1', 0.1, 0.5],
      ['us-east-1', 0.9, 0.5],
    ]);
    expect(plan.safety).toEqual([]);
  });
});

describe('capability downgrades (strict_supports)', () => {
  it('is an error by default and a warning with a fallback to static values when strict_supports is false', async () => {
    const zone = FAILOVER('us-east-1', 'us-west-2');
    const { MemoryProvider } = await import('../../providers/memory/index.js');
    const r = repo(zone);
    const noDynamic = { routing: [] as never[] };
    const strict = await planRepository(r.config(), (c, o) => (c.kind === 'memory' ? new MemoryProvider(c.id, r.world, { capabilities: noDynamic }) : createProvider(c, o)));
    expect(strict.plan.zones[0]!.losses).toEqual([
      expect.objectContaining({ severity: 'error', record: 'api.example.com.', message: expect.stringContaining('failover routing (dynamic records) not supported') }),
    ]);
    await expect(applyPlan(strict.plan, r.config(), createProvider)).rejects.toThrow(/strict_supports: false/);
    const lenient = await planRepository(r.config(), (c, o) => (c.kind === 'memory' ? new MemoryProvider(c.id, r.world, { capabilities: noDynamic, strictSupports: false }) : createProvider(c, o)));
    expect(lenient.plan.zones[0]!.losses[0]!.severity).toBe('warning');
    expect(lenient.plan.zones[0]!.changes[0]!.desired).toEqual(expect.not.objectContaining({ dynamic: expect.anything() }));
    expect(lenient.plan.zones[0]!.changes[0]!.desired!.values).toEqual(['192.0.2.1']);
  });
});

describe('apply', () => {
  let r: ReturnType<typeof repo>;
  beforeEach(() => {
    r = repo(PLAIN);
  });

  it('refuses a stale plan when live state changed since, applying nothing', async () => {
    const { plan } = await planRepository(r.config(), createProvider);
    r.world.seed('example.com.', [rec('sneaky', 'A', ['203.0.113.9'])]);
    const writes = r.world.writes;
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(StalePlanError);
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(/live state changed since the plan was made \(example\.com\. at live\d+\)/);
    expect(r.world.writes).toBe(writes);
  });

  it('a saved plan survives JSON and applies exactly', async () => {
    const { plan } = await planRepository(r.config(), createProvider);
    const saved = JSON.parse(JSON.stringify(plan));
    // the fingerprint is computed when first read (here: by JSON) and is the live state's
    expect(saved.zones[0].fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(plan.zones[0]!.fingerprint).toBe(saved.zones[0].fingerprint);
    const report = await applyPlan(saved, r.config(), createProvider);
    expect(report.zones[0]!.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('reports partial failure with the provider\'s message, and a re-plan shows exactly what is left', async () => {
    const { plan } = await planRepository(r.config(), createProvider);
    r.world.failWhen = (_z, c) => (c.name === 'mx' ? 'InvalidChangeBatch: simulated rejection' : undefined);
    const report = await applyPlan(plan, r.config(), createProvider);
    expect(report.ok).toBe(false);
    expect(report.zones[0]!.results.map((x) => `${x.change.name} ${x.status}${x.error ? ` ${x.error}` : ''}`)).toEqual([
      'a applied',
      'mx failed InvalidChangeBatch: simulated rejection',
      'www applied',
    ]);
    r.world.failWhen = undefined;
    const again = await planRepository(r.config(), createProvider);
    expect(summary(again.plan)).toEqual(['create mx MX']);
  });

  it('writes a YAML target in octoDNS layout that reads back with no changes', async () => {
    const y = repo(PLAIN, '', 'octodns.provider.yaml.YamlProvider');
    const { plan } = await planRepository(y.config(), createProvider);
    expect((await applyPlan(plan, y.config(), createProvider)).ok).toBe(true);
    expect(readFileSync(join(y.dir, 'live/example.com.yaml'), 'utf8')).toContain('www:\n  ttl: 60\n  type: CNAME\n  value: a.example.com.\n');
    expect(summary((await planRepository(y.config(), createProvider)).plan)).toEqual([]);
  });
});
