import type { Reason } from '../findings.js';
import type { JsonObject, Value } from '../record.js';
import {
  checkTargetFormat,
  checkTargetNotIp,
  checkTargetTrailingDot,
  compareTuples,
  encodeTarget,
  get,
  has,
  pyInt,
  pyStr,
  pyTruthy,
  runValidators,
  type ValidatorDef,
} from './common.js';
import type { TypeSpec, ValidateContext, ValueOptions } from './spec.js';

/** octodns/record/srv.py and octodns/record/uri.py (value validators; name rules are record-level). */

/** `int(value[field])` with octoDNS's legacy texts: `missing f` / `invalid f "v"`. */
function legacyInt(value: unknown, field: string): string[] {
  if (!has(value, field)) return [`missing ${field}`];
  const raw = get(value, field);
  return pyInt(raw).ok ? [] : [`invalid ${field} "${pyStr(raw)}"`];
}

function asInt(value: unknown, field: string): number | undefined {
  const p = pyInt(get(value, field));
  return has(value, field) && p.ok ? p.value : undefined;
}

const SRV_FIELDS = ['priority', 'weight', 'port'] as const;

const SRV_VALUE: ValidatorDef<unknown[]> = {
  id: 'srv-value',
  sets: ['legacy'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      for (const f of SRV_FIELDS) reasons.push(...legacyInt(value, f));
      if (!has(value, 'target')) reasons.push('missing target');
      else reasons.push(...checkTargetFormat(get(value, 'target'), 'SRV', 'target'));
    }
    return reasons;
  },
};

const SRV_VALUE_RFC: ValidatorDef<unknown[]> = {
  id: 'srv-value-rfc',
  sets: ['strict'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      const fields = SRV_FIELDS.map((f) => [f, asInt(value, f)] as const);
      for (const [f, v] of fields) {
        if (v !== undefined && !(v >= 0 && v <= 65535)) reasons.push(`${f} "${v}" out of range 0-65535`);
      }
      const target = get(value, 'target');
      if (target === '.') {
        for (const [f, v] of fields) if (v !== undefined && v !== 0) reasons.push(`${f} must be 0 when target is "."`);
      } else if (pyTruthy(target) && asInt(value, 'port') === 0) {
        reasons.push('port 0 is reserved; must be > 0 when target is not "."');
      }
    }
    return reasons;
  },
};

const SRV_VALUE_NOT_IP: ValidatorDef<unknown[]> = {
  id: 'srv-value-not-ip',
  sets: ['strict', 'best-practice'],
  run: (data) => data.flatMap((v) => checkTargetNotIp(get(v, 'target'), 'SRV', 'target')),
};

const SRV_VALUE_BEST_PRACTICE: ValidatorDef<unknown[]> = {
  id: 'srv-value-best-practice',
  sets: ['best-practice'],
  run: (data) => data.flatMap((v) => checkTargetTrailingDot(get(v, 'target'), 'SRV', 'target')),
};

const SRV_VALIDATORS = [SRV_VALUE, SRV_VALUE_RFC, SRV_VALUE_NOT_IP, SRV_VALUE_BEST_PRACTICE];

function int(v: unknown): number {
  const p = pyInt(v);
  return p.ok ? p.value : 0;
}

function srvTuple(v: Value): [number, number, number, string] {
  const o = v as JsonObject;
  return [Number(o['priority']), Number(o['weight']), Number(o['port']), String(o['target'])];
}

export const SRV_SPEC: TypeSpec = {
  type: 'SRV',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(SRV_VALIDATORS, raw, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    return {
      priority: int(get(raw, 'priority')),
      weight: int(get(raw, 'weight')),
      port: int(get(raw, 'port')),
      target: encodeTarget(pyStr(get(raw, 'target'))),
    };
  },
  compare(a: Value, b: Value): number {
    // `_equality_tuple`: (priority, weight, port, target)
    return compareTuples(srvTuple(a), srvTuple(b));
  },
  toText(v: Value): string {
    return srvTuple(v).join(' ');
  },
};

// --------------------------------------------------------------------------- URI

const URI_VALUE: ValidatorDef<unknown[]> = {
  id: 'uri-value',
  sets: ['legacy'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      reasons.push(...legacyInt(value, 'priority'), ...legacyInt(value, 'weight'));
      if (!pyTruthy(get(value, 'target'))) reasons.push('missing target');
    }
    return reasons;
  },
};

const URI_VALUE_RFC: ValidatorDef<unknown[]> = {
  id: 'uri-value-rfc',
  sets: ['strict'],
  run(data) {
    const reasons: string[] = [];
    for (const value of data) {
      for (const f of ['priority', 'weight']) {
        if (!has(value, f)) {
          reasons.push(`missing ${f}`);
          continue;
        }
        const raw = get(value, f);
        const p = pyInt(raw);
        if (!p.ok) reasons.push(`invalid ${f} "${pyStr(raw)}"`);
        else if (!(p.value >= 0 && p.value <= 65535)) reasons.push(`invalid ${f} "${p.value}"; must be 0-65535`);
      }
      if (!has(value, 'target')) reasons.push('missing target');
    }
    return reasons;
  },
};

const URI_VALIDATORS = [URI_VALUE, URI_VALUE_RFC];

function uriTuple(v: Value): [number, number, string] {
  const o = v as JsonObject;
  return [Number(o['priority']), Number(o['weight']), String(o['target'])];
}

export const URI_SPEC: TypeSpec = {
  type: 'URI',
  multi: true,
  dynamic: false,
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[] {
    return runValidators(URI_VALIDATORS, raw, ctx);
  },
  normalise(raw: unknown, _opts: ValueOptions): Value {
    return {
      priority: int(get(raw, 'priority')),
      weight: int(get(raw, 'weight')),
      target: encodeTarget(pyStr(get(raw, 'target'))),
    };
  },
  compare(a: Value, b: Value): number {
    return compareTuples(uriTuple(a), uriTuple(b));
  },
  toText(v: Value): string {
    const [p, w, t] = uriTuple(v);
    return `${p} ${w} "${t}"`;
  },
};
