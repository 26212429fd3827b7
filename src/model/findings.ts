import type { Position } from './record.js';

export type Severity = 'error' | 'warning';

/** One validation finding. `via` is octoDNS's validator id when the rule is octoDNS's. */
export interface Finding {
  severity: Severity;
  /** octoDNS's reason text, or dnsctl's own */
  reason: string;
  via?: string;
  /** the record's fqdn, when the finding is about a record */
  record?: string;
  /** the zone, when known */
  zone?: string;
  position?: Position;
}

/** A reason produced by a record/value validator, before it is placed in a file. */
export interface Reason {
  reason: string;
  via: string;
}

export class DnsctlError extends Error {
  /** `code`: stable, machine-readable (the CLI prints it in --json mode; see src/cli/output.ts for the known ones). */
  constructor(message: string, readonly findings: Finding[] = [], readonly code: string = 'failed') {
    super(message);
    this.name = 'DnsctlError';
  }
}
