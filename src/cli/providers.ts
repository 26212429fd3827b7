/** `dnsctl providers`: what each provider kind supports. */
import type { Command } from 'commander';
import { providerCapabilities } from '../../providers/index.js';
import { renderCapabilities } from '../render/capabilities.js';
import type { CommandContext } from './context.js';

export function registerProviders(program: Command, { io, setExit }: CommandContext): void {
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
}
