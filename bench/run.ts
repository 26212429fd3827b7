/**
 * `npm run bench [-- <section>... ] [--quick] [--profile] [--keep]`: runs the named
 * bench sections (default: all). Each measurement runs in its own child process.
 * Exit code 1 when a section misses its target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECTION_NAMES, loadSection } from './sections/index.js';

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(SECTION_NAMES as readonly string[]).includes(n));
if (unknown.length) {
  process.stderr.write(`unknown bench section(s): ${unknown.join(', ')}; available: ${SECTION_NAMES.join(', ')}\n`);
  process.exit(2);
}
const selected = names.length ? SECTION_NAMES.filter((n) => names.includes(n)) : SECTION_NAMES;
const tmp = mkdtempSync(join(tmpdir(), 'dnsctl-bench-'));
const out = (s: string) => process.stdout.write(`${s}\n`);
let ok = true;
try {
  out(`dnsctl bench — node ${process.version}, ${process.platform}/${process.arch}`);
  for (const name of selected) {
    const s = (await loadSection(name))!;
    out('');
    out(`== ${s.name} ==`);
    const r = await s.run({ tmp, quick: args.includes('--quick'), out });
    ok &&= r.ok;
  }
} finally {
  if (args.includes('--keep')) out(`\nkept generated data in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
