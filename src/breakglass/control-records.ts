/**
 * The records dnsctl keeps in each zone for its own operation, never part of the
 * repository: the lock (`_dnsctl-lock.<zone>`), the live override of a break-glass
 * command (`_dnsctl-override.<zone>`) and, on providers with region switches, the
 * switch index (`_dnsctl-switch.<zone>`). Every provider leaves them out of the records
 * it reads, so no plan ever shows them as unmanaged or deletes them.
 *
 * Payloads are `key=value` pairs joined by `;`, values percent-encoded, so a TXT value is
 * readable in a console and safe to quote: `dnsctl-lock;v=1;holder=alice%40example.com;...`.
 */
export const LOCK_LABEL = '_dnsctl-lock';
export const OVERRIDE_LABEL = '_dnsctl-override';
export const SWITCH_LABEL = '_dnsctl-switch';
const CONTROL_LABELS = new Set([LOCK_LABEL, OVERRIDE_LABEL, SWITCH_LABEL]);

/** Whether a record name relative to its zone (`''` the apex) is one of dnsctl's control records. */
export function isControlName(relativeName: string): boolean {
  return CONTROL_LABELS.has(relativeName.toLowerCase());
}

/** Whether a fully qualified name is one of the zone's control records. */
export function isControlFqdn(fqdn: string, zone: string): boolean {
  const f = fqdn.toLowerCase().replace(/\.?$/, '.');
  const z = zone.toLowerCase().replace(/\.?$/, '.');
  if (!f.endsWith(`.${z}`)) return false;
  return isControlName(f.slice(0, -z.length - 1));
}

export const controlFqdn = (label: string, zone: string): string => `${label}.${zone.replace(/\.?$/, '.')}`;

/** `marker;k=v;...` with values percent-encoded. */
export function encodePayload(marker: string, fields: Record<string, string | number | boolean | undefined>): string {
  const parts = [marker];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) parts.push(`${k}=${encodeURIComponent(String(v))}`);
  return parts.join(';');
}

/** The fields of a payload that starts with `marker` (undefined: not one of dnsctl's). */
export function decodePayload(marker: string, text: string): Record<string, string> | undefined {
  const parts = text.trim().split(';');
  if (parts[0] !== marker) return undefined;
  const out: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      out[p.slice(0, eq)] = decodeURIComponent(p.slice(eq + 1));
    } catch {
      return undefined;
    }
  }
  return out;
}
