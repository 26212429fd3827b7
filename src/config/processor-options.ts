/**
 * The octoDNS processor classes dnsctl runs, and their options read into typed specs.
 * Semantics are octoDNS's (octodns/processor/filter.py, restrict.py, clamp.py, ownership.py,
 * meta.py as of 1.14+);
 * src/plan/processors.ts runs them. Any other class is kept as `unsupported`: a zone using
 * one is refused by plan and apply (src/api/plan.ts).
 *
 * octoDNS builds every configured processor when its Manager starts, and an option its
 * class does not take is `Incorrect processor config for <name>, <context>`; dnsctl checks
 * the supported classes' options at config load likewise. Where octoDNS would accept an
 * option value of the wrong shape (Python does not check types: `allowlist: A` would be the
 * set of that string's characters), dnsctl refuses it rather than guess.
 */
import { randomUUID } from 'node:crypto';
import { resolveSecrets } from './secrets.js';
import { DnsctlError } from '../model/findings.js';
import { parseSubnet, type Subnet } from '../validate/dynamic-rules.js';
import { DNSCTL_VERSION } from '../version.js';

type Options = Record<string, unknown>;

interface Base {
  /** the processor's id in the config */
  name: string;
  className: string;
}

/** Type/Name/Value allow- and reject-list filters. */
export interface ListFilterSpec extends Base {
  kind: 'filter';
  /** value: any of the record's values, as octoDNS's `rdata_text` (a TXT value quoted: `"v=1"`) */
  on: 'type' | 'name' | 'value';
  /** allow: keep only matching records; reject: drop matching records */
  mode: 'allow' | 'reject';
  /** exact strings (record types, relative record names, or values' rdata text) */
  exact: string[];
  /** `/regex/` name or value patterns, as the source text between the slashes (searched, not anchored) */
  patterns: string[];
  /** also filter the existing (live) records, so filtered records are neither created nor deleted */
  includeTarget: boolean;
}

/**
 * NetworkValueAllowlistFilter / NetworkValueRejectlistFilter: A and AAAA records by whether
 * any value lies in one of the CIDRs; other types are left as they are. octoDNS's class
 * takes no `include_target`: it always filters the live records too.
 */
export interface NetworkFilterSpec extends Base {
  kind: 'network-filter';
  mode: 'allow' | 'reject';
  networks: Subnet[];
}

/** OwnershipProcessor: `_owner.<type>.<name>` TXT markers; plans touch only owned records. */
export interface OwnershipSpec extends Base {
  kind: 'ownership';
  txtName: string;
  txtValue: string;
  txtTtl: number;
  /** a desired record already at a marker's name and type is replaced (else: octoDNS's duplicate record error) */
  shouldReplace: boolean;
  /** a live marker with another value is overwritten (else: refused) */
  allowTakeover: boolean;
}

/**
 * MetaProcessor (and `manager.include_meta`): one TXT record of `key=value` values, added
 * per target. `time` and `uuid` are fixed when the config is loaded, as octoDNS fixes them
 * when its Manager builds the processor: one value per run.
 */
