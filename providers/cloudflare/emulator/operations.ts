/** Routing of `/client/v4` paths to the operations of Cloudflare's OpenAPI document. */

export interface Operation {
  operationId: string;
  /** Short counter name, e.g. `dns_records.batch`. */
  name: string;
  method: string;
  template: string;
  regex: RegExp;
  paramNames: string[];
}

/** Short names of the operations dnsctl uses (counter keys); others fall back to the operationId. */
const SHORT_NAMES: Record<string, string> = {
  'zones-get': 'zones.list',
  'zones-0-get': 'zones.get',
  'dns-records-for-a-zone-list-dns-records': 'dns_records.list',
  'dns-records-for-a-zone-create-dns-record': 'dns_records.create',
  'dns-records-for-a-zone-dns-record-details': 'dns_records.get',
  'dns-records-for-a-zone-update-dns-record': 'dns_records.update',
  'dns-records-for-a-zone-patch-dns-record': 'dns_records.edit',
  'dns-records-for-a-zone-delete-dns-record': 'dns_records.delete',
  'dns-records-for-a-zone-batch-dns-records': 'dns_records.batch',
  'dns-records-for-a-zone-export-dns-records': 'dns_records.export',
  'dns-records-for-a-zone-import-dns-records': 'dns_records.import',
  'load-balancers-list-load-balancers': 'load_balancers.list',
  'load-balancers-create-load-balancer': 'load_balancers.create',
  'load-balancers-load-balancer-details': 'load_balancers.get',
  'load-balancers-update-load-balancer': 'load_balancers.update',
  'load-balancers-patch-load-balancer': 'load_balancers.edit',
  'load-balancers-delete-load-balancer': 'load_balancers.delete',
  'account-load-balancer-pools-list-pools': 'pools.list',
  'account-load-balancer-pools-patch-pools': 'pools.bulk_edit',
  'account-load-balancer-pools-create-pool': 'pools.create',
  'account-load-balancer-pools-pool-details': 'pools.get',
  'account-load-balancer-pools-update-pool': 'pools.update',
  'account-load-balancer-pools-patch-pool': 'pools.edit',
  'account-load-balancer-pools-delete-pool': 'pools.delete',
  'account-load-balancer-pools-pool-health-details': 'pools.health',
  'account-load-balancer-pools-preview-pool': 'pools.preview',
  'account-load-balancer-monitors-list-monitors': 'monitors.list',
  'account-load-balancer-monitors-create-monitor': 'monitors.create',
  'account-load-balancer-monitors-monitor-details': 'monitors.get',
  'account-load-balancer-monitors-update-monitor': 'monitors.update',
  'account-load-balancer-monitors-patch-monitor': 'monitors.edit',
  'account-load-balancer-monitors-delete-monitor': 'monitors.delete',
  'account-load-balancer-monitors-preview-monitor': 'monitors.preview',
  'account-load-balancer-monitors-preview-result': 'monitors.preview_result',
  'load-balancer-regions-list-regions': 'regions.list',
  'load-balancer-regions-get-region': 'regions.get',
};

export function shortName(operationId: string): string {
  return SHORT_NAMES[operationId] ?? operationId;
}

export function buildOperation(method: string, template: string, operationId: string): Operation {
  const paramNames: string[] = [];
  const pattern = template
    .split('/')
    .map((seg) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (m && m[1]) {
        paramNames.push(m[1]);
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { operationId, name: shortName(operationId), method, template, regex: new RegExp(`^${pattern}$`), paramNames };
}

export type RouteMatch =
  | { kind: 'found'; op: Operation; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

/** Literal segments win over parameters (`/dns_records/batch` before `/dns_records/{id}`). */
export function matchRoute(ops: Operation[], method: string, path: string): RouteMatch {
  let pathMatched = false;
  let best: { op: Operation; params: Record<string, string>; literals: number } | undefined;
  for (const op of ops) {
    const m = op.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (op.method !== method) continue;
    const params: Record<string, string> = {};
    op.paramNames.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1] ?? '');
    });
    const literals = op.template.split('/').filter((s) => !s.startsWith('{')).length;
    if (!best || literals > best.literals) best = { op, params, literals };
  }
  if (best) return { kind: 'found', op: best.op, params: best.params };
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
