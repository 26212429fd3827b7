/**
 * fast-check zones for the plan-then-apply property tests: what a provider must either
 * refuse at plan time or apply — same-name records of several types (two dynamic records
 * at one name, a dynamic record beside plain ones), pool ids a layout reserves or that
 * collide but for case, and every routing kind.
 */
import fc from 'fast-check';
import type { DnsRecord } from '../../src/model/record.js';
import { dynamic, PLAIN_SET, plain, relName } from './arbitraries.js';

/** region ids, plus ids a provider's naming reserves (`default`) or folds together (`Backup`/`backup`) */
export const POOL_IDS = ['eu-west-1', 'us-east-1', 'ap-southeast-1', 'default', 'primary', 'Backup', 'backup'] as const;

const dyn = (name: string, types: readonly ('A' | 'AAAA' | 'CNAME')[]) => dynamic(name, { types, poolIds: POOL_IDS });

function atName(name: string): fc.Arbitrary<DnsRecord[]> {
  return fc.oneof(
    // dual stack: a dynamic A and a dynamic AAAA at one name
    fc.tuple(dyn(name, ['A']), dyn(name, ['AAAA'])),
    // a dynamic record beside plain records of other types
    fc.tuple(dyn(name, ['A']), plain(name, 'AAAA'), plain(name, 'TXT')),
    fc.tuple(dyn(name, ['AAAA']), plain(name, 'A'), plain(name, 'MX')),
    dyn(name, ['CNAME']).map((r) => [r]),
    fc.subarray([...PLAIN_SET], { minLength: 1 }).chain((types) => fc.tuple(...types.map((t) => plain(name, t)))),
  );
}

export const providerZoneArb: fc.Arbitrary<DnsRecord[]> = fc
  .uniqueArray(relName, { minLength: 1, maxLength: 4 })
  .chain((names) => fc.tuple(...names.map(atName)))
  .map((groups) => groups.flat());
