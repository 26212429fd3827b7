/**
 * octoDNS processors dnsctl runs (src/config/processor-options.ts lists them), at the three
 * points octoDNS runs them (Manager.sync, BaseProcessor):
 *
 * - `processSource` — `process_source_zone`, on the desired records, in the zone's
 *   processor order (octoDNS: once per zone, before any target is read);
 * - `processTarget` — `process_target_zone`, on the live records read from a target,
 *   before the diff: a filter with `include_target` (the default) hides the records it
 *   filters from both sides, so they are neither created nor deleted;
 * - `processSourceAndTarget` — `process_source_and_target_zones`, per target, on the
 *   desired records once the live ones are read (MetaProcessor's record names the target);
 * - `processPlan` — `process_plan`, on the changes (ExcludeRootNsChanges, OwnershipProcessor,
 *   MetaProcessor), in the zone's processor order.
 *
 * Pure and provider-neutral: records are never modified in place.
 */
import type { ExcludeRootNsChangesSpec, ListFilterSpec, NetworkFilterSpec, ProcessorSpec, TtlRestrictionSpec, UnsupportedSpec, ZoneNameSpec } from '../config/processor-options.js';
import { unsupportedProcessors } from '../config/processor-options.js';
import { DnsctlError } from '../model/findings.js';
import { fqdnOf, formatPosition, type DnsRecord } from '../model/record.js';
import { typeSpec } from '../model/types/index.js';
import { parseSubnet, subnetOf, type Subnet } from '../validate/dynamic-rules.js';
import { addMetaRecord, addOwnershipMarkers, ownedChanges, withoutLoneMetaUpdate } from './ownership-meta.js';
import type { Change } from './types.js';

export type RunnableSpec = Exclude<ProcessorSpec, UnsupportedSpec>;

interface ZoneLike {
  name: string;
  processors: readonly string[];
  alias?: string;
}

const RUNS =
  "octoDNS's Type/Name/Value/NetworkValue allow- and reject-list filters, IgnoreRootNsFilter, ExcludeRootNsChanges, ZoneNameFilter, TtlRestrictionFilter, TtlClampProcessor, OwnershipProcessor, MetaProcessor and manager.include_meta";

/** Why dnsctl cannot plan this zone as octoDNS would because of its processors (undefined: it can). */
export function processorsProblem(zone: ZoneLike, specs: ReadonlyMap<string, ProcessorSpec> | undefined): string | undefined {
  if (!zone.processors.length) return undefined;
  const unsupported = unsupportedProcessors(zone, specs);
  if (unsupported.length) {
    return `zone ${zone.name} uses octoDNS processors (${unsupported.join(', ')}) that dnsctl does not run, so its plan could differ from octoDNS's — remove them to manage this zone with dnsctl (dnsctl runs ${RUNS})`;
  }
  if (zone.alias) {
    // octoDNS (Manager.sync) plans an alias zone from a copy of its source zone's processed
    // records and runs processors on it again — but not the alias zone's own: the list of
    // whichever non-alias zone its loop handled last (a variable left over from that loop),
    // which depends on the config's zone order and on the zones named on the command line.
    // dnsctl does not reproduce that, so it keeps refusing such zones (the safe side).
    return `alias zone ${zone.name} has octoDNS processors (${zone.processors.join(', ')}); dnsctl does not run processors on alias zones (octoDNS runs on them the processors of the last non-alias zone it synced, not the alias zone's own) — plan the source zone ${zone.alias} instead, or remove them`;
  }
  return undefined;
}

/** The processors dnsctl runs on this zone, in order ([] for none); throws for a zone it must refuse. */
export function zoneProcessors(specs: ReadonlyMap<string, ProcessorSpec> | undefined, zone: ZoneLike): RunnableSpec[] {
  if (!zone.processors.length) return [];
  const problem = processorsProblem(zone, specs);
  if (problem) throw new DnsctlError(problem);
  return zone.processors.map((n) => specs!.get(n) as RunnableSpec);
}

