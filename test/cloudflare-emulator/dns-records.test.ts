import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCfError, raw, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.emu.close();
});

describe('zones', () => {
  it('finds a zone by name and gets it by id', async () => {
    const list = await h.cf.zones.list({ name: 'example.com' });
    expect(list.result).toHaveLength(1);
    const zone = await h.cf.zones.get({ zone_id: h.zoneId });
    expect(zone.name).toBe('example.com');
    expect((await h.cf.zones.list({ name: 'nope.example' })).result).toHaveLength(0);
  });
});

describe('DNS record CRUD', () => {
  it('creates, reads, patches, overwrites and deletes a record', async () => {
    const created = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'crud', content: '192.0.2.1', ttl: 300, comment: 'dnsctl', tags: ['owner:dnsctl'] });
    expect(created.name).toBe('crud.example.com');
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.proxiable).toBe(true);
    const got = await h.cf.dns.records.get(created.id, { zone_id: h.zoneId });
    expect(got.content).toBe('192.0.2.1');
    const patched = await h.cf.dns.records.edit(created.id, { zone_id: h.zoneId, type: 'A', name: 'crud.example.com', ttl: 120, content: '192.0.2.2' });
    expect(patched.content).toBe('192.0.2.2');
    expect(patched.comment).toBe('dnsctl'); // PATCH keeps unspecified fields
    const put = await h.cf.dns.records.update(created.id, { zone_id: h.zoneId, type: 'A', name: 'crud.example.com', ttl: 1, content: '192.0.2.3' });
    expect(put.comment).toBeNull(); // PUT replaces the record
    expect(put.ttl).toBe(1);
    await h.cf.dns.records.delete(created.id, { zone_id: h.zoneId });
    const e = await expectCfError(h.cf.dns.records.get(created.id, { zone_id: h.zoneId }));
    expect(e.status).toBe(404);
    expect(e.codes).toEqual([81044]);
  });

  it('formats structured records from data', async () => {
    const caa = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'CAA', name: '@', ttl: 3600, data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } });
    expect(caa.content).toBe('0 issue "letsencrypt.org"');
    const srv = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'SRV', name: '_sip._tcp', ttl: 3600, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } });
    expect(srv.content).toBe('5 5060 sip.example.com');
    expect((srv as { priority?: number }).priority).toBe(10);
  });

  it('stores HTTPS, SVCB and URI data as sent and formats their content from it', async () => {
    const https = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'HTTPS', name: 'svc', ttl: 300, data: { priority: 1, target: '.', value: 'alpn="h3,h2" port="8443"' } });
    expect(https.content).toBe('1 . alpn="h3,h2" port="8443"');
    expect(https.data).toEqual({ priority: 1, target: '.', value: 'alpn="h3,h2" port="8443"' });
    const alias = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'HTTPS', name: 'svc-alias', ttl: 300, data: { priority: 0, target: 'svc.example.com', value: '' } });
    expect(alias.content).toBe('0 svc.example.com');
    const svcb = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'SVCB', name: '_dns', ttl: 300, data: { priority: 2, target: 'dns.example.com', value: 'alpn=dot key65000="a b"' } });
    expect(svcb.content).toBe('2 dns.example.com alpn=dot key65000="a b"');
    const uri = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'URI', name: '_ftp._tcp', ttl: 300, priority: 10, data: { weight: 5, target: 'ftp://ftp.example.com/' } });
    expect(uri.content).toBe('5 "ftp://ftp.example.com/"');
    expect(uri).toMatchObject({ priority: 10, data: { weight: 5, target: 'ftp://ftp.example.com/' } });
    const listed = await h.cf.dns.records.list({ zone_id: h.zoneId, type: 'HTTPS' });
    expect(listed.result.map((r) => r.content).sort()).toEqual(['0 svc.example.com', '1 . alpn="h3,h2" port="8443"']);
    const text = await h.cf.dns.records.export({ zone_id: h.zoneId });
    expect(text).toContain('svc-alias.example.com.\t300\tIN\tHTTPS\t0 svc.example.com.');
    expect(text).toContain('_dns.example.com.\t300\tIN\tSVCB\t2 dns.example.com. alpn=dot key65000="a b"');
    expect(text).toContain('_ftp._tcp.example.com.\t300\tIN\tURI\t10 5 "ftp://ftp.example.com/"');
  });

  it('refuses HTTPS/SVCB data with a bad target or SvcParams, and URI without priority or target', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const r = await raw(h.emu, 'POST', `/zones/${h.zoneId}/dns_records`, { name: 'bad', ttl: 300, ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      return JSON.stringify(r.json.errors);
    };
    expect(await bad({ type: 'HTTPS', data: { priority: 1, target: 'not a host', value: '' } })).toContain('target');
    expect(await bad({ type: 'HTTPS', data: { priority: 1, target: '.', value: 'colour="blue"' } })).toContain('unknown SvcParam key');
    expect(await bad({ type: 'SVCB', data: { priority: 1, target: '.', value: 'alpn=h2 alpn=h3' } })).toContain('twice');
    expect(await bad({ type: 'SVCB', data: { priority: 1, target: '.', value: 'alpn="h2' } })).toContain('cannot parse');
    expect(await bad({ type: 'HTTPS', data: { target: '.', value: '' } })).toContain('priority');
    expect(await bad({ type: 'URI', data: { weight: 1, target: 'https://example.com/' } })).toContain('priority');
    expect(await bad({ type: 'URI', priority: 1, data: { weight: 1, target: '' } })).toContain('target');
  });

  it('exports the zone as BIND text', async () => {
    await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'TXT', name: 'export', ttl: 300, content: '"v=1"' });
    const text = await h.cf.dns.records.export({ zone_id: h.zoneId });
    expect(text).toContain('$ORIGIN example.com.');
    expect(text).toMatch(/export\.example\.com\.\t300\tIN\tTXT\t"v=1"/);
  });
});

