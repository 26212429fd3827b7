/**
 * octoDNS's filter processors as dnsctl runs them: plans over a YAML source and an
 * in-memory (or YAML) target. With `include_target` (the default) a filtered record is
 * neither created nor deleted; with `include_target: false` the live records the filter
 * hides from the source are deleted. Processors dnsctl does not run keep the zone refused.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { applyPlan } from '../../src/api/apply.js';
import { planRepository } from '../../src/api/plan.js';
import { validateRepository } from '../../src/api/validate.js';
import { dumpZones } from '../../src/api/dump.js';
import { createProvider, memoryWorld } from '../../providers/index.js';
import { runCli } from '../cli/helpers.js';
import { LIVE, ZONE, planOf, rec, repo, summary } from './processor-harness.js';

/** Plans ZONE against LIVE with one processor `f` of this class and options. */
async function filtered(className: string, options: string, includeTarget?: boolean): Promise<string[]> {
  const it = includeTarget === undefined ? '' : `    include_target: ${includeTarget}\n`;
  const r = repo({ processors: `  f:\n    class: ${className}\n${options}${it}`, use: ['f'] });
  r.world.seed('example.com.', LIVE);
  return summary(await planOf(r));
}

describe('without processors (control)', () => {
  it('every record is created and every stray deleted', async () => {
    const r = repo({});
    r.world.seed('example.com.', LIVE);
    expect(summary(await planOf(r))).toEqual([
      'delete old-a A',
      'delete old-txt TXT',
      'create  A',
      'create api A',
      'create www CNAME',
      'update txt TXT',
    ]);
  });
});

describe('TypeAllowlistFilter', () => {
  const cls = 'octodns.processor.filter.TypeAllowlistFilter';
  const opts = '    allowlist:\n      - A\n';

  it('manages only the listed types: other types are neither created, updated nor deleted', async () => {
    expect(await filtered(cls, opts)).toEqual(['delete old-a A', 'create  A', 'create api A']);
  });

  it('include_target: false deletes the live records of the other types', async () => {
    expect(await filtered(cls, opts, false)).toEqual(['delete old-a A', 'delete old-txt TXT', 'delete txt TXT', 'create  A', 'create api A']);
  });

  it('against a YAML target too, and the applied target re-plans clean with its TXT records untouched', async () => {
    const r = repo({ processors: `  f:\n    class: ${cls}\n${opts}`, use: ['f'], targetClass: 'octodns.provider.yaml.YamlProvider' });
    mkdirSync(join(r.dir, 'live'));
    writeFileSync(join(r.dir, 'live/example.com.yaml'), "---\nold-a:\n  type: A\n  value: 192.0.2.9\nold-txt:\n  type: TXT\n  value: x\n");
    const plan = await planOf(r);
    expect(summary(plan)).toEqual(['delete old-a A', 'create  A', 'create api A']);
    expect(plan.zones[0]!.processors).toEqual(['f']);
    expect(plan.zones[0]!.existingCount).toBe(1);
    const report = await applyPlan(plan, loadConfig(r.file), createProvider);
    expect(report.ok).toBe(true);
    expect(readFileSync(join(r.dir, 'live/example.com.yaml'), 'utf8')).toContain('old-txt');
    expect(summary(await planOf(r))).toEqual([]);
  });
});

describe('TypeRejectlistFilter', () => {
  const cls = 'octodns.processor.filter.TypeRejectlistFilter';
  const opts = '    rejectlist:\n      - TXT\n';

  it('leaves the listed types alone on both sides', async () => {
    expect(await filtered(cls, opts)).toEqual(['delete old-a A', 'create  A', 'create api A', 'create www CNAME']);
  });

  it('include_target: false deletes the live records of the listed types', async () => {
    expect(await filtered(cls, opts, false)).toEqual(['delete old-a A', 'delete old-txt TXT', 'delete txt TXT', 'create  A', 'create api A', 'create www CNAME']);
  });
});

