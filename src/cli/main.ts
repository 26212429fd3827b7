/** Commander wiring only: parse, call `api/`, print. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
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
import { createProvider, providerCapabilities } from '../../providers/index.js';
import { SANDBOX_PORTS, sandboxDown, sandboxReset, sandboxStatus, sandboxUp } from '../../providers/sandbox.js';
import { renderAnswer, renderOutage, sandboxAnswer, sandboxOutage } from '../../providers/sandbox-drill.js';
import { dirname, join, resolve } from 'node:path';
import { blockers, planRepository } from '../api/plan.js';
import { applyPlan, parsePlan } from '../api/apply.js';
import { changeCounts, type ApplyReport, type Plan } from '../plan/types.js';
import { renderPlanText } from '../render/plan-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanJson } from '../render/plan-json.js';
import { renderApplyReportJson, renderApplyReportText } from '../render/apply-report.js';
import { renderCapabilities } from '../render/capabilities.js';
import { DNSCTL_VERSION } from '../version.js';

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

/** The sandbox commands' config: --config, else dnsctl.sandbox.yaml when present, else the usual default. */
function sandboxConfig(opt: string | undefined): string {
  if (opt) return configPath(opt);
  return existsSync('dnsctl.sandbox.yaml') ? 'dnsctl.sandbox.yaml' : configPath(undefined);
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
    .version(DNSCTL_VERSION)
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

  program
    .command('plan')
    .description('diff the repository against every target\'s live state; writes nothing live')
    .argument('[zones...]', 'limit to these zones')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('-t, --target <id...>', 'limit to these targets')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('-o, --out <file>', 'also save the plan (JSON) for `dnsctl apply <file>`')
    .option('--force', 'accept safety thresholds (octoDNS --force); never the serving-pools rule')
    .option('--detailed-exitcode', 'exit 0: no changes, 2: changes present, 1: error')
    .action(async (zones: string[], opts: { config?: string; target?: string[]; format: 'text' | 'markdown' | 'json'; out?: string; force?: boolean; detailedExitcode?: boolean }) => {
      const config = loadConfig(configPath(opts.config));
      const progress = terminalProgress(true);
      const { plan } = await planRepository(config, factory, {
        ...(zones.length ? { zones } : {}),
        ...(opts.target ? { targets: opts.target } : {}),
        ...(progress ? { onProgress: (done: number, total: number, zone: string, target: string) => progress.show(`read ${done}/${total}: ${zone} at ${target}`) } : {}),
      });
      progress?.clear();
      io.out(renderPlan(plan, opts.format, io.colour));
      if (opts.out) {
        mkdirSync(dirname(resolve(opts.out)), { recursive: true });
        writeFileSync(opts.out, renderPlanJson(plan));
        io.err(`plan saved to ${opts.out}; apply it with: dnsctl apply ${opts.out}`);
      }
      const blocked = blockers(plan, opts.force ?? false);
      if (blocked.length) {
        io.err(paint(io.colour, 'red', `this plan cannot be applied:\n  - ${blocked.join('\n  - ')}`));
        setExit(1);
        return;
      }
      setExit(opts.detailedExitcode && changeCounts(plan).total > 0 ? 2 : 0);
    });

  program
    .command('apply')
    .description('apply a saved, reviewed plan (refused if live state moved since), or plan and apply in one go')
    .argument('[plan]', 'a plan saved with `dnsctl plan --out FILE`')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('-t, --target <id...>', 'limit to these targets (with a plan file: apply only its part for them, e.g. while another provider is down)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--force', 'accept safety thresholds (octoDNS --force); never the serving-pools rule')
    .option('--wait', 'wait until each provider reports the changes live (Route 53: INSYNC), and say how long it took')
    .option('--json', 'machine-readable report, no progress output')
    .action(async (planFile: string | undefined, opts: { config?: string; target?: string[]; yes?: boolean; force?: boolean; json?: boolean; wait?: boolean }) => {
      const config = loadConfig(configPath(opts.config));
      let plan: Plan;
      if (planFile) {
        if (!existsSync(planFile)) throw new DnsctlError(`plan file ${planFile} not found (save one with: dnsctl plan --out ${planFile})`);
        plan = parsePlan(readFileSync(planFile, 'utf8'), planFile);
        if (opts.target) plan = onlyTargets(plan, opts.target);
      } else {
        plan = (await planRepository(config, factory, opts.target ? { targets: opts.target } : {})).plan;
        if (!opts.json) io.out(renderPlan(plan, 'text', io.colour));
        if (changeCounts(plan).total === 0) {
          if (opts.json) io.out(renderApplyReportJson({ version: plan.version, zones: [], ok: true }));
          setExit(0);
          return;
        }
        const blocked = blockers(plan, opts.force ?? false);
        if (blocked.length === 0 && !opts.yes) {
          if (!process.stdin.isTTY || process.env['CI']) throw new DnsctlError('refusing to apply without confirmation: pass --yes (no terminal to ask on)');
          if (!(await confirm('Apply these changes?'))) {
            io.err('nothing applied');
            setExit(1);
            return;
          }
        }
      }
      const progress = terminalProgress(!opts.json);
      const interrupt = onInterrupt(io);
      let report: ApplyReport;
      try {
        report = await applyPlan(plan, config, factory, {
          force: opts.force ?? false,
          wait: opts.wait ?? false,
          signal: interrupt.signal,
          ...(progress ? { onProgress: (zone: string, target: string, done: number, total: number) => progress.show(`applying ${zone} -> ${target}: ${done}/${total}`) } : {}),
        });
      } finally {
        interrupt.dispose();
      }
      progress?.clear();
      io.out(opts.json ? renderApplyReportJson(report) : renderApplyReportText(report, { colour: io.colour }));
      setExit(report.interrupted ? 130 : report.ok ? 0 : 1);
    });

  const sandbox = program.command('sandbox').description('the Route 53 and Cloudflare emulators on loopback, state in .dnsctl/sandbox/ (rehearse drills here)');
  const sandboxDir = () => join(process.cwd(), '.dnsctl', 'sandbox');
  sandbox
    .command('up')
    .description(`start both emulators in the background (Route 53 on :${SANDBOX_PORTS.route53}, Cloudflare on :${SANDBOX_PORTS.cloudflare})`)
    .option('-c, --config <file>', 'config whose zones the Cloudflare emulator should hold (default: dnsctl.sandbox.yaml)')
    .action(async (opts: { config?: string }) => {
      const file = sandboxConfig(opts.config);
      const zones = loadConfig(file).zones.filter((z) => !z.dynamic).map((z) => z.name);
      const s = await sandboxUp(sandboxDir(), zones);
      io.out(`sandbox up: route53 ${s.route53.url} (pid ${s.route53.pid}), cloudflare ${s.cloudflare.url} (pid ${s.cloudflare.pid})`);
      io.out(`use it with: dnsctl plan --config ${file}`);
      setExit(0);
    });
  sandbox
    .command('down')
    .description('stop the emulators (state is kept for the next up)')
    .action(() => {
      io.out(sandboxDown(sandboxDir()) ? 'sandbox stopped' : 'sandbox was not running');
      setExit(0);
    });
  sandbox
    .command('reset')
    .description('empty both emulators\' state')
    .action(async () => {
      await sandboxReset(sandboxDir());
      io.out('sandbox state reset');
      setExit(0);
    });
  sandbox
    .command('status')
    .description('are the emulators running, and where')
    .action(() => {
      const s = sandboxStatus(sandboxDir());
      if (!s) io.out('sandbox is not running (dnsctl sandbox up)');
      else {
        io.out(`route53    ${s.route53.alive ? 'up  ' : 'down'} ${s.file.route53.url} pid ${s.file.route53.pid}`);
        io.out(`cloudflare ${s.cloudflare.alive ? 'up  ' : 'down'} ${s.file.cloudflare.url} pid ${s.file.cloudflare.pid}`);
      }
      setExit(s && s.route53.alive && s.cloudflare.alive ? 0 : 1);
    });

  sandbox
    .command('outage')
    .description('simulate a regional outage: every health check (Route 53) and origin (Cloudflare) serving a value of the region\'s pools goes unhealthy')
    .argument('<region>', 'a region of the catalogue (dnsctl.regions)')
    .option('--heal', 'undo it: mark them healthy again')
    .option('-c, --config <file>', 'config whose repository and emulators to use (default: dnsctl.sandbox.yaml)')
    .action(async (region: string, opts: { heal?: boolean; config?: string }) => {
      const report = await sandboxOutage(loadConfig(sandboxConfig(opts.config)), factory, region, { heal: opts.heal ?? false });
      for (const line of renderOutage(report)) io.out(line);
      const marked = report.providers.reduce((n, p) => n + p.marked, 0);
      if (marked === 0) io.err(`nothing was marked: no health check or origin serves a value of ${region}'s pools (has the repository been applied to the sandbox?)`);
      setExit(marked === 0 ? 1 : 0);
    });
  sandbox
    .command('answer')
    .description('what each provider would answer now (Route 53: TestDNSAnswer; Cloudflare: load-balancer evaluation)')
    .argument('<fqdn>', 'the name to ask for')
    .option('-t, --type <type>', 'record type', 'A')
    .option('--from <region>', 'a client in this catalogue region')
    .option('--samples <n>', 'ask n times and count the answers (weighted routing answers at random)', (v) => Number(v), 1)
    .option('--json', 'machine-readable output')
    .option('-c, --config <file>', 'config whose repository and emulators to use (default: dnsctl.sandbox.yaml)')
    .action(async (fqdn: string, opts: { type: string; from?: string; samples: number; json?: boolean; config?: string }) => {
      const report = await sandboxAnswer(loadConfig(sandboxConfig(opts.config)), factory, fqdn, {
        type: opts.type,
        samples: opts.samples,
        ...(opts.from !== undefined ? { from: opts.from } : {}),
      });
      if (opts.json) io.out(JSON.stringify(report, null, 2));
      else for (const line of renderAnswer(report)) io.out(line);
      setExit(0);
    });

  program
    .command('providers')
    .description('what each provider kind supports (record types, routing, health checks, limits)')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      const caps = providerCapabilities();
      if (opts.json) io.out(JSON.stringify(caps, null, 2));
      else io.out(renderCapabilities(caps));
      setExit(0);
    });

  return program;
}

