/**
 * The sandbox: the Route 53 and Cloudflare emulators on loopback, with state persisted
 * under `.dnsctl/sandbox/`, so drills can be rehearsed across CLI invocations.
 *
 * `dnsctl sandbox up` starts both emulators as background processes; `down` stops them;
 * `reset` empties their state; `status` reports them. `startSandbox` runs them in this
 * process instead (the demo and tests).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SANDBOX_PORTS = { route53: 4553, cloudflare: 4554 } as const;
/** env vars the sandbox config (dnsctl.sandbox.yaml) reads its endpoints from, with the default ports as fallback */
export const SANDBOX_ENV = { route53: 'DNSCTL_SANDBOX_ROUTE53', cloudflare: 'DNSCTL_SANDBOX_CLOUDFLARE' } as const;

/** The port `sandbox up` listens on: the one in the endpoint env var the sandbox config reads (so both agree), else the default. */
export function sandboxPort(kind: keyof typeof SANDBOX_PORTS): number {
  const url = process.env[SANDBOX_ENV[kind]];
  if (url) {
    try {
      const port = Number(new URL(url).port);
      if (port > 0) return port;
    } catch {
      /* not a URL: the config will say so when it is used */
    }
  }
  return SANDBOX_PORTS[kind];
}

export interface SandboxEndpoints {
  route53: string;
  cloudflare: string;
}

export interface RunningSandbox extends SandboxEndpoints {
  close(): Promise<void>;
}

/** Both emulators in this process (random ports unless given); endpoints exported to the env for the sandbox config. */
export async function startSandbox(opts: { zones: string[]; stateDir?: string; exportEnv?: boolean }): Promise<RunningSandbox> {
  const state = opts.stateDir;
  if (state) mkdirSync(state, { recursive: true });
  const { startRoute53Emulator } = await import('./route53/emulator/index.js');
  const { startCloudflareEmulator } = await import('./cloudflare/emulator/index.js');
  const r53 = await startRoute53Emulator({
    port: 0,
    syncDelayMs: 200,
    allowNonPublicHealthCheckIps: true,
    ...(state ? { stateFile: join(state, 'route53.json') } : {}),
  });
  const cf = await startCloudflareEmulator({
    port: 0,
    zones: opts.zones.map((z) => z.replace(/\.$/, '')),
    ...(state ? { stateFile: join(state, 'cloudflare.json') } : {}),
  });
  if (opts.exportEnv ?? true) {
    process.env[SANDBOX_ENV.route53] = r53.url;
    process.env[SANDBOX_ENV.cloudflare] = cf.url;
  }
  return {
    route53: r53.url,
    cloudflare: cf.url,
    close: async () => {
      await Promise.all([r53.close(), cf.close()]);
    },
  };
}

interface SandboxFile {
  route53: { pid: number; url: string };
  cloudflare: { pid: number; url: string };
  startedAt: string;
}

const sandboxFile = (dir: string) => join(dir, 'sandbox.json');

function distEntry(rel: string): string {
  // this file is dist/providers/sandbox.js when built; the emulators' entry points sit beside it
  const here = dirname(fileURLToPath(import.meta.url));
  const js = resolve(here, rel.replace(/\.ts$/, '.js'));
  if (!existsSync(js)) throw new Error(`${js} not found: run npm run build first`);
  return js;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startDetached(entry: string, args: string[], log: string): Promise<{ pid: number; url: string }> {
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, [entry, ...args], { detached: true, stdio: ['ignore', 'pipe', out] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within 10 s; see ${log}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => /^https?:\/\//.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolveUrl(line.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}; see ${log}`));
    });
  });
  child.stdout!.destroy();
  child.unref();
  return { pid: child.pid!, url };
}

export async function sandboxUp(dir: string, zones: string[]): Promise<SandboxFile> {
  const current = sandboxStatus(dir);
  if (current && current.route53.alive && current.cloudflare.alive) return current.file;
  mkdirSync(dir, { recursive: true });
  const log = join(dir, 'emulators.log');
  const route53 = await startDetached(
    distEntry('./route53/emulator/main.ts'),
    ['--port', String(sandboxPort('route53')), '--state', join(dir, 'route53.json'), '--sync-delay', '500', '--allow-non-public-health-check-ips'],
    log,
  );
  const cloudflare = await startDetached(
    distEntry('./cloudflare/emulator/main.ts'),
    ['--port', String(sandboxPort('cloudflare')), '--state', join(dir, 'cloudflare.json'), ...zones.flatMap((z) => ['--zone', z.replace(/\.$/, '')])],
    log,
  );
  const file: SandboxFile = { route53, cloudflare, startedAt: new Date().toISOString() };
  writeFileSync(sandboxFile(dir), `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

export function sandboxStatus(dir: string): { file: SandboxFile; route53: { alive: boolean }; cloudflare: { alive: boolean } } | undefined {
  if (!existsSync(sandboxFile(dir))) return undefined;
  const file = JSON.parse(readFileSync(sandboxFile(dir), 'utf8')) as SandboxFile;
  return { file, route53: { alive: alive(file.route53.pid) }, cloudflare: { alive: alive(file.cloudflare.pid) } };
}

export function sandboxDown(dir: string): boolean {
  const s = sandboxStatus(dir);
  if (!s) return false;
  for (const p of [s.file.route53.pid, s.file.cloudflare.pid]) if (alive(p)) process.kill(p, 'SIGTERM');
  rmSync(sandboxFile(dir));
  return true;
}

/** Empties both emulators' state (zones listed are re-created on Cloudflare). */
export async function sandboxReset(dir: string): Promise<void> {
  const s = sandboxStatus(dir);
  if (!s || !s.route53.alive || !s.cloudflare.alive) {
    for (const f of ['route53.json', 'cloudflare.json']) rmSync(join(dir, f), { force: true });
    return;
  }
  const base = (u: string) => new URL(u).origin;
  for (const url of [base(s.file.route53.url), base(s.file.cloudflare.url)]) {
    const res = await fetch(`${url}/_emulator/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`reset of ${url} failed: HTTP ${res.status}`);
  }
}
