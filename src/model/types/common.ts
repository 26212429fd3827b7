import { isIPv4, isIPv6 } from 'node:net';

/**
 * Shared value helpers for the type specs. Owned by the record-types work; refine
 * (e.g. exact `fqdn` library semantics) here so every type gets the same answer.
 */

/** octoDNS's `fqdn.FQDN(target, allow_underscores=True).is_valid`: >= 2 labels, labels 1-63, no leading/trailing '-'. */
export function isValidFqdn(target: string): boolean {
  const t = target.endsWith('.') ? target.slice(0, -1) : target;
  if (t.length === 0 || t.length > 253) return false;
  const labels = t.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/.test(l));
}

export function isIpAddress(v: string): boolean {
  return isIPv4(v) || isIPv6(v);
}

/** strict dotted quad as Python's ipaddress accepts it (no leading zeros). */
export function isStrictIPv4(v: string): boolean {
  return isIPv4(v) && v.split('.').every((o) => o === '0' || !o.startsWith('0'));
}

/** RFC 5952 short form, as Python's ipaddress renders it. */
export function normaliseIPv6(v: string): string {
  return new URL(`http://[${v}]/`).hostname.slice(1, -1);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
