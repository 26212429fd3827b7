/** Handlers of `/zones/{zone_id}/dns_records…`. */
import { ApiError, paginate } from '../envelope.js';
import { CODES, couldNotRoute, recordNotFound } from '../error-codes.js';
import { asRecord, json, type Handler, type HandlerContext } from '../handler-types.js';
import { newId } from '../ids.js';
import type { DnsRecordState, ZoneState } from '../types.js';
import { renderBind } from './bind-export.js';
import { filterRecords, sortRecords } from './record-query.js';
import { buildRecord, checkConflicts, inputView, present } from './record-rules.js';

function zoneOf(ctx: HandlerContext): ZoneState {
  const zone = ctx.store.zone(ctx.params.zone_id ?? '');
  if (!zone) throw couldNotRoute(ctx.path);
  return zone;
}

function findRecord(records: DnsRecordState[], id: string): DnsRecordState {
  const r = records.find((x) => x.id === id);
  if (!r) throw recordNotFound();
  return r;
}

const list: Handler = (ctx) => {
  const zone = zoneOf(ctx);
  const page = Number(ctx.query.page ?? 1);
  const perPage = Number(ctx.query.per_page ?? 100);
  const filtered = filterRecords(ctx.store.records(zone.id), ctx.rawQuery, zone.name);
  const sorted = sortRecords(filtered, ctx.rawQuery.get('order'), ctx.rawQuery.get('direction'));
  const { items, info } = paginate(sorted, page, perPage);
  return json(items.map(present), { resultInfo: info });
};

const create: Handler = (ctx) => {
  const zone = zoneOf(ctx);
  const records = ctx.store.records(zone.id);
  const record = buildRecord(ctx.body, zone.name, undefined);
  record.id = newId();
  checkConflicts(record, records);
  ctx.store.setRecords(zone.id, [...records, record]);
  return json(present(record), { mutated: true });
};

const get: Handler = (ctx) => {
  const zone = zoneOf(ctx);
  return json(present(findRecord(ctx.store.records(zone.id), ctx.params.dns_record_id ?? '')));
};

function write(ctx: HandlerContext, merge: boolean): ReturnType<Handler> {
  const zone = zoneOf(ctx);
  const records = ctx.store.records(zone.id);
  const existing = findRecord(records, ctx.params.dns_record_id ?? '');
  const body = merge ? { ...inputView(existing), ...asRecord(ctx.body) } : ctx.body;
  const record = buildRecord(body, zone.name, existing);
  const others = records.filter((r) => r.id !== existing.id);
  checkConflicts(record, others);
  ctx.store.setRecords(zone.id, records.map((r) => (r.id === existing.id ? record : r)));
  return json(present(record), { mutated: true });
}

const put: Handler = (ctx) => write(ctx, false);
const patch: Handler = (ctx) => write(ctx, true);

const remove: Handler = (ctx) => {
  const zone = zoneOf(ctx);
  const records = ctx.store.records(zone.id);
  const existing = findRecord(records, ctx.params.dns_record_id ?? '');
  ctx.store.setRecords(zone.id, records.filter((r) => r.id !== existing.id));
  return json({ id: existing.id }, { mutated: true });
};

function itemsOf(body: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = body[key];
  return Array.isArray(v) ? v.map(asRecord) : [];
}

/** Deletes → patches → puts → posts in one transaction: a working copy replaces the zone only if all succeed. */
const batch: Handler = (ctx) => {
  const zone = zoneOf(ctx);
  const body = asRecord(ctx.body);
  const deletes = itemsOf(body, 'deletes');
  const patches = itemsOf(body, 'patches');
  const puts = itemsOf(body, 'puts');
  const posts = itemsOf(body, 'posts');
  const total = deletes.length + patches.length + puts.length + posts.length;
  if (total > ctx.config.batchLimit) {
    throw ApiError.of(400, CODES.batchTooLarge, `Batch request contains ${total} record operations; the limit for this zone's plan is ${ctx.config.batchLimit}.`);
  }
  let working = [...ctx.store.records(zone.id)];
  const result: Record<string, Record<string, unknown>[]> = { deletes: [], patches: [], puts: [], posts: [] };
  const at = (key: string, i: number, fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ApiError) {
        for (const err of e.errors) err.source ??= { pointer: `/${key}/${i}` };
      }
      throw e;
    }
  };
  deletes.forEach((item, i) =>
    at('deletes', i, () => {
      const existing = findRecord(working, String(item.id));
      working = working.filter((r) => r.id !== existing.id);
      result.deletes?.push(present(existing));
    }),
  );
  const update = (key: 'patches' | 'puts', item: Record<string, unknown>, i: number): void =>
    at(key, i, () => {
      const existing = findRecord(working, String(item.id));
      const { id: _id, ...fields } = item;
      const input = key === 'patches' ? { ...inputView(existing), ...fields } : fields;
      const record = buildRecord(input, zone.name, existing, `/${key}/${i}`);
      checkConflicts(record, working.filter((r) => r.id !== existing.id), `/${key}/${i}`);
      working = working.map((r) => (r.id === existing.id ? record : r));
      result[key]?.push(present(record));
    });
  patches.forEach((item, i) => update('patches', item, i));
  puts.forEach((item, i) => update('puts', item, i));
  posts.forEach((item, i) =>
    at('posts', i, () => {
      const record = buildRecord(item, zone.name, undefined, `/posts/${i}`);
      record.id = newId();
      checkConflicts(record, working, `/posts/${i}`);
      working.push(record);
      result.posts?.push(present(record));
    }),
  );
  ctx.store.setRecords(zone.id, working);
  return json(result, { mutated: total > 0 });
};

const exportZone: Handler = (ctx) => {
  const zone = zoneOf(ctx);
  return { kind: 'text', text: renderBind(zone, ctx.store.records(zone.id)), contentType: 'text/plain; charset=utf-8' };
};

const importZone: Handler = () => {
  throw ApiError.of(501, CODES.bodyInvalid, 'The emulator does not implement BIND import; create records through the API or batch.');
};

export const dnsRecordHandlers: Record<string, Handler> = {
  'dns-records-for-a-zone-list-dns-records': list,
  'dns-records-for-a-zone-create-dns-record': create,
  'dns-records-for-a-zone-dns-record-details': get,
  'dns-records-for-a-zone-update-dns-record': put,
  'dns-records-for-a-zone-patch-dns-record': patch,
  'dns-records-for-a-zone-delete-dns-record': remove,
  'dns-records-for-a-zone-batch-dns-records': batch,
  'dns-records-for-a-zone-export-dns-records': exportZone,
  'dns-records-for-a-zone-import-dns-records': importZone,
};
