/**
 * Idempotent hosted-zone creation. Route 53's CreateHostedZone takes a CallerReference and
 * refuses a reference it has seen before with HostedZoneAlreadyExists ("a hosted zone has
 * already been created with the specified CallerReference" — even one since deleted). A
 * reference derived from the zone name alone makes a racing second create fail that way
 * instead of making a second zone with the same name: the loser then looks the zone up and
 * uses it. A deleted zone's reference stays used, so the reference carries a generation:
 * when a reference is taken but no zone of the name exists, the next generation is tried.
 */
import { createHash } from 'node:crypto';

/** CallerReference of the `generation`th creation of `zone`: `dnsctl:<24 hex of sha256(zone)>:<generation>` (≤ 128). */
export function zoneCallerReference(zone: string, generation: number): string {
  const digest = createHash('sha256').update(zone.toLowerCase()).digest('hex').slice(0, 24);
  return `dnsctl:${digest}:${generation}`;
}

/** Generations tried before giving up (each costs one CreateHostedZone and one lookup). */
export const MAX_GENERATIONS = 50;

export interface HostedZoneApi {
  /** CreateHostedZone; resolves to the new zone's id */
  create(zone: string, callerReference: string): Promise<string>;
  /** the id of the public hosted zone of that name, if one exists (fresh, not cached) */
  lookup(zone: string): Promise<string | undefined>;
  /** the error is Route 53's HostedZoneAlreadyExists */
  isReferenceTaken(e: unknown): boolean;
}

export async function createHostedZoneOnce(api: HostedZoneApi, zone: string): Promise<string> {
  for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
    try {
      return await api.create(zone, zoneCallerReference(zone, generation));
    } catch (e) {
      if (!api.isReferenceTaken(e)) throw e;
      // created by a racing apply (or by our own retried request): use it
      const id = await api.lookup(zone);
      if (id) return id;
      // the reference belonged to a zone since deleted: the next generation
    }
  }
  throw new Error(`cannot create hosted zone ${zone}: its ${MAX_GENERATIONS} CallerReferences (${zoneCallerReference(zone, 1)} …) are all used by deleted zones`);
}

/**
 * The error for two or more public hosted zones of one name (made before creation was
 * idempotent, or by hand): which to keep and the command that deletes each other one.
 * The zone with the most records is kept; Route 53 deletes only a zone that holds no more
 * than its own NS and SOA, so a duplicate with records of its own is named for review.
 */
export function duplicateZonesMessage(provider: string, zone: string, zones: Array<{ Id?: string; ResourceRecordSetCount?: number }>): string {
  const ids = zones.map((z) => ({ id: (z.Id ?? '').replace(/^\/hostedzone\//, ''), count: z.ResourceRecordSetCount ?? 0 }));
  const [keep, ...others] = [...ids].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  const lines = others.map((o) =>
    o.count <= 2
      ? `aws route53 delete-hosted-zone --id ${o.id}   # empty (NS and SOA only)`
      : `# ${o.id} holds ${o.count} rrsets: move or delete them first, then: aws route53 delete-hosted-zone --id ${o.id}`,
  );
  return `${provider}: ${zones.length} public hosted zones are named ${zone} (${ids.map((z) => `${z.id}: ${z.count} rrsets`).join(', ')}); dnsctl will not guess. Keep ${keep!.id} and delete the other${others.length > 1 ? 's' : ''}:\n  ${lines.join('\n  ')}`;
}
