/** Optional JSON persistence of the emulator state: written atomically (temp file + rename). */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EmulatorState } from './types.js';

export function loadStateFile(file: string): EmulatorState | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmulatorState>;
  if (parsed.version !== 1) throw new Error(`${file}: not a Cloudflare emulator state file (version ${String(parsed.version)})`);
  return {
    version: 1,
    accountId: parsed.accountId ?? '',
    zones: parsed.zones ?? [],
    records: parsed.records ?? {},
    monitors: parsed.monitors ?? [],
    pools: parsed.pools ?? [],
    loadBalancers: parsed.loadBalancers ?? [],
    health: parsed.health ?? { pools: {}, origins: {} },
  };
}

export function saveStateFile(file: string, state: EmulatorState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
