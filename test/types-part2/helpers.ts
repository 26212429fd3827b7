import type { Reason } from '../../src/model/findings.js';
import type { RecordType } from '../../src/model/record.js';
import type { TypeSpec, ValidateContext, ValidatorSet } from '../../src/model/types/spec.js';

export const LEGACY: ValidatorSet[] = ['legacy'];
export const STRICT: ValidatorSet[] = ['strict'];
export const BP: ValidatorSet[] = ['best-practice'];
export const ALL: ValidatorSet[] = ['legacy', 'strict', 'best-practice'];

export function ctx(type: RecordType, sets: ValidatorSet[] = LEGACY, disabled: string[] = []): ValidateContext {
  return {
    sets: new Set(sets),
    disabled: new Set(disabled),
    name: 'www',
    fqdn: 'www.example.com.',
    type,
    escapedSemicolons: true,
  };
}

/** Reasons as `text, via: id` lines, the way octoDNS prints them. */
export function reasons(spec: TypeSpec, values: unknown[], sets: ValidatorSet[] = LEGACY, disabled: string[] = []): string[] {
  return spec.validateValues(values, ctx(spec.type, sets, disabled)).map((r: Reason) => `${r.reason}, via: ${r.via}`);
}

export const OPTS = { escapedSemicolons: true };
