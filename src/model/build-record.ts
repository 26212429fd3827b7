/**
 * octoDNS's `Record.new` for one record mapping from a zone file: checks the name,
 * type and data, runs every validator, and builds the normalised record. Unlike
 * octoDNS it never stops at the first invalid record: the caller gets every reason.
 */
import type { Reason } from './findings.js';
import { isRecordType, type DnsRecord, type Dynamic, type JsonObject, type Value } from './record.js';
import { idnaEncode } from './names.js';
import { typeSpec, type ValidatorSet } from './types/index.js';
import { validateRecordRules } from '../validate/record-rules.js';
import { wireRangeReasons } from '../validate/wire-ranges.js';
import { validateDynamic, normaliseDynamic } from '../validate/dynamic-rules.js';
import { validateExtension } from './traffic.js';
import { geoCodeProblem } from './geo-data.js';
import type { TypeSpec, ValidateContext } from './types/spec.js';

/**
 * octoDNS's deprecated `geo` (id `geo`, legacy set): codes checked, values through the type's
 * validators. With no validator set on (reading a target) the mapping is kept unchecked: a
 * YAML target holds it, and dropping it on read made every re-plan update the record.
 */
function validateGeo(raw: Record<string, unknown>, spec: TypeSpec, ctx: ValidateContext): { reasons: Reason[]; geo?: Record<string, Value[]> } {
  const checked = ctx.sets.has('legacy') || ctx.sets.has('strict');
  const reasons: Reason[] = [];
  const geo: Record<string, Value[]> = {};
  for (const code of Object.keys(raw).sort()) {
    if (checked && geoCodeProblem(code)) reasons.push({ reason: `invalid geo "${code}"`, via: 'geo' });
    const list = Array.isArray(raw[code]) ? (raw[code] as unknown[]) : [raw[code]];
    const vr = checked ? spec.validateValues(list, ctx) : [];
    reasons.push(...vr);
    if (vr.length === 0) geo[code] = list.map((v) => spec.normalise(v, ctx)).sort((a, b) => spec.compare(a, b));
  }
  return reasons.length ? { reasons } : { reasons, geo };
}

export interface BuildContext {
  zone: string;
  sets: ReadonlySet<ValidatorSet>;
  /** validator ids disabled per type, '*' for all types */
  disabled: ReadonlyMap<string, ReadonlySet<string>>;
  defaultTtl: number;
  escapedSemicolons: boolean;
}

export type BuildResult =
  | { ok: true; record: DnsRecord; reasons: Reason[] }
  /** reasons: validation failed (record still described by fqdn); fatal: octoDNS raises before validating */
  | { ok: false; fqdn: string; reasons: Reason[]; fatal?: string; record?: DnsRecord };

const EMPTY = new Set<string>();

