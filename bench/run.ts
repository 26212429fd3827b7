/**
 * `npm run bench [-- <section>... ] [--quick] [--profile] [--keep]`: runs the named
 * bench sections (default: all). Each measurement runs in its own child process.
 * Exit code 1 when a section misses its target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECTIONS } from './sections/index.js';

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
if (unknown.length) {
  process.stderr.write(`unknown bench section(s): ${unknown.join(', ')}; available: ${SECTIONS.map((s) => `${s.name} (${s.description})`).join(', ')}\n`);
  process.exit(2);
}
const selected = names.length ? SECTIONS.filter((s) => names.includes(s.name)) : SECTIONS;
const tmp = mkdtempSync(join(tmpdir(), 'dnsctl-bench-'));
const out = (s: string) => process.stdout.write(`${s}\n`);
let ok = true;
try {
  out(`dnsctl bench — node ${process.version}, ${process.platform}/${process.arch}`);
  for (const s of selected) {
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
