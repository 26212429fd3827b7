import type { Reason } from '../findings.js';
import type { RecordType, Value } from '../record.js';

export type ValidatorSet = 'legacy' | 'strict' | 'best-practice';

export interface ValueOptions {
  /** YamlProvider `escaped_semicolons` (default true): `;` must be written `\;` in TXT/SPF */
  escapedSemicolons: boolean;
}

export interface ValidateContext extends ValueOptions {
  /** enabled validator sets */
  sets: ReadonlySet<ValidatorSet>;
  /** validator ids disabled for this record's type (`disable_validators`) */
  disabled: ReadonlySet<string>;
  /** record name relative to the zone ('' = apex) */
  name: string;
  fqdn: string;
  type: RecordType;
}

/**
 * What dnsctl knows about one record type: octoDNS's value shape, validators and
 * normalisation. One module per type family under this folder implements it.
 */
export interface TypeSpec {
  type: RecordType;
  /** true: `values` list (or `value`); false: a single `value` (CNAME, ALIAS, DNAME) */
  multi: boolean;
  /** supports `dynamic` (A, AAAA, CNAME, DNAME) */
  dynamic: boolean;
  /**
   * octoDNS's value validators for this type over the raw values as written
   * (after `value`/`values` resolution; a single-value type gets a one-element list,
   * or an empty list when the value is missing). Returns reasons in octoDNS's order.
   */
  validateValues(raw: unknown[], ctx: ValidateContext): Reason[];
  /** octoDNS's normalised value data for one raw value that passed validation. */
  normalise(raw: unknown, opts: ValueOptions): Value;
  /** total order used to sort values (octoDNS sorts values). */
  compare(a: Value, b: Value): number;
  /** the value as one line of zone-file text, for plans (e.g. `10 mx1.example.com.`) */
  toText(v: Value): string;
}
