/**
 * The hostile-input corpus, generated: alias bombs of every shape (record values, under
 * `octodns:`, dynamic pools, merge keys, scalars, provider options, the `dnsctl:`
 * section, included files, repeated includes), special files, include traversal and
 * fan-out, oversize files and scalars, encodings. Each case is a small repository and
 * the verdict, reason and position `validate` must give.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Expect {
  verdict: 'ok' | 'error';
  /** a finding whose reason matches (for errors: an error finding) */
  reason?: RegExp;
  /** ...positioned in this file (relative to the repository) */
  file?: string;
  /** ...at this line, or within [first, last] */
  line?: number | [number, number];
}

export interface HostileCase {
  id: string;
  files: Record<string, string | Buffer>;
  /** extra setup in the repository directory (FIFOs, symlinks) */
  setup?: (dir: string) => void;
  expect: Expect;
}

const ZONE = 'zones/example.com.yaml';

/** The config: one YAML source for example.com.; `dnsctl` / provider extras appended as written. */
export function config(opts: { dnsctl?: string; providerExtra?: string } = {}): string {
  return [
    'providers:',
    '  config:',
    '    class: octodns.provider.yaml.YamlProvider',
    '    directory: ./zones',
    ...(opts.providerExtra ? [opts.providerExtra] : []),
    'zones:',
    '  example.com.:',
    '    sources:',
    '      - config',
    ...(opts.dnsctl ? ['dnsctl:', opts.dnsctl] : []),
    '',
  ].join('\n');
}

const repo = (zone: string | Buffer, extra: Record<string, string | Buffer> = {}, cfg: string | Buffer = config()): Record<string, string | Buffer> => ({ 'dnsctl.yaml': cfg, [ZONE]: zone, ...extra });

const OK_RECORD = 'www:\n  type: A\n  value: 192.0.2.1\n';
const EXPANSION = /alias expansion limit \(limit dnsctl\.limits\.alias_expansion: 1,000,000\)/;

/**
 * A "billion laughs" chain: level 0 holds `fan` items, each later level `fan` aliases of
 * the one before; one level per line (from line `first`), so the alias that goes over the
 * limit is on one of those lines. `shape` says how each level is written.
 */
function laughs(shape: 'flow-seq' | 'flow-map' | 'scalar-seq', fan: number, levels: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < levels; i++) {
    const items = Array.from({ length: fan }, (_, k) => (i === 0 ? 'lol' : shape === 'flow-map' ? `k${k}: *l${i - 1}` : `*l${i - 1}`));
    const body = shape === 'flow-map' && i > 0 ? `{${items.join(', ')}}` : `[${items.join(', ')}]`;
    lines.push(`&l${i} ${body}`);
  }
  return lines;
}

