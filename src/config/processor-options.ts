/**
 * The octoDNS processor classes dnsctl runs, and their options read into typed specs.
 * Semantics are octoDNS's (octodns/processor/filter.py, restrict.py, clamp.py as of 1.14+);
 * src/plan/processors.ts runs them. Any other class is kept as `unsupported`: a zone using
 * one is refused by plan and apply (src/api/plan.ts).
 *
 * octoDNS builds every configured processor when its Manager starts, and an option its
 * class does not take is `Incorrect processor config for <name>, <context>`; dnsctl checks
 * the supported classes' options at config load likewise. Where octoDNS would accept an
 * option value of the wrong shape (Python does not check types: `allowlist: A` would be the
 * set of that string's characters), dnsctl refuses it rather than guess.
 */
import { resolveSecrets } from './secrets.js';
import { DnsctlError } from '../model/findings.js';

type Options = Record<string, unknown>;

interface Base {
  /** the processor's id in the config */
  name: string;
  className: string;
}

/** Type/Name allow- and reject-list filters. */
export interface ListFilterSpec extends Base {
  kind: 'filter';
  on: 'type' | 'name';
  /** allow: keep only matching records; reject: drop matching records */
  mode: 'allow' | 'reject';
  /** exact strings (record types, or relative record names) */
  exact: string[];
  /** `/regex/` name patterns, as the source text between the slashes (searched, not anchored) */
  patterns: string[];
  /** also filter the existing (live) records, so filtered records are neither created nor deleted */
  includeTarget: boolean;
}

export interface IgnoreRootNsSpec extends Base {
  kind: 'ignore-root-ns';
}

export interface ExcludeRootNsChangesSpec extends Base {
  kind: 'exclude-root-ns-changes';
  /** true: a root NS change is an error; false: the change is dropped from the plan with a warning */
  error: boolean;
}

export interface ZoneNameSpec extends Base {
  kind: 'zone-name';
  error: boolean;
  includeTarget: boolean;
}

export interface TtlRestrictionSpec extends Base {
  kind: 'ttl-restriction';
  minTtl: number;
  maxTtl: number;
  /** when set (non-empty), min and max are not checked */
  allowedTtls?: number[];
}

export interface TtlClampSpec extends Base {
  kind: 'ttl-clamp';
  minTtl: number;
  maxTtl: number;
}

export interface UnsupportedSpec extends Base {
  kind: 'unsupported';
}

export type ProcessorSpec = ListFilterSpec | IgnoreRootNsSpec | ExcludeRootNsChangesSpec | ZoneNameSpec | TtlRestrictionSpec | TtlClampSpec | UnsupportedSpec;

const FILTER = 'octodns.processor.filter.';

/** The classes dnsctl runs, with the options each class's constructor takes. */
const SUPPORTED: Record<string, readonly string[]> = {
  [`${FILTER}TypeAllowlistFilter`]: ['allowlist', 'include_target'],
  [`${FILTER}TypeRejectlistFilter`]: ['rejectlist', 'include_target'],
  // include_target reaches the Name filters since octoDNS PR #1274 (before it, a TypeError)
  [`${FILTER}NameAllowlistFilter`]: ['allowlist', 'include_target'],
  [`${FILTER}NameRejectlistFilter`]: ['rejectlist', 'include_target'],
  [`${FILTER}IgnoreRootNsFilter`]: [],
  [`${FILTER}ExcludeRootNsChanges`]: ['error'],
  [`${FILTER}ZoneNameFilter`]: ['error', 'include_target'],
  'octodns.processor.restrict.TtlRestrictionFilter': ['min_ttl', 'max_ttl', 'allowed_ttls'],
  // octoDNS 1.14 (PR #1318); the module is clamp, not restrict
  'octodns.processor.clamp.TtlClampProcessor': ['min_ttl', 'max_ttl'],
};

export function isSupportedProcessorClass(className: string): boolean {
  return className in SUPPORTED;
}

class OptionError extends Error {}

function bool(o: Options, key: string, dflt: boolean): boolean {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new OptionError(`${key} must be true or false`);
  return v;
}

function int(o: Options, key: string, dflt: number): number {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new OptionError(`${key} must be a whole number of seconds`);
  return v;
}

function strings(o: Options, key: string): string[] {
  const v = o[key];
  if (v === undefined) throw new OptionError(`${key} is required`);
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new OptionError(`${key} must be a list of strings`);
  return v as string[];
}

/**
 * `/regex/` patterns: octoDNS takes `pattern[1:-1]` of anything starting with `/` and
 * searches the name with Python's `re`. A pattern without the closing slash would lose its
 * last character there; dnsctl refuses it instead. A Python-only construct (`(?P<n>…)`,
 * inline flags) is refused when JavaScript cannot compile it.
 */
