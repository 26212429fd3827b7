/**
 * Idempotent hosted-zone creation: the CallerReference is derived from the zone name, so a
 * retried or racing create cannot make a second zone; a zone deleted and made again takes
 * the next generation of the reference; duplicates made anyway are refused with the
 * command that resolves them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateHostedZoneCommand, DeleteHostedZoneCommand } from '@aws-sdk/client-route-53';
import { Route53Provider } from '../../providers/route53/index.js';
import { zoneCallerReference } from '../../providers/route53/hosted-zone-create.js';
import { fastOptions, planAndApply, record, sdkClient, startProvider, ZONE, type Route53Harness } from './helpers.js';

let h: Route53Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** the provider's own zone creation, as apply calls it for a missing zone */
const createZone = (p: Route53Provider, zone: string): Promise<string> => (p as unknown as { createZone(z: string): Promise<string> }).createZone(zone);
const zones = (h: Route53Harness) => Object.values(h.emulator.snapshot().zones).map((z) => `${z.Name} ${z.CallerReference}`);

describe('hosted-zone creation', () => {
  it('uses a CallerReference derived from the zone name; a second provider creating the same zone gets the first one', async () => {
    h = await startProvider();
    await planAndApply(h.provider, [record('www', { type: 'A', value: '192.0.2.1' })]);
    expect(zones(h)).toEqual([`${ZONE} ${zoneCallerReference(ZONE, 1)}`]);
    // another process that missed the zone when it looked (a racing apply) sends the same reference
    const other = new Route53Provider('route53', fastOptions(h.emulator.url));
    const id = await createZone(other, ZONE);
    expect(Object.keys(h.emulator.snapshot().zones)).toEqual([id]);
    other.close();
  });

  it('after the zone is deleted, creating it again takes the next generation of the reference', async () => {
    h = await startProvider();
    const first = await createZone(h.provider, ZONE);
    const sdk = sdkClient(h.emulator.url);
    await sdk.send(new DeleteHostedZoneCommand({ Id: first }));
    expect(zones(h)).toEqual([]);
    const fresh = new Route53Provider('route53', fastOptions(h.emulator.url));
    await planAndApply(fresh, [record('www', { type: 'A', value: '192.0.2.1' })]);
    expect(zones(h)).toEqual([`${ZONE} ${zoneCallerReference(ZONE, 2)}`]);
    fresh.close();
    sdk.destroy();
  });

  it('a zone for a top-level domain is refused when planning (Route 53 would answer InvalidDomainName to the create)', async () => {
    h = await startProvider();
    const err = await h.provider.populate('tld.', { lenient: true, sets: new Set(), disabledValidators: new Map(), target: true }).catch((e: Error) => e.message);
    expect(err).toBe('route53: no hosted zone tld., and Route 53 creates none for a top-level domain');
    expect(h.emulator.counters()['CreateHostedZone'] ?? 0).toBe(0);
  });

  it('two zones of one name (made by hand or before): plan refuses, naming the zone to keep and the delete command for the empty one', async () => {
    h = await startProvider();
    await planAndApply(h.provider, [record('www', { type: 'A', value: '192.0.2.1' })]);
    const sdk = sdkClient(h.emulator.url);
    const dup = await sdk.send(new CreateHostedZoneCommand({ Name: ZONE, CallerReference: 'by-hand' }));
    const dupId = dup.HostedZone!.Id!.replace('/hostedzone/', '');
    const keepId = Object.keys(h.emulator.snapshot().zones).find((z) => z !== dupId)!;
    const fresh = new Route53Provider('route53', fastOptions(h.emulator.url));
    const err = await fresh.populate(ZONE, { lenient: true, sets: new Set(), disabledValidators: new Map(), target: true }).catch((e: Error) => e.message);
    expect(err).toContain(`2 public hosted zones are named ${ZONE}`);
    expect(err).toContain(`Keep ${keepId} and delete the other:`);
    expect(err).toContain(`aws route53 delete-hosted-zone --id ${dupId}   # empty (NS and SOA only)`);
    fresh.close();
    sdk.destroy();
  });
});