describe('schema rejection', () => {
  it('answers a malformed A record with code 9005 and Cloudflare envelope', async () => {
    const r = await raw(h.emu, 'POST', `/zones/${h.zoneId}/dns_records`, { type: 'A', name: 'bad', content: 'not-an-ip', ttl: 300 });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ success: false, messages: [], result: null });
    expect((r.json.errors as { code: number }[])[0]?.code).toBe(9005);
  });

  it('rejects a TTL outside the schema range via the SDK (1004 / 9021)', async () => {
    const e = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'ttl', content: '192.0.2.1', ttl: 5 }));
    expect(e.status).toBe(400);
    expect(e.codes).toEqual([1004]);
    expect(e.errors[0]?.error_chain?.[0]?.code).toBe(9021);
  });

  it('rejects a TTL the schema allows but the plan does not (30 s)', async () => {
    const e = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'ttl30', content: '192.0.2.1', ttl: 30 }));
    expect(e.errors[0]?.error_chain?.[0]?.code).toBe(9021);
  });

  it('rejects an unknown record type and a missing required field', async () => {
    const bad = await raw(h.emu, 'POST', `/zones/${h.zoneId}/dns_records`, { type: 'BOGUS', name: 'x', content: 'y' });
    expect(bad.status).toBe(400);
    const missing = await raw(h.emu, 'POST', `/zones/${h.zoneId}/dns_records`, { type: 'MX', name: 'mx', content: 'mail.example.com', ttl: 300 });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json.errors)).toContain('priority');
  });

  it('rejects invalid query parameters and identifiers', async () => {
    const q = await raw(h.emu, 'GET', `/zones/${h.zoneId}/dns_records?type=BOGUS`);
    expect(q.status).toBe(400);
    const id = await raw(h.emu, 'GET', `/zones/${'a'.repeat(40)}/dns_records`);
    expect(id.status).toBe(400);
    expect((id.json.errors as { code: number }[]).map((x) => x.code)).toEqual([7003, 7000]);
  });

  it('rejects a body that is not JSON', async () => {
    const r = await raw(h.emu, 'POST', `/zones/${h.zoneId}/dns_records`, '{oops');
    expect(r.status).toBe(400);
    expect((r.json.errors as { code: number }[])[0]?.code).toBe(9207);
  });

  it('asks for credentials', async () => {
    const r = await raw(h.emu, 'GET', `/zones/${h.zoneId}/dns_records`, undefined, {});
    expect(r.status).toBe(400);
    expect((r.json.errors as { code: number }[])[0]?.code).toBe(9106);
  });
});

