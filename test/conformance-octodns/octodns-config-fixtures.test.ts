/**
 * octoDNS's manager config fixtures (`tests/config/*.yaml` other than zone files), read
 * from ../shared (never copied), against the verdicts octoDNS 1.22 gives them (the
 * fixtures' README, "Manager config files"). Where dnsctl's verdict differs, the test
 * asserts dnsctl's and a comment says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { loadConfig } from '../../src/config/load-config.js';
import type { DnsctlConfig } from '../../src/config/types.js';
import { validateRepository, type ValidateReport } from '../../src/api/validate.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan } from '../../src/api/apply.js';
import { createProvider } from '../../providers/index.js';
import { FIXTURES } from './fixtures.js';
import { runCli } from '../cli/helpers.js';

const CONFIG = join(FIXTURES, 'tests/config');
const fixture = (file: string) => join(CONFIG, file);

/** Zone files in tests/config: not manager configs; their verdicts are octodns-fixtures.test.ts's. */
const EXCLUDED: Record<string, string> = {
  'unit.tests.yaml': 'zone file (octodns-fixtures.test.ts)',
  'dynamic.tests.yaml': 'zone file (octodns-fixtures.test.ts)',
  'subzone.unit.tests.yaml': 'zone file (octodns-fixtures.test.ts)',
  'sub.txt.unit.tests.yaml': 'zone file (octodns-fixtures.test.ts)',
  'empty.yaml': 'zone file (octodns-fixtures.test.ts)',
  'unordered.yaml': 'zone file (octodns-fixtures.test.ts)',
};

/**
 * What `loadConfig` does with each config: `ok`, or the error it throws. `octodns` is the
 * README's verdict for the same file (`ok` = Manager loads it).
 */
interface LoadVerdict {
  octodns: 'ok' | string;
  dnsctl: 'ok' | string | RegExp;
}