/** The part of a reviewed plan for some targets only; a target the plan does not hold is an error. */
function onlyTargets(plan: Plan, targets: string[]): Plan {
  const held = new Set(plan.zones.map((z) => z.target));
  const missing = targets.filter((t) => !held.has(t));
  if (missing.length) throw new DnsctlError(`the plan holds no changes for target(s) ${missing.join(', ')} (it has: ${[...held].join(', ')})`);
  return { ...plan, zones: plan.zones.filter((z) => targets.includes(z.target)), safety: plan.safety.filter((v) => targets.includes(v.target)) };
}

function renderPlan(plan: Plan, format: 'text' | 'markdown' | 'json', colour: boolean): string {
  if (format === 'json') return renderPlanJson(plan);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan, { colour });
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** One progress line rewritten in place on stderr, on a terminal outside CI (undefined otherwise). */
function terminalProgress(wanted: boolean): { show(text: string): void; clear(): void } | undefined {
  if (!wanted || !process.stderr.isTTY || process.env['CI']) return undefined;
  return {
    show: (text) => process.stderr.write(`\r\u001b[2K  ${text}`),
    clear: () => process.stderr.write('\r\u001b[2K'),
  };
}

/**
 * Ctrl-C or SIGTERM (a cancelled CI job) during an apply: the first one stops new writes and
 * lets those in flight finish, so the report can say exactly what was applied; a second
 * one exits at once.
 */
function onInterrupt(io: Io): { signal: AbortSignal; dispose(): void } {
  const ctl = new AbortController();
  const handler = (sig: NodeJS.Signals) => {
    if (ctl.signal.aborted) {
      io.err(`${sig} again: exiting now; what was sent may be applied, run dnsctl plan to see`);
      process.exit(130);
    }
    ctl.abort();
    io.err(`\n${sig}: finishing the writes in flight, then reporting what was applied (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again exits at once)`);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: ctl.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
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
