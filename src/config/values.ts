/** Reading plain values out of a parsed config (YAML mappings, scalar-or-list fields). */

/** The value as a mapping, or undefined when it is not one. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A list of strings from a list or a single scalar (octoDNS accepts both); none for null. */
export function strList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}
