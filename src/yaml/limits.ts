/**
 * The resource limits every YAML load (config and zone files, and what they `!include`)
 * runs under, and the include root. Configurable in the config's `dnsctl.limits` and
 * `dnsctl.include_root`; the config file itself is read under the defaults (its limits are
 * known only once it is read). Defaults are generous for real repositories (a 50k-record
 * zone is 6 MB) and small enough that a hostile file is refused in well under 5 s and
 * 512 MB.
 */
import { dirname, resolve } from 'node:path';

export interface YamlLimits {
  /** size of one file (a zone, a config, an included file), bytes */
  fileBytes: number;
  /** length of one scalar, characters */
  scalarBytes: number;
  /** alias uses (`*name`) in one top-level load, includes counted */
  aliases: number;
  /**
   * nodes plus scalar characters that aliases and repeated `!include`s of one top-level
   * load stand for, beyond the text itself
   */
  aliasExpansion: number;
  /** `!include` tags resolved in one top-level load (repeats included) */
  includes: number;
  /** longest chain of files including each other */
  includeDepth: number;
}

/** The config key of each limit (`dnsctl.limits.<key>`). */
export const LIMIT_KEYS: Record<keyof YamlLimits, string> = {
  fileBytes: 'file_bytes',
  scalarBytes: 'scalar_bytes',
  aliases: 'aliases',
  aliasExpansion: 'alias_expansion',
  includes: 'includes',
  includeDepth: 'include_depth',
};

export const DEFAULT_LIMITS: Readonly<YamlLimits> = Object.freeze({
  // 2.6x the 50k-record zone of the validate bench
  fileBytes: 16 * 1024 * 1024,
  // a DNS record's data is at most 65,535 bytes on the wire
  scalarBytes: 65_536,
  aliases: 10_000,
  aliasExpansion: 1_000_000,
  includes: 1_000,
  includeDepth: 8,
});

export interface LoadPolicy {
  limits: YamlLimits;
  /** `!include` resolves only to regular files under this directory (undefined: the top-level file's directory) */
  includeRoot?: string;
}

let current: LoadPolicy = { limits: { ...DEFAULT_LIMITS } };

/** The policy loads follow unless their loader was given one (set by loadConfig from `dnsctl:`). */
export function loadPolicy(): LoadPolicy {
  return current;
}

export function setLoadPolicy(p: LoadPolicy): void {
  current = p;
}

/** The include root for a top-level load of `file` under `p`. */
export function includeRootFor(p: LoadPolicy, file: string): string {
  return p.includeRoot ?? dirname(resolve(file));
}

/** A limit a load went over, at `offset` of the file being read (when known). */
export class LimitExceeded extends Error {
  constructor(readonly limit: keyof YamlLimits, readonly value: number, readonly what: string) {
    super(`${what} (limit dnsctl.limits.${LIMIT_KEYS[limit]}: ${value.toLocaleString('en-US')})`);
    this.name = 'LimitExceeded';
  }
}

/**
 * `dnsctl.limits` and `dnsctl.include_root` as written (already schema-checked: positive
 * integers, a string). The include root is read from the config file's directory.
 */
export function policyFromConfig(section: Record<string, unknown>, configFile: string): LoadPolicy {
  const limits: YamlLimits = { ...DEFAULT_LIMITS };
  const raw = section['limits'];
  if (typeof raw === 'object' && raw !== null) {
    for (const [field, key] of Object.entries(LIMIT_KEYS) as Array<[keyof YamlLimits, string]>) {
      const v = (raw as Record<string, unknown>)[key];
      if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) limits[field] = v;
    }
  }
  const base = dirname(resolve(configFile));
  const root = section['include_root'];
  return { limits, includeRoot: typeof root === 'string' ? resolve(base, root) : base };
}