describe('NameAllowlistFilter', () => {
  const cls = 'octodns.processor.filter.NameAllowlistFilter';
  // an exact name and a /regex/ (searched, so /^a/ is "starts with a")
  const opts = "    allowlist:\n      - www\n      - /^a/\n";

  it('manages only the matching names: old-a (no match for /^a/) is not deleted', async () => {
    expect(await filtered(cls, opts)).toEqual(['create api A', 'create www CNAME']);
  });

  it('include_target: false deletes the live records whose names do not match', async () => {
    expect(await filtered(cls, opts, false)).toEqual(['delete old-a A', 'delete old-txt TXT', 'delete txt TXT', 'create api A', 'create www CNAME']);
  });

  it('a regex is searched, not anchored: /pi/ matches api', async () => {
    expect(await filtered(cls, '    allowlist:\n      - /pi/\n')).toEqual(['create api A']);
  });

  it('an exact name is matched exactly and case-sensitively, as octoDNS does', async () => {
    expect(await filtered(cls, '    allowlist:\n      - WWW\n      - ap\n')).toEqual([]);
  });
});

describe('NameRejectlistFilter', () => {
  const cls = 'octodns.processor.filter.NameRejectlistFilter';
  const opts = "    rejectlist:\n      - txt\n      - /^old-/\n";

  it('leaves the matching names alone on both sides', async () => {
    expect(await filtered(cls, opts)).toEqual(['create  A', 'create api A', 'create www CNAME']);
  });

  it('include_target: false deletes the live records with matching names', async () => {
    expect(await filtered(cls, opts, false)).toEqual(['delete old-a A', 'delete old-txt TXT', 'delete txt TXT', 'create  A', 'create api A', 'create www CNAME']);
  });
});

describe('ZoneNameFilter', () => {
  const cls = 'octodns.processor.filter.ZoneNameFilter';
  // keys in octoDNS's order: api.example.com sorts between api and txt
  const zone = ZONE.replace('txt:\n', 'api.example.com:\n  type: A\n  value: 192.0.2.3\ntxt:\n');

  it('error: false drops names ending with the zone name on both sides', async () => {
    const r = repo({ zone, processors: `  f:\n    class: ${cls}\n    error: false\n`, use: ['f'] });
    r.world.seed('example.com.', [rec('old.example.com', 'A', ['192.0.2.8'])]);
    expect(summary(await planOf(r))).toEqual(['create  A', 'create api A', 'create txt TXT', 'create www CNAME']);
  });

  it('error: false with include_target: false deletes such a live record', async () => {
    const r = repo({ zone, processors: `  f:\n    class: ${cls}\n    error: false\n    include_target: false\n`, use: ['f'] });
    r.world.seed('example.com.', [rec('old.example.com', 'A', ['192.0.2.8'])]);
    expect(summary(await planOf(r))).toEqual(['delete old.example.com A', 'create  A', 'create api A', 'create txt TXT', 'create www CNAME']);
  });

  it('error: true (the default) refuses such a record with octoDNS\'s ValidationError text and its position', async () => {
    const r = repo({ zone, processors: `  f:\n    class: ${cls}\n`, use: ['f'] });
    await expect(planOf(r)).rejects.toThrow(
      `Invalid record "api.example.com.example.com.", ${join(r.dir, 'zones/example.com.yaml')}, line 9, column 3\n  - record name ends with zone name`,
    );
  });

  it('error: true refuses such a record on the target side too, unless include_target is false', async () => {
    const r = repo({ processors: `  f:\n    class: ${cls}\n`, use: ['f'] });
    r.world.seed('example.com.', [rec('old.example.com', 'A', ['192.0.2.8'])]);
    await expect(planOf(r)).rejects.toThrow('Invalid record "old.example.com.example.com."\n  - record name ends with zone name');
    const off = repo({ processors: `  f:\n    class: ${cls}\n    include_target: false\n`, use: ['f'] });
    memoryWorld(off.target).seed('example.com.', [rec('old.example.com', 'A', ['192.0.2.8'])]);
    expect(summary(await planOf(off))).toContain('delete old.example.com A');
  });
});

// ZONE with a root NS beside the apex A
const WITH_NS = ZONE.replace("'':\n  type: A\n  value: 192.0.2.1\n", "'':\n  - type: A\n    value: 192.0.2.1\n  - type: NS\n    values:\n      - ns1.example.net.\n      - ns2.example.net.\n");
const LIVE_NS = rec('', 'NS', ['ns1.live.example.', 'ns2.live.example.']);

