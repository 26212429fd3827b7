/**
 * octoDNS config files as they are (`providers:`, `zones:`, `manager:`), plus dnsctl's
 * own `dnsctl:` section (region catalogue, safety rules) beside them. Relative paths
 * in provider options are read from the current directory, as octoDNS does.
 */
import { DnsctlError, type Finding } from '../model/findings.js';
import { formatPosition } from '../model/record.js';
import { idnaEncode } from '../model/names.js';
import type { ValidatorSet } from '../model/types/spec.js';
import { YamlLoader } from '../yaml/load.js';
import { DEFAULT_LIMITS, policyFromConfig, setLoadPolicy } from '../yaml/limits.js';
import { registerEnvSecrets } from './secrets.js';
import { validateConfigSchema } from '../validate/schema.js';
import { obj, strList } from './values.js';
import { readSafety } from './safety-config.js';
import { INCLUDE_META, includeMetaSpec, unsupportedProcessors } from './processor-options.js';
import { checkDisable, checkPlanOutputs, readProcessors, readSecretHandlers, readValidators } from './octodns-sections.js';
import {
  PROVIDER_CLASSES,
  type DnsctlConfig,
  type ProviderConfig,
  type RegionConfig,
  type ZoneConfig,
} from './types.js';

const SETS: readonly ValidatorSet[] = ['legacy', 'strict', 'best-practice'];

function disabledMap(v: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const o = obj(v);
  if (!o) return out;
  for (const [type, ids] of Object.entries(o)) out.set(type, new Set(strList(ids)));
  return out;
}

