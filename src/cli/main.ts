/** Commander wiring only: one file per command under src/cli/, registered here; errors printed once, as text or (--json) JSON. */
import { Command, CommanderError } from 'commander';
import { redact } from '../config/secrets.js';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { findingsText } from '../render/findings.js';
import { paint } from '../render/colour.js';
import { createProvider } from '../../providers/index.js';
import { DNSCTL_VERSION } from '../version.js';
import { defaultIo, type CommandContext, type Io } from './context.js';
import { addConfigFileAlias, checkSingleDash, commandOf, commandPath, suggestCommand, suggestOption } from './conventions.js';
import { cliError, errorJson, wantsJson } from './output.js';
import { registerValidate } from './validate.js';
import { registerDump } from './dump.js';
import { registerPlan } from './plan.js';
import { registerApply } from './apply.js';
import { registerSandbox } from './sandbox.js';
import { registerProviders } from './providers.js';
import { registerInit } from './init.js';
import { registerEvacuate, registerRestore } from './evacuate.js';
import { registerStatus } from './status.js';

export type { Io } from './context.js';

/**
 * Every command, in the order `dnsctl --help` lists them. A new command is a file
 * `src/cli/<cmd>.ts` exporting `register<Cmd>(program, ctx)`, added here; it follows
 * src/cli/output.ts (--json, error codes) and src/cli/conventions.ts (flags), which
 * test/cli/conventions.test.ts checks for every registered command.
 */
const COMMANDS: ((program: Command, ctx: CommandContext) => void)[] = [
  registerInit,
  registerValidate,
  registerDump,
  registerPlan,
  registerApply,
  registerEvacuate,
  registerRestore,
  registerStatus,
  registerSandbox,
  registerProviders,
];

export function buildProgram(io: Io, factory: ProviderFactory, setExit: (code: number) => void): Command {
  const program = new Command('dnsctl')
    .description('Multi-provider DNS traffic control from octoDNS-compatible zone files')
    .version(DNSCTL_VERSION)
    .exitOverride()
    // main() words commander's errors itself (with suggestions that never propose --force)
    .showSuggestionAfterError(false)
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => undefined });
  const ctx: CommandContext = { io, factory, setExit };
  for (const register of COMMANDS) register(program, ctx);
  addConfigFileAlias(program);
  return program;
}

/** A commander parse error as dnsctl's usage error, with a suggestion where one is near. */
async function usageError(program: Command, args: readonly string[], e: CommanderError): Promise<DnsctlError> {
  const cmd = commandOf(program, args);
  const where = cmd === program ? 'dnsctl' : `dnsctl ${commandPath(cmd)}`;
  let message = e.message.replace(/^error: /, '');
  const option = /^unknown option '([^']+)'/.exec(message)?.[1];
  const command = /^unknown command '([^']+)'/.exec(message)?.[1];
  const suggestion = option ? await suggestOption(cmd, option) : command ? await suggestCommand(cmd, command) : undefined;
  if (option) message = `unknown option '${option}' for ${where}`;
  if (e.code === 'commander.help') message = `${where} needs a subcommand: ${cmd.commands.map((c) => c.name()).join(', ')}`;
  return cliError('usage', `${message}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; see ${where} --help`);
}

export async function main(argv: string[], io: Io = defaultIo(), factory: ProviderFactory = createProvider): Promise<number> {
  const args = argv.slice(2);
  const json = wantsJson(args);
  let code = 0;
  const program = buildProgram(io, factory, (c) => (code = c));
  try {
    checkSingleDash(program, args);
    await program.parseAsync(argv);
    return code;
  } catch (caught) {
    let e = caught;
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      e = await usageError(program, args, e);
    }
    if (json) {
      io.out(JSON.stringify(errorJson(e), null, 2));
      return 1;
    }
    if (e instanceof DnsctlError) {
      io.err(paint(io.colour, 'red', `error: ${redact(e.message)}`));
      if (e.findings.length) io.err(findingsText(e.findings, { colour: io.colour }));
      return 1;
    }
    io.err(`error: ${redact(e instanceof Error ? e.message : String(e))}`);
    return 1;
  }
}