describe('root NS processors', () => {
  it('control: without a processor the root NS is updated', async () => {
    const r = repo({ zone: WITH_NS });
    r.world.seed('example.com.', [LIVE_NS]);
    expect(summary(await planOf(r))).toContain('update  NS');
  });

  it('IgnoreRootNsFilter leaves the root NS alone on both sides', async () => {
    const r = repo({ zone: WITH_NS, processors: '  f:\n    class: octodns.processor.filter.IgnoreRootNsFilter\n', use: ['f'] });
    r.world.seed('example.com.', [LIVE_NS]);
    const plan = await planOf(r);
    expect(summary(plan)).toEqual(['create  A', 'create api A', 'create txt TXT', 'create www CNAME']);
    expect(plan.safety).toEqual([]);
    // the live root NS is hidden from the plan too (octoDNS's existing zone: the safety thresholds' base)
    expect(plan.zones[0]!.existingCount).toBe(0);
  });

  it('IgnoreRootNsFilter does not create a root NS either', async () => {
    const r = repo({ zone: WITH_NS, processors: '  f:\n    class: octodns.processor.filter.IgnoreRootNsFilter\n', use: ['f'] });
    expect(summary(await planOf(r))).not.toContain('create  NS');
  });

  it('ExcludeRootNsChanges (error: true, the default) refuses a root NS change with octoDNS\'s text', async () => {
    const r = repo({ zone: WITH_NS, processors: '  f:\n    class: octodns.processor.filter.ExcludeRootNsChanges\n', use: ['f'] });
    r.world.seed('example.com.', [LIVE_NS]);
    await expect(planOf(r)).rejects.toThrow(`Invalid record "example.com.", ${join(r.dir, 'zones/example.com.yaml')}, line 5, column 5\n  - root NS changes are disallowed`);
  });

  it('ExcludeRootNsChanges error: false drops the change from the plan with a warning, keeping the others', async () => {
    const r = repo({ zone: WITH_NS, processors: '  f:\n    class: octodns.processor.filter.ExcludeRootNsChanges\n    error: false\n', use: ['f'] });
    r.world.seed('example.com.', [LIVE_NS]);
    const plan = await planOf(r);
    expect(summary(plan)).toEqual(['create  A', 'create api A', 'create txt TXT', 'create www CNAME']);
    expect(plan.safety.filter((v) => v.rule === 'root-ns')).toEqual([]);
    expect(plan.warnings).toContainEqual(expect.stringContaining('root NS update left out of the plan — root NS changes are disallowed (processor f, error: false)'));
  });

  it('ExcludeRootNsChanges passes a plan without a root NS change', async () => {
    const r = repo({ processors: '  f:\n    class: octodns.processor.filter.ExcludeRootNsChanges\n', use: ['f'] });
    expect(summary(await planOf(r))).toEqual(['create  A', 'create api A', 'create txt TXT', 'create www CNAME']);
  });
});

describe('TtlRestrictionFilter', () => {
  const cls = 'octodns.processor.restrict.TtlRestrictionFilter';
  const zone = "---\nlong:\n  ttl: 86400\n  type: A\n  value: 192.0.2.2\nshort:\n  ttl: 60\n  type: A\n  value: 192.0.2.1\n";

  it('a ttl below min_ttl is octoDNS\'s RestrictionException', async () => {
    const r = repo({ zone, processors: `  f:\n    class: ${cls}\n    min_ttl: 300\n`, use: ['f'] });
    await expect(planOf(r)).rejects.toThrow('short.example.com. ttl=60 too low, min_ttl=300');
  });

  it('a ttl above max_ttl', async () => {
    const r = repo({ zone, processors: `  f:\n    class: ${cls}\n    max_ttl: 3600\n`, use: ['f'] });
    await expect(planOf(r)).rejects.toThrow('long.example.com. ttl=86400 too high, max_ttl=3600');
  });

  it('allowed_ttls replaces min and max', async () => {
    const r = repo({ zone, processors: `  f:\n    class: ${cls}\n    min_ttl: 1000\n    allowed_ttls: [86400, 60]\n`, use: ['f'] });
    expect(summary(await planOf(r))).toEqual(['create long A', 'create short A']);
    const bad = repo({ zone, processors: `  f:\n    class: ${cls}\n    allowed_ttls: [3600, 300]\n`, use: ['f'] });
    await expect(planOf(bad)).rejects.toThrow('long.example.com. ttl=86400 not an allowed value, allowed_ttls={300, 3600}');
  });

  it('records marked octodns.lenient are skipped; the defaults (1..604800) pass ordinary TTLs', async () => {
    const lenient = zone.replace('short:\n', 'short:\n  octodns:\n    lenient: true\n');
    const r = repo({ zone: lenient, processors: `  f:\n    class: ${cls}\n    min_ttl: 300\n    max_ttl: 86400\n`, use: ['f'] });
    expect(summary(await planOf(r))).toEqual(['create long A', 'create short A']);
    const d = repo({ zone, processors: `  f:\n    class: ${cls}\n`, use: ['f'] });
    expect(summary(await planOf(d))).toEqual(['create long A', 'create short A']);
  });
});

