/** Record-name handling: `@` is the apex, names outside the zone are taken as relative (as Cloudflare does). */

export function normalizeRecordName(name: string, zoneName: string): string {
  let n = name.trim().toLowerCase();
  if (n.endsWith('.')) n = n.slice(0, -1);
  if (n === '@' || n === '') return zoneName;
  if (n === zoneName || n.endsWith(`.${zoneName}`)) return n;
  return `${n}.${zoneName}`;
}

const LABEL = /^(\*|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)$/i;

export function isHostname(value: string): boolean {
  const v = value.endsWith('.') ? value.slice(0, -1) : value;
  if (v.length === 0 || v.length > 253) return false;
  return v.split('.').every((label) => LABEL.test(label));
}
