/** `dnsctl status`: regions x providers — serving or evacuated, and the override that says why. */
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { regionStatus } from '../api/breakglass.js';
import { renderStatus } from '../render/breakglass.js';
import { configPath, type CommandContext } from './context.js';

export function registerStatus(program: Command, { io, factory, setExit }: CommandContext): void {
  program
    .command('status')
    .description('break-glass state: per region and provider, serving or evacuated, with the override (who, why, expiry)')
    .option('--zones <z1,z2>', 'limit to these zones')
    .option('-t, --target <id...>', 'limit to these providers')
    .option('--json', 'machine-readable output')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .action(async (opts: { zones?: string; target?: string[]; json?: boolean; config?: string }) => {
      const config = loadConfig(configPath(opts.config));
      const s = await regionStatus(config, factory, {
        ...(opts.zones ? { zones: opts.zones.split(',').map((z) => z.trim()).filter(Boolean) } : {}),
        ...(opts.target ? { targets: opts.target } : {}),
      });
      if (opts.json) io.out(JSON.stringify(s, null, 2));
      else for (const l of renderStatus(s, opts.config)) io.out(l);
      setExit(s.errors.length ? 1 : 0);
    });
}
