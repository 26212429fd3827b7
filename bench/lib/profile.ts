/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function and
 * per source file, so a bench can say where the time goes without a GUI.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  label: string;
  ms: number;
  share: number;
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const m = /node_modules\/(.+)$/.exec(url) ?? /\/dist\/(.+)$/.exec(url);
  return m ? m[1]! : url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
}

export function summariseProfile(file: string, top = 15): { total: number; byFunction: ProfileLine[]; byFile: ProfileLine[] } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const where = shortUrl(f.url);
    const label = `${f.functionName || '(anonymous)'} ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    fn.set(label, (fn.get(label) ?? 0) + us);
    files.set(where, (files.get(where) ?? 0) + us);
    total += us;
  }
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, us]) => ({ label, ms: us / 1000, share: total ? us / total : 0 }));
  return { total: total / 1000, byFunction: lines(fn), byFile: lines(files) };
}
