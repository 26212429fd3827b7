import type { RecordType } from '../record.js';
import type { TypeSpec } from './spec.js';
import { PART1_SPECS } from './part1.js';
import { PART2_SPECS } from './part2.js';

export type { TypeSpec, ValidatorSet, ValueOptions, ValidateContext } from './spec.js';

const SPECS = new Map<RecordType, TypeSpec>();
for (const s of [...PART1_SPECS, ...PART2_SPECS]) SPECS.set(s.type, s);

export function typeSpec(type: RecordType): TypeSpec {
  const s = SPECS.get(type);
  if (!s) throw new Error(`no type spec for ${type}`);
  return s;
}

export function supportedTypes(): RecordType[] {
  return [...SPECS.keys()].sort();
}
