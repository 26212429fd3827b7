/** Handlers of `GET /zones` and `GET /zones/{zone_id}` (zones themselves are created through the admin API). */
import { ApiError, paginate } from './envelope.js';
import { CODES } from './error-codes.js';
import { json, type Handler } from './handler-types.js';
import type { ZoneState } from './types.js';

const list: Handler = (ctx) => {
  const q = ctx.rawQuery;
  const any = q.get('match') === 'any';
  const preds: ((z: ZoneState) => boolean)[] = [];
  const name = q.get('name');
  if (name !== null) {
    const m = /^(contains|starts_with|ends_with|equal|not_equal):(.*)$/.exec(name);
    const op = m?.[1] ?? 'equal';
    const v = (m?.[2] ?? name).toLowerCase().replace(/\.$/, '');
    preds.push((z) => (op === 'contains' ? z.name.includes(v) : op === 'starts_with' ? z.name.startsWith(v) : op === 'ends_with' ? z.name.endsWith(v) : op === 'not_equal' ? z.name !== v : z.name === v));
  }
  const status = q.get('status');
  if (status !== null) preds.push((z) => z.status === status);
  const accountId = q.get('account.id');
  if (accountId !== null) preds.push((z) => z.account.id === accountId);
  const accountName = q.get('account.name');
  if (accountName !== null) preds.push((z) => z.account.name === accountName);
  let zones = ctx.store.state.zones.filter((z) => (preds.length === 0 ? true : any ? preds.some((p) => p(z)) : preds.every((p) => p(z))));
  const order = q.get('order');
  if (order === 'name' || order === 'status') {
    const sign = q.get('direction') === 'desc' ? -1 : 1;
    zones = [...zones].sort((a, b) => sign * a[order].localeCompare(b[order]));
  }
  const { items, info } = paginate(zones, Number(ctx.query.page ?? 1), Number(ctx.query.per_page ?? 20));
  return json(items, { resultInfo: info });
};

const get: Handler = (ctx) => {
  const zone = ctx.store.zone(ctx.params.zone_id ?? '');
  if (!zone) throw ApiError.of(404, CODES.invalidZone, 'Invalid zone identifier');
  return json(zone);
};

export const zoneHandlers: Record<string, Handler> = {
  'zones-get': list,
  'zones-0-get': get,
};
