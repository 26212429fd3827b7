/** Cloudflare-style identifiers (32 lower-case hex characters) and timestamps. */
import { randomBytes } from 'node:crypto';

export function newId(): string {
  return randomBytes(16).toString('hex');
}

export function now(): string {
  return new Date().toISOString();
}