function splitPatterns(list: string[]): { exact: string[]; patterns: string[] } {
  const exact: string[] = [];
  const patterns: string[] = [];
  for (const p of list) {
    if (!p.startsWith('/')) {
      exact.push(p);
      continue;
    }
    if (p.length < 2 || !p.endsWith('/')) throw new OptionError(`pattern ${p} starts with / but does not end with /; write /regex/`);
    const source = p.slice(1, -1);
    try {
      new RegExp(source);
    } catch (e) {
      throw new OptionError(`pattern ${p} is not a regular expression dnsctl can run: ${(e as Error).message}`);
    }
    patterns.push(source);
  }
  return { exact, patterns };
}

function listFilter(base: Base, o: Options): ListFilterSpec {
  const short = base.className.slice(FILTER.length);
  const on = short.startsWith('Type') ? 'type' : 'name';
  const mode = short.includes('Allowlist') ? 'allow' : 'reject';
  const list = strings(o, mode === 'allow' ? 'allowlist' : 'rejectlist');
  const { exact, patterns } = on === 'name' ? splitPatterns(list) : { exact: list, patterns: [] };
  return { ...base, kind: 'filter', on, mode, exact, patterns, includeTarget: bool(o, 'include_target', true) };
}

function specOf(base: Base, o: Options): ProcessorSpec {
  switch (base.className) {
    case `${FILTER}IgnoreRootNsFilter`:
      return { ...base, kind: 'ignore-root-ns' };
    case `${FILTER}ExcludeRootNsChanges`:
      return { ...base, kind: 'exclude-root-ns-changes', error: bool(o, 'error', true) };
    case `${FILTER}ZoneNameFilter`:
      return { ...base, kind: 'zone-name', error: bool(o, 'error', true), includeTarget: bool(o, 'include_target', true) };
    case 'octodns.processor.restrict.TtlRestrictionFilter': {
      const spec: TtlRestrictionSpec = { ...base, kind: 'ttl-restriction', minTtl: int(o, 'min_ttl', 1), maxTtl: int(o, 'max_ttl', 604800) };
      const allowed = o['allowed_ttls'];
      if (allowed !== undefined && allowed !== null) {
        if (!Array.isArray(allowed) || !allowed.every((t) => typeof t === 'number' && Number.isInteger(t))) throw new OptionError('allowed_ttls must be a list of whole numbers');
        // octoDNS: `set(allowed_ttls) if allowed_ttls else None` — an empty list is "not set"
        if (allowed.length) spec.allowedTtls = [...new Set(allowed as number[])].sort((a, b) => a - b);
      }
      return spec;
    }
    case 'octodns.processor.clamp.TtlClampProcessor': {
      const minTtl = int(o, 'min_ttl', 300);
      const maxTtl = int(o, 'max_ttl', 86400);
      // octoDNS's TTLArgumentException text (raised when the Manager builds the processor)
      if (!(minTtl <= maxTtl)) throw new DnsctlError(`Min TTL ${minTtl} is not lower than max TTL ${maxTtl}`);
      return { ...base, kind: 'ttl-clamp', minTtl, maxTtl };
    }
    default:
      return listFilter(base, o);
  }
}

/**
 * One `processors:` entry as dnsctl will treat it. `where` is the entry's position, for
 * messages. Options of a class dnsctl does not run are not looked at.
 */
export function readProcessorSpec(name: string, className: string, options: Options, where: string): ProcessorSpec {
  const base: Base = { name, className };
  const known = SUPPORTED[className];
  if (!known) return { ...base, kind: 'unsupported' };
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  const incorrect = (detail: string) => new DnsctlError(`Incorrect processor config for ${name}, ${where}: ${detail}`);
  if (unknown.length) throw incorrect(`${className} takes no option ${unknown.join(', ')} (it takes: ${known.join(', ') || 'none'})`);
  try {
    return specOf(base, resolveSecrets(options, where) as Options);
  } catch (e) {
    if (e instanceof OptionError) throw incorrect(e.message);
    throw e;
  }
}

/**
 * The processors of a zone dnsctl does not run, by name, in the zone's order: a class it
 * does not implement, or a name with no `processors:` entry (`manager.include_meta`'s meta,
 * `manager.auto_arpa`).
 */
export function unsupportedProcessors(zone: { processors: readonly string[] }, specs: ReadonlyMap<string, ProcessorSpec> | undefined): string[] {
  return zone.processors.filter((n) => {
    const s = specs?.get(n);
    return !s || s.kind === 'unsupported';
  });
}
