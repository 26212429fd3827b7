/**
 * Where octoDNS's own fixtures are: `../shared/peers/octodns-fixtures` beside the project
 * (never copied into it), or $OCTODNS_FIXTURES (they are octodns/octodns 1.22.0's `tests/config*`
 * files unchanged, so a checkout of that commit can stand in). Only `npm run test:conformance` reads them;
 * when they are missing it fails at once, naming the path: it never skips.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES = resolve(process.env['OCTODNS_FIXTURES'] ?? resolve(__dirname, '..', '..', '..', 'shared', 'peers', 'octodns-fixtures'));

if (!existsSync(resolve(FIXTURES, 'tests', 'config'))) {
  throw new Error(`octoDNS fixtures not found at ${FIXTURES} (expected tests/config inside): the conformance tests need them beside the project (../shared/peers/octodns-fixtures) or named by OCTODNS_FIXTURES`);
}

/**
 * The valid zone fixtures: [zone, directory under FIXTURES, YamlProvider options, record count]
 * (octoDNS 1.22 loads each without an error). The fixture tests check the counts; the
 * convergence test applies each to every kind of target.
 */
export const VALID_ZONE_FIXTURES: ReadonlyArray<readonly [string, string, Record<string, unknown>, number]> = [
  ['unit.tests.', 'tests/config', {}, 25],
  ['dynamic.tests.', 'tests/config', {}, 6],
  ['subzone.unit.tests.', 'tests/config', {}, 3],
  ['sub.txt.unit.tests.', 'tests/config', {}, 0],
  ['empty.', 'tests/config', {}, 0],
  ['dynamic.tests.', 'tests/config/override', {}, 2],
  ['unit.tests.', 'tests/config/dynamic-arpa', {}, 4],
  ['3.2.2.in-addr.arpa.', 'tests/config/dynamic-arpa', {}, 0],
  ['one.test.', 'tests/config/hybrid', { split_extension: '.' }, 1],
  ['two.test.', 'tests/config/hybrid', { split_extension: '.' }, 2],
  ['unit.tests.', 'tests/config/split', { split_extension: '.tst', disable_zonefile: true }, 20],
  ['unit.tests.', 'tests/config/split', { split_extension: '.tst' }, 21],
  ['unit.tests.', 'tests/config/split', { split_extension: '.tst', disable_zonefile: true, shared_filename: 'shared.yaml' }, 21],
  ['dynamic.tests.', 'tests/config/split', { split_extension: '.tst', disable_zonefile: true }, 5],
  ['subzone.unit.tests.', 'tests/config/split', { split_extension: '.tst', disable_zonefile: true }, 3],
  ['unordered.', 'tests/config', { enforce_order: false }, 2],
  ['unordered.', 'tests/config/split', { split_extension: '.tst', disable_zonefile: true, enforce_order: false }, 2],
  ['escaped.semis.', 'tests/config-semis', {}, 2],
  ['unescaped.semis.', 'tests/config-semis', { escaped_semicolons: false }, 2],
];