function aliasBombCases(): HostileCase[] {
  const out: HostileCase[] = [];
  for (const fan of [2, 5, 10, 50]) {
    const levels = fan === 2 ? 40 : fan === 5 ? 16 : fan === 10 ? 12 : 6;
    for (const shape of ['flow-seq', 'flow-map'] as const) {
      const chain = laughs(shape, fan, levels);
      // record values: a TXT record per level (line 2 + 3*i holds level i)
      const values = ['---', ...chain.flatMap((l, i) => [`a${i}:`, '  type: TXT', `  values: ${l}`])].join('\n');
      out.push({ id: `alias bomb in record values (${shape}, fan ${fan})`, files: repo(values + '\n'), expect: { verdict: 'error', reason: EXPANSION, file: ZONE, line: [4, 2 + 3 * levels] } });
      // under octodns: of one record
      const octo = ['---', 'www:', '  octodns:', '    bomb:', ...chain.map((l, i) => `      l${i}: ${l}`), '  type: A', '  value: 192.0.2.1'].join('\n');
      out.push({ id: `alias bomb under octodns: (${shape}, fan ${fan})`, files: repo(octo + '\n'), expect: { verdict: 'error', reason: EXPANSION, file: ZONE, line: [6, 5 + levels] } });
      // in provider options (the config file)
      const opts = ['    bomb:', ...chain.map((l, i) => `      l${i}: ${l}`)].join('\n');
      out.push({ id: `alias bomb in provider options (${shape}, fan ${fan})`, files: repo(OK_RECORD, {}, config({ providerExtra: opts })), expect: { verdict: 'error', reason: EXPANSION, file: 'dnsctl.yaml', line: [6, 5 + levels] } });
    }
  }
  // the dnsctl: section (config), block style
  const block = ['  regions:', '    x: &l0', ...Array.from({ length: 10 }, () => '      - lol')];
  for (let i = 1; i < 12; i++) block.push(`    l${i}: &l${i}`, ...Array.from({ length: 10 }, () => `      - *l${i - 1}`));
  out.push({ id: 'alias bomb in the dnsctl: section (block sequences)', files: repo(OK_RECORD, {}, config({ dnsctl: block.join('\n') })), expect: { verdict: 'error', reason: EXPANSION, file: 'dnsctl.yaml' } });
  // dynamic pools aliasing each other
  const pools = ['---', 'www:', '  dynamic:', '    pools:', '      p0: &p0', '        values:', '          - value: 192.0.2.1'];
  for (let i = 1; i < 14; i++) pools.push(`      p${i}: &p${i}`, `        values: [${Array.from({ length: 10 }, () => `*p${i - 1}`).join(', ')}]`);
  pools.push('    rules:', '      - pool: p0', '  type: A', '  value: 192.0.2.1');
  out.push({ id: 'alias bomb across dynamic pools', files: repo(pools.join('\n') + '\n'), expect: { verdict: 'error', reason: EXPANSION, file: ZONE } });
  // merge keys, each level merging the previous one many times over
  const merge = ['---', 'm0: &m0', ...Array.from({ length: 20 }, (_, k) => `  k${k}: [lol, lol, lol, lol, lol, lol, lol, lol]`)];
  for (let i = 1; i < 12; i++) merge.push(`m${i}: &m${i}`, `  <<: [${Array.from({ length: 10 }, () => `*m${i - 1}`).join(', ')}]`, `  x${i}: [${Array.from({ length: 10 }, () => `*m${i - 1}`).join(', ')}]`);
  out.push({ id: 'alias bomb through merge keys', files: repo(merge.join('\n') + '\n'), expect: { verdict: 'error', reason: EXPANSION, file: ZONE } });
  // one big scalar, aliased many times
  const big = 'x'.repeat(60_000);
  out.push({
    id: 'a 60k scalar aliased 40 times',
    files: repo(['---', 'a:', '  type: TXT', `  value: &s ${big}`, 'b:', '  type: TXT', `  values: [${Array.from({ length: 40 }, () => '*s').join(', ')}]`].join('\n') + '\n'),
    expect: { verdict: 'error', reason: EXPANSION, file: ZONE, line: 7 },
  });
  // many small aliases: over the count limit, not the size limit
  out.push({
    id: '10,001 aliases of one small scalar',
    files: repo(['---', 'a:', '  type: TXT', '  value: &s v', 'b:', '  type: TXT', '  values:', ...Array.from({ length: 10_001 }, () => '    - *s')].join('\n') + '\n'),
    expect: { verdict: 'error', reason: /alias count limit \(limit dnsctl\.limits\.aliases: 10,000\)/, file: ZONE, line: 10_008 },
  });
  // a bomb in an included file: positioned in that file
  const inc = laughs('flow-seq', 10, 12).map((l, i) => `l${i}: ${l}`).join('\n');
  out.push({
    id: 'alias bomb inside an included file',
    files: repo('---\nwww:\n  octodns:\n    x: !include ../bomb.yaml\n  type: A\n  value: 192.0.2.1\n', { 'bomb.yaml': inc + '\n' }),
    expect: { verdict: 'error', reason: EXPANSION, file: 'bomb.yaml', line: [2, 12] },
  });
  // a bomb made of repeated includes: each file includes the one below 10 times
  const fanFiles: Record<string, string> = { 'inc/f0.yaml': '[lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' };
  for (let i = 1; i < 10; i++) fanFiles[`inc/f${i}.yaml`] = `[${Array.from({ length: 10 }, () => `!include f${i - 1}.yaml`).join(', ')}]\n`;
  out.push({
    id: 'include fan-out: each file includes the next 10 times',
    files: repo('---\nwww:\n  octodns:\n    x: !include ../inc/f9.yaml\n  type: A\n  value: 192.0.2.1\n', fanFiles),
    expect: { verdict: 'error', reason: /repeated !include expands the document past the alias expansion limit/ },
  });
  // controls: anchors a real repository uses stay fine
  const shared = ['---', ...Array.from({ length: 200 }, (_, i) => [`h${String(i).padStart(3, '0')}:`, i === 0 ? '  octodns: &o {healthcheck: {host: x.example.com, path: /hc, port: 443, protocol: HTTPS}}' : '  octodns: *o', '  type: A', '  value: 192.0.2.1']).flat()];
  out.push({ id: 'control: one anchor aliased by 200 records', files: repo(shared.join('\n') + '\n'), expect: { verdict: 'ok' } });
  return out;
}

