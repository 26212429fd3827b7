/** `dnsctl validate`: JSON Schema + octoDNS rules over the repository; writes nothing. */
import type { Command } from 'commander';
import type { ValidatorSet } from '../model/types/spec.js';
import { validateRepository, type ValidateReport } from '../api/validate.js';
import { validateConfigProviders } from '../api/validate-config.js';
import { DnsctlError } from '../model/findings.js';
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
    .option('--strict-env', 'an env/ secret that is not set is an error (default: a warning; validate needs no credentials)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { config?: string; validators?: string; strictEnv?: boolean; json?: boolean }) => {
      const config = loadCommandConfig(opts.config);
      const sets = parseSets(opts.validators);
      if (sets) config.validatorSets = sets;
      // the whole config (every provider's class, options and secrets), then the zones
      const configFindings = await validateConfigProviders(config, factory, { strictEnv: opts.strictEnv ?? false });
      const report = await validateRepository(config, factory).catch((e: unknown) => {
        // a provider the zones need could not be built: its finding above says why
        if (configFindings.some((f) => f.severity === 'error') && e instanceof DnsctlError) return emptyReport();
        throw e;
      });
      const seen = new Set(report.findings.map((f) => f.reason));
      const extra = configFindings.filter((f) => !seen.has(f.reason));
      report.findings.unshift(...extra);
      report.errors += extra.filter((f) => f.severity === 'error').length;
      report.warnings += extra.filter((f) => f.severity === 'warning').length;
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

function emptyReport(): ValidateReport {
  return { zones: [], findings: [], errors: 0, warnings: 0 };
}
