/** The command that applies a saved plan, printed so that it works as printed (with the config the plan was made from). */

/** A POSIX shell word for `s` (quoted only when it needs to be). */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function applyCommand(config: string, planFile: string): string {
  return `dnsctl apply --config ${shellWord(config)} ${shellWord(planFile)}`;
}
