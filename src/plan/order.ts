/**
 * Orders one zone's changes so every intermediate state is valid: a delete that frees a
 * name for a conflicting create (CNAME beside other types) goes first; then creates, so
 * what others point at exists; then updates; then the remaining deletes.
 */
import type { Change } from './types.js';

function conflicts(a: Change, b: Change): boolean {
  return a.name === b.name && a.type !== b.type && (a.type === 'CNAME' || b.type === 'CNAME');
}

export function orderChanges(changes: Change[]): Change[] {
  const creates = changes.filter((c) => c.kind === 'create');
  const updates = changes.filter((c) => c.kind === 'update');
  const deletes = changes.filter((c) => c.kind === 'delete');
  const early = deletes.filter((d) => creates.some((c) => conflicts(c, d)));
  const late = deletes.filter((d) => !early.includes(d));
  // creates that others in this batch point at (CNAME/ALIAS targets inside the zone) first
  const targets = new Set(creates.flatMap((c) => (c.type === 'CNAME' || c.type === 'ALIAS' ? c.desired!.values.map(String) : [])));
  const fqdn = (c: Change) => (c.name ? `${c.name}.${c.desired!.zone}` : c.desired!.zone);
  const first = creates.filter((c) => targets.has(fqdn(c)));
  const rest = creates.filter((c) => !first.includes(c));
  return [...early, ...first, ...rest, ...updates, ...late];
}
