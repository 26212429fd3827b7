/**
 * octoDNS's `env` secret handler: `env/VAR` or `env/VAR/DEFAULT`. A value with a `.`
 * becomes a float, else an int if it parses (octodns/secret/environ.py). Secret values
 * are remembered so every message dnsctl prints can be redacted.
 */
import { DnsctlError } from '../model/findings.js';

/** secret value -> where it came from (`env/VAR`), never the value itself */
const knownSecrets = new Map<string, string>();

export class MissingEnvVar extends DnsctlError {
  constructor(readonly variable: string, context: string) {
    super(`Incorrect provider config, missing env var ${variable}, ${context}`);
    this.name = 'MissingEnvVar';
  }
}

function coerce(v: string): string | number {
  if (v.includes('.')) {
    const f = Number(v);
    return Number.isNaN(f) ? v : f;
  }
  return /^[+-]?\d+$/.test(v.trim()) ? Number.parseInt(v, 10) : v;
}

/**
 * Options whose value says where, not who: an endpoint read from `env/` is shown in
 * messages (a dead endpoint is named), not redacted as a secret.
 */
const PUBLIC_OPTIONS = new Set(['endpoint', 'base_url', 'directory', 'region']);

export function resolveSecret(value: string, context: string, env: NodeJS.ProcessEnv = process.env, register = true): string | number {
  const rest = value.slice('env/'.length);
  const slash = rest.indexOf('/');
  const name = slash === -1 ? rest : rest.slice(0, slash);
  const dflt = slash === -1 ? undefined : rest.slice(slash + 1);
  const v = env[name];
  if (v === undefined) {
    if (dflt === undefined) throw new MissingEnvVar(name, context);
    return coerce(dflt);
  }
  if (register && v.length >= 4) knownSecrets.set(v, `env/${name}`);
  return coerce(v);
}

/** Resolve `env/…` strings anywhere inside provider options (nested dicts too). */
export function resolveSecrets(value: unknown, context: string, env: NodeJS.ProcessEnv = process.env, register = true): unknown {
  if (typeof value === 'string') return value.startsWith('env/') ? resolveSecret(value, context, env, register) : value;
  if (Array.isArray(value)) return value.map((v) => resolveSecrets(v, context, env, register));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v, context, env, register && !PUBLIC_OPTIONS.has(k))]));
  }
  return value;
}

/** Mark a value as secret (e.g. a token read some other way) so it is redacted. */
export function registerSecret(v: string, label = 'a secret'): void {
  if (v.length >= 4) knownSecrets.set(v, label);
}

/**
 * Registers the values of the `env/VAR` secrets that provider options name and the
 * environment holds, without resolving or checking anything else: every command then
 * redacts them, even those of providers it does not build, and `validate` can refuse a
 * record that would publish one.
 */
export function registerEnvSecrets(value: unknown, env: NodeJS.ProcessEnv = process.env): void {
  if (typeof value === 'string') {
    if (!value.startsWith('env/')) return;
    const name = value.slice('env/'.length).split('/')[0]!;
    const v = env[name];
    if (v !== undefined && v.length >= 4) knownSecrets.set(v, `env/${name}`);
  } else if (Array.isArray(value)) {
    for (const v of value) registerEnvSecrets(v, env);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (!PUBLIC_OPTIONS.has(k)) registerEnvSecrets(v, env);
  }
}

/** Where the registered secret that `text` equals or contains came from (undefined: none). Secrets under 8 characters must match whole. */
export function secretIn(text: string): string | undefined {
  for (const [secret, label] of knownSecrets) {
    if (text === secret || (secret.length >= 8 && text.includes(secret))) return label;
  }
  return undefined;
}

/** Replace every known secret value in a text with `***`. */
export function redact(text: string): string {
  let out = text;
  for (const s of knownSecrets.keys()) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}
