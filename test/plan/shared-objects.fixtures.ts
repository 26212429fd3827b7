import type { SharedObjectsReport } from '../../src/plan/shared-objects.js';

/** A plan's shared-object section: 40 checks to create, one old orphan apply deletes, one fresh one it leaves. */
export const sharedReport: SharedObjectsReport = {
  target: 'route53',
  objects: [{ kind: 'health-check', existing: 2, create: 40, delete: 1, after: 41 }],
  orphans: [
    { kind: 'health-check', id: 'hc-old', name: '192.0.2.9 0001:dnsctl:00:1', ageSeconds: 7260, collectable: true },
    { kind: 'health-check', id: 'hc-new', name: '192.0.2.8 0001:dnsctl:00:2', ageSeconds: 30, collectable: false },
  ],
};