function specialFileCases(): HostileCase[] {
  const rootAll = config({ dnsctl: '  include_root: /' });
  const incZone = (target: string) => `---\nwww:\n  octodns:\n    x: !include ${target}\n  type: A\n  value: 192.0.2.1\n`;
  const out: HostileCase[] = [];
  for (const dev of ['/dev/zero', '/dev/urandom', '/dev/null', '/dev/full', '/dev/random']) {
    out.push({ id: `!include ${dev} (include_root: /)`, files: repo(incZone(dev), {}, rootAll), expect: { verdict: 'error', reason: new RegExp(`!include ${dev} is a device, not a regular file`), file: ZONE, line: 4 } });
    out.push({ id: `!include ${dev} (default root)`, files: repo(incZone(dev)), expect: { verdict: 'error', reason: /outside the repository/, file: ZONE, line: 4 } });
  }
  out.push({
    id: '!include of a FIFO in the repository',
    files: repo(incZone('../pipe.yaml')),
    setup: (d) => execFileSync('mkfifo', [join(d, 'pipe.yaml')]),
    expect: { verdict: 'error', reason: /!include \.\.\/pipe\.yaml is a FIFO, not a regular file/, file: ZONE, line: 4 },
  });
  out.push({ id: '!include of a directory', files: repo(incZone('../sub'), { 'sub/x.yaml': 'a: 1\n' }), expect: { verdict: 'error', reason: /!include \.\.\/sub is a directory/, file: ZONE, line: 4 } });
  out.push({
    id: 'the zone file is a FIFO',
    files: { 'dnsctl.yaml': config() },
    setup: (d) => {
      mkdirSync(join(d, 'zones'));
      execFileSync('mkfifo', [join(d, ZONE)]);
    },
    expect: { verdict: 'error', reason: /is a FIFO, not a regular file/, file: ZONE, line: 1 },
  });
  out.push({
    id: 'the zone file is a symlink to /dev/zero',
    files: { 'dnsctl.yaml': config() },
    setup: (d) => {
      mkdirSync(join(d, 'zones'));
      symlinkSync('/dev/zero', join(d, ZONE));
    },
    expect: { verdict: 'error', reason: /is a device, not a regular file/, file: ZONE, line: 1 },
  });
  out.push({
    id: 'a split-directory zone file that is a FIFO',
    files: { 'dnsctl.yaml': config().replace('    directory: ./zones', '    directory: ./zones\n    split_extension: .') },
    setup: (d) => {
      mkdirSync(join(d, 'zones/example.com.'), { recursive: true });
      execFileSync('mkfifo', [join(d, 'zones/example.com./www.yaml')]);
    },
    expect: { verdict: 'error', reason: /is a FIFO, not a regular file/, file: 'zones/example.com./www.yaml', line: 1 },
  });
  out.push({ id: 'the config file includes /dev/zero', files: repo(OK_RECORD, {}, config({ dnsctl: '  regions: !include /dev/zero' })), expect: { verdict: 'error', reason: /outside the repository/, file: 'dnsctl.yaml' } });
  return out;
}

