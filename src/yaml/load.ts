/**
 * YAML loading for zone and config files, with what octoDNS's loader adds:
 * positions for every mapping and sequence (`file, line L, column C`), key-order
 * enforcement at every level, `!include`, and last-wins duplicate keys (reported
 * as warnings, since octoDNS silently accepts them).
 *
 * js-yaml's `listener` gives node open/close events; we keep a stack of frames to
 * recover each mapping's keys in document order and their offsets. Measured on a
 * 50k-record file this costs ~15% over a plain load (see bench).
 */
import { realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { homedir } from 'node:os';
import yaml from 'js-yaml';
import type { Position } from '../model/record.js';
import { guardListener, LimitAt, LoadBudget, type NodeListener } from './expansion-guard.js';
import { includeRootFor, LimitExceeded, loadPolicy, type LoadPolicy } from './limits.js';
import { readSource, SourceRefused } from './read-source.js';
import { collectYaml11, noteScalar, type Yaml11Difference } from './yaml11.js';
import { AscendingKeys, firstOutOfOrder, keyComparator, type OrderMode } from './natural-order.js';

export interface YamlIssue {
  /** `limit`: a resource limit (dnsctl.limits) or a source that is not a regular UTF-8 file */
  kind: 'order' | 'duplicate-key' | 'syntax' | 'include' | 'limit' | 'yaml11';
  message: string;
  position: Position;
}

export interface LoadOptions {
  enforceOrder?: boolean;
  orderMode?: OrderMode;
  /** track positions, key order and duplicate keys (default true); off: a plain, faster load */
  positions?: boolean;
  /**
   * record positions only for mappings/sequences at most this deep (the document's root
   * node is depth 0; default: all). Key order and duplicate keys are checked at every depth.
   */
  positionDepth?: number;
  /** limits and include root (default: the process's, set from the config's `dnsctl:` section) */
  policy?: LoadPolicy;
}

/**
 * Positions of the mappings/sequences produced by loads sharing this table. Plain
 * Maps (one per source file) rather than a WeakMap: a table lives only as long as its
 * loader, and ephemeron bookkeeping made a WeakMap the loader's most expensive part.
 * Offsets are stored raw and moved past blanks/comments only when asked for.
 */
export class PositionTable {
  private readonly byFile = new Map<SourceFile, Map<object, number>>();
  private lastFile: SourceFile | undefined;
  private lastMap: Map<object, number> | undefined;

  set(node: object, file: SourceFile, offset: number): void {
    let m = this.lastFile === file ? this.lastMap : this.byFile.get(file);
    if (!m) this.byFile.set(file, (m = new Map()));
    this.lastFile = file;
    this.lastMap = m;
    m.set(node, offset);
  }

  /** forgets `node` (so the table no longer keeps it alive). */
  delete(node: unknown): void {
    if (typeof node !== 'object' || node === null) return;
    for (const m of this.byFile.values()) m.delete(node);
  }

  get(node: unknown): Position | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    for (const [file, m] of this.byFile) {
      const offset = m.get(node);
      if (offset !== undefined) return file.position(file.skipBlank(offset));
    }
    return undefined;
  }
}

export class SourceFile {
  private lineStarts: number[] | undefined;
  private lastLine = 0;
  constructor(readonly path: string, readonly text: string) {}

  position(offset: number): Position {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const ls = this.lineStarts;
    // records are positioned in file order: try the lines just after the last answer first
    const hint = this.lastLine;
    if (ls[hint]! <= offset) {
      for (let line = hint, stop = Math.min(ls.length, hint + 64); line < stop; line++) {
        if (line + 1 === ls.length || ls[line + 1]! > offset) {
          this.lastLine = line;
          return { file: this.path, line: line + 1, column: offset - ls[line]! + 1 };
        }
      }
    }
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { file: this.path, line: lo + 1, column: offset - ls[lo]! + 1 };
  }

