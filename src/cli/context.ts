/** What every command gets: where to print, how providers are made, how to set the exit code; and the config-file lookup they share. */
import { existsSync } from 'node:fs';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { colourWanted } from '../render/colour.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  colour: boolean;
}

export const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  colour: colourWanted(process.stdout),
});

export interface CommandContext {
  io: Io;
  factory: ProviderFactory;
  setExit: (code: number) => void;
}

export function configPath(opt: string | undefined): string {
  const p = opt ?? process.env['DNSCTL_CONFIG'] ?? 'dnsctl.yaml';
  if (!existsSync(p)) throw new DnsctlError(`config file ${p} not found (use --config FILE or DNSCTL_CONFIG)`);
  return p;
}

/** The sandbox commands' config: --config, else dnsctl.sandbox.yaml when present, else the usual default. */
export function sandboxConfig(opt: string | undefined): string {
  if (opt) return configPath(opt);
  return existsSync('dnsctl.sandbox.yaml') ? 'dnsctl.sandbox.yaml' : configPath(undefined);
}
