/**
 * The command-line rules every command follows, applied to the whole program (so commands
 * added later follow them too) and checked by test/cli/conventions.test.ts:
 * - short flags mean the same everywhere (SHORT_FLAGS);
 * - `--config-file` is accepted wherever `--config` is (octoDNS's name for it);
 * - a long option written with one dash (`-out=plan.json`, `-json`) is an error with a
 *   suggestion, never a short option with a value;
 * - a suggestion for a mistyped option never proposes a safety override (SAFETY_OVERRIDES).
 */
import { Option, type Command } from 'commander';
import { cliError } from './output.js';

/** The one meaning of each short flag; a command may leave one out, never give it another. */
export const SHORT_FLAGS: Readonly<Record<string, string>> = {
  '-c': '--config',
  '-t': '--target',
  '-f': '--format',
  '-o': '--out',
  '-s': '--source',
  '-y': '--yes',
  '-V': '--version',
  '-h': '--help',
};

/** Flags that override a safety rule or a confirmation: given on purpose, never suggested for a typo. */
export const SAFETY_OVERRIDES: ReadonlySet<string> = new Set(['--force', '--yes', '--reason', '--break-glass']);

/** Every command of the program, depth first (the program itself excluded). */
export function* allCommands(program: Command): Iterable<Command> {
  for (const c of program.commands) {
    yield c;
    yield* allCommands(c);
  }
}

/** Leaf commands: those that run an action (not a group such as `sandbox`). */
export function leafCommands(program: Command): Command[] {
  return [...allCommands(program)].filter((c) => c.commands.length === 0);
}

export function commandPath(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x && x.parent; x = x.parent) names.unshift(x.name());
  return names.join(' ');
}

/** The deepest command the leading words of args name (args without node and script). */
export function commandOf(program: Command, args: readonly string[]): Command {
  let cmd = program;
  for (const a of args) {
    if (a.startsWith('-')) break;
    const next = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (!next) break;
    cmd = next;
  }
  return cmd;
}

function longNames(cmd: Command): string[] {
  const own = cmd.options.map((o) => o.long).filter((l): l is string => !!l);
  return [...own, '--help', ...(cmd.parent ? [] : ['--version'])];
}

/** Adds `--config-file` beside every `--config`, and makes it set `config`. Call after registering the commands. */
export function addConfigFileAlias(program: Command): void {
  for (const c of allCommands(program)) {
    if (!c.options.some((o) => o.long === '--config') || c.options.some((o) => o.long === '--config-file')) continue;
    c.addOption(new Option('--config-file <file>', 'the same as --config (octoDNS\'s name for it)'));
  }
  program.hook('preAction', (_program, action) => {
    const o = action.opts<{ config?: string; configFile?: string }>();
    if (o.configFile === undefined) return;
    if (o.config !== undefined && o.config !== o.configFile) throw cliError('usage', `--config ${o.config} and --config-file ${o.configFile} name different files; give one`);
    action.setOptionValue('config', o.configFile);
  });
}

/** Refuses a long option written with a single dash, before commander reads it as a short option with a value. */
export function checkSingleDash(program: Command, args: readonly string[]): void {
  const cmd = commandOf(program, args);
  const longs = new Set(longNames(cmd).map((l) => l.slice(2)));
  for (const a of args) {
    if (a === '--') break;
    if (!/^-[A-Za-z]/.test(a) || a.length <= 2) continue;
    const eq = a.indexOf('=');
    const name = a.slice(1, eq < 0 ? undefined : eq);
    if (eq > 1 || longs.has(name)) {
      const known = longs.has(name) ? `--${name}${eq < 0 ? '' : a.slice(eq)}` : undefined;
      throw cliError('usage', `option ${a}: long options take two dashes${known ? `; did you mean ${known}?` : ` (${a.slice(0, 2)} is a short option: write its value as a separate word)`}`);
    }
  }
}

/** A nearby option of the command for a mistyped one, never a safety override; undefined when none is near. */
export async function suggestOption(cmd: Command, typed: string): Promise<string | undefined> {
  const candidates = longNames(cmd).filter((l) => !SAFETY_OVERRIDES.has(l));
  const bare = typed.split('=')[0]!;
  if ((bare === '--format' || bare === '--output') && candidates.includes('--json')) return '--json';
  if (bare === '--json' && candidates.includes('--format')) return '--format json';
  const { distance } = await import('fastest-levenshtein');
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(bare, c);
    if (!best || d < best.d) best = { name: c, d };
  }
  return best && best.d <= Math.max(1, Math.floor((bare.length - 2) * 0.4)) ? best.name : undefined;
}

/** A nearby subcommand name for a mistyped one. */
export async function suggestCommand(cmd: Command, typed: string): Promise<string | undefined> {
  const { distance } = await import('fastest-levenshtein');
  let best: { name: string; d: number } | undefined;
  for (const c of cmd.commands) {
    const d = distance(typed, c.name());
    if (!best || d < best.d) best = { name: c.name(), d };
  }
  return best && best.d <= Math.max(1, Math.floor(typed.length * 0.4)) ? best.name : undefined;
}