  /** first offset at/after `from` that is not blank, a comment, or a document marker. */
  skipBlank(from: number): number {
    const t = this.text;
    let i = from;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 35 /* # */) {
        const nl = t.indexOf('\n', i);
        if (nl === -1) return t.length;
        i = nl + 1;
      } else if (c === 45 /* - */ && t.startsWith('---', i) && (i === 0 || t.charCodeAt(i - 1) === 10)) i += 3;
      else return i;
    }
  }
}

/**
 * YAML 1.1 core types plus merge keys (`<<`), as octoDNS's loader has them; no timestamp
 * resolution (a bare `2024-01-01` stays a string — octoDNS would stringify the date it
 * makes anyway), which also spares a regex test of every plain scalar.
 */
const TYPES = (yaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float' | 'merge', yaml.Type> }).types;

/** A plain scalar that can be an int or a float starts with a digit, a sign or a dot. */
function startsLikeNumber(data: unknown): boolean {
  if (typeof data !== 'string' || data.length === 0) return false;
  const c = data.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

/**
 * `type` (int or float), asked only about scalars that start like a number: every key
 * and most values of a zone (type, ttl, value, hostnames) skip the integer scan and the
 * float regex. Same tag, same answers.
 */
function numberType(type: yaml.Type): yaml.Type {
  const tag = (type as unknown as { tag: string }).tag;
  const isInt = tag.endsWith(':int');
  return new yaml.Type(tag, {
    kind: 'scalar',
    resolve: (data: unknown) => startsLikeNumber(data) && type.resolve(data),
    construct: (data: unknown) => {
      const v: unknown = type.construct(data);
      // a JS number holds integers exactly only up to 2^53: a larger one would be rounded silently
      if (isInt && typeof v === 'number' && !Number.isSafeInteger(v)) throw new UnsafeInteger(String(data));
      if (typeof data === 'string') noteScalar(data, v);
      return v;
    },
  });
}

/** An integer literal beyond 2^53 (reported at the literal, by loadText). */
class UnsafeInteger extends yaml.YAMLException {
  constructor(readonly literal: string) {
    super(`integer ${literal} is beyond 2^53 and cannot be held exactly (it would become ${Number(literal.replace(/_/g, ''))}); quote it if it is text`);
  }
}

/**
 * Last of the implicit types, so it sees the plain scalars js-yaml keeps as strings: notes
 * those YAML 1.1 reads otherwise (`on`, `1:30`, `1_000`) and never matches.
 */
const YAML11_STRINGS = new yaml.Type('tag:dnsctl,yaml11-probe', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data === 'string') noteScalar(data, data);
    return false;
  },
});

/** The core schema (js-yaml's CORE_SCHEMA: null, bool, int, float) plus merge keys. */
export const BASE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({ implicit: [TYPES.null, TYPES.bool, numberType(TYPES.int), numberType(TYPES.float), TYPES.merge, YAML11_STRINGS] });

/**
 * Receives each top-level entry of a document as soon as its value is complete, while
 * the parse goes on: the value's nodes then die young instead of living (and being
 * copied by the garbage collector) until the whole tree is built. What `entry` returns
 * replaces the value in the loaded tree, so a caller keeps only what it built.
 *
 * Only values composed as a child of the root are streamed, and a replacement takes
 * effect only for a value with content (an empty `name:` stays null). The value of a
 * merge key (`<<`) is never streamed: the parser merges it. Entries the parser makes any
 * other way (by a merge, from an explicit `? key` without value) stay in the tree as they
 * are: a caller handles every tree value that is not its own replacement, in the tree's
 * order, and so gets exactly the plain loader's result.
 */
export interface EntrySink {
  /**
   * `valueOffset`: raw offset of the value (as positions have it); `itemOffsets`: of
   * each item when the value is a sequence and the loader tracks positions.
   */
  entry(key: unknown, value: unknown, file: SourceFile, valueOffset: number, itemOffsets: number[] | undefined): unknown;
  /** the loader starts the text over (the entries given so far are to be forgotten) */
  restart(): void;
}

