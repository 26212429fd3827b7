import type { Reason } from '../model/findings.js';
import { fqdnOf, type DnsRecord, type JsonObject, type RecordType } from '../model/record.js';
import { encodeTarget, idnaDecode, isActive } from '../model/types/common.js';
import type { ValidatorSet } from '../model/types/spec.js';

/**
 * octoDNS's zone-level validators (octodns/zone/*.py). octoDNS iterates the zone's
 * records as a Python set (no stable order); dnsctl uses the order of `records`
 * (file order) so its output is deterministic. Validators run in octoDNS's
 * registration order: cname.py, dname.py, mail.py (MX), ns.py, srv.py.
 */
export interface ZoneRuleContext {
  sets: ReadonlySet<ValidatorSet>;
  disabled: ReadonlySet<string>;
  /** configured sub-zones, relative to the zone (e.g. `sub` for `sub.example.com.`) */
  subZones?: readonly string[];
}

export type ZoneReason = Reason & { records: DnsRecord[] };

class ZoneView {
  /** records by name: most names hold one record, kept without an array of its own */
  private readonly byName = new Map<string, DnsRecord | DnsRecord[]>();
  constructor(
    readonly name: string,
    readonly records: DnsRecord[],
    readonly subZones: readonly string[],
  ) {
    for (const r of records) {
      const node = this.byName.get(r.name);
      if (node === undefined) this.byName.set(r.name, r);
      else if (Array.isArray(node)) node.push(r);
      else this.byName.set(r.name, [node, r]);
    }
  }

  /** every name's records */
  *nodes(): Iterable<DnsRecord[]> {
    for (const node of this.byName.values()) yield Array.isArray(node) ? node : [node];
  }

  /** the records of names holding more than one */
  *sharedNodes(): Iterable<DnsRecord[]> {
    for (const node of this.byName.values()) if (Array.isArray(node)) yield node;
  }

  get(hostname: string, type?: RecordType): DnsRecord[] {
    const node = this.byName.get(hostname);
    if (node === undefined) return [];
    const list = Array.isArray(node) ? node : [node];
    return type === undefined ? list : list.filter((r) => r.type === type);
  }

  /** `Zone.hostname_from_fqdn`: strip the zone name (trailing dot optional) and one leading `.`. */
  hostnameFromFqdn(fqdn: string): string {
    const f = encodeTarget(fqdn);
    const bare = this.name.slice(0, -1);
    for (const suffix of [this.name, bare]) {
      if (f === suffix) return '';
      if (f.endsWith(`.${suffix}`)) return f.slice(0, -suffix.length - 1);
    }
    return f;
  }

  /** `Zone.owns(type, fqdn)`: in this zone and not under a configured sub-zone (NS at the boundary is). */
  owns(type: RecordType, target: string): boolean {
    let fqdn = target;
    if (!fqdn.endsWith('.')) fqdn = `${fqdn}.`;
    if (fqdn === this.name) return true;
    if (!fqdn.endsWith(`.${this.name}`)) return false;
    const hostname = this.hostnameFromFqdn(fqdn);
    if (this.subZones.includes(hostname)) return type === 'NS';
    return !this.subZones.some((s) => hostname.endsWith(`.${s}`));
  }
}

function fqdn(r: DnsRecord): string {
  return fqdnOf(r.name, r.zone);
}

function decodedFqdn(r: DnsRecord): string {
  return idnaDecode(fqdn(r));
}

function stringValues(r: DnsRecord): string[] {
  return r.values.map((v) => (typeof v === 'string' ? v : ''));
}

function field(r: DnsRecord, key: string): string[] {
  return r.values.map((v) => (typeof v === 'object' && v !== null ? String((v as JsonObject)[key] ?? '') : ''));
}

interface ZoneValidatorDef {
  id: string;
  sets: readonly ValidatorSet[];
  run(zone: ZoneView): Array<{ reason: string; records: DnsRecord[] }>;
}

const CNAME_COEXISTENCE: ZoneValidatorDef = {
  id: 'cname-coexistence',
  sets: ['legacy', 'strict'],
  run(zone) {
    const out: Array<{ reason: string; records: DnsRecord[] }> = [];
    for (const node of zone.sharedNodes()) {
      const cname = node.find((r) => r.type === 'CNAME');
      const alias = node.find((r) => r.type === 'ALIAS');
      if (cname) {
        out.push({ reason: `Invalid state, CNAME at ${fqdn(cname)} cannot coexist with other records`, records: node });
      } else if (alias && node.some((r) => r.type === 'A' || r.type === 'AAAA')) {
        out.push({ reason: `Invalid state, ALIAS at ${fqdn(alias)} cannot coexist with A or AAAA records`, records: node });
      }
    }
    return out;
  },
};