function traversalCases(): HostileCase[] {
  const incZone = (target: string) => `---\nwww:\n  type: TXT\n  value: !include ${target}\n`;
  const outside = (t: string) => new RegExp(`!include ${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: outside the repository`);
  const out: HostileCase[] = [];
  for (const t of ['/etc/passwd', '/etc/shadow', '~/.cf-token', '~/.aws/credentials', '../../../../../../etc/passwd', '../../outside.yaml', '/proc/self/environ', '/proc/self/mem', '../zones/../../x.yaml', '/tmp', './../../../etc/hosts', '/', '~root/.ssh/id_rsa']) {
    out.push({ id: `include traversal ${t}`, files: repo(incZone(t)), expect: { verdict: 'error', reason: outside(t), file: ZONE, line: 4 } });
  }
  out.push({
    id: 'a symlink in the repository to /etc/passwd',
    files: repo(incZone('../passwd.yaml')),
    setup: (d) => symlinkSync('/etc/passwd', join(d, 'passwd.yaml')),
    expect: { verdict: 'error', reason: /!include \.\.\/passwd\.yaml: a symlink to outside the repository/, file: ZONE, line: 4 },
  });
  out.push({
    id: 'a directory symlink leaving the repository',
    files: repo(incZone('../etc/hostname')),
    setup: (d) => symlinkSync('/etc', join(d, 'etc')),
    expect: { verdict: 'error', reason: /a symlink to outside the repository/, file: ZONE, line: 4 },
  });
  out.push({
    id: 'a directory symlink loop (fan-out through dir/dir/dir...)',
    files: repo(incZone('../loop/loop/loop/loop/loop/loop/loop/loop/v.yaml'), { 'v.yaml': 'text\n' }),
    setup: (d) => symlinkSync('.', join(d, 'loop')),
    expect: { verdict: 'ok' },
  });
  out.push({ id: 'an include loop a -> b -> a', files: repo(incZone('../a.yaml'), { 'a.yaml': '!include b.yaml\n', 'b.yaml': '!include a.yaml\n' }), expect: { verdict: 'error', reason: /!include loop/, file: 'b.yaml', line: 1 } });
  out.push({ id: 'a file including itself', files: repo(incZone('../self.yaml'), { 'self.yaml': '[!include self.yaml]\n' }), expect: { verdict: 'error', reason: /!include loop/, file: 'self.yaml', line: 1 } });
  const chain: Record<string, string> = { 'c/c20.yaml': 'end\n' };
  for (let i = 0; i < 20; i++) chain[`c/c${i}.yaml`] = `!include c${i + 1}.yaml\n`;
  out.push({ id: 'an include chain 20 files deep', files: repo(incZone('../c/c0.yaml'), chain), expect: { verdict: 'error', reason: /over the include depth limit \(limit dnsctl\.limits\.include_depth: 8\)/, file: 'c/c7.yaml', line: 1 } });
  const many: Record<string, string> = {};
  for (let i = 0; i < 1001; i++) many[`m/f${i}.yaml`] = `v${i}\n`;
  out.push({
    id: '1,001 distinct includes',
    files: repo(`---\nwww:\n  type: TXT\n  values:\n${Array.from({ length: 1001 }, (_, i) => `    - !include ../m/f${i}.yaml`).join('\n')}\n`, many),
    expect: { verdict: 'error', reason: /over the include count limit \(limit dnsctl\.limits\.includes: 1,000\)/, file: ZONE, line: 1005 },
  });
  out.push({ id: 'control: an include inside the repository', files: repo(incZone('../txt.yaml'), { 'txt.yaml': 'hello\n' }), expect: { verdict: 'ok' } });
  out.push({
    id: 'control: a symlink inside the repository to a file inside it',
    files: repo(incZone('../link.yaml'), { 'real/txt.yaml': 'hello\n' }),
    setup: (d) => symlinkSync('real/txt.yaml', join(d, 'link.yaml')),
    expect: { verdict: 'ok' },
  });
  out.push({ id: 'control: include_root widened to the parent', files: repo(incZone('../../sibling.yaml'), {}, config({ dnsctl: '  include_root: /nonexistent-root' })), expect: { verdict: 'error', reason: /outside the repository \(\/nonexistent-root\)/, file: ZONE, line: 4 } });
  return out;
}

