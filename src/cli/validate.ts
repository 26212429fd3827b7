/** `dnsctl validate`: JSON Schema + octoDNS rules over the repository; writes nothing. */
import type { Command } from 'commander';
import type { ValidatorSet } from '../model/types/spec.js';
import { validateRepository } from '../api/validate.js';
import { findingJson, findingsText } from '../render/findings.js';
import { paint } from '../render/colour.js';
import { loadCommandConfig, type CommandContext } from './context.js';
import { cliError } from './output.js';

function parseSets(v: string | undefined): Set<ValidatorSet> | undefined {
  if (!v) return undefined;
  const sets = v.split(',').map((s) => s.trim());
  for (const s of sets) if (!['legacy', 'strict', 'best-practice'].includes(s)) throw cliError('usage', `--validators: unknown set "${s}" (legacy, strict, best-practice)`);
  return new Set(sets as ValidatorSet[]);
}

export function registerValidate(program: Command, { io, factory, setExit }: CommandContext): void {
  program
    .command('validate')
    .description('validate the zone repository (JSON Schema + octoDNS rules); exits 0 when clean, 1 otherwise; writes nothing')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('--validators <sets>', 'validator sets, comma-separated: legacy, strict, best-practice (default: the config\'s manager.validators.enabled, else legacy)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { config?: string; validators?: string; json?: boolean }) => {
      const config = loadCommandConfig(opts.config);
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
}