describe('TtlClampProcessor (octodns.processor.clamp)', () => {
  const zone = "---\nlong:\n  ttl: 86400\n  type: A\n  value: 192.0.2.2\nshort:\n  ttl: 60\n  type: A\n  value: 192.0.2.1\n";

  it('clamps desired TTLs into [min_ttl, max_ttl]', async () => {
    const r = repo({ zone, processors: '  f:\n    class: octodns.processor.clamp.TtlClampProcessor\n    min_ttl: 120\n    max_ttl: 3600\n', use: ['f'] });
    const plan = await planOf(r);
    expect(plan.zones[0]!.changes.map((c) => `${c.name} ${c.desired?.ttl}`)).toEqual(['long 3600', 'short 120']);
  });

  it('defaults 300..86400; a live record at the clamped TTL is not updated', async () => {
    const r = repo({ zone, processors: '  f:\n    class: octodns.processor.clamp.TtlClampProcessor\n', use: ['f'] });
    r.world.seed('example.com.', [rec('short', 'A', ['192.0.2.1'], 300)]);
    expect(summary(await planOf(r))).toEqual(['create long A']);
  });

  it('min_ttl above max_ttl is octoDNS\'s TTLArgumentException text, at config load', () => {
    const r = repo({ zone, processors: '  f:\n    class: octodns.processor.clamp.TtlClampProcessor\n    min_ttl: 600\n    max_ttl: 60\n', use: ['f'] });
    expect(() => loadConfig(r.file)).toThrow('Min TTL 600 is not lower than max TTL 60');
  });
});

describe('processors dnsctl does not run', () => {
  it('a zone mixing a supported filter and an unsupported processor is refused, naming only the unsupported one', async () => {
    const r = repo({
      processors: '  only-a:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: [A]\n  tpl:\n    class: octodns.processor.templating.Templating\n',
      use: ['only-a', 'tpl'],
    });
    const err = await planOf(r).then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(err).toContain('zone example.com. uses octoDNS processors (tpl) that dnsctl does not run');
    expect(err).not.toContain('only-a');
  });

  it('a custom class is refused by name (manager.include_meta, which dnsctl runs, is not named); validate warns only about it', async () => {
    const r = repo({
      processors: '  only-a:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: [A]\n  mine:\n    class: my.module.Custom\n',
      use: ['only-a', 'mine'],
      extra: 'manager:\n  include_meta: true\n',
    });
    await expect(planOf(r)).rejects.toThrow(/uses octoDNS processors \(mine\) that dnsctl does not run/);
    const report = await validateRepository(loadConfig(r.file), createProvider);
    const warnings = report.findings.filter((f) => f.reason.includes('processors')).map((f) => f.reason);
    expect(warnings).toEqual([expect.stringContaining('uses octoDNS processors (mine) that dnsctl does not run')]);
  });

  it('auto-arpa on a reverse zone stays refused by name', async () => {
    const r = repo({ extra: 'manager:\n  auto_arpa: true\n' });
    const config = loadConfig(r.file);
    config.zones[0]!.processors.push('auto-arpa (manager.auto_arpa)');
    await expect(planRepository(config, createProvider)).rejects.toThrow('uses octoDNS processors (auto-arpa (manager.auto_arpa)) that dnsctl does not run');
  });

  it('a zone with supported processors only: validate does not warn (octodns-validate runs no processors) and plan exits 0', async () => {
    const r = repo({ processors: '  only-a:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: [A]\n', use: ['only-a'] });
    const v = await runCli(['validate', '--config', r.file]);
    expect(v.code).toBe(0);
    expect(v.stdout + v.stderr).not.toContain('processors');
    const p = await runCli(['plan', '--config', r.file]);
    expect(p.code, p.stderr).toBe(0);
  });

  it('an alias zone with processors stays refused', async () => {
    const r = repo({
      processors: '  only-a:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: [A]\n',
      use: ['only-a'],
      extra: '  alias.example.:\n    alias: example.com.\n',
    });
    await expect(planOf(r)).rejects.toThrow('alias zone alias.example. has octoDNS processors (only-a)');
  });
});

