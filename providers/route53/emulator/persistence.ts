// Optional JSON persistence: the whole state is written after every mutation, atomically
// (temporary file in the same directory, then rename), so a sandbox keeps state across runs.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyState, type EmulatorState } from './state.js';

export function loadState(file: string): EmulatorState {
  if (!existsSync(file)) return emptyState();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmulatorState>;
  if (parsed.version !== 1) throw new Error(`${file}: unsupported Route 53 emulator state version ${String(parsed.version)}`);
  return { ...emptyState(), ...parsed } as EmulatorState;
}

let counter = 0;

export function saveState(file: string, state: EmulatorState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${++counter}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
