import type { Reason } from '../model/findings.js';
import type { RecordType } from '../model/record.js';
import { get, idnaDecode, isActive, isPlainObject, isValidServiceName, pyInt, type ValidatorDef } from '../model/types/common.js';
import type { ValidatorSet } from '../model/types/spec.js';

/**
 * octoDNS's record-level (not value) validators, in octoDNS's order: the global
 * ones (`name-rfc`, `ttl-rfc`, `healthcheck`), then the type's own
 * (`cname-root-rfc`, `alias-root`, `srv-name`/`srv-name-rfc`, `uri-name`/`uri-name-rfc`,
 * `spf-record-type`). `name` is the IDNA-encoded relative name, `fqdn` the IDNA fqdn.
 */
export interface RecordRuleInput {
  name: string;
  fqdn: string;
  type: RecordType;
  /** the record's ttl as written (undefined when missing) */
  ttl: unknown;
  /** the record's `octodns` mapping as written */
  octodns: unknown;
}

export interface RecordRuleContext {
  sets: ReadonlySet<ValidatorSet>;
  disabled: ReadonlySet<string>;
}

const HEALTHCHECK_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'ICMP', 'TCP', 'UDP']);

const NAME_RFC: ValidatorDef<RecordRuleInput> = {
  id: 'name-rfc',
  sets: ['legacy', 'strict'],
  run({ name, fqdn }) {
    const reasons: string[] = [];
    if (name === '@') reasons.push('invalid name "@", use "" instead');
    if (fqdn.length > 253) {
      reasons.push(`invalid fqdn, "${idnaDecode(fqdn)}" is too long at ${fqdn.length} chars, max is 253`);
    }
    if (name.length > 63) {
      for (const label of name.split('.')) {
        // code points <= UTF-16 units: only a label over 63 units can be over 63 code points
        const n = label.length > 63 ? [...label].length : label.length;
        if (n > 63) reasons.push(`invalid label, "${label}" is too long at ${n} chars, max is 63`);
      }
    }
    // a name ending in `.` gives an implicit double dot with the zone
    if (name.includes('..') || name.endsWith('.')) reasons.push(`invalid name, double \`.\` in "${idnaDecode(fqdn)}"`);
    return reasons;
  },
};

const TTL_RFC: ValidatorDef<RecordRuleInput> = {
  id: 'ttl-rfc',
  sets: ['legacy', 'strict'],
  run({ ttl }) {
    if (ttl === undefined) return ['missing ttl'];
    const t = pyInt(ttl);
    // octoDNS raises a raw ValueError/TypeError for a ttl int() rejects; dnsctl reports it here
    if (!t.ok || t.value < 0) return ['invalid ttl'];
    return [];
  },
};

const HEALTHCHECK: ValidatorDef<RecordRuleInput> = {
  id: 'healthcheck',
  sets: ['legacy', 'strict'],
  run({ octodns }) {
    const hc = get(octodns, 'healthcheck');
    if (!isPlainObject(hc) || !('protocol' in hc)) return [];
    const p = hc['protocol'];
    return typeof p === 'string' && HEALTHCHECK_PROTOCOLS.has(p) ? [] : ['invalid healthcheck protocol'];
  },
};

const CNAME_ROOT_RFC: ValidatorDef<RecordRuleInput> = {
  id: 'cname-root-rfc',
  sets: ['legacy', 'strict'],
  run: ({ name }) => (name === '' ? ['root CNAME not allowed'] : []),
};

const ALIAS_ROOT: ValidatorDef<RecordRuleInput> = {
  id: 'alias-root',
  sets: ['legacy', 'strict'],
  run: ({ name }) => (name !== '' ? ['non-root ALIAS not allowed'] : []),
};

/** `^(\*|_[^\.]+)\.[^\.]+` with `re.match` (anchored at the start only). */
const SERVICE_NAME_RE = /^(\*|_[^.]+)\.[^.]+/;

function legacyServiceName(type: 'SRV' | 'URI'): ValidatorDef<RecordRuleInput> {
  return {
    id: type === 'SRV' ? 'srv-name' : 'uri-name',
    sets: ['legacy'],
    run: ({ name }) => (SERVICE_NAME_RE.test(name) ? [] : [`invalid name for ${type} record`]),
  };
}

function rfcServiceName(type: 'SRV' | 'URI'): ValidatorDef<RecordRuleInput> {
  return {
    id: type === 'SRV' ? 'srv-name-rfc' : 'uri-name-rfc',
    sets: ['strict'],
    run({ name }) {
      const labels = name ? name.split('.') : [];
      if (labels.length < 2) return [`${type} name must have at least two labels (_service._proto)`];
      const [service, proto] = labels as [string, string];
      const reasons: string[] = [];
      if (service !== '*' && !(service.startsWith('_') && isValidServiceName(service.slice(1)))) {
        reasons.push(`invalid ${type} service label "${service}"`);
      }
      if (!(proto.startsWith('_') && isValidServiceName(proto.slice(1)))) {
        reasons.push(`invalid ${type} proto label "${proto}"`);
      }
      return reasons;
    },
  };
}

const SPF_RECORD_TYPE: ValidatorDef<RecordRuleInput> = {
  id: 'spf-record-type',
  sets: ['strict'],
  run: () => [
    'The SPF record type is DEPRECATED in favor of TXT values and will become an ValidationError in 2.0',
  ],
};

const GLOBAL = [NAME_RFC, TTL_RFC, HEALTHCHECK];

const BY_TYPE: Partial<Record<RecordType, ValidatorDef<RecordRuleInput>[]>> = {
  CNAME: [CNAME_ROOT_RFC],
  ALIAS: [ALIAS_ROOT],
  SRV: [legacyServiceName('SRV'), rfcServiceName('SRV')],
  URI: [legacyServiceName('URI'), rfcServiceName('URI')],
  SPF: [SPF_RECORD_TYPE],
};

/** The record-level validator ids dnsctl knows, with their sets (for config checks). */
export const RECORD_RULE_IDS: ReadonlyArray<{ id: string; sets: readonly ValidatorSet[]; types: RecordType[] | '*' }> = [
  ...GLOBAL.map((d) => ({ id: d.id, sets: d.sets, types: '*' as const })),
  ...Object.entries(BY_TYPE).flatMap(([t, defs]) =>
    (defs ?? []).map((d) => ({ id: d.id, sets: d.sets, types: [t as RecordType] })),
  ),
];

const DEFS_BY_TYPE = new Map<string, ValidatorDef<RecordRuleInput>[]>();

function defsFor(type: RecordType): ValidatorDef<RecordRuleInput>[] {
  let defs = DEFS_BY_TYPE.get(type);
  if (!defs) DEFS_BY_TYPE.set(type, (defs = [...GLOBAL, ...(BY_TYPE[type] ?? [])]));
  return defs;
}

export function validateRecordRules(input: RecordRuleInput, ctx: RecordRuleContext): Reason[] {
  const out: Reason[] = [];
  for (const d of defsFor(input.type)) {
    if (!isActive(d.id, d.sets, ctx)) continue;
    for (const reason of d.run(input)) out.push({ reason, via: d.id });
  }
  return out;
}
