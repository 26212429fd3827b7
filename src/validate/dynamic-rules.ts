/**
 * octoDNS `dynamic` records: the `dynamic` validator (`_DynamicMixin.validate` in
 * `octodns/record/dynamic.py`) and the stored form the record class builds
 * (`_DynamicPool`, `_DynamicRule`, `_Dynamic`).
 *
 * Reasons are octoDNS's texts in octoDNS's order, all reported `via: 'dynamic'`
 * (pool values are checked by the type's value validators from inside the
 * `dynamic` validator). Where octoDNS itself would crash on malformed input
 * (a TypeError/KeyError traceback instead of a ValidationError), dnsctl reports
 * the nearest octoDNS reason instead; those places are marked "crash in octoDNS".
 */

import type { Reason } from '../model/findings.js';
import type { Dynamic, Pool, PoolValue, PoolValueStatus, Rule, Value } from '../model/record.js';
import type { TypeSpec, ValidateContext, ValueOptions } from '../model/types/spec.js';
import { geoCodeReason } from '../model/geo-data.js';

const VIA = 'dynamic';
const STATUSES: readonly string[] = ['up', 'down', 'obey'];

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function has(o: Obj, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Python truthiness for YAML data. */
function truthy(x: unknown): boolean {
  if (x === null || x === undefined || x === false) return false;
  if (typeof x === 'number') return x !== 0 && !Number.isNaN(x);
  if (typeof x === 'string') return x.length > 0;
  if (Array.isArray(x)) return x.length > 0;
  if (isObj(x)) return Object.keys(x).length > 0;
  return true;
}

/** Python's `sorted()` order for strings: by code point. */
export function comparePyStr(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; ) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** How Python's f-string renders a YAML value (`None`, `True`, `['a', 1]`, …). */
export function pyStr(x: unknown): string {
  return typeof x === 'string' ? x : pyRepr(x);
}

function pyRepr(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (x === true) return 'True';
  if (x === false) return 'False';
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return 'nan';
    if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
    return String(x);
  }
  if (typeof x === 'string') {
    return x.includes("'") && !x.includes('"') ? `"${x}"` : `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  }
  if (Array.isArray(x)) return `[${x.map(pyRepr).join(', ')}]`;
  if (isObj(x)) return `{${Object.entries(x).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  return String(x);
}

/**
 * Python's `int(x)` for YAML scalars: the int, or undefined where Python raises
 * (ValueError for bad strings/NaN; TypeError/OverflowError — a crash in octoDNS —
 * for None, lists, mappings, infinities).
 */
function pyInt(x: unknown): number | undefined {
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'number') return Number.isFinite(x) ? Math.trunc(x) : undefined;
  if (typeof x === 'string') {
    const s = x.trim();
    if (!/^[+-]?\d+(_\d+)*$/.test(s)) return undefined;
    return Number.parseInt(s.replace(/_/g, ''), 10);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Subnets: Python's `ipaddress.ip_network(s)` (strict: host bits set is invalid)

export interface Subnet {
  version: 4 | 6;
  /** network address */
  address: bigint;
  prefix: number;
}

const V4_BITS = 32;
const V6_BITS = 128;

function parseV4Address(s: string): bigint | undefined {
  const octets = s.split('.');
  if (octets.length !== 4) return undefined;
  let n = 0n;
  for (const o of octets) {
    if (!/^[0-9]{1,3}$/.test(o)) return undefined;
    if (o.length > 1 && o.startsWith('0')) return undefined; // leading zeros rejected (Python >= 3.9.5)
    const v = Number(o);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6Address(s: string): bigint | undefined {
  if (!s) return undefined;
  const parts = s.split(':');
  if (parts.length < 3) return undefined;
  const last = parts[parts.length - 1]!;
  if (last.includes('.')) {
    const v4 = parseV4Address(last);
    if (v4 === undefined) return undefined;
    parts.pop();
    parts.push(((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
  }
  if (parts.length > 9) return undefined;
  let skip: number | undefined;
  for (let i = 1; i < parts.length - 1; i++) {
    if (!parts[i]) {
      if (skip !== undefined) return undefined; // at most one '::'
      skip = i;
    }
  }
  let hi: number;
  let lo: number;
  let skipped: number;
  if (skip !== undefined) {
    hi = skip;
    lo = parts.length - skip - 1;
    if (!parts[0]) {
      hi -= 1;
      if (hi) return undefined;
    }
    if (!parts[parts.length - 1]) {
      lo -= 1;
      if (lo) return undefined;
    }
    skipped = 8 - (hi + lo);
    if (skipped < 1) return undefined;
  } else {
    if (parts.length !== 8) return undefined;
    if (!parts[0] || !parts[parts.length - 1]) return undefined;
    hi = parts.length;
    lo = 0;
    skipped = 0;
  }
  const hextet = (h: string): bigint | undefined => (/^[0-9a-fA-F]{1,4}$/.test(h) ? BigInt(`0x${h}`) : undefined);
  let n = 0n;
  for (let i = 0; i < hi; i++) {
    const h = hextet(parts[i]!);
    if (h === undefined) return undefined;
    n = (n << 16n) | h;
  }
  n <<= 16n * BigInt(skipped);
  for (let i = parts.length - lo; i < parts.length; i++) {
    const h = hextet(parts[i]!);
    if (h === undefined) return undefined;
    n = (n << 16n) | h;
  }
  return n;
}

/** prefix length of a contiguous netmask int, or undefined */
function prefixFromMask(mask: bigint, bits: number): number | undefined {
  let trailingZeros = 0;
  let m = mask;
  while (trailingZeros < bits && (m & 1n) === 0n) {
    m >>= 1n;
    trailingZeros++;
  }
  const prefix = bits - trailingZeros;
  const all = (1n << BigInt(prefix)) - 1n;
  return m === all ? prefix : undefined;
}

function parsePrefix(p: string | undefined, bits: number, v4: boolean): number | undefined {
  if (p === undefined) return bits;
  if (/^[0-9]+$/.test(p)) {
    const n = Number(p);
    return n <= bits ? n : undefined;
  }
  if (!v4) return undefined;
  // IPv4 also takes a netmask (255.255.0.0) or a hostmask (0.0.255.255)
  const m = parseV4Address(p);
  if (m === undefined) return undefined;
  return prefixFromMask(m, bits) ?? prefixFromMask(m ^ ((1n << BigInt(bits)) - 1n), bits);
}

/** Python's `ipaddress.ip_network(raw)` (strict); undefined where it raises ValueError. */
export function parseSubnet(raw: unknown): Subnet | undefined {
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) return undefined;
    return { version: raw <= 0xffffffff ? 4 : 6, address: BigInt(raw), prefix: raw <= 0xffffffff ? V4_BITS : V6_BITS };
  }
  if (typeof raw !== 'string') return undefined;
  const pieces = raw.split('/');
  if (pieces.length > 2) return undefined;
  const [addr = '', prefixText] = pieces;
  for (const version of [4, 6] as const) {
    const bits = version === 4 ? V4_BITS : V6_BITS;
    const address = version === 4 ? parseV4Address(addr) : parseV6Address(addr);
    if (address === undefined) continue;
    const prefix = parsePrefix(prefixText, bits, version === 4);
    if (prefix === undefined) return undefined;
    const hostmask = (1n << BigInt(bits - prefix)) - 1n;
    if ((address & hostmask) !== 0n) return undefined; // host bits set
    return { version, address, prefix };
  }
  return undefined;
}

function v4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}

function v6Text(n: bigint): string {
  const hextets: string[] = [];
  for (let i = 7; i >= 0; i--) hextets.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // compress the longest run (first one on a tie) of 2+ zero hextets
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (hextets[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && hextets[j] === '0') j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return hextets.join(':');
  const head = hextets.slice(0, bestStart).join(':');
  const tail = hextets.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

/** Python's `str(network)`: `10.0.0.0/8`, `2001:db8::/32`. */
export function subnetText(s: Subnet): string {
  return `${s.version === 4 ? v4Text(s.address) : v6Text(s.address)}/${s.prefix}`;
}

/** The canonical text of a subnet as written, or undefined when Python's ip_network rejects it. */
export function canonicalSubnet(raw: unknown): string | undefined {
  const s = parseSubnet(raw);
  return s === undefined ? undefined : subnetText(s);
}

function subnetKey(s: Subnet): string {
  return `${s.version}/${s.address.toString(16)}/${s.prefix}`;
}

/** Python's network ordering: (version, network address, netmask). */
function compareSubnets(a: Subnet, b: Subnet): number {
  if (a.version !== b.version) return a.version - b.version;
  if (a.address !== b.address) return a.address < b.address ? -1 : 1;
  return a.prefix - b.prefix;
}

/** `a` lies within `b` (same IP version, at least as long a prefix, same network bits). */
export function subnetOf(a: Subnet, b: Subnet): boolean {
  if (a.version !== b.version || a.prefix < b.prefix) return false;
  const bits = a.version === 4 ? V4_BITS : V6_BITS;
  const shift = BigInt(bits - b.prefix);
  return a.address >> shift === b.address >> shift;
}

// ---------------------------------------------------------------------------
// Validation

interface PoolCheck {
  reasons: string[];
  exist: Set<string>;
  seenAsFallback: Set<string>;
}

function validatePools(pools: unknown, spec: TypeSpec, ctx: ValidateContext): PoolCheck {
  const reasons: string[] = [];
  const exist = new Set<string>();
  const seenAsFallback = new Set<string>();
  if (!isObj(pools)) {
    reasons.push('pools must be a dict');
    return { reasons, exist, seenAsFallback };
  }
  const ids = Object.keys(pools).sort(comparePyStr);
  if (ids.length === 0) {
    reasons.push('missing pools');
    return { reasons, exist, seenAsFallback };
  }
  for (const id of ids) {
    const pool = pools[id];
    if (!isObj(pool)) {
      reasons.push(`pool "${id}" must be a dict`);
      continue;
    }
    // a non-list `values` is a crash in octoDNS
    if (!has(pool, 'values') || !Array.isArray(pool['values'])) {
      reasons.push(`pool "${id}" is missing values`);
      continue;
    }
    const values: unknown[] = pool['values'];
    exist.add(id);

    values.forEach((entry, i) => {
      const n = i + 1;
      // a non-mapping entry is a crash in octoDNS
      const value: Obj = isObj(entry) ? entry : {};
      if (has(value, 'weight')) {
        const raw = value['weight'];
        const w = pyInt(raw);
        if (w === undefined) {
          reasons.push(`invalid weight "${pyStr(raw)}" in pool "${id}" value ${n}`);
        } else if (w < 1 || w > 100) {
          reasons.push(`invalid weight "${w}" in pool "${id}" value ${n}`);
        }
      }
      if (has(value, 'status')) {
        const status = value['status'];
        if (typeof status !== 'string' || !STATUSES.includes(status)) {
          reasons.push(`invalid status "${pyStr(status)}" in pool "${id}" value ${n}`);
        }
      }
      if (has(value, 'value')) {
        for (const r of spec.validateValues([value['value']], ctx)) reasons.push(r.reason);
      } else {
        reasons.push(`missing value in pool "${id}" value ${n}`);
      }
    });

    if (values.length === 1) {
      const only = values[0];
      const weight = isObj(only) && has(only, 'weight') ? only['weight'] : 1;
      // Python `!= 1`: 1, 1.0 and True equal 1; "1" does not
      if (weight !== 1 && weight !== true) reasons.push(`pool "${id}" has single value with weight!=1`);
    }

    const fallback = pool['fallback'];
    if (fallback !== undefined && fallback !== null) {
      if (typeof fallback === 'string' && has(pools, fallback)) seenAsFallback.add(fallback);
      else reasons.push(`undefined fallback "${pyStr(fallback)}" for pool "${id}"`);
    }

    // loops: follow the chain; report the path walked so far when it comes back
    let next: unknown = fallback ?? null;
    const seen: unknown[] = [id, next];
    while (next !== null) {
      const p = typeof next === 'string' && has(pools, next) ? pools[next] : undefined;
      next = isObj(p) && p['fallback'] !== undefined ? p['fallback'] : null;
      if (seen.includes(next)) {
        reasons.push(`loop in pool fallbacks: ${seen.map(pyStr).join(' -> ')}`);
        break;
      }
      seen.push(next);
    }
  }
  return { reasons, exist, seenAsFallback };
}

function ruleGet(rule: unknown, key: string): unknown {
  return isObj(rule) && has(rule, key) ? rule[key] : [];
}

function validateRules(pools: unknown, rules: unknown): { reasons: string[]; seen: Set<string> } {
  const reasons: string[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(rules)) {
    reasons.push('rules must be a list');
    return { reasons, seen };
  }
  if (rules.length === 0) {
    reasons.push('missing rules');
    return { reasons, seen };
  }
  const poolIds = new Set(isObj(pools) ? Object.keys(pools) : []);
  // insertion-ordered like Python dicts; re-seeing a key keeps its place, updates the rule
  const subnetsSeen = new Map<4 | 6, Map<string, { subnet: Subnet; rule: number }>>([
    [4, new Map()],
    [6, new Map()],
  ]);
  const geosSeen = new Map<string, number>();
  let seenDefault = false;

  rules.forEach((rule: unknown, i) => {
    const n = i + 1;
    // a non-mapping rule is a crash in octoDNS
    if (!isObj(rule) || !has(rule, 'pool')) {
      reasons.push(`rule ${n} missing pool`);
      return;
    }
    const pool = rule['pool'];
    const subnets = ruleGet(rule, 'subnets');
    const geos = ruleGet(rule, 'geos');
    const targeted = truthy(subnets) || truthy(geos);

    if (typeof pool !== 'string') {
      reasons.push(`rule ${n} invalid pool "${pyStr(pool)}"`);
    } else {
      if (!poolIds.has(pool)) reasons.push(`rule ${n} undefined pool "${pool}"`);
      else if (seen.has(pool) && targeted) reasons.push(`rule ${n} invalid, target pool "${pool}" reused`);
      seen.add(pool);
    }

    if (i > 0) {
      // order: subnet-only, then subnet+geo, then geo-only (checked against the previous rule)
      const prevSubnets = truthy(ruleGet(rules[i - 1], 'subnets'));
      const prevGeos = truthy(ruleGet(rules[i - 1], 'geos'));
      if (truthy(subnets) && truthy(geos)) {
        if (!prevSubnets && prevGeos) {
          reasons.push(`rule ${n} with subnet(s) and geo(s) should appear before all geo-only rules`);
        }
      } else if (truthy(subnets)) {
        if (prevGeos) reasons.push(`rule ${n} with only subnet targeting should appear before all geo targeting rules`);
      }
    }

    if (!targeted) {
      if (seenDefault) reasons.push(`rule ${n} duplicate default`);
      seenDefault = true;
    }

    if (!Array.isArray(subnets)) {
      reasons.push(`rule ${n} subnets must be a list`);
    } else {
      const networks: Subnet[] = [];
      for (const raw of subnets) {
        const s = parseSubnet(raw);
        if (s === undefined) reasons.push(`rule ${n} invalid subnet "${pyStr(raw)}"`);
        else networks.push(s);
      }
      // largest first, so a needlessly listed more specific subnet is caught, also within the rule
      networks.sort(compareSubnets);
      for (const subnet of networks) {
        const byVersion = subnetsSeen.get(subnet.version)!;
        for (const { subnet: prior, rule: where } of byVersion.values()) {
          if (compareSubnets(subnet, prior) === 0) {
            reasons.push(`rule ${n} targets subnet ${subnetText(subnet)} which has previously been seen in rule ${where}`);
          } else if (subnetOf(subnet, prior)) {
            reasons.push(
              `rule ${n} targets subnet ${subnetText(subnet)} which is more specific than the previously seen ${subnetText(prior)} in rule ${where}`,
            );
          }
        }
        byVersion.set(subnetKey(subnet), { subnet, rule: n });
      }
    }

    if (!Array.isArray(geos)) {
      reasons.push(`rule ${n} geos must be a list`);
    } else {
      // sorted so NA comes before NA-US; "more specific" is a plain string-prefix test
      const codes = geos.map(pyStr).sort(comparePyStr);
      for (const geo of codes) {
        const bad = geoCodeReason(geo, `rule ${n} `);
        if (bad !== undefined) reasons.push(bad);
        for (const [prior, where] of geosSeen) {
          if (geo === prior) {
            reasons.push(`rule ${n} targets geo ${geo} which has previously been seen in rule ${where}`);
          } else if (geo.startsWith(prior)) {
            reasons.push(`rule ${n} targets geo ${geo} which is more specific than the previously seen ${prior} in rule ${where}`);
          }
        }
        geosSeen.set(geo, n);
      }
    }
  });

  const last = rules[rules.length - 1];
  if (truthy(isObj(last) ? last['subnets'] : undefined) || truthy(isObj(last) ? last['geos'] : undefined)) {
    reasons.push('final rule has "subnets" and/or "geos" and is not catchall');
  }
  return { reasons, seen };
}

/**
 * octoDNS's `dynamic` validator (sets legacy, strict) for a record that has a
 * `dynamic` key. `raw` is the `dynamic` value as written; `hasGeo` whether the
 * record also has a `geo` key. Pool values are checked with `spec.validateValues`
 * (one value at a time, like octoDNS). Returns [] when the validator is disabled
 * (`disable_validators`) or neither the legacy nor the strict set is enabled.
 *
 * A `dynamic` that is not a mapping (a crash in octoDNS) is read as an empty one.
 */
export function validateDynamic(raw: unknown, hasGeo: boolean, spec: TypeSpec, ctx: ValidateContext): Reason[] {
  if (ctx.disabled.has(VIA)) return [];
  if (!ctx.sets.has('legacy') && !ctx.sets.has('strict')) return [];
  const reasons: string[] = [];
  if (hasGeo) reasons.push('"dynamic" record with "geo" content');

  const dyn: Obj = isObj(raw) ? raw : {};
  const pools = has(dyn, 'pools') ? dyn['pools'] : {};
  const poolCheck = validatePools(pools, spec, ctx);
  reasons.push(...poolCheck.reasons);

  const rules = has(dyn, 'rules') ? dyn['rules'] : [];
  const ruleCheck = validateRules(pools, rules);
  reasons.push(...ruleCheck.reasons);

  const unused = [...poolCheck.exist]
    .filter((id) => !ruleCheck.seen.has(id) && !poolCheck.seenAsFallback.has(id))
    .sort(comparePyStr);
  if (unused.length > 0) reasons.push(`unused pools: "${unused.join('", "')}"`);

  return reasons.map((reason) => ({ reason, via: VIA }));
}

// ---------------------------------------------------------------------------
// Normalisation

function normaliseStatus(raw: unknown): PoolValueStatus {
  return raw === 'up' || raw === 'down' ? raw : 'obey';
}

/**
 * octoDNS's stored form of a `dynamic` value that passed validation: pools in id
 * order, each value `{value, weight (default 1), status (default 'obey')}` with the
 * value normalised by `spec.normalise` and the values sorted by `spec.compare`;
 * a single-value pool's weight is 1; `fallback` null when absent (and for
 * `fallback: default`, which the record class reads as null). Rules keep their
 * order and only the keys written (`pool`, `geos`, `subnets`); geos are sorted,
 * subnets are written in Python's `ipaddress` canonical text and sorted.
 *
 * Weights are stored as numbers (`int()` of what was written); octoDNS keeps the
 * raw YAML scalar.
 */
export function normaliseDynamic(raw: unknown, spec: TypeSpec, opts: ValueOptions): Dynamic {
  const dyn: Obj = isObj(raw) ? raw : {};
  const rawPools: Obj = isObj(dyn['pools']) ? dyn['pools'] : {};
  const pools: Record<string, Pool> = {};
  for (const id of Object.keys(rawPools).sort(comparePyStr)) {
    const rawPool = rawPools[id];
    const p: Obj = isObj(rawPool) ? rawPool : {};
    const rawValues: unknown[] = Array.isArray(p['values']) ? p['values'] : [];
    const values: PoolValue[] = [];
    for (const entry of rawValues) {
      if (!isObj(entry)) continue;
      const value: Value = spec.normalise(entry['value'], opts);
      const weight = has(entry, 'weight') ? pyInt(entry['weight']) ?? 1 : 1;
      values.push({ value, weight, status: normaliseStatus(entry['status']) });
    }
    values.sort((a, b) => spec.compare(a.value, b.value));
    if (values.length === 1) values[0]!.weight = 1;
    const fallback = p['fallback'];
    pools[id] = {
      fallback: typeof fallback === 'string' && fallback !== 'default' ? fallback : null,
      values,
    };
  }

  const rules: Rule[] = [];
  for (const r of Array.isArray(dyn['rules']) ? dyn['rules'] : []) {
    const rawRule: Obj = isObj(r) ? r : {};
    const rule: Rule = { pool: typeof rawRule['pool'] === 'string' ? rawRule['pool'] : pyStr(rawRule['pool']) };
    if (Array.isArray(rawRule['geos'])) rule.geos = rawRule['geos'].map(pyStr).sort(comparePyStr);
    if (Array.isArray(rawRule['subnets'])) {
      rule.subnets = rawRule['subnets'].map((s: unknown) => canonicalSubnet(s) ?? pyStr(s)).sort(comparePyStr);
    }
    rules.push(rule);
  }
  return { pools, rules };
}