function disabledFor(ctx: BuildContext, type: string): ReadonlySet<string> {
  const all = ctx.disabled.get('*');
  const forType = ctx.disabled.get(type);
  if (!all) return forType ?? EMPTY;
  if (!forType) return all;
  return new Set([...all, ...forType]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `value`/`values` resolution as octoDNS's mixins do it. */
export function rawValues(data: Record<string, unknown>, multi: boolean): unknown[] {
  if (!multi) return 'value' in data ? [data['value']] : [];
  const v = 'values' in data ? data['values'] : 'value' in data ? data['value'] : undefined;
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export function buildRecord(rawName: string, data: unknown, ctx: BuildContext): BuildResult {
  const encoded = idnaEncode(rawName);
  if (/\s/.test(rawName)) {
    const displayFqdn = rawName ? `${rawName}.${ctx.zone}` : ctx.zone;
    return { ok: false, fqdn: displayFqdn, reasons: [{ reason: 'invalid record, whitespace is not allowed', via: '' }] };
  }
  if (encoded === undefined) {
    const displayFqdn = rawName ? `${rawName}.${ctx.zone}` : ctx.zone;
    return { ok: false, fqdn: displayFqdn, reasons: [{ reason: `invalid IDNA name "${rawName}"`, via: '' }] };
  }
  const name = encoded;
  const fqdn = name ? `${name}.${ctx.zone}` : ctx.zone;
  if (!isObject(data)) {
    return { ok: false, fqdn, reasons: [], fatal: `Invalid record ${fqdn}, a record must be a mapping` };
  }
  const type = data['type'];
  if (type === undefined || type === null) return { ok: false, fqdn, reasons: [], fatal: `Invalid record ${fqdn}, missing type` };
  if (!isRecordType(type)) return { ok: false, fqdn, reasons: [], fatal: `Unknown record type: "${String(type)}"` };
  const spec = typeSpec(type);
  const disabled = disabledFor(ctx, type);
  const vctx = { sets: ctx.sets, disabled, name, fqdn, type, escapedSemicolons: ctx.escapedSemicolons };

  const ttlRaw = data['ttl'] ?? ctx.defaultTtl;
  const reasons: Reason[] = [];
  reasons.push(...validateRecordRules({ name, fqdn, type, ttl: ttlRaw, octodns: data['octodns'] }, vctx));
  const values = rawValues(data, spec.multi);
  reasons.push(...spec.validateValues(values, vctx));
  reasons.push(...wireRangeReasons(type, ttlRaw, values, data['octodns'], reasons));
  let geo: Record<string, Value[]> | undefined;
  if ((type === 'A' || type === 'AAAA') && isObject(data['geo'])) {
    const g = validateGeo(data['geo'], spec, vctx);
    reasons.push(...g.reasons);
    geo = g.geo;
  }
  let dynamic: Dynamic | undefined;
  const hasDynamic = spec.dynamic && 'dynamic' in data && data['dynamic'] !== undefined;
  if (hasDynamic && !disabled.has('dynamic')) {
    const dreasons = validateDynamic(data['dynamic'], 'geo' in data, spec, vctx);
    reasons.push(...dreasons);
    if (dreasons.length === 0) {
      dynamic = normaliseDynamic(data['dynamic'], spec, vctx);
      reasons.push(...validateExtension(data['octodns'], dynamic));
    }
  } else if (!hasDynamic && isObject(data['octodns']) && 'dnsctl' in data['octodns']) {
    reasons.push(...validateExtension(data['octodns'], undefined));
  }

  const ttl = typeof ttlRaw === 'number' ? Math.trunc(ttlRaw) : Number.parseInt(String(ttlRaw), 10);
  if (!Number.isFinite(ttl)) {
    return { ok: false, fqdn, reasons, fatal: `invalid literal for int() with base 10: '${String(ttlRaw)}'` };
  }
  if (reasons.length) {
    const record = tryBuild(name, type, ttl, values, dynamic, data, ctx);
    if (record && geo) record.geo = geo;
    return record ? { ok: false, fqdn, reasons, record } : { ok: false, fqdn, reasons };
  }
  const record = tryBuild(name, type, ttl, values, dynamic, data, ctx);
  if (record && geo) record.geo = geo;
  if (!record) return { ok: false, fqdn, reasons: [], fatal: `Invalid record ${fqdn}, values could not be read` };
  return { ok: true, record, reasons };
}

function tryBuild(
  name: string,
  type: DnsRecord['type'],
  ttl: number,
  values: unknown[],
  dynamic: Dynamic | undefined,
  data: Record<string, unknown>,
  ctx: BuildContext,
): DnsRecord | undefined {
  const spec = typeSpec(type);
  let normalised: Value[];
  try {
    normalised = values.filter((v) => v !== null && v !== undefined && v !== '').map((v) => spec.normalise(v, ctx));
  } catch {
    return undefined;
  }
  normalised.sort((a, b) => spec.compare(a, b));
  const record: DnsRecord = { zone: ctx.zone, name, type, ttl, values: normalised };
  if (dynamic) record.dynamic = dynamic;
  if (isObject(data['octodns'])) record.octodns = data['octodns'] as JsonObject;
  return record;
}
