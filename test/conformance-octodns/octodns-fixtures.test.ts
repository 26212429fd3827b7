/**
 * octoDNS's own zone-file fixtures, read from ../shared (never copied), with the
 * verdicts octoDNS 1.22 gives them (see the fixtures' README).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { YamlProvider } from '../../providers/yaml/index.js';
import type { PopulateOptions, PopulateResult } from '../../src/model/provider.js';
import type { ValidatorSet } from '../../src/model/types/spec.js';
import { loadConfig } from '../../src/config/load-config.js';
import { validateRepository } from '../../src/api/validate.js';
import { createProvider } from '../../providers/index.js';

import { FIXTURES, VALID_ZONE_FIXTURES } from './fixtures.js';
const CONFIG = join(FIXTURES, 'tests/config');

function opts(sets: ValidatorSet[] = ['legacy'], lenient = false): PopulateOptions {
  return { lenient, sets: new Set(sets), disabledValidators: new Map() };
}

async function read(zone: string, options: Record<string, unknown>, sets?: ValidatorSet[]): Promise<PopulateResult> {
  const p = new YamlProvider('in', options, FIXTURES);
  return p.populate(zone, opts(sets));
}

const errors = (r: PopulateResult) => r.findings.filter((f) => f.severity === 'error');
const reasons = (r: PopulateResult) => errors(r).map((f) => f.reason);

describe('valid octoDNS fixtures load with octoDNS verdicts', () => {
  it.each(VALID_ZONE_FIXTURES)('%s from %s %j has %i records and no error', async (zone, directory, extra, count) => {
    const r = await read(zone, { directory, ...extra });
    expect(reasons(r)).toEqual([]);
    expect(r.records).toHaveLength(count);
  });

  it('dynamic.tests. is also valid under strict + best-practice', async () => {
    const r = await read('dynamic.tests.', { directory: 'tests/config' }, ['legacy', 'strict', 'best-practice']);
    expect(reasons(r)).toEqual([]);
  });

  it('subzone records come back in natural order (2 < 12 < test)', async () => {
    const r = await read('subzone.unit.tests.', { directory: 'tests/config' });
    expect(r.records.map((x) => x.name)).toEqual(['2', '12', 'test']);
  });

  it('unescaped semicolons are escaped on read when escaped_semicolons is false', async () => {
    const r = await read('unescaped.semis.', { directory: 'tests/config-semis', escaped_semicolons: false });
    const two = r.records.find((x) => x.name === 'two');
    expect(two?.values).toContain('\\;');
  });
});

describe('invalid octoDNS fixtures fail with octoDNS reasons and positions', () => {
  it('unordered.yaml: keys out of order, at the key', async () => {
    const r = await read('unordered.', { directory: 'tests/config' });
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({
      reason: 'keys out of order: expected type got value',
      position: { file: join(CONFIG, 'unordered.yaml'), line: 7, column: 3 },
    });
  });

  it('split unordered.tst: keys out of order in xyz.yaml', async () => {
    const r = await read('unordered.', { directory: 'tests/config/split', split_extension: '.tst', disable_zonefile: true });
    expect(errors(r).map((f) => f.position?.file)).toEqual([join(CONFIG, 'split/unordered.tst/xyz.yaml')]);
    expect(reasons(r)[0]).toMatch(/^keys out of order: expected/);
  });

  it('split empty.tst: no YAMLs found', async () => {
    const r = await read('empty.', { directory: 'tests/config/split', split_extension: '.tst', disable_zonefile: true });
    expect(reasons(r)).toEqual(['no YAMLs found for empty.']);
  });

  it('escaped.semis with escaped_semicolons false: double escaped', async () => {
    const r = await read('escaped.semis.', { directory: 'tests/config-semis', escaped_semicolons: false });
    expect(reasons(r)).toContain('double escaped ; in "This has a semi-colon\\\\; that is escaped."');
  });

  it('unescaped.semis by default: unescaped ;', async () => {
    const r = await read('unescaped.semis.', { directory: 'tests/config-semis' });
    expect(reasons(r)).toContain('unescaped ; in "This has a semi-colon; that isn\'t escaped."');
  });

  it.each([
    ['scalar.null.', 1],
    ['list.with.nulls.', 2],
    ['all.null.', 2],
  ])('%s: missing value(s) %i time(s)', async (zone, n) => {
    const r = await read(zone, { directory: 'tests/config-txt-none' });
    expect(reasons(r)).toEqual(Array(n).fill('missing value(s)'));
    expect(errors(r)[0]?.position).toMatchObject({ line: 3, column: 3 });
  });

  it('zone-disable-validators-b: invalid healthcheck protocol, with file and line', async () => {
    const r = await read('zone-disable-validators-b.tests.', { directory: 'tests/config/zone-disable-validators' });
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ reason: 'invalid healthcheck protocol', via: 'healthcheck', record: 'zone-disable-validators-b.tests.', position: { line: 3, column: 3 } });
  });

  it('unit.tests. fails the strict sets with octoDNS reasons', async () => {
    const r = await read('unit.tests.', { directory: 'tests/config' }, ['legacy', 'strict', 'best-practice']);
    expect(reasons(r)).toContain('NS value "6.2.3.4." is an IP address');
  });
});

describe('octoDNS config fixtures', () => {
  it('zone-disable-validators.yaml: zone a passes with healthcheck disabled, zone b fails', async () => {
    const config = loadConfig(join(CONFIG, 'zone-disable-validators.yaml'), FIXTURES);
    const cwd = process.cwd();
    process.chdir(FIXTURES);
    try {
      const report = await validateRepository(config, createProvider);
      const byZone = Object.fromEntries(report.zones.map((z) => [z.zone, z.findings.filter((f) => f.severity === 'error').map((f) => f.reason)]));
      expect(byZone).toEqual({ 'zone-disable-validators-a.tests.': [], 'zone-disable-validators-b.tests.': ['invalid healthcheck protocol'] });
    } finally {
      process.chdir(cwd);
    }
  });

  it('missing-provider-env.yaml names the missing variable only when the provider is used', async () => {
    const config = loadConfig(join(CONFIG, 'missing-provider-env.yaml'), FIXTURES);
    expect(config.providers.get('yaml')?.kind).toBe('yaml');
    config.zones.push({ name: 'x.', sources: ['yaml'], targets: [], lenient: false, disabledValidators: new Map(), disabledZoneValidators: new Set(), alwaysDryRun: false, processors: [], ignoreSubzoneAdds: false });
    await expect(validateRepository(config, createProvider)).rejects.toThrow(/missing env var DOES_NOT_EXIST/);
  });

  it.each(['bad-provider-class.yaml', 'bad-provider-class-module.yaml'])(
    '%s: the unknown class is named as soon as a zone uses the provider',
    async (file) => {
      const config = loadConfig(join(CONFIG, file), FIXTURES);
      const [id, pc] = [...config.providers.entries()][0]!;
      expect(pc.kind).toBe('unsupported');
      config.zones = [{ name: 'x.', sources: [id], targets: [], lenient: false, disabledValidators: new Map(), disabledZoneValidators: new Set(), alwaysDryRun: false, processors: [], ignoreSubzoneAdds: false }];
      pc.kind = 'yaml';
      const report = validateRepository(config, (c, o) => (c.kind === 'yaml' ? createProvider({ ...c, kind: 'unsupported' }, o) : createProvider(c, o)));
      await expect(report).rejects.toThrow(`Unknown provider class: ${pc.className}`);
    },
  );

  it('a zone with a managed sub-zone reports the record under it, at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsctl-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `providers:\n  in:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ${CONFIG}\nzones:\n  sub.unit.tests.:\n    sources: [in]\n  unit.tests.:\n    sources: [in]\n`);
    const report = await validateRepository(loadConfig(file), createProvider);
    const unit = report.zones.find((z) => z.zone === 'unit.tests.')!;
    expect(unit.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({ reason: 'Record www.sub.unit.tests. is under a managed subzone', position: { file: join(CONFIG, 'unit.tests.yaml'), line: 201, column: 3 } }),
    ]);
  });

  it('in a lenient zone, a record under a managed sub-zone is a warning (octoDNS adds it leniently), not an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsctl-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `providers:\n  in:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ${CONFIG}\nzones:\n  sub.unit.tests.:\n    sources: [in]\n  unit.tests.:\n    lenient: true\n    sources: [in]\n`);
    const report = await validateRepository(loadConfig(file), createProvider);
    const unit = report.zones.find((z) => z.zone === 'unit.tests.')!;
    expect(unit.findings.filter((f) => f.reason.includes('managed subzone')).map((f) => f.severity)).toEqual(['warning']);
    expect(unit.records.some((r) => r.name === 'www.sub')).toBe(true);
  });

  it.each([
    ['missing-sources.yaml', /missing sources/],
    ['unknown-provider.yaml', /unknown source/],
    ['missing-provider-class.yaml', /missing class/],
    ['alias-zone-loop.yaml', /is an alias zone/],
    ['unknown-source-zone.yaml', /does not exist/],
    ['bad-provider-class-no-module.yaml', /Unknown provider class: DoesntExistProvider/],
  ])('%s fails with %s', (file, msg) => {
    expect(() => loadConfig(join(CONFIG, file), FIXTURES)).toThrow(msg);
  });
});
