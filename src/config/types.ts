import type { ValidatorSet } from '../model/types/spec.js';
import type { Position } from '../model/record.js';
import type { Finding } from '../model/findings.js';
import type { ProcessorSpec } from './processor-options.js';

/** dnsctl provider kinds; octoDNS class names map onto these. */
export type ProviderKind = 'yaml' | 'route53' | 'cloudflare' | 'memory' | 'unsupported';

export const PROVIDER_CLASSES: Record<string, ProviderKind> = {
  'octodns.provider.yaml.YamlProvider': 'yaml',
  'octodns.provider.yaml.SplitYamlProvider': 'yaml',
  'octodns_route53.Route53Provider': 'route53',
  'octodns_cloudflare.CloudflareProvider': 'cloudflare',
  'dnsctl.yaml': 'yaml',
  'dnsctl.route53': 'route53',
  'dnsctl.cloudflare': 'cloudflare',
  'dnsctl.memory': 'memory',
};

export interface ProviderConfig {
  id: string;
  className: string;
  kind: ProviderKind;
  /** options as written: `env/VAR` strings are resolved only when the provider is used */
  options: Record<string, unknown>;
  position?: Position;
}

export interface ZoneConfig {
  name: string;
  sources: string[];
  targets: string[];
  lenient: boolean;
  updatePcentThreshold?: number;
  deletePcentThreshold?: number;
  /** validator ids disabled per record type ('*' = all) */
  disabledValidators: Map<string, Set<string>>;
  disabledZoneValidators: Set<string>;
  alias?: string;
  alwaysDryRun: boolean;
  /**
   * octoDNS processors that would run on this zone, in octoDNS's order: `manager.processors`,
   * the zone's own `processors`, `manager.post_processors` (and `manager.include_meta`'s meta
   * processor), by name; `DnsctlConfig.processors` says what each is. dnsctl runs the classes
   * src/config/processor-options.ts lists; a zone using any other processor is refused by
   * `plan`/`apply` (`validate` warns).
   */
  processors: string[];
  /** octoDNS's `ignore_subzone_adds`: records under a managed sub-zone are dropped from the desired zone instead of refused */
  ignoreSubzoneAdds: boolean;
  /** for `'*'` zones: the glob/regex filters */
  dynamic?: { glob?: string; regex?: string };
  position?: Position;
}

export interface RegionConfig {
  id: string;
  /** Route 53 latency region (e.g. us-east-1) */
  route53?: string;
  /** Cloudflare load-balancing region code (e.g. ENAM) */
  cloudflare?: string;
  description?: string;
  /** break-glass: the largest share of a record's traffic an evacuation may send this region */
  maxShare?: number;
}

export interface SafetyConfig {
  /** refuse a plan moving more than this share of a region's traffic without --force */
  maxRegionShift: number;
  /** fewest pools a dynamic record must keep serving; 0 allows a deliberate all-down record */
  minServingPools: number;
  /** root NS changes of an existing zone need no --force (octoDNS always asks for it) */
  allowRootNsChanges?: boolean;
  /** per-zone settings (`dnsctl.safety.zones.<zone>`), over the ones above */
  zones?: Map<string, ZoneSafetyConfig>;
  /** break-glass: most regions evacuated at once (default 1) */
  maxEvacuatedRegions?: number;
  /** break-glass: fewest regions each dynamic record keeps serving from (default 1) */
  minServingRegions?: number;
  /** best practice: largest TTL (s) of a dynamic record, bounding how long clients stay on an evacuated region */
  maxFailoverTtl?: number;
}

/** A zone's own safety settings: each one given replaces the config-wide one for that zone. */
export type ZoneSafetyConfig = Partial<Pick<SafetyConfig, 'maxRegionShift' | 'minServingPools' | 'allowRootNsChanges'>>;

export interface DnsctlConfig {
  file: string;
  /** directory the config's relative paths are read from */
  baseDir: string;
  validatorSets: Set<ValidatorSet>;
  disabledValidators: Map<string, Set<string>>;
  providers: Map<string, ProviderConfig>;
  zones: ZoneConfig[];
  regions: Map<string, RegionConfig>;
  safety: SafetyConfig;
  /** live records the repository does not hold are kept (true, or for the listed zones) instead of deleted */
  keepUnmanaged: boolean | string[];
  /** the config has a `dnsctl:` section (an octoDNS config may have none) */
  dnsctlSection: boolean;
  /**
   * The top-level `processors:` entries by name (absent: none), plus `manager.include_meta`'s
   * MetaProcessor when set. Names a zone lists that are not here (`manager.auto_arpa`) are
   * processors dnsctl does not run.
   */
  processors?: Map<string, ProcessorSpec>;
  /** warnings about the config itself (octoDNS settings dnsctl accepts but does not act on) */
  notices?: Finding[];
}
