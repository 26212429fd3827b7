/**
 * Who is acting, for locks and the audit trail: `DNSCTL_ACTOR`, else git's `user.email`,
 * else `user@host`. Never a secret: it is printed and stored in the providers.
 */
import { execFileSync } from 'node:child_process';
import { hostname, userInfo } from 'node:os';

let cached: string | undefined;

function gitEmail(): string | undefined {
  try {
    const out = execFileSync('git', ['config', 'user.email'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

export function currentActor(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['DNSCTL_ACTOR']?.trim();
  if (fromEnv) return fromEnv.slice(0, 128);
  cached ??= gitEmail() ?? `${osUser()}@${hostname()}`;
  return cached;
}
