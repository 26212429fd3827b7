/**
 * octoDNS config sections dnsctl reads but does not run: `processors` (except the filters
 * ./processor-options.ts lists), `validators`
 * (custom validator classes), `manager.plan_outputs`, `secret_handlers`, and the
 * `manager.validators` keys beyond the validator sets. They are checked as octoDNS's
 * Manager checks them (same error texts), so a config octoDNS refuses is refused here too;
 * what dnsctl accepts without acting on it is reported as a notice.
 */
import { DnsctlError, type Finding } from '../model/findings.js';
import { obj, strList } from './values.js';
import { formatPosition, type Position } from '../model/record.js';
import { readProcessorSpec, type ProcessorSpec } from './processor-options.js';

type Obj = Record<string, unknown>;
type PositionOf = (v: unknown) => Position | undefined;

/** A dotted Python class path (`module.Class`); octoDNS fails to import anything else. */
const CLASS_PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/;

/**
 * octoDNS's built-in record and value validator ids (1.22), for `Unknown validator` checks.
 * Written out rather than taken from src/validate: loadConfig runs on every command and
 * should not load the rule modules.
 */
const BUILTIN_RECORD_VALIDATORS = new Set<string>([
  'name-rfc', 'ttl-rfc', 'healthcheck', 'cname-root-rfc', 'alias-root', 'srv-name', 'srv-name-rfc', 'uri-name',
  'uri-name-rfc', 'spf-record-type',
  'ip-value-rfc', 'target-value-rfc', 'targets-value-rfc', 'target-value-not-ip', 'targets-value-not-ip',
  'target-value-best-practice', 'targets-value-best-practice', 'chunked-value-rfc', 'mx-value', 'mx-value-rfc',
  'mx-value-not-ip', 'mx-value-best-practice', 'srv-value', 'srv-value-rfc', 'srv-value-not-ip', 'srv-value-best-practice',
  'caa-value', 'caa-value-rfc', 'caa-value-best-practice', 'sshfp-value', 'sshfp-value-rfc', 'sshfp-value-best-practice',
  'tlsa-value', 'tlsa-value-rfc', 'tlsa-value-best-practice', 'ds-value', 'ds-value-rfc', 'ds-value-best-practice',
  'loc-value-rfc', 'naptr-value', 'naptr-value-rfc', 'naptr-value-best-practice', 'urlfwd-value', 'svcb-value-rfc',
  'https-value-rfc', 'svcb-value-best-practice', 'https-value-best-practice', 'uri-value', 'uri-value-rfc',
  'openpgpkey-value-rfc', 'geo', 'dynamic',
]);

/** octoDNS's built-in zone validator ids (1.22). */
const BUILTIN_ZONE_VALIDATORS = new Set<string>([
  'cname-coexistence', 'root-cname', 'no-cname-loop', 'dname-coexistence', 'mx-target-not-cname', 'ns-target-not-cname',
  'srv-target-not-cname', 'glue-for-in-zone-ns', 'cname-target-not-cname', 'cname-target-resolvable-in-zone',
  'mx-target-resolvable-in-zone', 'srv-target-resolvable-in-zone', 'multi-value-ns', 'caa-best-practices', 'mail',
  'subzone-record',
]);

export interface ProcessorDef {
  name: string;
  className: string;
  position?: Position;
}

/**
 * A `name: {class: …, …}` section (processors, validators, plan outputs, secret handlers):
 * every entry needs a class, and the class must be a dotted path.
 */
function classSection(section: unknown, kind: { label: string; classLabel: string }, positionOf: PositionOf): ProcessorDef[] {
  const out: ProcessorDef[] = [];
  for (const [name, raw] of Object.entries(obj(section) ?? {})) {
    const entry = obj(raw);
    const position = positionOf(raw);
    const where = formatPosition(position);
    const className = entry?.['class'];
    if (typeof className !== 'string') throw new DnsctlError(`${kind.label} ${name} is missing class, ${where}`);
    if (!CLASS_PATH.test(className)) throw new DnsctlError(`Unknown ${kind.classLabel} class: ${className}, ${where}`);
    out.push({ name, className, ...(position ? { position } : {}) });
  }
  return out;
}

/**
 * Top-level `processors:` (octoDNS's Manager._config_processors): the classes dnsctl runs
 * with their options checked (./processor-options.ts), any other kept as unsupported.
 */
export function readProcessors(root: Obj, positionOf: PositionOf): Map<string, ProcessorSpec> {
  const section = obj(root['processors']) ?? {};
  const out = new Map<string, ProcessorSpec>();
  for (const p of classSection(section, { label: 'Processor', classLabel: 'processor' }, positionOf)) {
    const { class: _c, ...options } = obj(section[p.name]) ?? {};
    out.set(p.name, readProcessorSpec(p.name, p.className, options, formatPosition(p.position)));
  }
  return out;
}