const NO_CNAME_LOOP: ZoneValidatorDef = {
  id: 'no-cname-loop',
  sets: ['strict'],
  run(zone) {
    const out: Array<{ reason: string; records: DnsRecord[] }> = [];
    const targets = new Map<string, DnsRecord>();
    for (const r of zone.records) if (r.type === 'CNAME' || r.type === 'ALIAS') targets.set(fqdn(r), r);
    const overall = new Set<string>();
    for (const start of targets.keys()) {
      if (overall.has(start)) continue;
      const path: string[] = [];
      const visited = new Map<string, number>();
      let curr = start;
      while (targets.has(curr)) {
        const at = visited.get(curr);
        if (at !== undefined) {
          const cycle = [...path.slice(at), curr];
          const recs = [...new Set(cycle.map((f) => targets.get(f)!))];
          out.push({ reason: `Loop detected: ${cycle.join(' -> ')}`, records: recs });
          break;
        }
        if (overall.has(curr)) break;
        visited.set(curr, path.length);
        path.push(curr);
        overall.add(curr);
        curr = String(targets.get(curr)!.values[0] ?? '');
      }
    }
    return out;
  },
};

const CNAME_TARGET_RESOLVABLE: ZoneValidatorDef = {
  id: 'cname-target-resolvable-in-zone',
  sets: ['best-practice'],
  run(zone) {
    const out: Array<{ reason: string; records: DnsRecord[] }> = [];
    for (const r of zone.records) {
      if (r.type !== 'CNAME' && r.type !== 'ALIAS') continue;
      const target = stringValues(r)[0] ?? '';
      if (target && zone.owns('A', target) && zone.get(zone.hostnameFromFqdn(target)).length === 0) {
        out.push({
          reason: `${r.type} record "${decodedFqdn(r)}" points to in-zone target "${target}" that does not exist`,
          records: [r],
        });
      }
    }
    return out;
  },
};

const ROOT_CNAME: ZoneValidatorDef = {
  id: 'root-cname',
  sets: ['strict'],
  run(zone) {
    const c = zone.get('', 'CNAME')[0];
    return c ? [{ reason: `CNAME record at zone apex "${decodedFqdn(c)}" is not allowed`, records: [c] }] : [];
  },
};

const CNAME_TARGET_NOT_CNAME: ZoneValidatorDef = {
  id: 'cname-target-not-cname',
  sets: ['best-practice'],
  run(zone) {
    const out: Array<{ reason: string; records: DnsRecord[] }> = [];
    for (const r of zone.records) {
      if (r.type !== 'CNAME') continue;
      const target = stringValues(r)[0] ?? '';
      if (target && zone.owns('CNAME', target) && zone.get(zone.hostnameFromFqdn(target), 'CNAME').length) {
        out.push({
          reason: `CNAME record "${decodedFqdn(r)}" points to target "${target}" which is also a CNAME`,
          records: [r],
        });
      }
    }
    return out;
  },
};

const DNAME_COEXISTENCE: ZoneValidatorDef = {
  id: 'dname-coexistence',
  sets: ['strict'],
  run(zone) {
    const out: Array<{ reason: string; records: DnsRecord[] }> = [];
    const dnames: DnsRecord[] = [];
    for (const node of zone.nodes()) {
      const dname = node.find((r) => r.type === 'DNAME');
      if (!dname) continue;
      dnames.push(dname);
      if (node.some((r) => r.type === 'CNAME')) {
        out.push({ reason: `Invalid state, DNAME at ${fqdn(dname)} cannot coexist with CNAME`, records: node });
      }
      if (node.some((r) => r.type === 'NS') && dname.name !== '') {
        out.push({
          reason: `Invalid state, DNAME at ${fqdn(dname)} cannot coexist with NS at a non-apex node`,
          records: node,
        });
      }
    }
    for (const d of dnames) {
      const parent = d.name;
      for (const r of zone.records) {
        const child = parent === '' ? r.name !== '' : r.name.endsWith(`.${parent}`);
        if (child) {
          out.push({ reason: `Record "${decodedFqdn(r)}" is occluded by DNAME "${decodedFqdn(d)}"`, records: [r] });
        }
      }
    }
    return out;
  },
};

