import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCfError, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ batchLimit: 5 });
});
afterAll(async () => {
  await h.emu.close();
});

describe('POST /zones/{zone_id}/dns_records/batch', () => {
  it('runs deletes → patches → puts → posts whatever the body order', async () => {
    const zoneId = h.emu.createZone('order.test');
    const a = await h.cf.dns.records.create({ zone_id: zoneId, type: 'A', name: 'www.order.test', content: '192.0.2.1', ttl: 300 });
    const b = await h.cf.dns.records.create({ zone_id: zoneId, type: 'A', name: 'b.order.test', content: '192.0.2.2', ttl: 300 });
    // The post (CNAME at www) only works because the delete of the A at www runs first.
    const res = await h.cf.dns.records.batch({
      zone_id: zoneId,
      posts: [{ type: 'CNAME', name: 'www.order.test', content: 'edge.example.net', ttl: 1, proxied: true }],
      puts: [{ id: b.id, type: 'A', name: 'b.order.test', content: '192.0.2.3', ttl: 60 }],
      patches: [{ id: b.id, type: 'A', name: 'b.order.test', content: '192.0.2.9', ttl: 120 }],
      deletes: [{ id: a.id }],
    });
    expect(res.deletes?.map((r) => r.id)).toEqual([a.id]);
    expect(res.patches?.[0]?.content).toBe('192.0.2.9');
    expect(res.puts?.[0]?.content).toBe('192.0.2.3'); // put ran after the patch
    expect(res.posts?.[0]?.type).toBe('CNAME');
    const all = await h.cf.dns.records.list({ zone_id: zoneId });
    expect(all.result.map((r) => `${r.type} ${r.name} ${r.content}`).sort()).toEqual(['A b.order.test 192.0.2.3', 'CNAME www.order.test edge.example.net']);
  });

  it('is all or nothing: one failing item leaves the zone untouched', async () => {
    const zoneId = h.emu.createZone('atomic.test');
    const keep = await h.cf.dns.records.create({ zone_id: zoneId, type: 'A', name: 'keep.atomic.test', content: '192.0.2.1', ttl: 300 });
    const e = await expectCfError(
      h.cf.dns.records.batch({
        zone_id: zoneId,
        deletes: [{ id: keep.id }],
        posts: [
          { type: 'A', name: 'new.atomic.test', content: '192.0.2.2', ttl: 300 },
          { type: 'CNAME', name: 'new.atomic.test', content: 'x.example.net', ttl: 300 }, // conflicts with the post above
        ],
      }),
    );
    expect(e.status).toBe(400);
    expect(e.codes).toEqual([81053]);
    const after = await h.cf.dns.records.list({ zone_id: zoneId });
    expect(after.result.map((r) => r.id)).toEqual([keep.id]);
  });

  it('fails the whole batch when a deleted id does not exist', async () => {
    const zoneId = h.emu.createZone('missing.test');
    const e = await expectCfError(h.cf.dns.records.batch({ zone_id: zoneId, deletes: [{ id: 'f'.repeat(32) }], posts: [{ type: 'TXT', name: 'x.missing.test', content: 'x', ttl: 300 }] }));
    expect(e.codes).toEqual([81044]);
    expect((await h.cf.dns.records.list({ zone_id: zoneId })).result).toEqual([]);
  });

  it('enforces the per-request record limit', async () => {
    const zoneId = h.emu.createZone('limit.test');
    const posts = Array.from({ length: 6 }, (_, i) => ({ type: 'TXT' as const, name: `t${i}.limit.test`, content: `v${i}`, ttl: 300 }));
    const e = await expectCfError(h.cf.dns.records.batch({ zone_id: zoneId, posts }));
    expect(e.status).toBe(400);
    expect(e.errors[0]?.message).toContain('limit');
    expect((await h.cf.dns.records.list({ zone_id: zoneId })).result).toEqual([]);
    await h.cf.dns.records.batch({ zone_id: zoneId, posts: posts.slice(0, 5) });
    expect((await h.cf.dns.records.list({ zone_id: zoneId })).result).toHaveLength(5);
  });

  it('checks every batch item against the schema, pointing at the bad item', async () => {
    const e = await expectCfError(h.cf.dns.records.batch({ zone_id: h.zoneId, posts: [{ type: 'A', name: 'ok', content: '192.0.2.1', ttl: 300 }, { type: 'A', name: 'bad', content: 'nope', ttl: 300 }] }));
    expect(e.status).toBe(400);
    expect(e.codes).toEqual([9005]);
    expect(JSON.stringify(e.errors)).toContain('/posts/1/content');
  });

  it('counts batch calls per operation', async () => {
    h.emu.resetCounters();
    const zoneId = h.emu.createZone('count.test');
    await h.cf.dns.records.batch({ zone_id: zoneId, posts: [{ type: 'TXT', name: 'c.count.test', content: 'x', ttl: 300 }] });
    await h.cf.dns.records.batch({ zone_id: zoneId, posts: [{ type: 'TXT', name: 'd.count.test', content: 'x', ttl: 300 }] });
    expect(h.emu.counters()['dns_records.batch']).toBe(2);
  });
});
