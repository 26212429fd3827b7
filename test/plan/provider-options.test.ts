/**
 * Provider options as octoDNS takes them: a misspelt option is refused (octoDNS fails on
 * an unknown keyword too) instead of silently meaning "the default"; octoDNS options dnsctl
 * does not act on are warned about; `apply_disabled` plans a target but never writes it;
 * provider-level thresholds work on every provider.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { checkOptionNames, parseThresholds } from '../../src/config/provider-options.js';
import { blockers, planRepository } from '../../src/api/plan.js';
import { applyPlan } from '../../src/api/apply.js';
import { ProviderSet, validateRepository } from '../../src/api/validate.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderApplyReportText } from '../../src/render/apply-report.js';
import { createProvider } from '../../providers/index.js';
import { makeRepo, runCli } from '../cli/helpers.js';

const ZONE = `---
a:
  type: A
  value: 192.0.2.1
b:
  type: A
  value: 192.0.2.2
`;

/** A YAML source and a YAML target (a directory of live files) with extra target options. */
function repo(targetOptions: string, sourceOptions = '') {
  const dir = makeRepo({
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
${sourceOptions}
  live:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/live
${targetOptions}
zones:
  example.com.:
    sources:
      - config
    targets:
      - live
`,
    'zones/example.com.yaml': ZONE,
  });
  const file = join(dir, 'dnsctl.yaml');
  return { dir, file, config: () => loadConfig(file), liveFile: join(dir, 'live', 'example.com.yaml') };
}

describe('provider option names', () => {
  it('refuses a misspelt option, naming the provider, the config line and the nearest option', async () => {
    const r = repo('    enforce_ordr: false');
    await expect(planRepository(r.config(), createProvider)).rejects.toThrow(
      /Incorrect provider config for live \(.*dnsctl\.yaml, line 7, column 5\): unknown option enforce_ordr \(did you mean enforce_order\?\); nothing was read or written/,
    );
    expect(existsSync(r.liveFile)).toBe(false);
  });

  it('dnsctl validate refuses a misspelt option of a source with exit code 1', async () => {
    const r = repo('', '    default_tll: 60');
    const res = await runCli(['validate', '--config', r.file], r.dir);
    expect(res.code).toBe(1);
    expect(res.stderr + res.stdout).toContain('unknown option default_tll (did you mean default_ttl?)');
  });

  it('gives no suggestion when nothing is close', () => {
    expect(checkOptionNames({ directory: 'x', frobnicate: 1 }, { read: ['directory'] }).unknown).toEqual(['unknown option frobnicate']);
  });

  it('accepts octoDNS base options on every provider', () => {
    const check = checkOptionNames(
      { class: 'x', apply_disabled: false, update_pcent_threshold: 0.5, delete_pcent_threshold: 0.5, strict_supports: false },
      { read: [] },
    );
    expect(check).toEqual({ unknown: [], notices: [] });
  });

  it("warns about an octodns-route53 option dnsctl does not act on, and refuses a misspelt one", async () => {
    const dir = makeRepo({
      'dnsctl.yaml': `providers:
  r53:
    class: octodns_route53.Route53Provider
    access_key_id: x
    secret_access_key: y
    delegation_set_id: N123
  r53b:
    class: octodns_route53.Route53Provider
    max_chnages: 10
zones: {}
`,
    });
    const config = loadConfig(join(dir, 'dnsctl.yaml'));
    const set = new ProviderSet(config, createProvider);
    await set.get('r53');
    expect(set.notices()).toEqual(['provider r53: option delegation_set_id has no effect in dnsctl (accepted for octoDNS compatibility)']);
    await expect(set.get('r53b')).rejects.toThrow(/unknown option max_chnages \(did you mean max_changes\?\)/);
  });

  it('refuses a misspelt Cloudflare option', async () => {
    const dir = makeRepo({
      'dnsctl.yaml': `providers:
  cf:
    class: octodns_cloudflare.CloudflareProvider
    token: t
    batch_limt: 3500
zones: {}
`,
    });
    const set = new ProviderSet(loadConfig(join(dir, 'dnsctl.yaml')), createProvider);
    await expect(set.get('cf')).rejects.toThrow(/unknown option batch_limt \(did you mean batch_limit\?\)/);
  });

  it('lists a no-effect option as a validate warning', async () => {
    const r = repo('', '    root_ns_warnings: false');
    const report = await validateRepository(r.config(), createProvider);
    expect(report.errors).toBe(0);
    expect(report.findings.map((f) => [f.severity, f.reason])).toContainEqual([
      'warning',
      'provider config: option root_ns_warnings has no effect in dnsctl (accepted for octoDNS compatibility)',
    ]);
  });
});

describe('apply_disabled', () => {
  it('plans the target, marks it, and apply writes nothing and does not fail', async () => {
    const r = repo('    apply_disabled: true');
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.zones[0]!.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(['create a', 'create b']);
    expect(plan.zones[0]!.planOnly).toBe('apply_disabled is set on live');
    expect(renderPlanText(plan, { colour: false })).toContain('example.com. → live (yaml) — zone will be created — plan only, apply writes nothing (apply_disabled is set on live)');
    expect(JSON.parse(renderPlanJson(plan)).zones[0].planOnly).toBe('apply_disabled is set on live');

    const report = await applyPlan(plan, r.config(), createProvider);
    expect(existsSync(r.liveFile)).toBe(false);
    expect(report.ok).toBe(true);
    expect(report.zones[0]!.skipped).toMatch(/apply_disabled is set on live/);
    expect(report.zones[0]!.results.every((x) => x.status === 'not-attempted')).toBe(true);
    expect(renderApplyReportText(report, { colour: false })).toContain('(2 changes held back: plan only)');
  });

  it('is read from the config at apply time: turning it on stops the apply of an older plan', async () => {
    const r = repo('');
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.zones[0]!.planOnly).toBeUndefined();
    writeFileSync(r.file, readFileSync(r.file, 'utf8').replace('/live\n', '/live\n    apply_disabled: true\n'));
    const report = await applyPlan(plan, r.config(), createProvider);
    expect(report.zones[0]!.skipped).toBeDefined();
    expect(existsSync(r.liveFile)).toBe(false);
  });

  it('must be true or false', async () => {
    const r = repo('    apply_disabled: "yes"');
    await expect(planRepository(r.config(), createProvider)).rejects.toThrow(/apply_disabled must be true or false/);
  });
});

describe('provider thresholds', () => {
  it('a YAML target\'s delete_pcent_threshold is used instead of the default 30%', async () => {
    const records = Array.from({ length: 10 }, (_, i) => `r${i}:\n  type: A\n  value: 192.0.2.${i + 1}\n`).join('');
    const strict = repo('    delete_pcent_threshold: 0.1');
    // live holds 10 records, the repository 8 of them: 20% deleted
    {
      writeFileSync(join(strict.dir, 'zones', 'example.com.yaml'), `---\n${records}`);
      const first = await planRepository(strict.config(), createProvider);
      await applyPlan(first.plan, strict.config(), createProvider);
      writeFileSync(join(strict.dir, 'zones', 'example.com.yaml'), `---\n${records.split('r8:')[0]}`);
      const { plan } = await planRepository(strict.config(), createProvider);
      expect(plan.safety.map((v) => v.rule)).toEqual(['delete-threshold']);
      writeFileSync(strict.file, readFileSync(strict.file, 'utf8').replace('delete_pcent_threshold: 0.1', 'delete_pcent_threshold: 0.25'));
      const relaxed = await planRepository(strict.config(), createProvider);
      expect(relaxed.plan.safety).toEqual([]);
    }
  });

  it('refuses a percentage written as a whole number', () => {
    expect(() => parseThresholds({ update_pcent_threshold: 30 })).toThrow(/fraction between 0 and 1 \(octoDNS's 0.3 = 30%\), got 30/);
    expect(parseThresholds({ update_pcent_threshold: '0.5' })).toEqual({ update: 0.5 });
    expect(parseThresholds({})).toBeUndefined();
  });
});

describe("a zone's always-dry-run (octoDNS)", () => {
  const dryRun = (r: ReturnType<typeof repo>) => writeFileSync(r.file, readFileSync(r.file, 'utf8').replace('  example.com.:\n', "  example.com.:\n    always-dry-run: true\n"));

  it('plans the zone, and apply writes nothing to it', async () => {
    const r = repo('');
    dryRun(r);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.zones[0]!.planOnly).toBe('always-dry-run is set on zone example.com.');
    const report = await applyPlan(plan, r.config(), createProvider);
    expect(report).toMatchObject({ ok: true, zones: [{ skipped: 'always-dry-run is set on zone example.com.: planned for review only, nothing written' }] });
    expect(existsSync(r.liveFile)).toBe(false);
  });

  it('set after the plan was made, still stops its apply', async () => {
    const r = repo('');
    const { plan } = await planRepository(r.config(), createProvider);
    dryRun(r);
    const report = await applyPlan(plan, r.config(), createProvider);
    expect(report.zones[0]!.skipped).toMatch(/^always-dry-run is set on zone example.com./);
    expect(existsSync(r.liveFile)).toBe(false);
  });

  it('without it, the same plan is applied (the skip is not a default)', async () => {
    const r = repo('');
    const { plan } = await planRepository(r.config(), createProvider);
    const report = await applyPlan(plan, r.config(), createProvider);
    expect(report.zones[0]!.skipped).toBeUndefined();
    expect(report.zones[0]!.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    expect(existsSync(r.liveFile)).toBe(true);
  });
});

describe('plan-only zones do not block the rest', () => {
  it("a safety violation at an apply_disabled target is shown but does not stop the other target's apply", async () => {
    const records = (n: number) => Array.from({ length: n }, (_, i) => `r${i}:\n  type: A\n  value: 192.0.2.${i + 1}\n`).join('');
    const dir = makeRepo({
      'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  held:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/held
    delete_pcent_threshold: 0.1
  other:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/other
zones:
  example.com.:
    sources: [config]
    targets: [held, other]
`,
      'zones/example.com.yaml': `---\n${records(8)}`,
      'held/example.com.yaml': `---\n${records(10)}`,
    });
    const file = join(dir, 'dnsctl.yaml');
    const { plan } = await planRepository(loadConfig(file), createProvider);
    expect(plan.safety.map((v) => `${v.rule} ${v.target}`)).toEqual(['delete-threshold held']);
    // without apply_disabled the violation blocks the whole apply…
    expect(blockers(plan, false)).toHaveLength(1);
    // …with it, the held target is plan only and the other target is applied
    writeFileSync(file, readFileSync(file, 'utf8').replace('delete_pcent_threshold: 0.1\n', 'delete_pcent_threshold: 0.1\n    apply_disabled: true\n'));
    const again = await planRepository(loadConfig(file), createProvider);
    expect(again.plan.safety.map((v) => `${v.rule} ${v.target}`)).toEqual(['delete-threshold held']);
    expect(blockers(again.plan, false)).toEqual([]);
    const report = await applyPlan(again.plan, loadConfig(file), createProvider);
    expect(report.ok).toBe(true);
    expect(report.zones.map((z) => [z.target, z.skipped ? 'skipped' : z.results.map((r) => r.status).join(',')])).toEqual([
      ['held', 'skipped'],
      ['other', Array(8).fill('applied').join(',')],
    ]);
    expect(readFileSync(join(dir, 'held', 'example.com.yaml'), 'utf8')).toContain('r9:');
  });
});
