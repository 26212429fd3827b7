// CreateCidrCollection, ChangeCidrCollection, ListCidrCollections, ListCidrLocations,
// ListCidrBlocks and DeleteCidrCollection: CIDR collections for IP-based routing.
import { randomUUID } from 'node:crypto';
import { ApiError, invalidInput, limitsExceeded, noSuchCidrCollection, noSuchCidrLocation } from '../errors.js';
import { cidrText, parseCidr } from '../cidr.js';
import type { CidrCollectionState, EmulatorState } from '../state.js';
import type { Struct } from '../xml.js';
import { newChange, type Backend, type Handler } from '../backend.js';

/** CIDR blocks per ChangeCidrCollection request (model doc). */
export const MAX_CIDRS_PER_CHANGE = 1000;
/** Default and largest page of the CIDR list operations (AWS's figure is not documented). */
export const CIDR_PAGE_SIZE = 100;
/** Prefix lengths IP-based routing accepts (a /0 is the `*` location). */
export const CIDR_PREFIX = { 4: { min: 1, max: 24 }, 6: { min: 1, max: 48 } } as const;

const arn = (id: string): string => `arn:aws:route53:::cidrcollection/${id}`;

function render(c: CidrCollectionState): Struct {
  return { Arn: arn(c.Id), Id: c.Id, Name: c.Name, Version: c.Version };
}

function find(b: Backend, id: string): CidrCollectionState {
  const c = b.state.cidrCollections[id];
  if (!c) throw noSuchCidrCollection(id);
  return c;
}

/** rrsets (any zone) that use a location of the collection; `*` included. */
export function cidrReferences(state: EmulatorState, collectionId: string): Set<string> {
  const out = new Set<string>();
  for (const zone of Object.values(state.zones)) {
    for (const r of zone.rrsets) if (r.CidrRoutingConfig?.CollectionId === collectionId) out.add(r.CidrRoutingConfig.LocationName);
  }
  return out;
}

// ---------------------------------------------------------------- pagination

