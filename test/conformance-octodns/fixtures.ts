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
