/**
 * Provider options every provider shares (octoDNS's BaseProvider keywords) and the check
 * of option names. octoDNS passes a provider's options as keyword arguments, so a name
 * the class does not take fails the run; dnsctl refuses it too, with the nearest name, so
 * a misspelt `max_chnages` or `delete_pcent_treshold` never silently means "default".
 */
import { createRequire } from 'node:module';

interface Levenshtein {
  closest(str: string, candidates: readonly string[]): string;
  distance(a: string, b: string): number;
}
let levenshtein: Levenshtein | undefined;
/** fastest-levenshtein, loaded only when an option is unknown: a run does not load what it does not use. */
const nearest = (): Levenshtein => (levenshtein ??= createRequire(import.meta.url)('fastest-levenshtein') as Levenshtein);

/** octoDNS BaseProvider options: read by the core or by every provider. */
export const BASE_OPTION_NAMES = ['apply_disabled', 'update_pcent_threshold', 'delete_pcent_threshold', 'strict_supports', 'root_ns_warnings'] as const;

/** octoDNS options that dnsctl accepts for compatibility but that change nothing here. */
const BASE_NO_EFFECT = ['root_ns_warnings'] as const;

/** The option names a provider reads, besides the base ones. */
export interface OptionNames {
  read: readonly string[];
  /** options of the octoDNS provider that dnsctl accepts and ignores (each reported as a warning) */
  noEffect?: readonly string[];
}

export class ProviderOptionError extends Error {}

export interface OptionCheck {
  /** options nobody reads: refused */
  unknown: string[];
  /** octoDNS options without effect in dnsctl: warnings */
  notices: string[];
}

/** Sorts a provider's written option names into refused and no-effect ones, with the nearest known name. */
export function checkOptionNames(options: Record<string, unknown>, names: OptionNames): OptionCheck {
  const known = [...BASE_OPTION_NAMES, ...names.read, ...(names.noEffect ?? [])];
  const noEffect = new Set<string>([...BASE_NO_EFFECT, ...(names.noEffect ?? [])]);
  const out: OptionCheck = { unknown: [], notices: [] };
  for (const k of Object.keys(options)) {
    if (k === 'class') continue;
    if (noEffect.has(k)) out.notices.push(`option ${k} has no effect in dnsctl (accepted for octoDNS compatibility)`);
    else if (!known.includes(k)) {
      const near = nearest().closest(k, known);
      const hint = nearest().distance(k, near) <= Math.max(2, Math.floor(k.length / 3)) ? ` (did you mean ${near}?)` : '';
      out.unknown.push(`unknown option ${k}${hint}`);
    }
  }
  return out;
}

/** octoDNS's apply_disabled: the provider is planned but never written to. */
export function applyDisabled(options: Record<string, unknown>): boolean {
  const v = options['apply_disabled'];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new ProviderOptionError(`apply_disabled must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * octoDNS's update_pcent_threshold / delete_pcent_threshold, as fractions (0.3 = 30%);
 * undefined when neither is set (the zone's or the default applies).
 */
export function parseThresholds(options: Record<string, unknown>): { update?: number; delete?: number } | undefined {
  let out: { update?: number; delete?: number } | undefined;
  for (const [key, field] of [['update_pcent_threshold', 'update'], ['delete_pcent_threshold', 'delete']] as const) {
    const v = options[key];
    if (v === undefined || v === null) continue;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new ProviderOptionError(`${key} must be a fraction between 0 and 1 (octoDNS's 0.3 = 30%), got ${JSON.stringify(v)}`);
    (out ??= {})[field] = n;
  }
  return out;
}
