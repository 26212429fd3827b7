/**
 * CIDR collections for subnet rules, as octodns-route53 keeps them: one collection named
 * `octodns` (created on demand), one location per distinct subnet list, named by the
 * first 16 hex characters of the sha256 of the sorted, comma-joined CIDRs. Blocks are only
 * ever added (PUT), never removed: a location's name is a function of its blocks, so a
 * changed list is a new location and the old one stays (octoDNS does the same).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  ChangeCidrCollectionCommand,
  CreateCidrCollectionCommand,
  ListCidrBlocksCommand,
  ListCidrCollectionsCommand,
  type CidrCollectionChange,
} from '@aws-sdk/client-route-53';
import { errorName, type Route53Api } from './client.js';

/** octodns-route53's collection name. */
export const CIDR_COLLECTION_NAME = 'octodns';
/** CIDR blocks per ChangeCidrCollection request (Route 53's limit). */
export const CIDR_BLOCKS_PER_REQUEST = 1000;

/** A location the compiled rrsets need: its name and its CIDR blocks. */
export interface CidrLocation {
  name: string;
  cidrs: string[];
}

/** octodns-route53 `_cidr_location_name`: sha256 of the sorted, comma-joined CIDRs, first 16 hex. */
export function cidrLocationName(cidrs: readonly string[]): string {
  return createHash('sha256').update([...cidrs].sort().join(',')).digest('hex').slice(0, 16);
}

/** location name → its blocks */
export type CidrBlocks = Map<string, string[]>;

export class CidrCollections {
  private id: string | undefined;
  private readonly blocks = new Map<string, CidrBlocks>();

  constructor(private readonly api: Route53Api) {}

  /** Forget what was listed (a new operation reads afresh). */
  invalidate(): void {
    this.id = undefined;
    this.blocks.clear();
  }

  /** The `octodns` collection's id; created when missing and `create` is set. */
  async collectionId(create: boolean): Promise<string | undefined> {
    if (this.id) return this.id;
    this.id = await this.find();
    if (this.id || !create) return this.id;
    // one reference for every attempt: a retried create returns the same collection
    const ref = `dnsctl:${CIDR_COLLECTION_NAME}:${randomBytes(6).toString('hex')}`;
    try {
      const out = await this.api.call('CreateCidrCollection', () =>
        this.api.sdk.send(new CreateCidrCollectionCommand({ Name: CIDR_COLLECTION_NAME, CallerReference: ref })),
      );
      this.id = out.Collection?.Id;
      this.blocks.set(this.id!, new Map());
    } catch (e) {
      // created meanwhile (octoDNS, another dnsctl): use it
      if (errorName(e) !== 'CidrCollectionAlreadyExistsException') throw e;
      this.id = await this.find();
      if (!this.id) throw e;
    }
    return this.id;
  }

  private async find(): Promise<string | undefined> {
    let token: string | undefined;
    for (;;) {
      const out = await this.api.call('ListCidrCollections', () =>
        this.api.sdk.send(new ListCidrCollectionsCommand({ ...(token ? { NextToken: token } : {}) })),
      );
      const hit = (out.CidrCollections ?? []).find((c) => c.Name === CIDR_COLLECTION_NAME);
      if (hit?.Id) return hit.Id;
      if (!out.NextToken || out.NextToken === token) return undefined;
      token = out.NextToken;
    }
  }

  /** Every location of a collection with its blocks (paged by NextToken; cached). */
  async locations(collectionId: string): Promise<CidrBlocks> {
    const cached = this.blocks.get(collectionId);
    if (cached) return cached;
    const out: CidrBlocks = new Map();
    let token: string | undefined;
    for (;;) {
      const page = await this.api.call('ListCidrBlocks', () =>
        this.api.sdk.send(new ListCidrBlocksCommand({ CollectionId: collectionId, ...(token ? { NextToken: token } : {}) })),
      );
      for (const b of page.CidrBlocks ?? []) {
        if (!b.LocationName || !b.CidrBlock) continue;
        const list = out.get(b.LocationName) ?? [];
        list.push(b.CidrBlock);
        out.set(b.LocationName, list);
      }
      if (!page.NextToken || page.NextToken === token) break;
      token = page.NextToken;
    }
    this.blocks.set(collectionId, out);
    return out;
  }

  /**
   * Adds the blocks the locations lack (PUT only; nothing is removed), at most 1000 blocks
   * per request. Returns the number of requests sent.
   */
  async ensure(collectionId: string, needed: readonly CidrLocation[]): Promise<number> {
    const have = await this.locations(collectionId);
    const missing: CidrCollectionChange[] = [];
    for (const loc of needed) {
      const present = new Set(have.get(loc.name) ?? []);
      const add = loc.cidrs.filter((c) => !present.has(c));
      for (let i = 0; i < add.length; i += CIDR_BLOCKS_PER_REQUEST) {
        missing.push({ LocationName: loc.name, Action: 'PUT', CidrList: add.slice(i, i + CIDR_BLOCKS_PER_REQUEST) });
      }
    }
    let requests = 0;
    while (missing.length) {
      const batch: CidrCollectionChange[] = [];
      let count = 0;
      while (missing.length && count + missing[0]!.CidrList!.length <= CIDR_BLOCKS_PER_REQUEST) {
        const c = missing.shift()!;
        count += c.CidrList!.length;
        batch.push(c);
      }
      await this.api.call('ChangeCidrCollection', () => this.api.sdk.send(new ChangeCidrCollectionCommand({ Id: collectionId, Changes: batch })));
      requests++;
      for (const c of batch) have.set(c.LocationName!, [...new Set([...(have.get(c.LocationName!) ?? []), ...c.CidrList!])]);
    }
    return requests;
  }
}