describe('DNS rules', () => {
  it('enforces CNAME exclusivity at a name', async () => {
    await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'web', content: '192.0.2.10', ttl: 300 });
    const cname = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'CNAME', name: 'web', content: 'target.example.net', ttl: 300 }));
    expect(cname.codes).toEqual([81053]);
    await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'CNAME', name: 'alias', content: 'target.example.net', ttl: 300 });
    const a = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'alias', content: '192.0.2.11', ttl: 300 }));
    expect(a.codes).toEqual([81054]);
    const dup = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'web', content: '192.0.2.10', ttl: 60 }));
    expect(dup.codes).toEqual([81058]);
  });

  it('refuses to proxy types that cannot be proxied and forces auto TTL on proxied records', async () => {
    const txt = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'TXT', name: 'p', content: 'x', ttl: 300, proxied: true } as never));
    expect(txt.codes).toEqual([1004]);
    expect(txt.errors[0]?.error_chain?.[0]?.code).toBe(9004);
    const priv = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'p', content: '10.0.0.1', ttl: 1, proxied: true }));
    expect(priv.errors[0]?.error_chain?.[0]?.code).toBe(9003);
    const ok = await h.cf.dns.records.create({ zone_id: h.zoneId, type: 'A', name: 'p', content: '192.0.2.50', ttl: 300, proxied: true });
    expect(ok.proxied).toBe(true);
    expect(ok.ttl).toBe(1);
  });

  it('rejects a CNAME pointing at itself', async () => {
    const e = await expectCfError(h.cf.dns.records.create({ zone_id: h.zoneId, type: 'CNAME', name: 'self', content: 'self.example.com', ttl: 300 }));
    expect(e.status).toBe(400);
  });
});

describe('listing and pagination', () => {
  it('pages with page/per_page and answers an empty page past the end; the SDK auto-pages', async () => {
    const zoneId = h.emu.createZone('paging.test');
    const posts = Array.from({ length: 25 }, (_, i) => ({ type: 'A' as const, name: `h${i}.paging.test`, content: `192.0.2.${i + 1}`, ttl: 300 }));
    await h.cf.dns.records.batch({ zone_id: zoneId, posts });
    const page3 = await h.cf.dns.records.list({ zone_id: zoneId, per_page: 10, page: 3 });
    expect(page3.result).toHaveLength(5);
    expect(page3.result_info).toMatchObject({ page: 3, per_page: 10, count: 5, total_count: 25, total_pages: 3 });
    const page4 = await h.cf.dns.records.list({ zone_id: zoneId, per_page: 10, page: 4 });
    expect(page4.result).toEqual([]);
    h.emu.resetCounters();
    const all: string[] = [];
    for await (const r of h.cf.dns.records.list({ zone_id: zoneId, per_page: 10 })) all.push(r.name);
    expect(all).toHaveLength(25);
    expect(h.emu.counters()['dns_records.list']).toBe(4); // 3 pages + the empty one
  });

  it('filters by name and type, including the SDK object form', async () => {
    const zoneId = h.emu.createZone('filter.test');
    await h.cf.dns.records.batch({
      zone_id: zoneId,
      posts: [
        { type: 'A', name: 'a.filter.test', content: '192.0.2.1', ttl: 300 },
        { type: 'AAAA', name: 'a.filter.test', content: '2001:db8::1', ttl: 300 },
        { type: 'TXT', name: 'b.filter.test', content: 'hello', ttl: 300 },
      ],
    });
    const byName = await h.cf.dns.records.list({ zone_id: zoneId, name: { exact: 'a.filter.test' } });
    expect(byName.result.map((r) => r.type).sort()).toEqual(['A', 'AAAA']);
    const byType = await h.cf.dns.records.list({ zone_id: zoneId, type: 'TXT' });
    expect(byType.result.map((r) => r.name)).toEqual(['b.filter.test']);
    const plain = await raw(h.emu, 'GET', `/zones/${zoneId}/dns_records?name=a.filter.test&type=A`);
    expect((plain.json.result as unknown[]).length).toBe(1);
  });
});