function targetNotCname(id: string, type: 'MX' | 'NS' | 'SRV'): ZoneValidatorDef {
  return {
    id,
    sets: ['strict'],
    run(zone) {
      const out: Array<{ reason: string; records: DnsRecord[] }> = [];
      for (const r of zone.records) {
        if (r.type !== type) continue;
        const targets = type === 'MX' ? field(r, 'exchange') : type === 'SRV' ? field(r, 'target') : stringValues(r);
        for (const t of targets) {
          if (!t || t === '.') continue;
          if (zone.owns('CNAME', t) && zone.get(zone.hostnameFromFqdn(t), 'CNAME').length) {
            const what = type === 'MX' ? 'exchange' : 'target';
            out.push({ reason: `${type} record "${fqdn(r)}" points to ${what} "${t}" which is a CNAME`, records: [r] });
          }
        }
      }
      return out;
    },
  };
}

function targetResolvable(id: string, type: 'MX' | 'SRV'): ZoneValidatorDef {
  return {
    id,
    sets: ['best-practice'],
    run(zone) {
      const out: Array<{ reason: string; records: DnsRecord[] }> = [];
      for (const r of zone.records) {
        if (r.type !== type) continue;
        for (const t of field(r, type === 'MX' ? 'exchange' : 'target')) {
          if (t && zone.owns('A', t) && zone.get(zone.hostnameFromFqdn(t)).length === 0) {
            out.push({
              reason: `${type} record "${decodedFqdn(r)}" points to in-zone target "${t}" that does not exist`,
              records: [r],
            });
          }
        }
      }
      return out;
    },
  };
}

const GLUE_FOR_IN_ZONE_NS: ZoneValidatorDef = {
  id: 'glue-for-in-zone-ns',
  sets: ['strict'],
  run(zone) {
    const out: Array<{ reason: string; records: DnsRecord[] }> = [];
    for (const r of zone.records) {
      if (r.type !== 'NS') continue;
      for (const t of stringValues(r)) {
        if (!t || !zone.owns('A', t)) continue;
        const h = zone.hostnameFromFqdn(t);
        if (zone.get(h, 'A').length + zone.get(h, 'AAAA').length === 0) {
          out.push({
            reason: `NS record "${fqdn(r)}" points to in-zone target "${t}" without glue records (A/AAAA)`,
            records: [r],
          });
        }
      }
    }
    return out;
  },
};

const MULTI_VALUE_NS: ZoneValidatorDef = {
  id: 'multi-value-ns',
  sets: ['best-practice'],
  run(zone) {
    return zone.records
      .filter((r) => r.type === 'NS' && r.values.length < 2)
      .map((r) => ({
        reason: `NS record "${fqdn(r)}" has only ${r.values.length} value; at least 2 are recommended for redundancy`,
        records: [r],
      }));
  },
};

const ZONE_VALIDATORS: ZoneValidatorDef[] = [
  // octodns/zone/cname.py
  CNAME_COEXISTENCE,
  NO_CNAME_LOOP,
  CNAME_TARGET_RESOLVABLE,
  ROOT_CNAME,
  CNAME_TARGET_NOT_CNAME,
  // octodns/zone/dname.py
  DNAME_COEXISTENCE,
  // octodns/zone/mail.py (MX parts)
  targetNotCname('mx-target-not-cname', 'MX'),
  targetResolvable('mx-target-resolvable-in-zone', 'MX'),
  // octodns/zone/ns.py
  GLUE_FOR_IN_ZONE_NS,
  MULTI_VALUE_NS,
  targetNotCname('ns-target-not-cname', 'NS'),
  // octodns/zone/srv.py
  targetNotCname('srv-target-not-cname', 'SRV'),
  targetResolvable('srv-target-resolvable-in-zone', 'SRV'),
];

/** The zone validator ids dnsctl implements, with their sets. */
export const ZONE_RULE_IDS: ReadonlyArray<{ id: string; sets: readonly ValidatorSet[] }> = ZONE_VALIDATORS.map((v) => ({
  id: v.id,
  sets: v.sets,
}));

export function validateZoneRules(zone: string, records: DnsRecord[], ctx: ZoneRuleContext): ZoneReason[] {
  const view = new ZoneView(zone, records, ctx.subZones ?? []);
  const out: ZoneReason[] = [];
  for (const v of ZONE_VALIDATORS) {
    if (!isActive(v.id, v.sets, ctx)) continue;
    for (const r of v.run(view)) out.push({ reason: r.reason, via: v.id, records: r.records });
  }
  return out;
}