export interface MetaSpec extends Base {
  kind: 'meta';
  recordName: string;
  ttl: number;
  time?: string;
  uuid?: string;
  /** `octodns-version=<v>`: dnsctl writes its own version (`dnsctl-<version>`) */
  version?: string;
  includeProvider: boolean;
  /** `include_extra` as `key=value` strings, in the mapping's order */
  extra: string[];
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

export type ProcessorSpec = ListFilterSpec | NetworkFilterSpec | OwnershipSpec | MetaSpec | IgnoreRootNsSpec | ExcludeRootNsChangesSpec | ZoneNameSpec | TtlRestrictionSpec | TtlClampSpec | UnsupportedSpec;

const FILTER = 'octodns.processor.filter.';
const OWNERSHIP = 'octodns.processor.ownership.OwnershipProcessor';
export const META_CLASS = 'octodns.processor.meta.MetaProcessor';
const META = META_CLASS;

/** The classes dnsctl runs, with the options each class's constructor takes. */
const SUPPORTED: Record<string, readonly string[]> = {
  [`${FILTER}TypeAllowlistFilter`]: ['allowlist', 'include_target'],
  [`${FILTER}TypeRejectlistFilter`]: ['rejectlist', 'include_target'],
  // include_target reaches the Name filters since octoDNS PR #1274 (before it, a TypeError)
  [`${FILTER}NameAllowlistFilter`]: ['allowlist', 'include_target'],
  [`${FILTER}NameRejectlistFilter`]: ['rejectlist', 'include_target'],
  [`${FILTER}ValueAllowlistFilter`]: ['allowlist', 'include_target'],
  [`${FILTER}ValueRejectlistFilter`]: ['rejectlist', 'include_target'],
  // _NetworkValueBaseFilter takes only the list (no include_target, no **kwargs)
  [`${FILTER}NetworkValueAllowlistFilter`]: ['allowlist'],
  [`${FILTER}NetworkValueRejectlistFilter`]: ['rejectlist'],
  [OWNERSHIP]: ['txt_name', 'txt_value', 'txt_ttl', 'should_replace', 'allow_takeover'],
  [META]: ['record_name', 'include_time', 'include_uuid', 'include_version', 'include_provider', 'include_extra', 'ttl'],
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

function str(o: Options, key: string, dflt: string): string {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || v === '') throw new OptionError(`${key} must be a non-empty string`);
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
  const on = short.startsWith('Type') ? 'type' : short.startsWith('Name') ? 'name' : 'value';
  const mode = short.includes('Allowlist') ? 'allow' : 'reject';
  const list = strings(o, mode === 'allow' ? 'allowlist' : 'rejectlist');
  const { exact, patterns } = on === 'type' ? { exact: list, patterns: [] } : splitPatterns(list);
  return { ...base, kind: 'filter', on, mode, exact, patterns, includeTarget: bool(o, 'include_target', true) };
}

/** octoDNS parses each entry with Python's strict `ip_network` (host bits must be zero). */
function networkFilter(base: Base, o: Options): NetworkFilterSpec {
  const mode = base.className.includes('Allowlist') ? 'allow' : 'reject';
  const networks = strings(o, mode === 'allow' ? 'allowlist' : 'rejectlist').map((v) => {
    const n = parseSubnet(v);
    // octoDNS's ValueError text, raised when its Manager builds the processor
    if (!n) throw new DnsctlError(`${v} is not a valid CIDR to use`);
    return n;
  });
  return { ...base, kind: 'network-filter', mode, networks };
}

function ownership(base: Base, o: Options): OwnershipSpec {
  return {
    ...base,
    kind: 'ownership',
    txtName: str(o, 'txt_name', '_owner'),
    txtValue: str(o, 'txt_value', '*octodns*'),
    txtTtl: int(o, 'txt_ttl', 60),
    shouldReplace: bool(o, 'should_replace', false),
    allowTakeover: bool(o, 'allow_takeover', false),
  };
}

/** Python's f'{key}={val}' for the scalar values dnsctl accepts in include_extra. */
function extraValues(o: Options): string[] {
  const v = o['include_extra'];
  if (v === undefined || v === null) return [];
  if (typeof v !== 'object' || Array.isArray(v)) throw new OptionError('include_extra must be a mapping of key: value');
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => {
    if (typeof x === 'string' || (typeof x === 'number' && Number.isInteger(x))) return `${k}=${x}`;
    if (typeof x === 'boolean') return `${k}=${x ? 'True' : 'False'}`;
    throw new OptionError(`include_extra.${k} must be a string or a whole number`);
  });
}

/** The name dnsctl gives `manager.include_meta`'s processor in a zone's processor list and in plans. */
export const INCLUDE_META = 'meta (manager.include_meta)';

/** The MetaProcessor of `manager.include_meta` (octoDNS's Manager builds it with these arguments). */
export function includeMetaSpec(name: string): MetaSpec {
  return metaSpec({ name, className: META }, { record_name: 'octodns-meta', include_time: false, include_provider: true });
}

function metaSpec(base: Base, o: Options): MetaSpec {
  const spec: MetaSpec = {
    ...base,
    kind: 'meta',
    recordName: str(o, 'record_name', 'meta'),
    ttl: int(o, 'ttl', 60),
    includeProvider: bool(o, 'include_provider', false),
    extra: extraValues(o),
  };
  // octoDNS: datetime.now(UTC).isoformat() — microseconds and a +00:00 offset
  if (bool(o, 'include_time', true)) spec.time = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
  if (bool(o, 'include_uuid', false)) spec.uuid = randomUUID();
  if (bool(o, 'include_version', false)) spec.version = `dnsctl-${DNSCTL_VERSION}`;
  return spec;
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
    case OWNERSHIP:
      return ownership(base, o);
    case META:
      return metaSpec(base, o);
    case `${FILTER}NetworkValueAllowlistFilter`:
    case `${FILTER}NetworkValueRejectlistFilter`:
      return networkFilter(base, o);
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
 * does not implement, or a name with no `processors:` entry (`manager.auto_arpa`).
 */
export function unsupportedProcessors(zone: { processors: readonly string[] }, specs: ReadonlyMap<string, ProcessorSpec> | undefined): string[] {
  return zone.processors.filter((n) => {
    const s = specs?.get(n);
    return !s || s.kind === 'unsupported';
  });
}