/** octoDNS's ValidationError text: `Invalid record "<fqdn>", <context>` and one `  - reason` line. */
function invalidRecord(r: Pick<DnsRecord, 'name' | 'zone' | 'source'>, reason: string): DnsctlError {
  const context = r.source ? `, ${formatPosition(r.source)}` : '';
  return new DnsctlError(`Invalid record "${fqdnOf(r.name, r.zone)}"${context}\n  - ${reason}`);
}

/** The record's values as octoDNS's `rdata_text` (ValueAllowlistFilter/ValueRejectlistFilter match these). */
function rdataTexts(r: DnsRecord): string[] {
  const spec = typeSpec(r.type);
  return r.values.map((v) => spec.toText(v));
}

function listMatcher(spec: ListFilterSpec): (r: DnsRecord) => boolean {
  const exact = new Set(spec.exact);
  // case-sensitive, as octoDNS compares (`record._type in set`, `name in exact`, `re.search(name)`)
  if (spec.on === 'type') return (r) => exact.has(r.type);
  const regexes = spec.patterns.map((p) => new RegExp(p));
  const matches = (text: string) => exact.has(text) || regexes.some((re) => re.test(text));
  if (spec.on === 'value') return (r) => rdataTexts(r).some(matches);
  return (r) => matches(r.name);
}

function listFilter(records: DnsRecord[], spec: ListFilterSpec): DnsRecord[] {
  const matches = listMatcher(spec);
  return records.filter((r) => (spec.mode === 'allow' ? matches(r) : !matches(r)));
}

const isRootNs = (r: DnsRecord) => r.name === '' && r.type === 'NS';

/**
 * NetworkValueAllowlistFilter/NetworkValueRejectlistFilter: an A or AAAA record matches
 * when any of its values lies in one of the networks; records of other types stay.
 */
function networkFilter(records: DnsRecord[], spec: NetworkFilterSpec): DnsRecord[] {
  return records.filter((r) => {
    if (r.type !== 'A' && r.type !== 'AAAA') return true;
    const ips = r.values.map((v) => parseSubnet(v)).filter((ip): ip is Subnet => ip !== undefined);
    const matches = ips.some((ip) => spec.networks.some((n) => subnetOf(ip, n)));
    return spec.mode === 'allow' ? matches : !matches;
  });
}

/** ZoneNameFilter: a name ending with the zone name, with or without its dot (a plain suffix test, as octoDNS's). */
function zoneNameFilter(records: DnsRecord[], zone: string, spec: ZoneNameSpec): DnsRecord[] {
  const withoutDot = zone.slice(0, -1);
  const bad = (r: DnsRecord) => r.name.endsWith(zone) || r.name.endsWith(withoutDot);
  if (spec.error) {
    const first = records.find(bad);
    if (first) throw invalidRecord(first, 'record name ends with zone name');
    return records;
  }
  return records.filter((r) => !bad(r));
}

/**
 * TtlRestrictionFilter: octoDNS's RestrictionException texts. Records with `octodns.lenient:
 * true` are skipped. octoDNS prints allowed_ttls as a Python set, whose order may differ
 * from the ascending order printed here.
 */
function ttlRestriction(records: DnsRecord[], spec: TtlRestrictionSpec): DnsRecord[] {
  for (const r of records) {
    if (r.octodns?.['lenient'] === true) continue;
    const fqdn = fqdnOf(r.name, r.zone);
    if (spec.allowedTtls) {
      if (!spec.allowedTtls.includes(r.ttl)) throw new DnsctlError(`${fqdn} ttl=${r.ttl} not an allowed value, allowed_ttls={${spec.allowedTtls.join(', ')}}`);
    } else if (r.ttl < spec.minTtl) throw new DnsctlError(`${fqdn} ttl=${r.ttl} too low, min_ttl=${spec.minTtl}`);
    else if (r.ttl > spec.maxTtl) throw new DnsctlError(`${fqdn} ttl=${r.ttl} too high, max_ttl=${spec.maxTtl}`);
  }
  return records;
}