describe('processor options, checked at config load as octoDNS builds its processors', () => {
  const load = (processors: string) => () => loadConfig(repo({ processors, use: ['f'] }).file);

  it('an option the class does not take', () => {
    expect(load('  f:\n    class: octodns.processor.filter.IgnoreRootNsFilter\n    include_target: false\n')).toThrow(/^Incorrect processor config for f, .*dnsctl\.yaml, line \d+, column \d+: octodns\.processor\.filter\.IgnoreRootNsFilter takes no option include_target/);
  });

  it('a missing or malformed list, a non-boolean flag', () => {
    expect(load('  f:\n    class: octodns.processor.filter.TypeAllowlistFilter\n')).toThrow('allowlist is required');
    expect(load('  f:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: A\n')).toThrow('allowlist must be a list of strings');
    expect(load('  f:\n    class: octodns.processor.filter.ZoneNameFilter\n    error: "false"\n')).toThrow('error must be true or false');
  });

  it('a /regex/ dnsctl cannot run as octoDNS would', () => {
    expect(load("  f:\n    class: octodns.processor.filter.NameRejectlistFilter\n    rejectlist: ['/^a']\n")).toThrow('pattern /^a starts with / but does not end with /');
    expect(load("  f:\n    class: octodns.processor.filter.NameRejectlistFilter\n    rejectlist: ['/(?P<x>a)/']\n")).toThrow('is not a regular expression dnsctl can run');
  });
});

describe('apply and dump', () => {
  it('apply refuses a plan whose zone\'s processors changed since it was made', async () => {
    const r = repo({});
    const plan = await planOf(r);
    const with_ = repo({ processors: '  f:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: [A]\n', use: ['f'] });
    const config = loadConfig(with_.file);
    config.zones[0]!.targets = [r.target];
    config.providers.set(r.target, loadConfig(r.file).providers.get(r.target)!);
    await expect(applyPlan(plan, config, createProvider)).rejects.toThrow('zone example.com.: its octoDNS processors changed since the plan was made (plan: none; config: f); run dnsctl plan again');
  });

  it('dump runs the source side of the supported filters and warns only about the others', async () => {
    const r = repo({
      processors: '  f:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: [A]\n  tpl:\n    class: octodns.processor.templating.Templating\n',
      use: ['f', 'tpl'],
    });
    const [out] = await dumpZones(loadConfig(r.file), createProvider, { zone: 'example.com.', sources: ['config'], format: 'yaml' });
    expect(out!.records.map((x) => `${x.name} ${x.type}`)).toEqual([' A', 'api A']);
    expect(out!.findings.map((f) => f.reason)).toEqual([expect.stringContaining('uses octoDNS processors (tpl), which dnsctl does not run')]);
    const only = repo({ processors: '  f:\n    class: octodns.processor.filter.TypeAllowlistFilter\n    allowlist: [A]\n', use: ['f'] });
    const [clean] = await dumpZones(loadConfig(only.file), createProvider, { zone: 'example.com.', sources: ['config'], format: 'yaml' });
    expect(clean!.findings).toEqual([]);
    expect(clean!.text).not.toContain('TXT');
  });
});
