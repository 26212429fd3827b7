/** Commander wiring only: one file per command under src/cli/, registered here; errors printed once. */
import { Command, CommanderError } from 'commander';
import { redact } from '../config/secrets.js';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { findingsText } from '../render/findings.js';
import { paint } from '../render/colour.js';
import { createProvider } from '../../providers/index.js';
import { DNSCTL_VERSION } from '../version.js';
import { defaultIo, type CommandContext, type Io } from './context.js';
import { registerValidate } from './validate.js';
import { registerDump } from './dump.js';
import { registerPlan } from './plan.js';
import { registerApply } from './apply.js';
import { registerSandbox } from './sandbox.js';
import { registerProviders } from './providers.js';

export type { Io } from './context.js';

/** Every command, in the order `dnsctl --help` lists them. A new command is a file `src/cli/<cmd>.ts` exporting `register<Cmd>`, added here. */
const COMMANDS: ((program: Command, ctx: CommandContext) => void)[] = [
  registerValidate,
  registerDump,
  registerPlan,
  registerApply,
  registerSandbox,
  registerProviders,
];

export function buildProgram(io: Io, factory: ProviderFactory, setExit: (code: number) => void): Command {
  const program = new Command('dnsctl')
    .description('Multi-provider DNS traffic control from octoDNS-compatible zone files')
    .version(DNSCTL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const ctx: CommandContext = { io, factory, setExit };
  for (const register of COMMANDS) register(program, ctx);
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