export function loadConfig(file: string, cwd: string = process.cwd()): DnsctlConfig {
  // the config file is read under the default limits (its own are known once it is read)
  const loader = new YamlLoader({ enforceOrder: false, policy: { limits: { ...DEFAULT_LIMITS } } });
  const { data, issues } = loader.loadFile(file);
  const errors: Finding[] = issues
    .filter((i) => i.kind !== 'duplicate-key' && i.kind !== 'yaml11')
    .map((i) => ({ severity: 'error' as const, reason: i.message, position: i.position }));
  if (errors.length) throw new DnsctlError(`cannot read config ${file}`, errors);
  const root = obj(data);
  if (!root) throw new DnsctlError(`config ${file} must be a mapping with providers and zones`);
  const enabledRaw = obj(obj(root['manager'])?.['validators'])?.['enabled'];
  if (typeof enabledRaw === 'string') {
    // octoDNS's own text (the schema would only say "must be array")
    throw new DnsctlError(`manager.validators.enabled must be a list of set names, not a string; use ['${enabledRaw}'] to enable a single set`);
  }
  const schemaFindings = validateConfigSchema(root, loader.positions, file);
  if (schemaFindings.some((f) => f.severity === 'error')) throw new DnsctlError(`invalid config ${file}`, schemaFindings);

  // every zone file (and what it includes) is read under the config's limits and include root
  setLoadPolicy(policyFromConfig(obj(root['dnsctl']) ?? {}, file));
  const manager = obj(root['manager']) ?? {};
  const mvalidators = obj(manager['validators']) ?? {};
  const enabled = mvalidators['enabled'];
  const validatorSets = new Set<ValidatorSet>();
  if (enabled === undefined) validatorSets.add('legacy');
  else if (!Array.isArray(enabled)) throw new DnsctlError('manager.validators.enabled must be a list');
  else {
    for (const s of enabled) {
      if (!SETS.includes(s as ValidatorSet)) throw new DnsctlError(`manager.validators.enabled: unknown validator set "${String(s)}" (expected ${SETS.join(', ')})`);
      validatorSets.add(s as ValidatorSet);
    }
  }
  const positionOf = (v: unknown) => loader.positions.get(v);
  const validators = readValidators(root, manager, positionOf);
  const disabledValidators = disabledMap(validators.recordDisable);
  const notices: Finding[] = [...validators.notices];

  const providers = new Map<string, ProviderConfig>();
  for (const [id, raw] of Object.entries(obj(root['providers']) ?? {})) {
    const p = obj(raw);
    const where = formatPosition(loader.positions.get(raw));
    if (!p) throw new DnsctlError(`Incorrect provider config for ${id}, ${where}`);
    const className = p['class'];
    if (typeof className !== 'string') throw new DnsctlError(`Provider ${id} is missing class, ${where}`);
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(className)) {
      throw new DnsctlError(`Unknown provider class: ${className} for provider ${id}, ${where}`);
    }
    // A class dnsctl does not implement is an error only when a command uses the provider.
    const kind = PROVIDER_CLASSES[className] ?? 'unsupported';
    const { class: _c, ...options } = p;
    const pc: ProviderConfig = { id, className, kind, options };
    const pos = loader.positions.get(raw);
    if (pos) pc.position = pos;
    providers.set(id, pc);
    // every command redacts the secrets the config names, whether or not it uses the provider
    registerEnvSecrets(options);
  }

  // octoDNS's Manager builds these before it looks at any zone
  const processors = readProcessors(root, positionOf);
  readSecretHandlers(root, positionOf);
  checkPlanOutputs(manager, positionOf);
  // processors octoDNS runs on every zone, before and after the zone's own
  const autoArpa = manager['auto_arpa'] !== undefined && manager['auto_arpa'] !== null && manager['auto_arpa'] !== false;
  const includeMeta = manager['include_meta'] === true;
  const globalProcessors = strList(manager['processors']);
  const postProcessors = strList(manager['post_processors']);
  const implicitProcessors = new Set<string>(autoArpa ? ['auto-arpa'] : []);
  // octoDNS's Manager appends MetaProcessor('meta', record_name='octodns-meta', include_time=False,
  // include_provider=True) to the post-processors; dnsctl names it so that plans say where it came from
  if (includeMeta) processors.set(INCLUDE_META, includeMetaSpec(INCLUDE_META));

  const zones: ZoneConfig[] = [];
  for (const [written, raw] of Object.entries(obj(root['zones']) ?? {})) {
    // octoDNS's Manager keys zones by idna_encode(name): every fqdn, file lookup and provider call uses that form
    const name = idnaEncode(written) ?? written;
    const z = obj(raw) ?? {};
    const where = formatPosition(loader.positions.get(raw));
    const zvalidators = obj(z['validators']) ?? {};
    const zoneRecordDisable = disabledMap(obj(zvalidators['record'])?.['disable_validators']);
    for (const ids of zoneRecordDisable.values()) checkDisable(ids, false, `Zone ${name}: `);
    const zoneZoneDisable = strList(obj(zvalidators['zone'])?.['disable_validators']);
    checkDisable(zoneZoneDisable, true, `Zone ${name}: `);
    const zc: ZoneConfig = {
      name,
      sources: strList(z['sources']),
      targets: strList(z['targets']),
      lenient: z['lenient'] === true,
      disabledValidators: zoneRecordDisable,
      // manager.validators.zone.disable_validators applies to every zone
      disabledZoneValidators: new Set([...validators.zoneDisable, ...zoneZoneDisable]),
      alwaysDryRun: z['always-dry-run'] === true,
      processors: [...globalProcessors, ...strList(z['processors']), ...postProcessors],
      ignoreSubzoneAdds: z['ignore_subzone_adds'] === true,
    };
    if (typeof z['update_pcent_threshold'] === 'number') zc.updatePcentThreshold = z['update_pcent_threshold'];
    if (typeof z['delete_pcent_threshold'] === 'number') zc.deletePcentThreshold = z['delete_pcent_threshold'];
    if (typeof z['alias'] === 'string') zc.alias = idnaEncode(z['alias']) ?? z['alias'];
    if (name.startsWith('*')) {
      zc.dynamic = {};
      if (typeof z['glob'] === 'string') zc.dynamic.glob = z['glob'];
      if (typeof z['regex'] === 'string') zc.dynamic.regex = z['regex'];
    }
    const pos = loader.positions.get(raw);
    if (pos) zc.position = pos;
    if (!zc.alias && zc.sources.length === 0) throw new DnsctlError(`Zone ${name} is missing sources, ${where}`);
    for (const s of zc.sources) {
      if (providers.has(s)) continue;
      if (s === 'auto-arpa' && autoArpa) {
        throw new DnsctlError(
          `Zone ${name}, source auto-arpa (manager.auto_arpa) is not supported by dnsctl: it does not generate PTR records from A/AAAA records, so this zone would be planned without them, ${where}`,
        );
      }
      throw new DnsctlError(`Zone ${name}, unknown source: ${s}, ${where}`);
    }
    // octoDNS's order: sources, processors, targets (Manager.sync)
    for (const p of zc.processors) {
      if (!processors.has(p) && !implicitProcessors.has(p)) throw new DnsctlError(`Zone ${name}, unknown processor: ${p}, ${where}`);
    }
    // AutoArpa adds PTRs to the reverse zones; include_meta a TXT record to every zone
    if (autoArpa && name.endsWith('arpa.')) zc.processors.push('auto-arpa (manager.auto_arpa)');
    if (includeMeta) zc.processors.push(INCLUDE_META);
    for (const t of zc.targets) if (!providers.has(t)) throw new DnsctlError(`Zone ${name}, unknown target: ${t}, ${where}`);
    zones.push(zc);
  }
  for (const zc of zones) {
    if (!zc.alias) continue;
    const target = zones.find((z) => z.name === zc.alias);
    if (!target) throw new DnsctlError(`Invalid alias zone ${zc.name}: source zone ${zc.alias} does not exist`);
    if (target.alias) throw new DnsctlError(`Invalid alias zone ${zc.name}: source zone ${zc.alias} is an alias zone`);
    zc.sources = target.sources;
    if (zc.targets.length === 0) zc.targets = target.targets;
    // an alias zone is a copy of its source zone's records after that zone's processors ran
    zc.processors = [...new Set([...target.processors, ...zc.processors])];
  }

  const dnsctl = obj(root['dnsctl']) ?? {};
  const regions = new Map<string, RegionConfig>();
  for (const [id, raw] of Object.entries(obj(dnsctl['regions']) ?? {})) {
    const r = obj(raw) ?? {};
    const rc: RegionConfig = { id };
    if (typeof r['route53'] === 'string') rc.route53 = r['route53'];
    if (typeof r['cloudflare'] === 'string') rc.cloudflare = r['cloudflare'];
    if (typeof r['description'] === 'string') rc.description = r['description'];
    if (typeof r['max_share'] === 'number') rc.maxShare = r['max_share'];
    regions.set(id, rc);
  }
  const safety = readSafety(dnsctl['safety']);
  for (const zc of zones) {
    const unsupported = unsupportedProcessors(zc, processors);
    if (unsupported.length === 0) continue;
    notices.push({
      severity: 'warning',
      zone: zc.name,
      reason: `zone ${zc.name} uses octoDNS processors (${unsupported.join(', ')}) that dnsctl does not run, so plan and apply refuse this zone`,
      ...(zc.position ? { position: zc.position } : {}),
    });
  }
  return {
    file,
    baseDir: cwd,
    validatorSets,
    disabledValidators,
    providers,
    zones,
    regions,
    safety,
    dnsctlSection: 'dnsctl' in root,
    ...(processors.size ? { processors } : {}),
    keepUnmanaged: keepUnmanaged(dnsctl['keep_unmanaged']),
    notices,
  };
}

function keepUnmanaged(v: unknown): boolean | string[] {
  if (v === undefined || v === null || v === false) return false;
  if (v === true) return true;
  if (Array.isArray(v)) return v.map(String);
  throw new DnsctlError('dnsctl.keep_unmanaged must be true, false or a list of zone names');
}
