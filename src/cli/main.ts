/** Commander wiring only: parse, call `api/`, print. */
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { redact } from '../config/secrets.js';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import type { ValidatorSet } from '../model/types/spec.js';
import { validateRepository } from '../api/validate.js';
import { dumpZones, type DumpFormat } from '../api/dump.js';
import { findingJson, findingsText } from '../render/findings.js';
import { colourWanted, paint } from '../render/colour.js';
import { createProvider } from '../../providers/index.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  colour: boolean;
}

const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  colour: colourWanted(process.stdout),
});

function configPath(opt: string | undefined): string {
  const p = opt ?? process.env['DNSCTL_CONFIG'] ?? 'dnsctl.yaml';
  if (!existsSync(p)) throw new DnsctlError(`config file ${p} not found (use --config FILE or DNSCTL_CONFIG)`);
  return p;
}

function parseSets(v: string | undefined): Set<ValidatorSet> | undefined {
  if (!v) return undefined;
  const sets = v.split(',').map((s) => s.trim());
  for (const s of sets) if (!['legacy', 'strict', 'best-practice'].includes(s)) throw new DnsctlError(`--validators: unknown set "${s}" (legacy, strict, best-practice)`);
  return new Set(sets as ValidatorSet[]);
}

export function buildProgram(io: Io, factory: ProviderFactory, setExit: (code: number) => void): Command {
  const program = new Command('dnsctl')
    .description('Multi-provider DNS traffic control from octoDNS-compatible zone files')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('validate')
    .description('validate the zone repository (JSON Schema + octoDNS rules); exits 0 when clean, 1 otherwise; writes nothing')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('--validators <sets>', 'validator sets, comma-separated: legacy, strict, best-practice (default: the config\'s manager.validators.enabled, else legacy)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { config?: string; validators?: string; json?: boolean }) => {
      const config = loadConfig(configPath(opts.config));
      const sets = parseSets(opts.validators);
      if (sets) config.validatorSets = sets;
      const report = await validateRepository(config, factory);
      const findings = [...report.findings, ...report.zones.flatMap((z) => z.findings)];
      if (opts.json) {
        io.out(JSON.stringify({
          version: 1,
          ok: report.errors === 0,
          errors: report.errors,
          warnings: report.warnings,
          zones: report.zones.map((z) => ({ zone: z.zone, records: z.records.length, errors: z.findings.filter((f) => f.severity === 'error').length })),
          findings: findings.map(findingJson),
        }, null, 2));
      } else {
        if (findings.length) io.out(findingsText(findings, { colour: io.colour }));
        const records = report.zones.reduce((n, z) => n + z.records.length, 0);
        const summary = `${report.zones.length} zone(s), ${records} record(s): ${report.errors} error(s), ${report.warnings} warning(s)`;
        io.out(report.errors ? paint(io.colour, 'red', `✗ ${summary}`) : paint(io.colour, 'green', `✓ ${summary}`));
      }
      setExit(report.errors ? 1 : 0);
    });

  program
    .command('dump')
    .description('write a zone as its sources see it, as octoDNS YAML or JSON')
    .argument('<zone>', "zone name (trailing dot optional), or '*' for every configured zone")
    .requiredOption('-s, --source <id...>', 'source provider id(s) from the config')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output-dir <dir>', 'write <zone>.yaml / <zone>.json files here instead of stdout')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('--lenient', 'report invalid records as warnings and dump the rest')
    .action(async (zone: string, opts: { source: string[]; format: DumpFormat; outputDir?: string; config?: string; lenient?: boolean }) => {
      const config = loadConfig(configPath(opts.config));
      const results = await dumpZones(config, factory, {
        zone,
        sources: opts.source,
        format: opts.format,
        ...(opts.outputDir ? { outputDir: opts.outputDir } : {}),
        ...(opts.lenient ? { lenient: true } : {}),
      });
      for (const r of results) {
        const warnings = r.findings.filter((f) => f.severity === 'warning');
        if (warnings.length) io.err(findingsText(warnings, { colour: colourWanted(process.stderr) }));
        if (r.file) io.err(`wrote ${r.file} (${r.records.length} records)`);
        else io.out(r.text.trimEnd());
      }
      setExit(0);
    });

  return program;
}

export async function main(argv: string[], io: Io = defaultIo(), factory: ProviderFactory = createProvider): Promise<number> {
  let code = 0;
  const program = buildProgram(io, factory, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof DnsctlError) {
      io.err(paint(io.colour, 'red', `error: ${redact(e.message)}`));
      if (e.findings.length) io.err(findingsText(e.findings, { colour: io.colour }));
      return 1;
    }
    io.err(`error: ${redact(e instanceof Error ? e.message : String(e))}`);
    return 1;
  }
}
