/**
 * Plan-time truth for Route 53: what octodns-route53's layout and Route 53 itself refuse
 * in a zone's dynamic records, found when planning instead of by a failed batch.
 *
 * - Pool id `default` (any case): the pool's failover rrsets would be named
 *   `_octodns-default-pool.<fqdn>`, the name of the simple rrset holding the record's static
 *   values, and Route 53 refuses the batch (a non-failover set exists with that name and
 *   type). octodns-route53 writes the same colliding rrsets and fails the same way (it has no
 *   check), so no layout both tools read can hold such a pool.
 * - Pool ids with upper-case letters: Route 53 lower-cases rrset names, so the pool reads
 *   back under another id (and one re-plan after another updates it); two ids equal but for
 *   case would collide outright.
 * - Pool ids that are not one DNS label of letters, digits, `-` and `_`, or whose
 *   `_octodns-<pool>-value` label exceeds 63 octets, or whose rrset names exceed 255.
 * - Anything the compiler refuses (a latency pool without a Route 53 region, …).
 */
import type { ConstrainResult } from '../../src/model/provider.js';
import { fqdnOf, type DnsRecord } from '../../src/model/record.js';
import type { Loss } from '../../src/plan/types.js';
import { loseToStaticValues } from '../../src/plan/supports.js';
import { CompileError, compileRecord, valueName, type CompileContext } from './compile.js';

const LABEL = /^[A-Za-z0-9_-]+$/;
const MAX_LABEL = 63;
const MAX_NAME = 255;

/** Why Route 53 cannot hold this dynamic record's pools as they are named, or undefined. */
export function poolIdProblem(record: DnsRecord): string | undefined {
  const ids = Object.keys(record.dynamic?.pools ?? {});
  const fqdn = fqdnOf(record.name, record.zone);
  const reserved = ids.find((id) => id.toLowerCase() === 'default');
  if (reserved !== undefined) {
    return `pool "${reserved}" of ${fqdn} ${record.type}: the pool id "default" is reserved by octodns-route53's layout (_octodns-default-pool.${fqdn} holds the record's static values); rename the pool`;
  }
  const upper = ids.find((id) => id !== id.toLowerCase());
  if (upper !== undefined) {
    return `pool "${upper}" of ${fqdn} ${record.type}: Route 53 lower-cases the rrset names the pool id is written in, so it would read back as "${upper.toLowerCase()}"; write the pool id in lower case`;
  }
  for (const id of ids) {
    if (!LABEL.test(id)) return `pool "${id}" of ${fqdn} ${record.type}: a Route 53 pool id must be letters, digits, "-" and "_" (it is a DNS label of the layout's rrset names)`;
    const label = valueName(id, fqdn).split('.')[0]!;
    if (label.length > MAX_LABEL) return `pool "${id}" of ${fqdn} ${record.type}: the rrset label ${label} is longer than 63 characters; shorten the pool id`;
    if (valueName(id, fqdn).length > MAX_NAME) return `pool "${id}" of ${fqdn} ${record.type}: the rrset name ${valueName(id, fqdn)} is longer than 255 characters`;
  }
  return undefined;
}

/** The constraints above over one zone's records (after the capability checks). */
export function constrainRoute53(records: DnsRecord[], strict: boolean, target: string, ctx: CompileContext): ConstrainResult {
  const losses: Loss[] = [];
  const out = records.map((r) => {
    if (!r.dynamic) return r;
    const problem = poolIdProblem(r) ?? compileProblem(r, ctx);
    return problem ? loseToStaticValues(r, target, problem, strict, losses) : r;
  });
  return { records: out, losses };
}

function compileProblem(record: DnsRecord, ctx: CompileContext): string | undefined {
  try {
    compileRecord(record, ctx);
    return undefined;
  } catch (e) {
    if (e instanceof CompileError) return e.message;
    throw e;
  }
}
