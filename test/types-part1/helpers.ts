import type { RecordType } from '../../src/model/record.js';
import type { ValidateContext, ValidatorSet } from '../../src/model/types/spec.js';

export function ctx(
  type: RecordType,
  sets: ValidatorSet[] = ['legacy'],
  extra: Partial<ValidateContext> = {},
): ValidateContext {
  return {
    sets: new Set(sets),
    disabled: new Set(),
    name: 'www',
    fqdn: 'www.example.com.',
    type,
    escapedSemicolons: true,
    ...extra,
  };
}

export const OPTS = { escapedSemicolons: true };
