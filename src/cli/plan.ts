/** `dnsctl plan`: diff the repository against every target's live state; writes nothing live. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { redact } from '../config/secrets.js';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { blockers, planRepository } from '../api/plan.js';
import { changeCounts } from '../plan/types.js';
import { accept, forceReason } from '../plan/acceptance.js';
import { applyCommand } from '../render/apply-command.js';
import { renderPlanJson } from '../render/plan-json.js';
import { paint } from '../render/colour.js';
import { jsonAlias, loadCommandConfig, type CommandContext } from './context.js';
import { terminalProgress } from './progress.js';
import { renderPlan, type PlanFormat } from './render-plan.js';

export function registerPlan(program: Command, { io, factory, setExit }: CommandContext): void {
  program
    .command('plan')
    .description('diff the repository against every target\'s live state; writes nothing live')
    .argument('[zones...]', 'limit to these zones')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('-t, --target <id...>', 'limit to these targets')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--json', 'the same as --format json')
    .option('-o, --out <file>', 'also save the plan (JSON) for `dnsctl apply <file>`')
    .option('--force', 'accept the forceable safety violations (octoDNS --force), recorded in the plan; needs --reason')
    .option('--reason <why>', 'why --force is used: recorded in the plan with who forced it')
    .option('--detailed-exitcode', 'exit 0: no changes, 2: changes present, 1: error')
    .action(async (zones: string[], opts: { config?: string; target?: string[]; format: PlanFormat; json?: boolean; out?: string; force?: boolean; reason?: string; detailedExitcode?: boolean }) => {
      const format = jsonAlias(opts.format, opts.json, 'text');
      const reason = forceReason(opts.force, opts.reason);
      const config = loadCommandConfig(opts.config);
      const progress = terminalProgress(true);
      const { plan } = await planRepository(config, factory, {
        ...(zones.length ? { zones } : {}),
        ...(opts.target ? { targets: opts.target } : {}),
        ...(progress ? { onProgress: (done: number, total: number, zone: string, target: string) => progress.show(`read ${done}/${total}: ${zone} at ${target}`) } : {}),
      });
      progress?.clear();
      if (reason) plan.accepted = accept(plan.safety, reason);
      io.out(renderPlan(plan, format, io.colour));
      if (opts.out) {
        mkdirSync(dirname(resolve(opts.out)), { recursive: true });
        // a saved plan is an output too: registered secrets never reach it
        writeFileSync(opts.out, redact(renderPlanJson(plan)));
        io.err(`plan saved to ${opts.out}; apply it with: ${applyCommand(plan.config, opts.out)}`);
      }
      const blocked = blockers(plan, false);
      if (blocked.length) {
        io.err(paint(io.colour, 'red', `this plan cannot be applied:\n  - ${blocked.join('\n  - ')}`));
        setExit(1);
        return;
      }
      setExit(opts.detailedExitcode && changeCounts(plan).total > 0 ? 2 : 0);
    });
}