const LOAD: Record<string, LoadVerdict> = {
  // loads in both; the sync / plan verdicts are checked further down
  'simple.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'simple-split.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'simple-alias-zone.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'simple-lenient-zone.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'always-dry-run.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'dynamic-config.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'secrets.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-threshold.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-ignore-subzone-adds.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-disable-validators.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'plan-output-filehandle.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'no-dump.yaml': { octodns: 'ok', dnsctl: 'ok' },
  // octoDNS's Manager loads it and fails only when bad.unit.tests. is synced or validated
  // (validate_configs); dnsctl's loader does what validate_configs does, so it fails at load
  'processors.yaml': { octodns: 'ok', dnsctl: 'Zone bad.unit.tests., unknown processor: doesnt-exist' },
  'dump-processors.yaml': { octodns: 'ok', dnsctl: 'Zone bad.unit.tests., unknown processor: unknown-processor' },
  // dnsctl checks a zone's targets at load (octoDNS at sync); octoDNS's validate_configs skips them, and `dump` is not defined
  'simple-validate.yaml': { octodns: 'ok', dnsctl: 'Zone unit.tests., unknown target: dump' },
  // dnsctl does not implement AutoArpa: a zone sourced from auto-arpa is refused rather than planned without its PTRs
  'simple-arpa.yaml': { octodns: 'ok', dnsctl: /^Zone 3\.2\.2\.in-addr\.arpa\., source auto-arpa \(manager\.auto_arpa\) is not supported by dnsctl/ },
  'dynamic-arpa.yaml': { octodns: 'ok', dnsctl: /^Zone \*\.arpa\., source auto-arpa \(manager\.auto_arpa\) is not supported by dnsctl/ },
  'dynamic-arpa-no-normal-source.yaml': { octodns: 'ok', dnsctl: /^Zone \*\.arpa\., source auto-arpa \(manager\.auto_arpa\) is not supported by dnsctl/ },

  'missing-provider-class.yaml': { octodns: 'missing class', dnsctl: 'Provider yaml is missing class' },
  'bad-provider-class-no-module.yaml': { octodns: 'Unknown provider class', dnsctl: 'Unknown provider class: DoesntExistProvider' },
  // dnsctl cannot import Python modules: an unknown dotted class is an error when a command uses the provider (documented decision; octodns-fixtures.test.ts)
  'bad-provider-class.yaml': { octodns: 'Unknown provider class', dnsctl: 'ok' },
  'bad-provider-class-module.yaml': { octodns: 'Unknown provider class', dnsctl: 'ok' },
  // the provider is built (and its options checked) only when a command uses it: see "missing-provider-config" below
  'missing-provider-config.yaml': { octodns: 'provider config', dnsctl: 'ok' },
  // secrets are resolved only for the providers a command uses (octodns-fixtures.test.ts checks the variable is named then)
  'missing-provider-env.yaml': { octodns: 'missing env var', dnsctl: 'ok' },
  'missing-sources.yaml': { octodns: 'missing sources', dnsctl: 'Zone missing.sources. is missing sources' },
  'unknown-provider.yaml': { octodns: 'unknown source', dnsctl: 'Zone unknown.source., unknown source: not-there' },
  'unknown-processor.yaml': { octodns: 'unknown processor', dnsctl: 'Zone unit.tests., unknown processor: missing' },
  'unknown-source-zone.yaml': { octodns: 'does not exist', dnsctl: 'Invalid alias zone alias.tests.: source zone does-not-exists.tests. does not exist' },
  'alias-zone-loop.yaml': { octodns: 'is an alias zone', dnsctl: 'Invalid alias zone alias-loop.tests.: source zone alias.tests. is an alias zone' },
  // dnsctl checks every zone at load, so the first problem (zone missing.sources.) is the one reported; per zone below
  'provider-problems.yaml': { octodns: 'missing sources', dnsctl: 'Zone missing.sources. is missing sources' },
  'bad-plan-output-missing-class.yaml': { octodns: 'plan_output bad is missing class', dnsctl: 'plan_output bad is missing class' },
  'bad-plan-output-config.yaml': { octodns: 'Incorrect plan_output config for bad', dnsctl: 'Incorrect plan_output config for bad' },
  'processors-missing-class.yaml': { octodns: 'Processor no-class is missing class', dnsctl: 'Processor no-class is missing class' },
  // dnsctl cannot know what a Python processor class's constructor takes; the next problem in the file is its zone's undefined source
  'processors-wants-config.yaml': { octodns: 'Incorrect processor config for wants-config', dnsctl: 'Zone unit.tests., unknown source: in' },
  // loads; expanding the '*' zone needs the source's zone list, and helpers.SimpleProvider is not a class dnsctl has (below)
  'dynamic-config-no-list-zones.yaml': { octodns: 'does not support `list_zones`', dnsctl: 'ok' },

  'validators-add.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-add-global.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-add-types-string.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-add-with-kwargs.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-disable.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-disable-type.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-disable-unknown.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-enabled-empty.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-override-builtin.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'validators-value-validator.yaml': { octodns: 'ok', dnsctl: 'ok' },
  // test-set is a set registered by octoDNS's test helpers; dnsctl knows only legacy, strict and best-practice
  'validators-enabled-sets.yaml': { octodns: 'ok', dnsctl: 'invalid config' },
  'validators-missing-class.yaml': { octodns: 'missing class', dnsctl: 'Validator my-validator is missing class' },
  // dnsctl cannot import Python modules, nor check a class's base or constructor: it loads and warns that the class is not run
  'validators-bad-class.yaml': { octodns: 'Unknown validator class', dnsctl: 'ok' },
  'validators-wrong-base.yaml': { octodns: 'must extend RecordValidator, ValueValidator, or ZoneValidator', dnsctl: 'ok' },
  'validators-bad-config.yaml': { octodns: 'Incorrect validator config', dnsctl: 'ok' },
  'validators-unknown-name.yaml': { octodns: 'Unknown validator', dnsctl: 'Unknown validator "nonexistent-validator" in manager.validators.record.validators["*"]' },
  'validators-disable-bridge.yaml': { octodns: 'Cannot disable bridge validator', dnsctl: 'Cannot disable bridge validator "_values-type"' },
  'validators-enabled-string.yaml': { octodns: 'must be a list', dnsctl: "manager.validators.enabled must be a list of set names, not a string; use ['legacy'] to enable a single set" },

  'zone-validators-add.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-add-with-kwargs.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-enable.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-enabled-sets.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-disable.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-disable-active.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-disable-unknown.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-override-builtin.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-record-validators-renamed.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-record-validators-legacy-key.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-disable-record-validators-renamed.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-disable-record-validators-legacy-key.yaml': { octodns: 'ok', dnsctl: 'ok' },
  'zone-validators-missing-class.yaml': { octodns: 'missing class', dnsctl: 'Validator my-test-zone-validator is missing class' },
  // as validators-wrong-base / validators-bad-config: Python class checks dnsctl cannot make
  'zone-validators-wrong-base.yaml': { octodns: 'must extend RecordValidator, ValueValidator, or ZoneValidator', dnsctl: 'ok' },
  'zone-validators-bad-config.yaml': { octodns: 'Incorrect validator config', dnsctl: 'ok' },
  'zone-validators-unknown-name.yaml': { octodns: 'Unknown zone validator', dnsctl: 'Unknown zone validator "this-id-does-not-exist" in manager.validators.zone.validators' },
  'zone-validators-disable-bridge.yaml': { octodns: 'Cannot disable bridge', dnsctl: 'Cannot disable bridge zone validator "_internal-bridge"' },
  'zone-validators-record-validators-both-keys.yaml': {
    octodns: 'record.validators and manager.validators.validators cannot both be set',
    dnsctl: 'manager.validators.record.validators and manager.validators.validators cannot both be set',
  },
  'zone-validators-disable-record-validators-both-keys.yaml': {
    octodns: 'record.disable_validators and manager.validators.disable_validators cannot both be set',
    dnsctl: 'manager.validators.record.disable_validators and manager.validators.disable_validators cannot both be set',
  },
  // octoDNS: ZoneException when the zone is built; dnsctl refuses it at load, naming the zone
  'zone-disable-validators-bridge.yaml': { octodns: 'Cannot disable bridge validator "_values-type"', dnsctl: 'Zone zone-disable-validators-a.tests.: Cannot disable bridge validator "_values-type"' },
};