/** Top-level `secret_handlers:`: checked for a class; dnsctl resolves only `env/…`. */
export function readSecretHandlers(root: Obj, positionOf: PositionOf): string[] {
  return classSection(root['secret_handlers'], { label: 'Secret Handler', classLabel: 'secret handler' }, positionOf).map((s) => s.name);
}

/** PlanLogger(name, level='info') is the one built-in output whose options dnsctl checks (the example octoDNS refuses). */
const PLAN_OUTPUT_OPTIONS: Record<string, readonly string[]> = { 'octodns.provider.plan.PlanLogger': ['level'] };

/** `manager.plan_outputs`: checked as octoDNS checks them; dnsctl does not run them (it has its own plan formats). */
export function checkPlanOutputs(manager: Obj, positionOf: PositionOf): void {
  const section = manager['plan_outputs'];
  for (const def of classSection(section, { label: 'plan_output', classLabel: 'plan_output' }, positionOf)) {
    const known = PLAN_OUTPUT_OPTIONS[def.className];
    if (!known) continue;
    const options = Object.keys(obj(obj(section)?.[def.name]) ?? {}).filter((k) => k !== 'class');
    if (options.some((k) => !known.includes(k))) throw new DnsctlError(`Incorrect plan_output config for ${def.name}, ${formatPosition(def.position)}`);
  }
}

export interface ValidatorsConfig {
  /** `manager.validators.record.disable_validators` (or its deprecated spelling `manager.validators.disable_validators`) */
  recordDisable: unknown;
  /** `manager.validators.zone.disable_validators` */
  zoneDisable: string[];
  notices: Finding[];
}

/** Refuses disabling one of octoDNS's internal bridge validators (ids starting with `_`). */
export function checkDisable(ids: Iterable<string>, zone: boolean, context = ''): void {
  for (const id of ids) {
    if (id.startsWith('_')) throw new DnsctlError(`${context}Cannot disable bridge ${zone ? 'zone ' : ''}validator "${id}"`);
  }
}

/**
 * Top-level `validators:` and `manager.validators` beyond `enabled` (octoDNS's
 * Manager._config_validators / _configure_validators): the checks and texts are octoDNS's;
 * custom validator classes are not run by dnsctl (a notice says so).
 */
export function readValidators(root: Obj, manager: Obj, positionOf: PositionOf): ValidatorsConfig {
  const custom = classSection(root['validators'], { label: 'Validator', classLabel: 'validator' }, positionOf);
  const notices: Finding[] = custom.map((v) => ({
    severity: 'warning',
    reason: `validator ${v.name} (${v.className}) is a custom octoDNS validator class; dnsctl does not run it`,
    ...(v.position ? { position: v.position } : {}),
  }));
  const customNames = new Set(custom.map((v) => v.name));
  const mv = obj(manager['validators']) ?? {};
  const record = obj(mv['record']) ?? {};

  if ('validators' in record && 'validators' in mv) {
    throw new DnsctlError('manager.validators.record.validators and manager.validators.validators cannot both be set; remove manager.validators.validators (deprecated)');
  }
  const addKey = 'validators' in record ? 'validators.record.validators' : 'validators.validators';
  for (const [type, names] of Object.entries(obj(record['validators'] ?? mv['validators']) ?? {})) {
    for (const name of strList(names)) {
      if (!customNames.has(name) && !BUILTIN_RECORD_VALIDATORS.has(name)) throw new DnsctlError(`Unknown validator "${name}" in manager.${addKey}["${type}"]`);
      notices.push({ severity: 'warning', reason: `manager.${addKey}["${type}"]: validator ${name} is enabled by name; dnsctl runs whole validator sets only (manager.validators.enabled), not validators enabled one by one` });
    }
  }

  if ('disable_validators' in record && 'disable_validators' in mv) {
    throw new DnsctlError(
      'manager.validators.record.disable_validators and manager.validators.disable_validators cannot both be set; remove manager.validators.disable_validators (deprecated)',
    );
  }
  const recordDisable = 'disable_validators' in record ? record['disable_validators'] : mv['disable_validators'];
  for (const ids of Object.values(obj(recordDisable) ?? {})) checkDisable(strList(ids), false);

  const zone = obj(mv['zone']) ?? {};
  for (const name of strList(zone['validators'])) {
    if (!customNames.has(name) && !BUILTIN_ZONE_VALIDATORS.has(name)) throw new DnsctlError(`Unknown zone validator "${name}" in manager.validators.zone.validators`);
    notices.push({ severity: 'warning', reason: `manager.validators.zone.validators: zone validator ${name} is enabled by name; dnsctl runs whole validator sets only (manager.validators.enabled)` });
  }
  const zoneDisable = strList(zone['disable_validators']);
  checkDisable(zoneDisable, true);
  return { recordDisable, zoneDisable, notices };
}
