/**
 * The local audit trail of break-glass commands: one JSON line per command in
 * `.dnsctl/audit.jsonl` (beside the config), the same event `--json` prints. The override
 * record at each provider carries who, when, why; this log adds what each provider did.
 * Secrets never reach it: every string is passed through the redactor first.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redact } from '../config/secrets.js';

export const auditFile = (baseDir: string): string => join(baseDir, '.dnsctl', 'audit.jsonl');

export function appendAudit(file: string, event: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${redact(JSON.stringify(event))}\n`);
}
