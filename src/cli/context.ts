/** What every command gets: where to print, how providers are made, how to set the exit code; and the config-file lookup they share. */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import type { DnsctlConfig } from '../config/types.js';
import { DnsctlError } from '../model/findings.js';
import type { ProviderFactory } from '../model/provider.js';
import { colourWanted } from '../render/colour.js';
import { redact } from '../config/secrets.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  colour: boolean;
}

/**
 * The process's stdout and stderr. When the reader goes away (`dnsctl plan | head`), output
 * stops quietly (no EPIPE stack trace) and the command still finishes with its own exit code.
 */
export const defaultIo = (): Io => {
  const closed = { out: false, err: false };
  const quietOnEpipe = (stream: NodeJS.WriteStream, key: keyof typeof closed) => {
    if (stream.listenerCount('error') > 0) return;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed[key] = true;
    });
  };
  quietOnEpipe(process.stdout, 'out');
  quietOnEpipe(process.stderr, 'err');
  // every line dnsctl prints passes the secret redaction (plans, reports, errors)
  const line = (s: string) => redact(s.endsWith('\n') ? s : `${s}\n`);
  return {
    out: (s) => void (closed.out || process.stdout.write(line(s))),
    err: (s) => void (closed.err || process.stderr.write(line(s))),
    colour: colourWanted(process.stdout),
  };
};

export interface CommandContext {
  io: Io;
  factory: ProviderFactory;
  setExit: (code: number) => void;
}

export function configPath(opt: string | undefined): string {
  const p = opt ?? process.env['DNSCTL_CONFIG'] ?? 'dnsctl.yaml';
  if (!existsSync(p)) throw new DnsctlError(`config file ${p} not found (use --config FILE or DNSCTL_CONFIG; dnsctl init writes a starter repository)`, [], 'config_not_found');
  return p;
}

/** The config a command runs with; a config that cannot be loaded is `config_invalid` unless its error says more. */
export function loadCommandConfig(opt: string | undefined): DnsctlConfig {
  const file = configPath(opt);
  try {
    return loadConfig(file);
  } catch (e) {
    if (e instanceof DnsctlError && e.code === 'failed') throw new DnsctlError(e.message, e.findings, 'config_invalid');
    throw e;
  }
}

/** A command's `--format F` with its `--json` alias; `--json` with another explicit format is a usage error. */
export function jsonAlias<F extends string>(format: F, json: boolean | undefined, defaultFormat: F): F | 'json' {
  if (!json) return format;
  if (format !== defaultFormat && format !== 'json') throw new DnsctlError(`--json and --format ${format} contradict each other; give one`, [], 'usage');
  return 'json';
}

/** The sandbox commands' config: --config, else dnsctl.sandbox.yaml when present, else the usual default. */
export function sandboxConfig(opt: string | undefined): string {
  if (opt) return configPath(opt);
  return existsSync('dnsctl.sandbox.yaml') ? 'dnsctl.sandbox.yaml' : configPath(undefined);
}
