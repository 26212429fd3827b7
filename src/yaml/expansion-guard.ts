/**
 * Bounds on what one YAML text can stand for, checked while js-yaml parses it (js-yaml 4
 * has no alias limit: an alias is the anchored node itself, so a "billion laughs" text
 * parses small and explodes in whatever walks the tree). Through js-yaml's node listener:
 * - every scalar's length (`scalarBytes`), only when the text is longer than that limit;
 * - every alias use (`aliases`) and the size it stands for (`aliasExpansion`): the
 *   anchored node's expanded size, counted in nodes plus scalar characters, so nested
 *   aliases multiply as they would for a consumer — found at the alias that goes over;
 * - a repeated `!include` of one file counts as an expansion of its content.
 * The budget is shared by a top-level load and every file it includes.
 */
import { LimitExceeded, type YamlLimits } from './limits.js';

/** The parts of js-yaml's parser state a listener sees. */
export interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
}

export type NodeListener = (event: 'open' | 'close', state: ListenerState) => void;

/** A limit exceeded at a place of the text being parsed (raw offset of the node). */
export class LimitAt extends Error {
  constructor(readonly exceeded: LimitExceeded, readonly offset: number) {
    super(exceeded.message);
    this.name = 'LimitAt';
  }
}

/** Counters for one top-level load and everything it includes. */
export class LoadBudget {
  aliases = 0;
  expansion = 0;
  includes = 0;
  constructor(readonly limits: YamlLimits) {}

  expand(size: number, offset: number, what: string): void {
    this.expansion += size;
    if (this.expansion > this.limits.aliasExpansion) {
      throw new LimitAt(new LimitExceeded('aliasExpansion', this.limits.aliasExpansion, `${what} expands the document past the alias expansion limit`), offset);
    }
  }
}

/** Size of a value with no recorded size (a scalar, or a node from elsewhere): nodes plus characters. */
function sizeOf(v: unknown, sizes: Map<object, number>): number {
  if (typeof v === 'string') return 1 + v.length;
  if (typeof v !== 'object' || v === null) return 1;
  return sizes.get(v) ?? 1;
}

/**
 * Wraps `inner` (if any) with the checks this text needs, or returns `inner` when it
 * needs none. `counting`: the text can alias or include (it has an `&` or `!include`).
 * `includeSizes`: expanded sizes of the values `!include` returned in this text.
 */
export function guardListener(
  inner: NodeListener | undefined,
  budget: LoadBudget,
  textLength: number,
  counting: boolean,
  includeSizes: Map<unknown, number>,
  onRootSize: (size: number) => void,
): NodeListener | undefined {
  const maxScalar = budget.limits.scalarBytes;
  const checkScalars = textLength > maxScalar;
  if (!checkScalars && !counting) return inner;
  const starts: number[] = [];
  // per open node: its children's summed size, how many closed, and the last one's result
  // and size. js-yaml composes some nodes through a nested call that closes twice with one
  // result: a node whose only child has its own result is that child (counted once).
  const sums: number[] = [];
  const counts: number[] = [];
  const lastResults: unknown[] = [];
  const lastSizes: number[] = [];
  // expanded sizes of anchored collections (what an alias to them stands for)
  const sizes = new Map<object, number>();
  const seenIncludes = new Set<unknown>();
  return (event, state) => {
    if (event === 'open') {
      starts.push(state.position);
      if (counting) {
        sums.push(0);
        counts.push(0);
        lastResults.push(undefined);
        lastSizes.push(0);
      }
      inner?.(event, state);
      return;
    }
    const start = starts.pop() ?? 0;
    const result = state.result;
    if (state.kind === 'scalar' && typeof result === 'string' && result.length > maxScalar) {
      throw new LimitAt(new LimitExceeded('scalarBytes', maxScalar, `a scalar of ${result.length.toLocaleString('en-US')} characters is over the scalar length limit`), start);
    }
    if (!counting) {
      inner?.(event, state);
      return;
    }
    const children = sums.pop() ?? 0;
    const count = counts.pop() ?? 0;
    const lastResult = lastResults.pop();
    const lastSize = lastSizes.pop() ?? 0;
    let size: number;
    if (count === 1 && Object.is(lastResult, result)) {
      size = lastSize;
    } else if (state.kind === null && state.tag === null && result !== null && result !== undefined && typeof result !== 'symbol') {
      // an alias: the node it names, again
      if (++budget.aliases > budget.limits.aliases) {
        throw new LimitAt(new LimitExceeded('aliases', budget.limits.aliases, 'this alias is over the alias count limit'), start);
      }
      size = sizeOf(result, sizes);
      budget.expand(size, start, 'this alias');
    } else if (state.tag === '!include') {
      size = includeSizes.get(result) ?? sizeOf(result, sizes);
      if (seenIncludes.has(result)) budget.expand(size, start, 'this repeated !include');
      else seenIncludes.add(result);
    } else {
      size = 1 + children + (typeof result === 'string' ? result.length : 0);
    }
    if (state.anchor !== null && typeof result === 'object' && result !== null) sizes.set(result, size);
    inner?.(event, state);
    const parent = sums.length - 1;
    if (parent >= 0) {
      sums[parent] = (sums[parent] ?? 0) + size;
      counts[parent] = (counts[parent] ?? 0) + 1;
      // what the parent will see: the result after the inner listener (which may replace it)
      lastResults[parent] = state.result;
      lastSizes[parent] = size;
    } else onRootSize(size);
  };
}
