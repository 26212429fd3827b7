/** `dnsctl apply`: a saved, reviewed plan, or plan and apply in one go. */
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { DnsctlError } from '../model/findings.js';
import { blockers, planRepository } from '../api/plan.js';
import { applyPlan, applyPlanned, parsePlan, type ApplyOptions } from '../api/apply.js';
import { accept, forceReason } from '../plan/acceptance.js';
import { changeCounts, type ApplyReport, type Plan } from '../plan/types.js';
import { renderApplyReportJson, renderApplyReportText } from '../render/apply-report.js';
import { loadCommandConfig, type CommandContext, type Io } from './context.js';
import { cliError } from './output.js';
import { terminalProgress } from './progress.js';
import { renderPlan } from './render-plan.js';
import { parseDuration } from '../breakglass/lock.js';
import { configuredPairs, lockPairs, withLocks, type LockOptions } from '../api/locking.js';
import { ProviderSet } from '../api/validate.js';

export function registerApply(program: Command, { io, factory, setExit }: CommandContext): void {
  program
    .command('apply')
    .description('apply a saved, reviewed plan (refused if live state moved since), or plan and apply in one go')
    .argument('[plan]', 'a plan saved with `dnsctl plan --out FILE`')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('-t, --target <id...>', 'limit to these targets (with a plan file: apply only its part for them, e.g. while another provider is down)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--force', 'accept the forceable safety violations (octoDNS --force); needs --reason (a saved plan made with --force needs neither)')
    .option('--reason <why>', 'why --force is used: recorded with who forced it')
    .option('--wait', 'wait until each provider reports the changes live (Route 53: INSYNC), and say how long it took')
    .option('--json', 'machine-readable report, no progress output')
    .option('--wait-lock <duration>', 'wait this long (30s, 5m) for a zone another operator or CI holds locked, instead of refusing at once')
    .action(async (planFile: string | undefined, opts: { config?: string; target?: string[]; yes?: boolean; force?: boolean; reason?: string; json?: boolean; wait?: boolean; waitLock?: string }) => {
      const reason = forceReason(opts.force, opts.reason);
      const config = loadCommandConfig(opts.config);
      const waitLockMs = opts.waitLock !== undefined ? parseDuration(opts.waitLock, '--wait-lock') : 0;
      const lock: LockOptions = { waitMs: waitLockMs, onNotice: (m: string) => io.err(`warning: ${m}`) };
      const run = async (apply: (o: ApplyOptions) => Promise<ApplyReport>): Promise<void> => {
        const progress = terminalProgress(!opts.json);
        const interrupt = onInterrupt(io);
        let report: ApplyReport;
        try {
          report = await apply({
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
      };
      if (planFile) {
        if (!existsSync(planFile)) throw cliError('plan_not_found', `plan file ${planFile} not found (save one with: dnsctl plan --out ${planFile})`);
        let saved = await readPlanFile(planFile);
        if (opts.target) saved = onlyTargets(saved, opts.target);
        // bound to the checkout first (one read per zone and target, under the locks), then forced only if asked here
        await run((o) => applyPlan(saved, config, factory, { ...o, lock, ...(reason ? { force: true, reason } : {}) }));
        return;
      }
      // in one go: lock before planning, so a wait for another operator ends in a plan of what they left
      const providers = new ProviderSet(config, factory);
      const pairs = await lockPairs(providers, configuredPairs(config, opts.target ? { targets: opts.target } : {}));
      await withLocks(pairs, 'routine', lock, async () => {
        const fresh = await planRepository(config, factory, { providers, ...(opts.target ? { targets: opts.target } : {}) });
        const plan = fresh.plan;
        if (reason) plan.accepted = accept(plan.safety, reason);
        if (!opts.json) io.out(renderPlan(plan, 'text', io.colour));
        if (changeCounts(plan).total === 0) {
          if (opts.json) io.out(renderApplyReportJson({ version: plan.version, zones: [], ok: true }));
          setExit(0);
          return;
        }
        const blocked = blockers(plan, false);
        if (blocked.length === 0 && !opts.yes) {
          if (!process.stdin.isTTY || process.env['CI']) throw cliError('confirmation_required', 'refusing to apply without confirmation: pass --yes (no terminal to ask on)');
          if (!(await confirm('Apply these changes?'))) {
            io.err('nothing applied');
            setExit(1);
            return;
          }
        }
        // the plan's reads are the apply's base: nothing is read again
        await run((o) => applyPlanned(fresh, { ...o, lock: { ...lock, held: true } }));
      });
    });

}

/** A saved plan; a file that is not one is `plan_invalid`. */
async function readPlanFile(file: string): Promise<Plan> {
  try {
    return await parsePlan(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof DnsctlError && e.code === 'failed') throw cliError('plan_invalid', e.message, e.findings);
    throw e;
  }
}

/** The part of a reviewed plan for some targets only; a target the plan does not hold is an error. */
function onlyTargets(plan: Plan, targets: string[]): Plan {
  const held = new Set(plan.zones.map((z) => z.target));
  const missing = targets.filter((t) => !held.has(t));
  if (missing.length) throw cliError('target_not_in_plan', `the plan holds no changes for target(s) ${missing.join(', ')} (it has: ${[...held].join(', ')})`);
  return { ...plan, zones: plan.zones.filter((z) => targets.includes(z.target)), safety: plan.safety.filter((v) => targets.includes(v.target)) };
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
