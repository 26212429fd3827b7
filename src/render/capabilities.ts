/** `dnsctl providers`: a table of what each provider kind supports. */
import type { Capabilities } from '../model/provider.js';

const yes = (b: boolean) => (b ? 'yes' : '-');

export function renderCapabilities(caps: Record<string, Capabilities>): string {
  const rows = Object.entries(caps).map(([kind, c]) => [
    kind,
    c.routing.length ? c.routing.join(', ') : 'none (static values)',
    yes(c.healthChecks),
    yes(c.poolValueStatus),
    yes(c.dynamicSubnets),
    yes(c.rootNs),
    c.batchLimit ? String(c.batchLimit) : '-',
    String(c.types.length),
  ]);
  const head = ['provider', 'routing', 'health checks', 'value status', 'subnets', 'root NS', 'batch', 'types'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''];
  for (const [kind, c] of Object.entries(caps)) {
    out.push(`${kind}: ${c.types.join(' ')}`);
    for (const n of c.notes ?? []) out.push(`  - ${n}`);
  }
  return out.join('\n');
}
