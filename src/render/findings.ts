/** Findings as compiler-style lines (`file:line:col: error: …`) or JSON. */
import { relative } from 'node:path';
import type { Finding } from '../model/findings.js';
import { redact } from '../config/secrets.js';
import { paint, type Colour } from './colour.js';

export function findingLine(f: Finding, opts: { colour: boolean; cwd?: string }): string {
  const cwd = opts.cwd ?? process.cwd();
  const where = f.position ? `${relative(cwd, f.position.file) || f.position.file}:${f.position.line}:${f.position.column}: ` : '';
  const sev = paint(opts.colour, f.severity === 'error' ? 'red' : 'yellow', f.severity);
  const rec = f.record ? `${f.record}: ` : f.zone ? `${f.zone}: ` : '';
  const via = f.via ? paint(opts.colour, 'grey', ` (via ${f.via})`) : '';
  return redact(`${where}${sev}: ${rec}${f.reason}${via}`);
}

export function findingsText(findings: Finding[], opts: { colour: boolean; cwd?: string }): string {
  return findings.map((f) => findingLine(f, opts)).join('\n');
}

export function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { severity: f.severity, reason: redact(f.reason) };
  if (f.via) o['via'] = f.via;
  if (f.zone) o['zone'] = f.zone;
  if (f.record) o['record'] = f.record;
  if (f.position) o['file'] = f.position.file, o['line'] = f.position.line, o['column'] = f.position.column;
  return o;
}

export type { Colour };
