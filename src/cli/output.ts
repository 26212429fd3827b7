/**
 * One output convention for every command (reuse it in new commands):
 * - a command that prints takes `--json`; its JSON goes to stdout, one document;
 * - in --json mode an error is a JSON object on stdout, never empty output:
 *   `{"version":1,"ok":false,"error":{"code":"config_not_found","message":"…","findings":[…]}}`
 *   with a stable `code` (ERROR_CODES; throw `new DnsctlError(message, findings, code)`);
 * - messages are redacted (no secret reaches the terminal).
 */
import { redact } from '../config/secrets.js';
import { DnsctlError, type Finding } from '../model/findings.js';
import { findingJson } from '../render/findings.js';

/** The codes the CLI itself gives; a DnsctlError thrown without one is `failed`, anything else `internal`. */
export const ERROR_CODES = {
  usage: 'the command line is wrong: unknown command or option, missing or invalid argument',
  config_not_found: 'the config file does not exist',
  config_invalid: 'the config file cannot be read or is invalid',
  plan_not_found: 'the saved plan file does not exist',
  plan_invalid: 'the file is not a dnsctl plan of this version',
  confirmation_required: 'apply needs --yes where it cannot ask',
  target_not_in_plan: 'apply --target names a target the saved plan has no changes for',
  unknown_target: '--target names no target of the config (the message lists them)',
  unknown_zone: 'a zone named on the command line is not in the config (the message lists them)',
  plan_outside_config: 'a saved plan names a zone or target the config does not hold, or was made from another config',
  plan_stale: 'live state changed since the saved plan was made; nothing was applied',
  plan_mismatch: 'the saved plan is not what the repository needs now (edited, or the repository moved); nothing was applied',
  plan_unsafe: 'the plan breaks a safety rule that was not lifted (configuration, or --force --reason); nothing was applied',
  init_conflict: 'dnsctl init would overwrite an existing file',
  failed: 'the operation failed (the message says why)',
  internal: 'an unexpected error (a bug: please report it)',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function cliError(code: ErrorCode, message: string, findings: Finding[] = []): DnsctlError {
  return new DnsctlError(message, findings, code);
}

export interface ErrorJson {
  version: 1;
  ok: false;
  error: { code: string; message: string; findings?: ReturnType<typeof findingJson>[] };
}

/** The --json form of any thrown error. */
export function errorJson(e: unknown): ErrorJson {
  if (e instanceof DnsctlError) {
    return {
      version: 1,
      ok: false,
      error: { code: e.code, message: redact(e.message), ...(e.findings.length ? { findings: e.findings.map(findingJson) } : {}) },
    };
  }
  return { version: 1, ok: false, error: { code: 'internal', message: redact(e instanceof Error ? e.message : String(e)) } };
}

/** Whether the command line asks for JSON output: `--json`, or `--format json` / `--format=json` / `-f json`. */
export function wantsJson(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '--json' || a === '--format=json' || a === '-fjson') return true;
    if ((a === '--format' || a === '-f') && args[i + 1] === 'json') return true;
  }
  return false;
}
