/**
 * Key ordering as octoDNS's SortEnforcingLoader checks it: natsort's natural order
 * (`host2` < `host10`, `*.2.2` < `*.10.1`) or plain string order (`order_mode: simple`).
 */
export type OrderMode = 'natural' | 'simple';

type Chunk = string | number;

function naturalChunks(s: string): Chunk[] {
  const out: Chunk[] = [];
  const re = /(\d+)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out.push(s.slice(last, m.index));
    out.push(Number(m[1]));
    last = m.index + m[1]!.length;
  }
  const tail = s.slice(last);
  if (tail || out.length === 0) out.push(tail);
  // natsort drops the empty leading string only when the value is empty; keep alternation str,num,str…
  return s === '' ? [] : out;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const HAS_DIGIT = /\d/;

export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  // the first difference, when both sides have a non-digit there, decides as code points:
  // every chunk before it is the same text, and it falls inside a text chunk on both sides
  // (pool names such as us-east-1 / us-west-2 need no chunking)
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i < n) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if ((x < 48 || x > 57) && (y < 48 || y > 57)) return x - y;
  }
  // no digits on either side: natural order is plain code-point order
  if (!HAS_DIGIT.test(a) && !HAS_DIGIT.test(b)) return compareCodePoints(a, b);
  return naturalChunkCompare(naturalChunks(a), naturalChunks(b), a, b);
}

function naturalChunkCompare(ca: Chunk[], cb: Chunk[], a: string, b: string): number {
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return compareCodePoints(String(x), String(y));
  }
  return ca.length - cb.length || compareCodePoints(a, b);
}

export function keyComparator(mode: OrderMode): (a: string, b: string) => number {
  return mode === 'natural' ? naturalCompare : compareCodePoints;
}

/**
 * Keys given one at a time, in document order: whether each sorts at or after the one
 * before (firstOutOfOrder's pairwise pass, for a mapping read entry by entry). A key is
 * chunked once, not once per comparison.
 */
export class AscendingKeys {
  private prev: string | undefined;
  /** the previous key's chunks, when it was chunked */
  private prevChunks: Chunk[] | undefined;
  constructor(private readonly mode: OrderMode) {}

  /** false when `key` sorts before the previous key */
  next(key: string): boolean {
    const prev = this.prev;
    const prevChunks = this.prevChunks;
    this.prev = key;
    this.prevChunks = undefined;
    if (prev === undefined) return true;
    if (this.mode !== 'natural' || (!HAS_DIGIT.test(prev) && !HAS_DIGIT.test(key))) return compareCodePoints(prev, key) <= 0;
    const cur = naturalChunks(key);
    this.prevChunks = cur;
    return naturalChunkCompare(prevChunks ?? naturalChunks(prev), cur, prev, key) <= 0;
  }
}

/** octoDNS's check: the first index where the keys differ from their sorted order. */
export function firstOutOfOrder(keys: string[], mode: OrderMode): { index: number; expected: string } | undefined {
  const cmp = keyComparator(mode);
  let ordered = true;
  if (mode === 'natural') {
    // digit-free neighbours (most keys: type, ttl, value…) compare by code point, as
    // naturalCompare does; others are chunked once rather than twice per comparison
    let prev: Chunk[] | undefined;
    for (let i = 1; i < keys.length && ordered; i++) {
      const a = keys[i - 1]!;
      const b = keys[i]!;
      if (!HAS_DIGIT.test(a) && !HAS_DIGIT.test(b)) {
        ordered = compareCodePoints(a, b) <= 0;
        prev = undefined;
        continue;
      }
      const pa = prev ?? naturalChunks(a);
      const cur = naturalChunks(b);
      ordered = naturalChunkCompare(pa, cur, a, b) <= 0;
      prev = cur;
    }
  } else {
    for (let i = 1; i < keys.length && ordered; i++) ordered = cmp(keys[i - 1]!, keys[i]!) <= 0;
  }
  if (ordered) return undefined;
  const sorted = [...keys].sort(cmp);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== sorted[i]) return { index: i, expected: sorted[i]! };
  }
  return undefined;
}
