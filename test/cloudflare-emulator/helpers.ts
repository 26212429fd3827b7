import Cloudflare from 'cloudflare';
import { startCloudflareEmulator, type CloudflareEmulator, type CloudflareEmulatorOptions } from '../../providers/cloudflare/emulator/index.js';

export interface Harness {
  emu: CloudflareEmulator;
  cf: Cloudflare;
  zoneId: string;
}

export async function startHarness(opts: CloudflareEmulatorOptions = {}, maxRetries = 0): Promise<Harness> {
  const emu = await startCloudflareEmulator({ zones: ['example.com'], rate: false, ...opts });
  const cf = new Cloudflare({ apiToken: 'test', baseURL: emu.url, maxRetries });
  const zones = await cf.zones.list({ name: 'example.com' });
  const zoneId = zones.result[0]?.id;
  if (!zoneId) throw new Error('zone example.com missing');
  return { emu, cf, zoneId };
}

/** Raw call for cases the SDK's types would not let us send. */
export async function raw(emu: CloudflareEmulator, method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: 'Bearer test' }): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The envelope errors of a failed SDK call. */
export function cfErrors(e: unknown): { status: number; codes: number[]; errors: { code: number; message: string; error_chain?: { code: number; message: string }[] }[] } {
  const err = e as { status?: number; errors?: { code: number; message: string; error_chain?: { code: number; message: string }[] }[] };
  const errors = err.errors ?? [];
  return { status: err.status ?? 0, codes: errors.map((x) => x.code), errors };
}

export async function expectCfError(p: Promise<unknown>): Promise<ReturnType<typeof cfErrors>> {
  try {
    await p;
  } catch (e) {
    return cfErrors(e);
  }
  throw new Error('expected the call to fail');
}