export interface LoadedYaml {
  data: unknown;
  issues: YamlIssue[];
  /**
   * false when no node can sit at two places of the tree: the text defines no anchor
   * (no `&` at all) and includes nothing. Only then may a caller forget a node's
   * position once it has used it.
   */
  shared?: boolean;
  /** the sink was given each root entry (see EntrySink) */
  streamed?: boolean;
  /**
   * every root entry went through the sink, each key once (a light load: no duplicate
   * key, no merge key): the tree holds the sink's replacements and nothing else
   */
  exact?: boolean;
  /** nodes plus scalar characters the data stands for, aliases expanded (when the text could alias or include) */
  expandedSize?: number;
}

/** A root-level explicit key, or a flow mapping as the document's root. */
const STREAM_UNSAFE = /^\?(?:[ \t]|$)|^(?:---[ \t]*)?\{/m;

export class YamlLoader {
  readonly positions = new PositionTable();
  private readonly enforceOrder: boolean;
  private readonly orderMode: OrderMode;
  private readonly track: boolean;
  private readonly positionDepth: number;
  private readonly policy: LoadPolicy | undefined;
  /** the current top-level load's budget and include root (a load and its includes share them) */
  private budget: LoadBudget | undefined;
  private root = '';
  private realRoot = '';

  constructor(opts: LoadOptions = {}) {
    this.enforceOrder = opts.enforceOrder ?? true;
    this.orderMode = opts.orderMode ?? 'natural';
    this.track = opts.positions ?? true;
    this.positionDepth = opts.positionDepth ?? Infinity;
    this.policy = opts.policy;
  }

  /**
   * Reads and loads a file. A file that is not a regular UTF-8 file within the size limit
   * is an issue at its start (kind `limit`), never read further; a missing one throws.
   */
  loadFile(path: string, issues: YamlIssue[] = [], includeChain: string[] = [], sink?: EntrySink): LoadedYaml {
    const policy = this.policy ?? loadPolicy();
    let text: string;
    try {
      text = readSource(path, path, policy.limits.fileBytes);
    } catch (e) {
      if (!(e instanceof SourceRefused) && !(e instanceof LimitExceeded)) throw e;
      const at = e instanceof SourceRefused ? e.at : undefined;
      issues.push({ kind: 'limit', message: e.message, position: { file: path, line: at?.line ?? 1, column: at?.column ?? 1 } });
      return { data: undefined, issues };
    }
    return this.loadText(text, path, issues, includeChain, sink);
  }

  loadText(text: string, path: string, issues: YamlIssue[] = [], includeChain: string[] = [], sink?: EntrySink): LoadedYaml {
    if (includeChain.length === 0 || !this.budget) {
      const policy = this.policy ?? loadPolicy();
      this.budget = new LoadBudget(policy.limits);
      this.root = includeRootFor(policy, path);
      try {
        this.realRoot = realpathSync(this.root);
      } catch {
        this.realRoot = this.root;
      }
    }
    const budget = this.budget;
    const file = new SourceFile(path, text);
    const positions = this.positions;
    const enforce = this.enforceOrder;
    const mode = this.orderMode;
    // js-yaml 4 constructs every explicitly tagged scalar twice: read each target once per
    // file, or the included file's issues are reported twice
    const included = new Map<string, unknown>();
    // expanded size of what each include gave (for the expansion budget)
    const includeSizes = new Map<unknown, number>();
    const includeType = new yaml.Type('!include', {
      kind: 'scalar',
      resolve: (d: unknown) => typeof d === 'string',
      construct: (d: string) => {
        if (included.has(d)) return included.get(d);
        const { data: v, size } = this.include(d, path, issues, includeChain, budget);
        if (typeof v === 'object' && v !== null) includeSizes.set(v, size);
        included.set(d, v);
        return v;
      },
    });
    const schema = BASE_SCHEMA.extend([includeType]);
    const maxDepth = this.positionDepth;
    // a node aliased elsewhere must keep its position (a shared text positions as before)
    const shared = text.includes('&') || text.includes('!include');
    // a root entry whose value the parser never composes (an explicit `? k` alone, a flow
    // mapping's `{a, b}`) would make the key/value pairing below slip: such texts are not streamed
    const stream = sink !== undefined && !STREAM_UNSAFE.test(text);
    // per open node: its raw start offset and where its children start in `kids`, a flat
    // stack of [offset, value, offset, value, …] shared by all nodes (no array per node).
    // The root's children are [keyOffset, key, valueOffset, value, …]: a node opening at
    // depth 1 when that count is 2 mod 4 is a value.
    const offsets: number[] = [];
    const starts: number[] = [];
    const kids: unknown[] = [];
    const listener = (event: 'open' | 'close', state: { position: number; kind: string | null; result: unknown }) => {
      if (event === 'open') {
        offsets.push(state.position);
        starts.push(kids.length);
        return;
      }
      const offset = offsets.pop();
      if (offset === undefined) return;
      const start = starts.pop()!;
      let result = state.result;
      const depth = offsets.length;
      // a merge key's value is the parser's to merge: never replaced
      const streamed = stream && depth === 1 && (start & 3) === 2 && kids[start - 1] !== '<<';
      if (typeof result === 'object' && result !== null && (state.kind === 'mapping' || state.kind === 'sequence')) {
        if (depth <= maxDepth && (shared || !stream || depth > 2)) positions.set(result, file, offset);
        if (state.kind === 'mapping' && kids.length - start > 4) checkMapping(kids, start, file, enforce, mode, issues);
      }
      if (streamed) {
        let items: number[] | undefined;
        if (Array.isArray(result) && kids.length > start) {
          items = [];
          for (let i = start; i < kids.length; i += 2) items.push(kids[i] as number);
        }
        result = state.result = sink.entry(kids[start - 1], result, file, offset, items);
      }
      kids.length = start;
      if (depth > 0) kids.push(offset, result);
    };
    // the light listener: only the root's entries are followed, for the sink (positions
    // off; or positions of entries and their items only, with key order and duplicate keys
    // checked on the values themselves: see `light` below)
    let depth = 0;
    let entryOffset = 0;
    let closes = 0;
    let key: unknown;
    const rootOrder = new AscendingKeys(mode);
    const items: number[] = [];
    const cmp = keyComparator(mode);
    // the light load checks scalar lengths itself (no wrapping listener on the fast path); a
    // scalar over the limit sends the text to the full load, whose guard positions it
    const maxScalar = budget.limits.scalarBytes;
    const quickScalars = text.length > maxScalar;
    const lightListener = (event: 'open' | 'close', state: { position: number; kind: string | null; result: unknown }) => {
      if (event === 'open') {
        if (++depth === 2) {
          entryOffset = state.position;
          items.length = 0;
        } else if (depth === 3) items.push(state.position);
        return;
      }
      if (quickScalars && typeof state.result === 'string' && state.result.length > maxScalar && state.kind === 'scalar') throw LIGHT_ABORT;
      if (--depth !== 1) return;
      if ((closes++ & 1) === 0) {
        key = state.result;
        return;
      }
      if (key === '<<') return;
      const value = state.result;
      if (light && enforce) {
        const k = typeof key === 'object' && key !== null ? undefined : String(key);
        if (k === undefined || !rootOrder.next(k) || !orderedTree(value, cmp)) throw LIGHT_ABORT;
      }
      state.result = sink!.entry(key, value, file, entryOffset, light && Array.isArray(value) ? items.slice() : undefined);
    };
    // Light mode, for a positioned load with a sink: js-yaml reports a duplicate key by
    // failing (json: false), key order is checked on each entry's value as it completes,
    // and positions are those of entries and their items. It gives up (and the file is
    // loaded again the full way, the sink told to restart) at the first duplicate key or
    // order problem, so the full way reports them all; texts where a value's keys may not
    // be its written keys (merge keys, aliases, integer-like keys) or that include files
    // are loaded the full way from the start.
    const light = this.track && stream && !text.includes('<<') && !shared;
    // the limits' checks, around whichever listener the load uses (none when the text needs none)
    let rootSize = 0;
    const guarded = (inner: NodeListener | undefined) =>
      guardListener(inner, budget, text.length, shared, includeSizes, (n) => (rootSize = n)) as unknown as yaml.LoadOptions['listener'];
    // a load, with the scalars YAML 1.1 reads otherwise reported (warnings) where they are written
    const load = (o: yaml.LoadOptions): unknown => {
      const { result, differences } = collectYaml11(() => yaml.load(text, o));
      if (differences.length) yaml11Issues(differences, file, issues);
      return result;
    };
    let data: unknown;
    try {
      if (light) {
        try {
          data = load({ filename: path, schema, json: false, listener: lightListener as unknown as yaml.LoadOptions['listener'] });
          return { data, issues, shared: false, streamed: true, exact: true };
        } catch (e) {
          if (e !== LIGHT_ABORT && !(e instanceof yaml.YAMLException && e.reason === 'duplicated mapping key')) throw e;
          sink!.restart();
        }
      }
      const options: yaml.LoadOptions = { filename: path, schema, json: true };
      const inner = this.track ? listener : stream ? lightListener : undefined;
      const l = guarded(inner as unknown as NodeListener | undefined);
      if (l) options.listener = l;
      data = load(options);
    } catch (e) {
      if (e instanceof LimitAt) {
        issues.push({ kind: 'limit', message: e.message, position: file.position(file.skipBlank(e.offset)) });
        return { data: undefined, issues };
      }
      if (e instanceof UnsafeInteger) {
        issues.push({ kind: 'syntax', message: e.reason, position: file.position(tokenOffset(text, e.literal)) });
        return { data: undefined, issues };
      }
      if (e instanceof IncludeFailure) {
        issues.push({ kind: 'include', message: e.reason, position: file.position(includeOffset(text, e.target)) });
        return { data: undefined, issues };
      }
      if (e instanceof yaml.YAMLException) {
        const m = e.mark;
        issues.push({
          kind: 'syntax',
          message: e.reason || e.message,
          position: { file: path, line: (m?.line ?? 0) + 1, column: (m?.column ?? 0) + 1 },
        });
        return { data: undefined, issues };
      }
      throw e;
    }
    return { data, issues, shared: text.includes('&') || included.size > 0, streamed: stream, expandedSize: rootSize || undefined };
  }

  /**
   * Follows one `!include`: only to a regular file inside the include root (after
   * symlinks), within the include count and depth limits. Refusals name the target as
   * written and never quote the file.
   */
  private include(target: string, from: string, issues: YamlIssue[], chain: string[], budget: LoadBudget): { data: unknown; size: number } {
    const limits = budget.limits;
    if (++budget.includes > limits.includes) {
      throw new IncludeFailure(target, `!include ${target}: ${new LimitExceeded('includes', limits.includes, 'over the include count limit').message}`);
    }
    if (chain.length + 1 > limits.includeDepth) {
      throw new IncludeFailure(target, `!include ${target}: ${new LimitExceeded('includeDepth', limits.includeDepth, `nested ${chain.length + 1} files deep, over the include depth limit`).message}`);
    }
    const expanded = target.startsWith('~') ? homedir() + target.slice(1) : target;
    const path = resolve(dirname(from), expanded);
    const outside = `!include ${target}: outside the repository (${this.root}); an include must be a file inside it (dnsctl.include_root)`;
    if (!within(this.root, path)) throw new IncludeFailure(target, outside);
    let real: string;
    try {
      real = realpathSync(path);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read';
      throw new IncludeFailure(target, `!include ${target}: ${why} ${path}`);
    }
    if (!within(this.realRoot, real)) throw new IncludeFailure(target, `!include ${target}: a symlink to outside the repository (${this.root}); an include must be a file inside it`);
    if (chain.includes(real) || real === from || path === from) throw new IncludeFailure(target, `!include loop: ${[...chain, from, path].join(' -> ')}`);
    let text: string;
    try {
      text = readSource(real, `!include ${target}`, limits.fileBytes);
    } catch (e) {
      if (e instanceof SourceRefused || e instanceof LimitExceeded) throw new IncludeFailure(target, e.message);
      throw new IncludeFailure(target, `!include ${target}: cannot read`);
    }
    const loaded = this.loadText(text, real, issues, [...chain, from]);
    const data = loaded.data ?? null;
    return { data, size: loaded.expandedSize ?? (typeof data === 'string' ? data.length + 1 : 1) };
  }
}

/** `path` is `root` or below it. */
function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** An `!include` that cannot be followed: reported at the tag that names `target`. */
class IncludeFailure extends yaml.YAMLException {
  constructor(readonly target: string, message: string) {
    super(message);
  }
}

/**
 * Offset of the `!include` tag naming `target` (plain or quoted); its first such tag, as
 * the same target is read once per file. 0 when not found (a tag written another way).
 */
export function includeOffset(text: string, target: string): number {
  for (let at = text.indexOf('!include'); at !== -1; at = text.indexOf('!include', at + 8)) {
    let i = at + 8;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const q = text[i];
    const quoted = q === "'" || q === '"';
    const start = quoted ? i + 1 : i;
    if (text.startsWith(target, start)) {
      const after = text[start + target.length];
      if (quoted ? after === q : after === undefined || /[\s,\]}#]/.test(after)) return at;
    }
  }
  return 0;
}

/** Issues for the scalars YAML 1.1 reads otherwise, positioned in document order. */
function yaml11Issues(differences: Yaml11Difference[], file: SourceFile, issues: YamlIssue[]): void {
  let from = 0;
  for (const d of differences) {
    const at = tokenOffset(file.text, d.data, from);
    from = at + d.data.length;
    issues.push({
      kind: 'yaml11',
      message: `plain scalar ${d.data} is read by octoDNS (YAML 1.1) as ${d.octodns}, by dnsctl (YAML 1.2) as ${d.dnsctl}; quote it (or write the value you mean) to silence this`,
      position: file.position(at),
    });
  }
}

/** Offset of `token` written as a plain scalar (not inside a longer word), from `from`; 0 when not found. */
function tokenOffset(text: string, token: string, from = 0): number {
  for (let at = text.indexOf(token, from); at !== -1; at = text.indexOf(token, at + 1)) {
    const before = text[at - 1];
    const after = text[at + token.length];
    if ((before === undefined || /[\s:,[{-]/.test(before)) && (after === undefined || /[\s,\]}#]/.test(after))) return at;
  }
  return 0;
}

/** Thrown from the light listener to give up on a light load (see `light` in loadText). */
const LIGHT_ABORT = new Error('light load abandoned');

const INTEGER_LIKE = /^(?:0|[1-9][0-9]*)$/;

/**
 * Every mapping in `v` has its keys in order, and none integer-like (a JS object lists
 * those first, whatever the written order: then only the full load can tell).
 */
function orderedTree(v: unknown, cmp: (a: string, b: string) => number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (!orderedTree(x, cmp)) return false;
    return true;
  }
  let prev: string | undefined;
  for (const k in v) {
    if (INTEGER_LIKE.test(k)) return false;
    if (prev !== undefined && cmp(prev, k) > 0) return false;
    prev = k;
    if (!orderedTree((v as Record<string, unknown>)[k], cmp)) return false;
  }
  return true;
}

/** `children[start..]`: [keyOffset, key, valueOffset, value, …] as the listener collected them (raw offsets). */
function checkMapping(children: unknown[], start: number, file: SourceFile, enforce: boolean, mode: OrderMode, issues: YamlIssue[]): void {
  if (children.length - start <= 4) return;
  const keys: string[] = [];
  for (let i = start + 1; i < children.length; i += 4) {
    const k = children[i];
    keys.push(k === null || k === undefined ? '' : String(k));
  }
  const keyPosition = (i: number) => file.position(file.skipBlank(children[start + i * 4] as number));
  // small mappings (every record) need no Set to spot a repeated key
  const seen = keys.length > 8 ? new Set<string>() : undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (seen ? seen.has(k) : keys.indexOf(k) < i) {
      issues.push({
        kind: 'duplicate-key',
        message: `duplicate key "${k}": the last one wins (octoDNS does the same, silently)`,
        position: keyPosition(i),
      });
    }
    seen?.add(k);
  }
  if (enforce) {
    const bad = firstOutOfOrder(keys, mode);
    if (bad) {
      issues.push({
        kind: 'order',
        message: `keys out of order: expected ${bad.expected} got ${keys[bad.index]}`,
        position: keyPosition(bad.index),
      });
    }
  }
}
