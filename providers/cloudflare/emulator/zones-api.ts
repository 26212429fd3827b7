/** Handlers of `GET /zones`, `GET /zones/{zone_id}` and `POST /zones` (zones are also created through the admin API). */
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

/**
 * Create Zone. One account holds a zone name once: a second create of the name is refused
 * with Cloudflare's 1061 "<name> already exists", which is what makes a racing second
 * create safe (the loser looks the zone up). Another account id than the token's is 403.
 */
const create: Handler = (ctx) => {
  const body = ctx.body as { name: string; account: { id?: string }; type?: string };
  const name = body.name.toLowerCase().replace(/\.$/, '');
  if (body.account.id !== undefined && body.account.id !== ctx.store.state.accountId) throw ApiError.of(403, CODES.authError, 'Authentication error');
  if (ctx.store.state.zones.some((z) => z.name === name)) throw ApiError.of(400, CODES.zoneExists, `${name} already exists`);
  let zone: ZoneState;
  try {
    zone = ctx.store.createZone(name);
  } catch {
    throw ApiError.of(400, CODES.zoneNameInvalid, `${name} is not a registrable domain`);
  }
  zone.type = body.type ?? 'full';
  zone.status = 'pending';
  return json(zone, { mutated: true });
};

export const zoneHandlers: Record<string, Handler> = {
  'zones-post': create,
  'zones-get': list,
  'zones-0-get': get,
};
