import { Route53Client, ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, type Change, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { startRoute53Emulator, type Route53Emulator, type Route53EmulatorOptions } from '../../providers/route53/emulator/index.js';

export interface Harness {
  emulator: Route53Emulator;
  client: Route53Client;
}

export function clientFor(url: string, maxAttempts?: number): Route53Client {
  return new Route53Client({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  });
}

export async function startHarness(opts: Route53EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startRoute53Emulator({ rate: false, syncDelayMs: 50, ...opts });
  return { emulator, client: clientFor(emulator.url) };
}

export async function stopHarness(h: Harness): Promise<void> {
  h.client.destroy();
  await h.emulator.close();
}

let refCounter = 0;

export async function createZone(client: Route53Client, name = 'example.com.'): Promise<string> {
  const out = await client.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `ref-${Date.now()}-${++refCounter}` }));
  return out.HostedZone!.Id!;
}

export function change(changes: Change[], zoneId: string): ChangeResourceRecordSetsCommand {
  return new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } });
}

export const a = (name: string, values: string[], extra: Partial<ResourceRecordSet> = {}, ttl = 300): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  TTL: ttl,
  ResourceRecords: values.map((Value) => ({ Value })),
  ...extra,
});

/** Runs a promise expected to fail and returns the SDK error. */
export async function failure(p: Promise<unknown>): Promise<Error & { name: string; message: string; $metadata?: { httpStatusCode?: number; attempts?: number }; messages?: string[] }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { name: string; message: string; $metadata?: { httpStatusCode?: number; attempts?: number }; messages?: string[] };
  }
  throw new Error('expected the call to fail');
}
