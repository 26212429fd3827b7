/**
 * `dnsctl dump --format json` of octoDNS's valid fixtures equals octoDNS's canonical reading
 * of them, kept as reviewed golden files (regenerate with UPDATE_GOLDEN=1 and review the diff).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { YamlProvider } from '../../providers/yaml/index.js';
import { zoneToJsonRecords } from '../../src/render/zone-json.js';
import { zoneToYaml } from '../../src/render/zone-yaml.js';
import { YamlLoader } from '../../src/yaml/load.js';

import { FIXTURES } from './fixtures.js';
const GOLDEN = resolve(__dirname, 'golden');
const opts = { lenient: false, sets: new Set(['legacy'] as const), disabledValidators: new Map() };

const CASES: Array<[string, string, Record<string, unknown>]> = [
  ['unit.tests.', 'tests/config', {}],
  ['dynamic.tests.', 'tests/config', {}],
  ['subzone.unit.tests.', 'tests/config', {}],
  ['escaped.semis.', 'tests/config-semis', {}],
  ['unescaped.semis.', 'tests/config-semis', { escaped_semicolons: false }],
  ['unit.tests.', 'tests/config/split', { split_extension: '.tst', disable_zonefile: true }],
  ['two.test.', 'tests/config/hybrid', { split_extension: '.' }],
];

describe('JSON dump of octoDNS fixtures matches the reviewed golden files', () => {
  it.each(CASES)('%s from %s', async (zone, directory, extra) => {
    const p = new YamlProvider('in', { directory, ...extra }, FIXTURES);
    const res = await p.populate(zone, opts);
    expect(res.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const text = `${JSON.stringify(zoneToJsonRecords(res.records), null, 2)}\n`;
    const file = join(GOLDEN, `${directory.replace(/\//g, '_')}__${zone}json`);
    if (process.env['UPDATE_GOLDEN']) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it.each(CASES)('%s from %s survives dump YAML -> load -> dump unchanged', async (zone, directory, extra) => {
    const p = new YamlProvider('in', { directory, ...extra }, FIXTURES);
    const first = (await p.populate(zone, opts)).records;
    const yaml = zoneToYaml(first, 3600);
    const { data, issues } = new YamlLoader().loadText(yaml, 'dump.yaml');
    expect(issues).toEqual([]);
    const dir = resolve(__dirname, '../../node_modules/.cache/dnsctl-golden');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${zone}yaml`), yaml);
    const again = await new YamlProvider('again', { directory: dir, escaped_semicolons: true }, FIXTURES).populate(zone, opts);
    expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(zoneToJsonRecords(again.records)).toEqual(zoneToJsonRecords(first));
    expect(zoneToYaml(again.records, 3600)).toBe(yaml);
    expect(data).toBeTypeOf('object');
  });
});