function oversizeCases(): HostileCase[] {
  const out: HostileCase[] = [];
  const pad = (bytes: number) => `---\n${OK_RECORD}${'# padding padding padding padding padding padding padding padding\n'.repeat(Math.ceil(bytes / 66))}`;
  out.push({ id: 'a 17 MB zone file', files: repo(pad(17 * 1024 * 1024)), expect: { verdict: 'error', reason: /is 17\.0 MB, over the file size limit \(limit dnsctl\.limits\.file_bytes: 16,777,216\)/, file: ZONE, line: 1 } });
  out.push({ id: 'a zone file over a configured 4 KB limit', files: repo(pad(5000), {}, config({ dnsctl: '  limits:\n    file_bytes: 4096' })), expect: { verdict: 'error', reason: /over the file size limit \(limit dnsctl\.limits\.file_bytes: 4,096\)/, file: ZONE, line: 1 } });
  out.push({ id: 'control: a zone file under a configured 8 KB limit', files: repo(pad(5000), {}, config({ dnsctl: '  limits:\n    file_bytes: 8192' })), expect: { verdict: 'ok' } });
  out.push({
    id: 'an included file over the file size limit',
    files: repo('---\nwww:\n  type: TXT\n  value: !include ../big.txt\n', { 'big.txt': 'x'.repeat(5000) }, config({ dnsctl: '  limits:\n    file_bytes: 4096' })),
    expect: { verdict: 'error', reason: /!include \.\.\/big\.txt is 5,000 bytes, over the file size limit/, file: ZONE, line: 4 },
  });
  const long = 'x'.repeat(70_000);
  const scalarRe = /a scalar of 70,000 characters is over the scalar length limit \(limit dnsctl\.limits\.scalar_bytes: 65,536\)/;
  out.push({ id: 'a 70k plain scalar', files: repo(`---\nwww:\n  type: TXT\n  value: ${long}\n`), expect: { verdict: 'error', reason: scalarRe, file: ZONE, line: 4 } });
  out.push({ id: 'a 70k double-quoted scalar', files: repo(`---\nwww:\n  type: TXT\n  value: "${long}"\n`), expect: { verdict: 'error', reason: scalarRe, file: ZONE, line: 4 } });
  out.push({ id: 'a 70k single-quoted scalar', files: repo(`---\nwww:\n  type: TXT\n  value: '${long}'\n`), expect: { verdict: 'error', reason: scalarRe, file: ZONE, line: 4 } });
  out.push({ id: 'a 70k block literal', files: repo(`---\nwww:\n  type: TXT\n  value: |-\n    ${long}\n`), expect: { verdict: 'error', reason: scalarRe, file: ZONE, line: 4 } });
  out.push({ id: 'a 70k folded scalar over many lines', files: repo(`---\nwww:\n  type: TXT\n  value: >-\n${Array.from({ length: 700 }, () => `    ${'y'.repeat(99)}`).join('\n')}\n`), expect: { verdict: 'error', reason: /a scalar of 69,999 characters is over the scalar length limit/, file: ZONE, line: 4 } });
  out.push({ id: 'a 70k record name', files: repo(`---\n${long}:\n  type: TXT\n  value: v\n`), expect: { verdict: 'error', reason: scalarRe, file: ZONE, line: 2 } });
  out.push({ id: 'a 70k scalar in the config', files: repo(OK_RECORD, {}, config({ providerExtra: `    note: ${long}` })), expect: { verdict: 'error', reason: scalarRe, file: 'dnsctl.yaml', line: 5 } });
  out.push({ id: 'a 70k scalar under a 100k configured limit', files: repo(`---\nwww:\n  type: TXT\n  value: ${long}\n`, {}, config({ dnsctl: '  limits:\n    scalar_bytes: 100000' })), expect: { verdict: 'ok' } });
  out.push({ id: 'nesting 500 flow sequences deep', files: repo(`---\nwww:\n  octodns:\n    x: ${'['.repeat(500)}${']'.repeat(500)}\n  type: A\n  value: 192.0.2.1\n`), expect: { verdict: 'error', reason: /nesting exceeded maxDepth/, file: ZONE, line: 4 } });
  out.push({
    id: 'nesting 500 block mappings deep',
    files: repo(`---\nwww:\n  octodns:\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(4 + i)}k:`).join('\n')} 1\n  type: A\n  value: 192.0.2.1\n`),
    expect: { verdict: 'error', reason: /nesting exceeded maxDepth/, file: ZONE },
  });
  out.push({ id: 'control: 100,000 keys in one mapping (1.5 MB, within the limits)', files: repo(`---\nwww:\n  octodns:\n${Array.from({ length: 100_000 }, (_, i) => `    k${i}: ${i}`).join('\n')}\n  type: A\n  value: 192.0.2.1\n`), expect: { verdict: 'ok' } });
  return out;
}

function encodingCases(): HostileCase[] {
  const out: HostileCase[] = [];
  const text = `---\ncaf\u00e9:\n  type: A\n  value: 192.0.2.2\n${OK_RECORD}`;
  const utf16 = (le: boolean) => {
    const b = Buffer.from(text, 'utf16le');
    if (!le) b.swap16();
    return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), b]);
  };
  const badUtf = /is not valid UTF-8 \(first bad byte here\)/;
  out.push({ id: 'UTF-16LE with BOM', files: repo(utf16(true)), expect: { verdict: 'error', reason: /is UTF-16 or UTF-32/, file: ZONE, line: 1 } });
  out.push({ id: 'UTF-16BE with BOM', files: repo(utf16(false)), expect: { verdict: 'error', reason: /is UTF-16 or UTF-32/, file: ZONE, line: 1 } });
  out.push({ id: 'UTF-32BE with BOM', files: repo(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), Buffer.from('www: 1\n', 'utf16le')])), expect: { verdict: 'error', reason: /is UTF-32/, file: ZONE, line: 1 } });
  const withBytes = (bytes: number[]) => Buffer.concat([Buffer.from(`---\ntxt:\n  type: TXT\n  value: a`), Buffer.from(bytes), Buffer.from(`b\n${OK_RECORD}`)]);
  out.push({ id: 'a stray 0xFF byte on line 4', files: repo(withBytes([0xff])), expect: { verdict: 'error', reason: badUtf, file: ZONE, line: 4 } });
  out.push({ id: 'an overlong encoding of "/"', files: repo(withBytes([0xc0, 0xaf])), expect: { verdict: 'error', reason: badUtf, file: ZONE, line: 4 } });
  out.push({ id: 'an encoded UTF-16 surrogate', files: repo(withBytes([0xed, 0xa0, 0x80])), expect: { verdict: 'error', reason: badUtf, file: ZONE, line: 4 } });
  out.push({ id: 'a truncated multi-byte sequence', files: repo(withBytes([0xe2, 0x82])), expect: { verdict: 'error', reason: badUtf, file: ZONE, line: 4 } });
  out.push({ id: 'Latin-1 text', files: repo(Buffer.from(text, 'latin1')), expect: { verdict: 'error', reason: badUtf, file: ZONE, line: 2 } });
  out.push({ id: 'a NUL byte', files: repo(withBytes([0])), expect: { verdict: 'error', reason: /contains a NUL byte/, file: ZONE, line: 4 } });
  out.push({ id: 'a BEL control character', files: repo(withBytes([7])), expect: { verdict: 'error', reason: /non-printable characters/, file: ZONE, line: 4 } });
  out.push({ id: 'invalid UTF-8 in an included file', files: repo('---\ntxt:\n  type: TXT\n  value: !include ../v.txt\n', { 'v.txt': Buffer.from([0x61, 0xff, 0x0a]) }), expect: { verdict: 'error', reason: /!include \.\.\/v\.txt is not valid UTF-8/, file: ZONE, line: 4 } });
  out.push({ id: 'invalid UTF-8 in the config', files: repo(OK_RECORD, {}, Buffer.concat([Buffer.from(config()), Buffer.from([0x23, 0xfe, 0x0a])])), expect: { verdict: 'error', reason: badUtf, file: 'dnsctl.yaml', line: 9 } });
  out.push({ id: 'control: UTF-8 with a BOM', files: repo(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), expect: { verdict: 'ok' } });
  out.push({ id: 'control: UTF-8 without a BOM', files: repo(Buffer.from(text)), expect: { verdict: 'ok' } });
  return out;
}

function numberCases(): HostileCase[] {
  const out: HostileCase[] = [];
  const range = (field: string, v: string, lo: number, hi: number) => new RegExp(`${field} ${v.replace(/[+.]/g, '\\$&')} is out of range ${lo}-${hi} \\(the field's size on the wire\\)`);
  const ttlZone = (ttl: string) => `---\nx:\n  ttl: ${ttl}\n  type: A\n  value: 192.0.2.1\n`;
  for (const [ttl, shown] of [['2147483648', '2147483648'], ['4294967296', '4294967296'], ['1e308', '1e+308'], ['1.0e20', '100000000000000000000'], ['-1', '-1'], ['0x80000000', '2147483648'], ['0o20000000000', '2147483648'], ["'2147483648'", '2147483648']] as const) {
    out.push({ id: `ttl: ${ttl}`, files: repo(ttlZone(ttl)), expect: { verdict: 'error', reason: ttl === '-1' ? /invalid ttl/ : range('ttl', shown, 0, 2 ** 31 - 1), file: ZONE, line: 3 } });
  }
  for (const ttl of ['9007199254740993', '99999999999999999999', '-9007199254740993']) {
    out.push({ id: `ttl: ${ttl} (beyond 2^53)`, files: repo(ttlZone(ttl)), expect: { verdict: 'error', reason: new RegExp(`integer ${ttl} is beyond 2\\^53 and cannot be held exactly`), file: ZONE, line: 3 } });
  }
  out.push({ id: 'a TXT value 12345678901234567890 (an unquoted integer beyond 2^53)', files: repo('---\nx:\n  type: TXT\n  values:\n    - 12345678901234567890\n'), expect: { verdict: 'error', reason: /integer 12345678901234567890 is beyond 2\^53/, file: ZONE, line: 5 } });
  for (const ttl of ['.inf', '-.inf', '.nan']) out.push({ id: `ttl: ${ttl}`, files: repo(ttlZone(ttl)), expect: { verdict: 'error', reason: /invalid ttl|invalid literal/, file: ZONE, line: 3 } });
  for (const ttl of ['2147483647', '0']) out.push({ id: `control: ttl: ${ttl}`, files: repo(ttlZone(ttl)), expect: { verdict: 'ok' } });
  const value = (type: string, v: string) => `---\nx:\n  type: ${type}\n  value: ${v}\n`;
  const fields: Array<[string, string, string, string, number]> = [
    ['MX', '{exchange: mx.example.com., preference: 65536}', 'preference', '65536', 65535],
    ['MX', '{exchange: mx.example.com., preference: -1}', 'preference', '-1', 65535],
    ['DS', '{algorithm: 8, digest: abcd, digest_type: 2, key_tag: 65536}', 'key_tag', '65536', 65535],
    ['DS', '{algorithm: 300, digest: abcd, digest_type: 2, key_tag: 1}', 'algorithm', '300', 255],
    ['NAPTR', "{flags: S, order: 70000, preference: 1, regexp: '', replacement: ., service: SIP+D2U}", 'order', '70000', 65535],
  ];
  for (const [type, v, field, shown, hi] of fields) out.push({ id: `${type} ${field}: ${shown}`, files: repo(value(type, v)), expect: { verdict: 'error', reason: range(field, shown, 0, hi), file: ZONE, line: 3 } });
  for (const [field, v] of [['port', '65536'], ['priority', '10000000000'], ['weight', '-5']] as const) {
    const vals = { port: '80', priority: '1', weight: '1', [field]: v };
    out.push({ id: `SRV ${field}: ${v}`, files: repo(`---\n_sip._tcp:\n  type: SRV\n  value: {port: ${vals.port}, priority: ${vals.priority}, target: sip.example.com., weight: ${vals.weight}}\n`), expect: { verdict: 'error', reason: range(field, v, 0, 65535), file: ZONE, line: 3 } });
  }
  for (const port of ['0', '65536']) {
    out.push({ id: `healthcheck port: ${port}`, files: repo(`---\nx:\n  octodns:\n    healthcheck:\n      port: ${port}\n  type: A\n  value: 192.0.2.1\n`), expect: { verdict: 'error', reason: range('healthcheck port', port, 1, 65535), file: ZONE, line: 3 } });
  }
  return out;
}

export function allCases(): HostileCase[] {
  return [...aliasBombCases(), ...specialFileCases(), ...traversalCases(), ...oversizeCases(), ...encodingCases(), ...numberCases()];
}

/** Writes a case's repository under `dir`. */
export function materialise(c: HostileCase, dir: string): void {
  for (const [rel, content] of Object.entries(c.files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  c.setup?.(dir);
}
