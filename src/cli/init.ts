/** `dnsctl init [dir]`: a starter repository; `--from-octodns CONFIG`: adapt an existing octoDNS repository in place. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { starterFiles } from '../init/starter-files.js';
import { DEFAULT_ACTION } from '../init/workflows.js';
import { adoptOctodns, type OctodnsFindings } from '../init/from-octodns.js';
import { loadCommandConfig, type CommandContext, type Io } from './context.js';
import { cliError } from './output.js';

const WORKFLOWS = ['.github/workflows/dns-plan.yml', '.github/workflows/dns-apply.yml'];

/** Refuses (writing nothing) when any of the files exists. */
function refuseExisting(root: string, files: string[]): void {
  const existing = files.filter((f) => existsSync(join(root, f)));
  if (existing.length) throw cliError('init_conflict', `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${root}; nothing was written (move them away, or init another directory)`);
}

function writeAll(root: string, files: Record<string, string>): string[] {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return Object.keys(files);
}

function printFound(io: Io, f: OctodnsFindings): void {
  io.out(`found an octoDNS repository: ${f.config}`);
  io.out(`  providers: ${f.providers.map((p) => `${p.id} (${p.class})`).join(', ') || 'none'}`);
  io.out(`  zones: ${f.zones.length} (${f.zones.slice(0, 5).join(', ')}${f.zones.length > 5 ? ', …' : ''}) read from ${f.zoneDirectories.join(', ') || 'no YAML directory'}`);
  io.out(`  dynamic records: ${f.dynamicRecords}${f.regions.length ? `, pools in regions ${f.regions.join(', ')}` : ''}`);
  io.out(`  dnsctl validate: ${f.errors} error(s), ${f.warnings} warning(s)`);
  io.out(f.addedDnsctlSection ? `added a dnsctl: section at the end of ${f.config} (octoDNS ignores it); no zone file was touched` : `${f.config} already has a dnsctl: section: left as it is`);
}

export function registerInit(program: Command, { io, factory, setExit }: CommandContext): void {
  program
    .command('init')
    .description('write a starter repository (config for Route 53 + Cloudflare, a zone with a dynamic record, schemas, GitHub workflows), or adapt an octoDNS repository with --from-octodns')
    .argument('[dir]', 'where (default: the current directory)', '.')
    .option('--from-octodns <config>', 'adapt this existing octoDNS config\'s repository in place: adds only a dnsctl: section and the workflows, touches no zone file')
    .option('--action <ref>', `the dnsctl GitHub Action the workflows use (default ${DEFAULT_ACTION})`, DEFAULT_ACTION)
    .option('--json', 'machine-readable output')
    .action(async (dir: string, opts: { fromOctodns?: string; action: string; json?: boolean }) => {
      const root = resolve(dir);
      if (opts.fromOctodns) {
        loadCommandConfig(opts.fromOctodns); // config_not_found / config_invalid before anything is written
        refuseExisting(root, WORKFLOWS);
        const { found, files } = await adoptOctodns(opts.fromOctodns, root, opts.action, factory);
        const written = writeAll(root, files);
        if (opts.json) io.out(JSON.stringify({ version: 1, ok: true, dir: root, written, found }, null, 2));
        else {
          printFound(io, found);
          io.out(`wrote ${written.join(', ')}`);
          io.out(`next: dnsctl validate --config ${found.config}, then commit and open a pull request`);
        }
        setExit(0);
        return;
      }
      const files = starterFiles(opts.action);
      refuseExisting(root, Object.keys(files));
      const written = writeAll(root, files);
      if (opts.json) io.out(JSON.stringify({ version: 1, ok: true, dir: root, written }, null, 2));
      else {
        io.out(`wrote a dnsctl repository in ${root}:`);
        for (const f of written) io.out(`  ${f}`);
        const cd = dir === '.' ? '' : `cd ${dir} && `;
        io.out(`next: ${cd}dnsctl validate && dnsctl sandbox up && dnsctl plan --config dnsctl.sandbox.yaml`);
      }
      setExit(0);
    });
}
