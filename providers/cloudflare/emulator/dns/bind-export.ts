/** BIND zone-file rendering of a zone's records (`GET …/dns_records/export`). */
import type { DnsRecordState, ZoneState } from '../types.js';

function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

function rdata(r: DnsRecordState): string {
  switch (r.type) {
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return fqdn(r.content);
    case 'MX':
      return `${r.priority ?? 0} ${fqdn(r.content)}`;
    case 'SRV':
      return `${r.priority ?? 0} ${r.content.replace(/(\S+)$/, (t) => fqdn(t))}`;
    case 'URI':
      return `${r.priority ?? 0} ${r.content}`;
    case 'HTTPS':
    case 'SVCB':
      return r.content.replace(/^(\S+\s+)(\S+)/, (_m, p: string, t: string) => p + fqdn(t));
    case 'TXT':
      return r.content.startsWith('"') ? r.content : `"${r.content.replace(/"/g, '\\"')}"`;
    default:
      return r.content;
  }
}

export function renderBind(zone: ZoneState, records: DnsRecordState[]): string {
  const lines = [
    `;;`,
    `;; Domain:     ${zone.name}.`,
    `;; Exported:   ${new Date().toISOString()}`,
    `;;`,
    `;; This file is intended for use for informational and archival purposes ONLY.`,
    `;;`,
    `$ORIGIN ${zone.name}.`,
    '',
    `;; SOA Record`,
    `${zone.name}.\t3600\tIN\tSOA\t${zone.name_servers[0] ?? 'ns.cloudflare.com'}. dns.cloudflare.com. 2050000000 10000 2400 604800 3600`,
    '',
  ];
  const types = [...new Set(records.map((r) => r.type))].sort();
  for (const t of types) {
    lines.push(`;; ${t} Records`);
    for (const r of records.filter((x) => x.type === t)) {
      const tags: string[] = [];
      if (r.proxied) tags.push('cf-proxied:true');
      else if (r.proxiable) tags.push('cf-proxied:false');
      const suffix = tags.length > 0 ? ` ; cf_tags=${tags.join(',')}` : '';
      lines.push(`${fqdn(r.name)}\t${r.ttl}\tIN\t${r.type}\t${rdata(r)}${suffix}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