function ttlClamp(records: DnsRecord[], min: number, max: number): DnsRecord[] {
  return records.map((r) => {
    const ttl = Math.max(min, Math.min(max, r.ttl));
    return ttl === r.ttl ? r : { ...r, ttl };
  });
}

/** `process_source_zone` of every processor, in order, on the desired records of `zone`. */
export function processSource(records: DnsRecord[], zone: string, specs: readonly RunnableSpec[]): DnsRecord[] {
  let out = records;
  for (const s of specs) {
    if (s.kind === 'filter') out = listFilter(out, s);
    else if (s.kind === 'ignore-root-ns') out = out.filter((r) => !isRootNs(r));
    else if (s.kind === 'zone-name') out = zoneNameFilter(out, zone, s);
    else if (s.kind === 'ttl-restriction') out = ttlRestriction(out, s);
    else if (s.kind === 'ttl-clamp') out = ttlClamp(out, s.minTtl, s.maxTtl);
    else if (s.kind === 'network-filter') out = networkFilter(out, s);
    else if (s.kind === 'ownership') out = addOwnershipMarkers(out, zone, s);
  }
  return out;
}

/**
 * `process_target_zone` of every processor, in order, on the live records of `zone`: the
 * filters with `include_target` (IgnoreRootNsFilter and the NetworkValue filters always);
 * TtlRestrictionFilter, TtlClampProcessor and OwnershipProcessor act on the desired side only.
 */
export function processTarget(records: DnsRecord[], zone: string, specs: readonly RunnableSpec[]): DnsRecord[] {
  let out = records;
  for (const s of specs) {
    if (s.kind === 'filter' && s.includeTarget) out = listFilter(out, s);
    else if (s.kind === 'ignore-root-ns') out = out.filter((r) => !isRootNs(r));
    else if (s.kind === 'zone-name' && s.includeTarget) out = zoneNameFilter(out, zone, s);
    else if (s.kind === 'network-filter') out = networkFilter(out, s);
  }
  return out;
}

/** `process_source_and_target_zones` of every processor, per target: MetaProcessor adds its record. */
export function processSourceAndTarget(desired: DnsRecord[], zone: string, target: string, specs: readonly RunnableSpec[]): DnsRecord[] {
  let out = desired;
  for (const s of specs) if (s.kind === 'meta') out = addMetaRecord(out, zone, target, s);
  return out;
}

/** The two sides a plan was computed from, for OwnershipProcessor's markers. */
export interface PlanSides {
  existing: readonly DnsRecord[];
  desired: readonly DnsRecord[];
}

/**
 * `process_plan` of every processor on one zone's changes at one target, in order:
 * ExcludeRootNsChanges refuses a root NS change (`error: true`, octoDNS's ValidationError
 * text) or drops it with a warning; OwnershipProcessor keeps only changes to owned
 * records; MetaProcessor drops a plan whose only change is an up-to-date meta record.
 */
export function processPlan(changes: Change[], zone: string, target: string, specs: readonly RunnableSpec[], sides: PlanSides): { changes: Change[]; warnings: string[] } {
  const warnings: string[] = [];
  let out = changes;
  for (const s of specs) {
    if (s.kind === 'exclude-root-ns-changes') out = excludeRootNs(out, zone, target, s, warnings);
    else if (s.kind === 'ownership') out = ownedChanges(out, zone, sides.existing, sides.desired, s);
    else if (s.kind === 'meta') out = withoutLoneMetaUpdate(out, target, s);
  }
  return { changes: out, warnings };
}

function excludeRootNs(changes: Change[], zone: string, target: string, spec: ExcludeRootNsChangesSpec, warnings: string[]): Change[] {
  return changes.filter((c) => {
    if (c.name !== '' || c.type !== 'NS') return true;
    // octoDNS's change.record: the new record of a create or update, the existing one of a delete
    const record = c.desired ?? c.existing;
    if (spec.error) throw invalidRecord(record ?? { name: '', zone }, 'root NS changes are disallowed');
    warnings.push(`${zone} at ${target}: root NS ${c.kind} left out of the plan — root NS changes are disallowed (processor ${spec.name}, error: false)`);
    return false;
  });
}