function loadVerdict(file: string): 'ok' | string {
  try {
    loadConfig(fixture(file), FIXTURES);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Runs `fn` with the fixtures folder as the current directory (their provider directories are relative to it). */
async function inFixtures<T>(fn: () => Promise<T>): Promise<T> {
  const prev = process.cwd();
  process.chdir(FIXTURES);
  try {
    return await fn();
  } finally {
    process.chdir(prev);
  }
}

/** A config derived from a fixture (parsed, changed, written to a temporary file). */
function derived(file: string, change: (doc: Record<string, any>) => void): string {
  const doc = yaml.load(readFileSync(fixture(file), 'utf8')) as Record<string, any>;
  change(doc);
  const out = join(mkdtempSync(join(tmpdir(), 'dnsctl-cfg-')), file);
  writeFileSync(out, yaml.dump(doc));
  return out;
}

const errorsByZone = (r: ValidateReport) =>
  Object.fromEntries(r.zones.map((z) => [z.zone, z.findings.filter((f) => f.severity === 'error').map((f) => f.reason)]));

const env: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const v of ['YAML_TMP_DIR', 'YAML_TMP_DIR2']) {
    env[v] = process.env[v];
    process.env[v] = mkdtempSync(join(tmpdir(), `dnsctl-${v}-`));
  }
});
afterAll(() => {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('every config fixture on disk has a verdict here', () => {
  it('the config fixtures on disk are exactly the covered ones plus the excluded zone files', () => {
    const onDisk = readdirSync(CONFIG, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.yaml'))
      .map((d) => d.name)
      .sort();
    const covered = Object.keys(LOAD);
    expect(covered.filter((f) => f in EXCLUDED)).toEqual([]);
    expect([...covered, ...Object.keys(EXCLUDED)].sort()).toEqual(onDisk);
  });
});

describe('loadConfig on octoDNS config fixtures', () => {
  it.each(Object.entries(LOAD))('%s', (file, v) => {
    const got = loadVerdict(file);
    if (v.dnsctl === 'ok') {
      expect(got).toBe('ok');
      return;
    }
    expect(got).not.toBe('ok');
    if (v.dnsctl instanceof RegExp) expect(got).toMatch(v.dnsctl);
    else expect(got).toContain(v.dnsctl);
    // where dnsctl refuses with octoDNS's text, the text is octoDNS's
    if (v.octodns !== 'ok' && typeof v.dnsctl === 'string' && v.dnsctl.includes(v.octodns)) expect(got).toContain(v.octodns);
  });

  it('errors about a config entry name its file position', () => {
    expect(loadVerdict('processors-missing-class.yaml')).toBe(`Processor no-class is missing class, ${fixture('processors-missing-class.yaml')}, line 14, column 13`);
    expect(loadVerdict('unknown-processor.yaml')).toBe(`Zone unit.tests., unknown processor: missing, ${fixture('unknown-processor.yaml')}, line 12, column 5`);
    expect(loadVerdict('bad-plan-output-missing-class.yaml')).toMatch(/^plan_output bad is missing class, .*bad-plan-output-missing-class\.yaml, line 3, column \d+$/);
  });
});

describe('configs octoDNS syncs: what dnsctl validates and plans', () => {
  it('simple.yaml: validates clean and plans 28 creates (unit.tests. 22, subzone 3 + 3 across two targets), as octoDNS syncs', async () => {
    const config = loadConfig(fixture('simple.yaml'), FIXTURES);
    const { plan } = await inFixtures(() => planRepository(config, createProvider));
    const count = (zone: string) => plan.zones.filter((z) => z.zone === zone).reduce((n, z) => n + z.changes.length, 0);
    expect(count('unit.tests.')).toBe(22);
    expect(count('subzone.unit.tests.')).toBe(6);
    expect(plan.zones.filter((z) => z.zone === 'subzone.unit.tests.').map((z) => z.target).sort()).toEqual(['dump', 'dump2']);
    expect(plan.zones.reduce((n, z) => n + z.changes.length, 0)).toBe(28);
    expect(plan.zones.flatMap((z) => z.changes).every((c) => c.kind === 'create')).toBe(true);
  });

  it('always-dry-run.yaml: unit.tests. is plan-only, subzone.unit.tests. is not', () => {
    const config = loadConfig(fixture('always-dry-run.yaml'), FIXTURES);
    expect(config.zones.map((z) => [z.name, z.alwaysDryRun])).toEqual([
      ['unit.tests.', true],
      ['subzone.unit.tests.', false],
    ]);
  });

  it('zone-threshold.yaml: per-zone thresholds 0.2/0.1 and 0.02/0.01, none on the third zone', () => {
    const config = loadConfig(fixture('zone-threshold.yaml'), FIXTURES);
    expect(config.zones.map((z) => [z.name, z.updatePcentThreshold, z.deletePcentThreshold])).toEqual([
      ['unit.tests.', 0.2, 0.1],
      ['subzone.unit.tests.', 0.02, 0.01],
      ['defaultthresholds.tests.', undefined, undefined],
    ]);
  });

  it('simple-alias-zone.yaml: the alias zone gets the records and targets of unit.tests.', async () => {
    const config = loadConfig(fixture('simple-alias-zone.yaml'), FIXTURES);
    expect(config.zones.find((z) => z.name === 'alias.tests.')).toMatchObject({ sources: ['in'], targets: ['dump'] });
    const report = await inFixtures(() => validateRepository(config, createProvider));
    expect(report.errors).toBe(0);
    const records = (zone: string) => report.zones.find((z) => z.zone === zone)!.records.length;
    expect(records('alias.tests.')).toBe(25);
    expect(records('unit.tests.')).toBe(25);
    // planned like its source zone: 22 creates at dump, as unit.tests.
    const { plan } = await inFixtures(() => planRepository(config, createProvider));
    expect(plan.zones.map((z) => [z.zone, z.target, z.changes.length])).toEqual([
      ['unit.tests.', 'dump', 22],
      ['alias.tests.', 'dump', 22],
    ]);
  });

  it('simple-split.yaml: SplitYamlProvider\'s extension reads the split directories (unit.tests. 20 records, subzone 3)', async () => {
    const config = loadConfig(fixture('simple-split.yaml'), FIXTURES);
    const report = await inFixtures(() => validateRepository(config, createProvider));
    expect(report.zones.map((z) => [z.zone, z.records.length])).toEqual([
      ['unit.tests.', 20],
      ['subzone.unit.tests.', 3],
      ['empty.', 0],
    ]);
    // empty.tst holds only .gitkeep: octoDNS's own verdict for that directory (the zone is never synced in its test)
    expect(report.zones.flatMap((z) => z.findings.filter((f) => f.severity === 'error').map((f) => `${z.zone} ${f.reason}`))).toEqual(['empty. no YAMLs found for empty.']);
  });

  it('dynamic-config.yaml: the * zones expand through the sources\' zone lists and validate', async () => {
    const config = loadConfig(fixture('dynamic-config.yaml'), FIXTURES);
    const report = await inFixtures(() => validateRepository(config, createProvider));
    expect(report.zones.map((z) => z.zone)).toContain('unit.tests.');
    expect(report.zones.map((z) => z.zone)).toContain('subzone.unit.tests.');
  });

  it('simple-lenient-zone.yaml: validates; its target is octoDNS test class helpers.PlannableProvider, refused when planned', async () => {
    const config = loadConfig(fixture('simple-lenient-zone.yaml'), FIXTURES);
    expect(config.zones[0]).toMatchObject({ name: 'empty.', lenient: true });
    expect((await inFixtures(() => validateRepository(config, createProvider))).errors).toBe(0);
    // a class dnsctl does not have is an error when a command uses the provider (documented decision)
    await expect(inFixtures(() => planRepository(config, createProvider))).rejects.toThrow('Unknown provider class: helpers.PlannableProvider');
  });

  it('dynamic-config-no-list-zones.yaml: expanding * needs helpers.SimpleProvider, a class dnsctl does not have', async () => {
    // octoDNS: "does not support `list_zones`"; dnsctl fails one step earlier, at the class
    const config = loadConfig(fixture('dynamic-config-no-list-zones.yaml'), FIXTURES);
    await expect(inFixtures(() => validateRepository(config, createProvider))).rejects.toThrow('Unknown provider class: helpers.SimpleProvider');
  });

  it('missing-provider-config.yaml: a YamlProvider without directory is refused once a zone uses it', async () => {
    const file = derived('missing-provider-config.yaml', (d) => (d['zones'] = { 'unit.tests.': { sources: ['yaml'] } }));
    await expect(inFixtures(() => validateRepository(loadConfig(file), createProvider))).rejects.toThrow(/provider config for yaml/);
  });

  it('secrets.yaml: custom secret handlers load (they have classes)', () => {
    expect(loadConfig(fixture('secrets.yaml'), FIXTURES).providers.size).toBe(0);
  });
});

describe('provider-problems.yaml, one zone at a time (octoDNS fails per zone synced)', () => {
  const only = (zone: string) =>
    derived('provider-problems.yaml', (d) => {
      d['zones'] = { [zone]: d['zones'][zone] };
      d['providers']['yaml']['directory'] = CONFIG;
    });

  it.each([
    ['missing.sources.', 'Zone missing.sources. is missing sources'],
    ['unknown.source.', 'Zone unknown.source., unknown source: not-there'],
    ['unknown.target.', 'Zone unknown.target., unknown target: not-there-either'],
  ])('%s fails to load: %s', (zone, msg) => {
    expect(() => loadConfig(only(zone))).toThrow(msg);
  });

  it('missing.targets. loads: dnsctl plans a zone without targets for nothing (octoDNS sync: "missing targets")', () => {
    expect(loadConfig(only('missing.targets.')).zones).toEqual([expect.objectContaining({ name: 'missing.targets.', targets: [] })]);
  });

  it('not.targetable.: the target is helpers.SimpleSource, refused when planned (octoDNS: "does not support targeting")', async () => {
    const config = loadConfig(only('not.targetable.'));
    expect(config.zones[0]!.targets).toEqual(['simple_source']);
    // a zone the YAML source has, so that the target is what fails
    config.zones[0]!.name = 'unit.tests.';
    await expect(planRepository(config, createProvider)).rejects.toThrow('Unknown provider class: helpers.SimpleSource');
  });
});

describe('processors: checked, stored, and never silently skipped', () => {
  /** processors.yaml without its deliberately broken zone, with a YAML source dnsctl has. */
  const processorsConfig = () =>
    derived('processors.yaml', (d) => {
      delete d['zones']['bad.unit.tests.'];
      d['providers']['config']['class'] = 'octodns.provider.yaml.YamlProvider';
      d['providers']['config']['directory'] = CONFIG;
      d['providers']['dump']['directory'] = mkdtempSync(join(tmpdir(), 'dnsctl-dump-'));
      // octoDNS's test-helper provider classes, used by no zone here: validate would refuse them as unknown classes
      delete d['providers']['geo'];
      delete d['providers']['nosshfp'];
    });

  it('the zone\'s processors are stored in octoDNS\'s order: manager.processors, the zone\'s own', () => {
    expect(loadConfig(processorsConfig()).zones).toEqual([expect.objectContaining({ name: 'unit.tests.', processors: ['global-counter', 'noop'] })]);
  });

  it('validate warns and passes; plan refuses the zone, naming it and its processors', async () => {
    const config = loadConfig(processorsConfig());
    const report = await validateRepository(config, createProvider);
    expect(report.errors).toBe(0);
    expect(report.findings).toContainEqual(expect.objectContaining({ severity: 'warning', zone: 'unit.tests.', reason: expect.stringContaining('uses octoDNS processors (global-counter, noop)') }));
    // helpers.CountingProcessor and BaseProcessor are not among the filters dnsctl runs
    await expect(planRepository(config, createProvider)).rejects.toThrow(
      "zone unit.tests. uses octoDNS processors (global-counter, noop) that dnsctl does not run, so its plan could differ from octoDNS's — remove them to manage this zone with dnsctl",
    );
  });

  it('dnsctl plan exits 1 with the refusal; dnsctl validate exits 0 with the warning', async () => {
    const file = processorsConfig();
    const plan = await runCli(['plan', '--config', file]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('zone unit.tests. uses octoDNS processors (global-counter, noop)');
    const validate = await runCli(['validate', '--config', file]);
    expect(validate.code).toBe(0);
    expect(validate.stdout + validate.stderr).toContain('uses octoDNS processors (global-counter, noop)');
  });

  it('without processors the same zone plans (control)', async () => {
    const file = derived('processors.yaml', (d) => {
      delete d['zones']['bad.unit.tests.'];
      delete d['zones']['unit.tests.']['processors'];
      delete d['manager'];
      d['providers']['config'] = { class: 'octodns.provider.yaml.YamlProvider', directory: CONFIG };
      d['providers']['dump']['directory'] = mkdtempSync(join(tmpdir(), 'dnsctl-dump-'));
    });
    const { plan } = await planRepository(loadConfig(file), createProvider);
    expect(plan.zones.map((z) => z.zone)).toEqual(['unit.tests.']);
    expect(plan.zones[0]!.changes.length).toBeGreaterThan(0);
  });

  it('a plan made before processors were added is refused by apply', async () => {
    const before = derived('processors.yaml', (d) => {
      delete d['zones']['bad.unit.tests.'];
      delete d['zones']['unit.tests.']['processors'];
      delete d['manager'];
      d['providers']['config'] = { class: 'octodns.provider.yaml.YamlProvider', directory: CONFIG };
      d['providers']['dump']['directory'] = mkdtempSync(join(tmpdir(), 'dnsctl-dump-'));
    });
    const { plan } = await planRepository(loadConfig(before), createProvider);
    const after: DnsctlConfig = loadConfig(before);
    after.zones[0]!.processors = ['noop'];
    await expect(applyPlan(plan, after, createProvider)).rejects.toThrow('zone unit.tests. uses octoDNS processors (noop)');
  });

  it('dump-processors.yaml without its broken zone: its TypeAllowlistFilter runs, so only the A records are planned', async () => {
    const file = derived('dump-processors.yaml', (d) => {
      delete d['zones']['bad.unit.tests.'];
      d['providers']['config']['directory'] = CONFIG;
      d['providers']['dump']['directory'] = mkdtempSync(join(tmpdir(), 'dnsctl-dump-'));
    });
    const config = loadConfig(file);
    expect(config.zones[0]!.processors).toEqual(['only-a-records']);
    const { plan } = await planRepository(config, createProvider);
    // unit.tests.yaml's A records: '', www, www.sub (and `ignored`, which octoDNS never plans)
    expect(plan.zones[0]!.changes.map((c) => `${c.kind} ${c.name} ${c.type}`)).toEqual(['create  A', 'create www A', 'create www.sub A']);
    expect(plan.zones[0]!.processors).toEqual(['only-a-records']);
  });

  it('an undefined processor in manager.processors fails for each zone, as octoDNS does', () => {
    const file = derived('unknown-processor.yaml', (d) => {
      d['zones']['unit.tests.']['processors'] = [];
      d['manager']['processors'] = ['nope'];
    });
    expect(() => loadConfig(file)).toThrow('Zone unit.tests., unknown processor: nope');
  });

  it('manager.include_meta counts as a processor (it adds an octodns-meta TXT record per target)', () => {
    const file = derived('simple.yaml', (d) => (d['manager']['include_meta'] = true));
    expect(loadConfig(file).zones[0]!.processors).toEqual(['meta (manager.include_meta)']);
  });

  it('a zone with processors: null (dynamic-config.yaml) has none', () => {
    expect(loadConfig(fixture('dynamic-config.yaml'), FIXTURES).zones.map((z) => z.processors)).toEqual([[], [], []]);
  });
});

describe('zone-ignore-subzone-adds.yaml', () => {
  /** the fixture plus the sub-zone sub.unit.tests., which unit.tests.yaml has a record under (www.sub) */
  const withSub = (ignore: boolean) =>
    derived('zone-ignore-subzone-adds.yaml', (d) => {
      d['providers']['in']['directory'] = CONFIG;
      d['zones']['unit.tests.']['ignore_subzone_adds'] = ignore;
      d['zones']['sub.unit.tests.'] = { sources: ['in'] };
      delete d['zones']['defaultignore.tests.'];
    });

  it('loads with ignore_subzone_adds on unit.tests. only', () => {
    const config = loadConfig(fixture('zone-ignore-subzone-adds.yaml'), FIXTURES);
    expect(config.zones.map((z) => [z.name, z.ignoreSubzoneAdds])).toEqual([
      ['unit.tests.', true],
      ['subzone.unit.tests.', false],
      ['defaultignore.tests.', false],
    ]);
  });

  it('with it, the record under the managed sub-zone is dropped silently', async () => {
    const report = await validateRepository(loadConfig(withSub(true)), createProvider);
    const unit = report.zones.find((z) => z.zone === 'unit.tests.')!;
    expect(unit.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit.records.map((r) => r.name)).not.toContain('www.sub');
    expect(unit.records.map((r) => r.name)).toContain('sub');
  });

  it('without it, the record is an error (control)', async () => {
    const report = await validateRepository(loadConfig(withSub(false)), createProvider);
    expect(errorsByZone(report)['unit.tests.']).toEqual(['Record www.sub.unit.tests. is under a managed subzone']);
  });
});

describe('manager.validators keys dnsctl used to ignore', () => {
  it('the deprecated manager.validators.disable_validators disables as the new key does', () => {
    const legacy = loadConfig(fixture('zone-validators-disable-record-validators-legacy-key.yaml'), FIXTURES);
    const renamed = loadConfig(fixture('zone-validators-disable-record-validators-renamed.yaml'), FIXTURES);
    expect([...(legacy.disabledValidators.get('*') ?? [])]).toEqual(['healthcheck']);
    expect(legacy.disabledValidators).toEqual(renamed.disabledValidators);
  });

  it('manager.validators.zone.disable_validators applies to every zone', () => {
    const file = derived('zone-validators-disable.yaml', (d) => {
      d['providers'] = { in: { class: 'octodns.provider.yaml.YamlProvider', directory: CONFIG } };
      d['zones'] = { 'unit.tests.': { sources: ['in'] } };
    });
    expect([...loadConfig(file).zones[0]!.disabledZoneValidators]).toEqual(['mail']);
  });

  it('custom validator classes load with a warning that dnsctl does not run them', () => {
    const config = loadConfig(fixture('validators-add-global.yaml'), FIXTURES);
    expect(config.notices?.map((n) => n.reason)).toEqual([
      'validator my-test-validator (helpers.TestRecordValidator) is a custom octoDNS validator class; dnsctl does not run it',
      'manager.validators.record.validators["*"]: validator my-test-validator is enabled by name; dnsctl runs whole validator sets only (manager.validators.enabled), not validators enabled one by one',
    ]);
  });
});

describe('built-in validator ids the config check accepts', () => {
  it('include every record and zone validator id dnsctl implements', async () => {
    const { RECORD_RULE_IDS } = await import('../../src/validate/record-rules.js');
    const { ZONE_RULE_IDS } = await import('../../src/validate/zone-rules.js');
    const file = derived('validators-add-global.yaml', (d) => {
      delete d['validators'];
      d['manager']['validators'] = {
        record: { validators: { '*': RECORD_RULE_IDS.map((r) => r.id) } },
        zone: { validators: ZONE_RULE_IDS.map((r) => r.id) },
      };
    });
    expect(() => loadConfig(file)).not.toThrow();
  });
});