const encodeToken = (key: string[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeToken(token: unknown): string[] | undefined {
  if (token === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((k) => typeof k === 'string')) return key as string[];
  } catch {
    /* below */
  }
  throw invalidInput(`Invalid value for NextToken: ${String(token)}`);
}

function maxResults(value: unknown): number {
  if (value === undefined) return CIDR_PAGE_SIZE;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalidInput(`Invalid value for MaxResults: ${text}`);
  return Math.min(Number(text), CIDR_PAGE_SIZE);
}

const compareKeys = (a: string[], b: string[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/** One page of `items` (sorted by `key`), resuming at the token's key. */
function page<T>(items: T[], key: (t: T) => string[], input: Struct): { items: T[]; NextToken?: string } {
  const sorted = [...items].sort((a, b) => compareKeys(key(a), key(b)));
  const from = decodeToken(input.NextToken);
  const start = from ? sorted.findIndex((t) => compareKeys(key(t), from) >= 0) : 0;
  const max = maxResults(input.MaxResults);
  const begin = start < 0 ? sorted.length : start;
  const out = sorted.slice(begin, begin + max);
  const next = sorted[begin + max];
  return next === undefined ? { items: out } : { items: out, NextToken: encodeToken(key(next)) };
}

// ---------------------------------------------------------------- handlers

const createCidrCollection: Handler = (b, input) => {
  const name = String(input.Name);
  const ref = String(input.CallerReference);
  const all = Object.values(b.state.cidrCollections);
  const existing = all.find((c) => c.Name === name);
  if (existing) {
    // a retried create (same reference) gets the collection it made
    if (existing.CallerReference === ref) return { Collection: render(existing), Location: location(existing.Id) };
    throw new ApiError('CidrCollectionAlreadyExistsException', `A CIDR collection with the name ${name} already exists.`);
  }
  if (all.length >= b.cidrLimits.collections) {
    throw limitsExceeded(`This account already has the maximum number of CIDR collections (${b.cidrLimits.collections}).`);
  }
  const c: CidrCollectionState = { Id: randomUUID(), Name: name, CallerReference: ref, Version: 1, locations: {} };
  b.state.cidrCollections[c.Id] = c;
  return { Collection: render(c), Location: location(c.Id) };
};

const location = (id: string): string => `https://route53.amazonaws.com/2013-04-01/cidrcollection/${id}`;

interface CidrChange { LocationName: string; Action: 'PUT' | 'DELETE_IF_EXISTS'; CidrList: string[] }

/** Validated, canonical CIDR text (InvalidInput otherwise). */
function canonicalCidr(text: string): string {
  const block = parseCidr(text);
  if (block === 'syntax') throw invalidInput(`Invalid CIDR block: ${text} is not a valid IPv4 or IPv6 CIDR block.`);
  if (block === 'host-bits') throw invalidInput(`Invalid CIDR block: ${text} has host bits set.`);
  const range = CIDR_PREFIX[block.version];
  if (block.prefix < range.min || block.prefix > range.max) {
    throw invalidInput(
      `Invalid CIDR block: ${text}: IPv${block.version} CIDR blocks must have a prefix length from /${range.min} to /${range.max} (use the "*" location for /0).`,
    );
  }
  return cidrText(block);
}

const changeCidrCollection: Handler = (b, input) => {
  const c = find(b, String(input.Id));
  if (input.CollectionVersion !== undefined && input.CollectionVersion !== c.Version) {
    throw new ApiError(
      'CidrCollectionVersionMismatchException',
      `The CIDR collection version in the request (${String(input.CollectionVersion)}) does not match the current version (${c.Version}).`,
    );
  }
  const changes = input.Changes as CidrChange[];
  const total = changes.reduce((n, ch) => n + ch.CidrList.length, 0);
  if (total > MAX_CIDRS_PER_CHANGE) {
    throw invalidInput(`A ChangeCidrCollection request can contain at most ${MAX_CIDRS_PER_CHANGE} CIDR blocks; this one has ${total}.`);
  }
  const working = new Map(Object.entries(c.locations).map(([name, blocks]) => [name, new Set(blocks)]));
  for (const ch of changes) {
    const cidrs = ch.CidrList.map(canonicalCidr);
    const blocks = working.get(ch.LocationName) ?? new Set<string>();
    if (ch.Action === 'PUT') for (const cidr of cidrs) blocks.add(cidr);
    else for (const cidr of cidrs) blocks.delete(cidr);
    if (blocks.size > 0) working.set(ch.LocationName, blocks);
    else working.delete(ch.LocationName);
  }
  // a location that record sets use must keep at least one block
  const used = cidrReferences(b.state, c.Id);
  const emptied = Object.keys(c.locations).filter((l) => !working.has(l) && used.has(l));
  if (emptied.length > 0) {
    throw new ApiError(
      'CidrBlockInUseException',
      `The CIDR blocks of location(s) ${emptied.join(', ')} cannot all be deleted: resource record sets use the location.`,
    );
  }
  const blockCount = [...working.values()].reduce((n, s) => n + s.size, 0);
  if (blockCount > b.cidrLimits.blocksPerCollection) {
    throw limitsExceeded(`A CIDR collection can contain at most ${b.cidrLimits.blocksPerCollection} CIDR blocks; this change would make ${blockCount}.`);
  }
  c.locations = Object.fromEntries([...working].map(([name, blocks]) => [name, [...blocks]]));
  c.Version += 1;
  return { Id: newChange(b).Id };
};

const listCidrCollections: Handler = (b, input) => {
  const p = page(Object.values(b.state.cidrCollections), (c) => [c.Name, c.Id], input);
  return { CidrCollections: p.items.map(render), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};

const listCidrLocations: Handler = (b, input) => {
  const c = find(b, String(input.CollectionId));
  const p = page(Object.keys(c.locations), (l) => [l], input);
  return { CidrLocations: p.items.map((LocationName) => ({ LocationName })), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};

const listCidrBlocks: Handler = (b, input) => {
  const c = find(b, String(input.CollectionId));
  const only = input.LocationName !== undefined ? String(input.LocationName) : undefined;
  if (only !== undefined && !c.locations[only]) throw noSuchCidrLocation(c.Id, only);
  const rows = Object.entries(c.locations)
    .filter(([l]) => only === undefined || l === only)
    .flatMap(([LocationName, blocks]) => blocks.map((CidrBlock) => ({ LocationName, CidrBlock })));
  const p = page(rows, (r) => [r.LocationName, r.CidrBlock], input);
  return { CidrBlocks: p.items, ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};

const deleteCidrCollection: Handler = (b, input) => {
  const c = find(b, String(input.Id));
  if (Object.keys(c.locations).length > 0 || cidrReferences(b.state, c.Id).size > 0) {
    throw new ApiError('CidrCollectionInUseException', `The CIDR collection ${c.Id} is not empty or is used by resource record sets.`);
  }
  delete b.state.cidrCollections[c.Id];
  return {};
};

export const cidrCollectionHandlers: Record<string, Handler> = {
  CreateCidrCollection: createCidrCollection,
  ChangeCidrCollection: changeCidrCollection,
  ListCidrCollections: listCidrCollections,
  ListCidrLocations: listCidrLocations,
  ListCidrBlocks: listCidrBlocks,
  DeleteCidrCollection: deleteCidrCollection,
};
