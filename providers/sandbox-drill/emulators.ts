/**
 * The sandbox's emulators as the config names them: every Route 53 / Cloudflare target of the
 * config, its endpoint resolved (`env/VAR/DEFAULT` included), and a probe of the emulator's
 * admin API. Drill commands only ever talk to an endpoint that answers as a dnsctl emulator:
 * a config pointing at the real APIs (no endpoint, or one without `/_emulator/`) is refused.
 */
import type { DnsctlConfig } from '../../src/config/types.js';
import { resolveSecrets } from '../../src/config/secrets.js';
import { DnsctlError } from '../../src/model/findings.js';

export type EmulatorKind = 'route53' | 'cloudflare';

export interface SandboxTarget {
  /** provider id in the config */
  id: string;
  kind: EmulatorKind;
  /** the emulator's origin (scheme://host:port); its admin API is under /_emulator/ */
  origin: string;
  /** the provider's options, secrets resolved */
  options: Record<string, unknown>;
}

const ENDPOINT_OPTION: Record<EmulatorKind, string> = { route53: 'endpoint', cloudflare: 'base_url' };
/** a small admin read each emulator answers: the probe */
const PROBE: Record<EmulatorKind, string> = { route53: '/_emulator/rate', cloudflare: '/_emulator/config' };

/** The config's Route 53 and Cloudflare targets (in config order), endpoints resolved; nothing contacted. */
export function sandboxTargets(config: DnsctlConfig): SandboxTarget[] {
  const ids = new Set(config.zones.flatMap((z) => z.targets));
  const out: SandboxTarget[] = [];
  for (const id of ids) {
    const pc = config.providers.get(id);
    if (!pc || (pc.kind !== 'route53' && pc.kind !== 'cloudflare')) continue;
    // the endpoint first: a config for the real APIs is refused before its secrets are asked for
    const endpoint = resolveSecrets(pc.options[ENDPOINT_OPTION[pc.kind]], `provider ${id}`);
    if (typeof endpoint !== 'string' || !endpoint) {
      throw new DnsctlError(`provider ${id} has no ${ENDPOINT_OPTION[pc.kind]}: sandbox commands only talk to the emulators (use the sandbox config, e.g. --config dnsctl.sandbox.yaml)`);
    }
    let origin: string;
    try {
      origin = new URL(endpoint).origin;
    } catch {
      throw new DnsctlError(`provider ${id}: ${ENDPOINT_OPTION[pc.kind]} "${endpoint}" is not a URL`);
    }
    const options = resolveSecrets(pc.options, `provider ${id}`) as Record<string, unknown>;
    out.push({ id, kind: pc.kind, origin, options });
  }
  if (out.length === 0) throw new DnsctlError(`${config.file} has no Route 53 or Cloudflare target: nothing to drill`);
  return out;
}

/** An emulator refused or did not answer; `status` is its HTTP status when it answered. */
export class EmulatorError extends DnsctlError {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'EmulatorError';
  }
}

async function request(t: SandboxTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${t.origin}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new EmulatorError(`${t.kind} emulator of provider ${t.id} at ${t.origin} does not answer (${(e as Error).message})`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new EmulatorError(`${t.origin}${path} answered HTTP ${res.status} without JSON: not a dnsctl ${t.kind} emulator`);
  }
  if (!res.ok) {
    const msg = errorMessage(json) ?? `HTTP ${res.status}`;
    throw new EmulatorError(`${t.kind} emulator ${method} ${path}: ${msg}`, res.status);
  }
  // Cloudflare's admin API answers in the v4 envelope; Route 53's with the bare value
  return t.kind === 'cloudflare' && isObject(json) && 'result' in json ? json['result'] : json;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function errorMessage(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  if (typeof json['error'] === 'string') return json['error'];
  const errors = json['errors'];
  if (Array.isArray(errors) && isObject(errors[0]) && typeof errors[0]['message'] === 'string') return errors[0]['message'];
  return undefined;
}

export const adminGet = (t: SandboxTarget, path: string): Promise<unknown> => request(t, 'GET', `/_emulator${path}`);
export const adminSend = (t: SandboxTarget, method: 'POST' | 'PUT', path: string, body: unknown): Promise<unknown> => request(t, method, `/_emulator${path}`, body);

/**
 * Every target's emulator answers its admin API, else a DnsctlError saying the sandbox is not
 * running (nothing has been changed anywhere when it is thrown).
 */
export async function probeSandbox(targets: SandboxTarget[]): Promise<void> {
  const problems: string[] = [];
  await Promise.all(
    targets.map(async (t) => {
      try {
        await request(t, 'GET', PROBE[t.kind]);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }),
  );
  if (problems.length) {
    throw new DnsctlError(`the sandbox is not running (start it with: dnsctl sandbox up); nothing was changed:\n  - ${problems.sort().join('\n  - ')}`);
  }
}
