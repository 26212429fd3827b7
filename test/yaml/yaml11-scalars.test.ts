/**
 * Plain scalars that octoDNS's YAML 1.1 (PyYAML) reads otherwise than dnsctl's YAML 1.2: each
 * is a warning at its position giving both readings; quoting it silences the warning; scalars
 * both read alike say nothing. (Before, every one of them was read silently.)
 */
import { describe, expect, it } from 'vitest';
import { yaml11Reading } from '../../src/yaml/yaml11.js';
import { YamlLoader } from '../../src/yaml/load.js';
import { makeRepo, runCli } from '../cli/helpers.js';
import { join } from 'node:path';

describe('yaml11Reading: PyYAML resolvers against js-yaml', () => {
  it.each([
    ['on', 'True'], ['Yes', 'True'], ['OFF', 'False'], ['no', 'False'],
    ['010', '8'], ['-010', '-8'], ['0_10', '8'], ['1:30', '90'], ['-1:00:00', '-3600'], ['190:20:30.15', '685230.15'],
    ['1_000', '1000'], ['1_0.5', '10.5'],
    ['0o17', "'0o17' (a string)"], ['08', "'08' (a string)"], ['1e3', "'1e3' (a string)"], ['1.0e5', "'1.0e5' (a string)"],
  ])('%s is read by octoDNS as %s', (data, want) => {
    expect(yaml11Reading(data)).toBe(want);
  });
  it.each(['y', 'n', 'true', 'null', '3600', '00', '07', '0x1F', '0b101', '1.0e+5', '.5', '1.10', '192.0.2.1', 'a:b', '2001:db8::1', 'onion', 'nope'])('%s reads alike', (data) => {
    expect(yaml11Reading(data)).toBeUndefined();
  });
});

describe('the loader reports them where they are written', () => {
  it('positions each one in document order, repeated tokens included; quoted ones say nothing', () => {
    const dir = makeRepo({ 'z.yaml': "---\na: on\nb: 'on'\nc: [x, on, \"010\", 010]\nd: 1:30\n" });
    const { data, issues } = new YamlLoader().loadFile(join(dir, 'z.yaml'));
    expect(data).toEqual({ a: 'on', b: 'on', c: ['x', 'on', '010', 10], d: '1:30' });
    expect(issues.map((i) => `${i.kind} ${i.position.line}:${i.position.column} ${i.message.split(';')[0]}`)).toEqual([
      "yaml11 2:4 plain scalar on is read by octoDNS (YAML 1.1) as True, by dnsctl (YAML 1.2) as 'on' (a string)",
      "yaml11 4:8 plain scalar on is read by octoDNS (YAML 1.1) as True, by dnsctl (YAML 1.2) as 'on' (a string)",
      'yaml11 4:19 plain scalar 010 is read by octoDNS (YAML 1.1) as 8, by dnsctl (YAML 1.2) as 10',
      "yaml11 5:4 plain scalar 1:30 is read by octoDNS (YAML 1.1) as 90, by dnsctl (YAML 1.2) as '1:30' (a string)",
    ]);
  });

  it('validate: a warning per scalar in a record, with octoDNS\'s value; exit 0', async () => {
    const dir = makeRepo({
      'dnsctl.yaml': 'providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\nzones:\n  example.com.:\n    sources:\n      - config\n',
      'zones/example.com.yaml': "---\nv:\n  ttl: 010\n  type: TXT\n  values:\n    - yes\n    - '1:30'\n",
    });
    const r = await runCli(['validate', '--config', join(dir, 'dnsctl.yaml')], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('zones/example.com.yaml:3:8: warning: example.com.: plain scalar 010 is read by octoDNS (YAML 1.1) as 8, by dnsctl (YAML 1.2) as 10; quote it (or write the value you mean) to silence this (via yaml-1.1)');
    expect(r.stdout).toContain("zones/example.com.yaml:6:7: warning: example.com.: plain scalar yes is read by octoDNS (YAML 1.1) as True, by dnsctl (YAML 1.2) as 'yes' (a string)");
    expect(r.stdout).not.toContain('1:30 is read');
  });
});
