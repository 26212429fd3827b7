/** `dnsctl evacuate <region>` and `dnsctl restore <region>`: the break-glass one-liners (src/api/breakglass.ts). */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { DnsctlError } from '../model/findings.js';
import { currentActor } from '../breakglass/actor.js';
import { parseDuration } from '../breakglass/lock.js';
import { regionCommand, type RegionCommand, type RegionCommandReport } from '../api/breakglass.js';
import { renderImpact, renderRefusals, renderRegionReport } from '../render/breakglass.js';
import { paint } from '../render/colour.js';
import { configPath, type CommandContext } from './context.js';

interface Opts {
  reason?: string;
  zones?: string;
  target?: string[];
  expires?: string;
  dryRun?: boolean;
  yes?: boolean;
  wait?: boolean;
  force?: boolean;
  json?: boolean;
  config?: string;
  waitLock?: string;
}

/** Exit codes: 0 done everywhere, 1 refused or failed, 3 done at some providers only. */
export const exitCodeOf = (r: RegionCommandReport): number => (r.result === 'done' || r.result === 'dry-run' ? 0 : r.result === 'partial' ? 3 : 1);

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function register(program: Command, { io, factory, setExit }: CommandContext, command: RegionCommand): void {
  const evac = command === 'evacuate';
  program
    .command(command)
    .description(
      evac
        ? 'break-glass: move every client off a region, on every provider, in O(1) calls per zone; kept by every later plan and apply until `dnsctl restore`'
        : 'break-glass: return a region\'s traffic after `dnsctl evacuate` and remove the override',
    )
    .argument('<region>', 'a region of the catalogue (dnsctl.regions)')
    .option('--reason <text>', 'why (recorded in the override and the audit log; required with --force)')
    .option('--zones <z1,z2>', 'limit to these zones (default: every zone routing through the region)')
    .option('-t, --target <id...>', 'limit to these providers')
    .option('--dry-run', 'print the impact and the safety verdict, change nothing')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--wait', 'wait until each provider reports the change live, and print how long it took')
    .option('--json', 'machine-readable report (the audit event), no prompt')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('--wait-lock <duration>', 'wait this long for a zone locked by a routine apply of another operator (break-glass preempts a routine lock; another break-glass command is waited for)')
    .option(...((evac ? ['--expires <duration>', 'when the override is due for review (e.g. 4h): after it, plan and status say "expired — run dnsctl restore"; traffic stays off'] : ['--expires <duration>', 'not used by restore']) as [string, string]))
    .option(...((evac ? ['--force', 'override the safety rules (needs --reason; recorded as forced)'] : ['--force', 'not used by restore']) as [string, string]))
    .action(async (region: string, opts: Opts) => {
      const config = loadConfig(configPath(opts.config));
      const reason = opts.reason?.trim();
      if (evac && !reason && !opts.dryRun) throw new DnsctlError('evacuate needs --reason "..." (who is paged, which incident): it is recorded in the override and the audit log; nothing was changed');
      const expires = evac && opts.expires ? new Date(Date.now() + parseDuration(opts.expires, '--expires')).toISOString() : undefined;
      const interactive = !opts.yes && !opts.json && !opts.dryRun;
      if (interactive && (!process.stdin.isTTY || process.env['CI'])) throw new DnsctlError(`refusing to ${command} without confirmation: pass --yes (no terminal to ask on); nothing was changed`);
      const report = await regionCommand(config, factory, {
        command,
        region,
        actor: currentActor(),
        ...(reason ? { reason } : {}),
        ...(opts.zones ? { zones: opts.zones.split(',').map((z) => z.trim()).filter(Boolean) } : {}),
        ...(opts.target ? { targets: opts.target } : {}),
        ...(expires ? { expires } : {}),
        force: Boolean(evac && opts.force),
        dryRun: Boolean(opts.dryRun),
        wait: Boolean(opts.wait),
        lock: { waitMs: opts.waitLock ? parseDuration(opts.waitLock, '--wait-lock') : 0, onNotice: (m) => io.err(`warning: ${m}`) },
        ...(interactive
          ? {
              confirm: async (r: RegionCommandReport) => {
                for (const l of renderImpact(r)) io.err(l);
                if (r.refusals.length) for (const l of renderRefusals(r)) io.err(l);
                return ask(`${evac ? 'Evacuate' : 'Restore'} ${region} now?`);
              },
            }
          : {}),
      });
      if (opts.json) io.out(JSON.stringify(report, null, 2));
      else {
        if (!interactive || r0(report)) for (const l of renderImpact(report)) io.out(l);
        if (report.refusals.length) for (const l of renderRefusals(report)) io.out(report.forced ? l : paint(io.colour, 'red', l));
        if (report.result === 'dry-run') io.out(report.refusals.length ? 'dry run: nothing changed (the safety rules would refuse this without --force)' : 'dry run: nothing changed');
        if (report.result === 'declined') io.err('nothing changed');
        for (const l of renderRegionReport(report, opts.config)) io.out(l);
      }
      setExit(exitCodeOf(report));
    });
}

/** the impact was not shown at the prompt (refused before asking) */
const r0 = (r: RegionCommandReport): boolean => r.result === 'refused';

export function registerEvacuate(program: Command, ctx: CommandContext): void {
  register(program, ctx, 'evacuate');
}

export function registerRestore(program: Command, ctx: CommandContext): void {
  register(program, ctx, 'restore');
}
