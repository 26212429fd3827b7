/**
 * diffZone matches live and desired records by name, then type (LiveIndex): names with
 * several types, names that differ only by type, and a live name+type read twice (the
 * last one counts, as a keyed map had it) all plan what a reviewer expects.
 */
import { describe, expect, it } from 'vitest';
import { diffZone } from '../../src/plan/diff.js';
import type { DnsRecord } from '../../src/model/record.js';

const r = (name: string, type: DnsRecord['type'], value: string, ttl = 300): DnsRecord => ({ zone: 'example.com.', name, type, ttl, values: [value] });
const opts = { target: 'live', keepUnmanaged: false, rootNs: true };
const summary = (changes: ReturnType<typeof diffZone>['changes']) => changes.map((c) => `${c.kind} ${c.name || '@'} ${c.type}`);

describe('diffZone by name, then type', () => {
  it('creates, updates and deletes per type under one name', () => {
    const live = [r('www', 'A', '192.0.2.1'), r('www', 'AAAA', '2001:db8::1'), r('www', 'TXT', 'old'), r('gone', 'A', '192.0.2.9')];
    const desired = [r('www', 'A', '192.0.2.1'), r('www', 'TXT', 'new'), r('www', 'MX', '10 mx.example.com.'), r('', 'A', '192.0.2.5')];
    expect(summary(diffZone(live, desired, opts).changes)).toEqual(['delete gone A', 'delete www AAAA', 'create @ A', 'create www MX', 'update www TXT']);
  });

  it('a live name and type read twice: the last one is compared, the first neither compared nor deleted', () => {
    const live = [r('a', 'A', '192.0.2.1'), r('a', 'TXT', 'x'), r('a', 'A', '192.0.2.2')];
    expect(summary(diffZone(live, [r('a', 'A', '192.0.2.2'), r('a', 'TXT', 'x')], opts).changes)).toEqual([]);
    const { changes } = diffZone(live, [r('a', 'A', '192.0.2.1'), r('a', 'TXT', 'x')], opts);
    expect(summary(changes)).toEqual(['update a A']);
    expect(changes[0]!.existing!.values).toEqual(['192.0.2.2']);
  });

  it('keeps unmanaged records per type when told to, naming each', () => {
    const live = [r('a', 'A', '192.0.2.1'), r('a', 'TXT', 'x'), r('b', 'A', '192.0.2.3')];
    const { changes, kept } = diffZone(live, [r('a', 'A', '192.0.2.1')], { ...opts, keepUnmanaged: true });
    expect(changes).toEqual([]);
    expect(kept).toEqual(['a.example.com. TXT', 'b.example.com. A']);
  });
});
