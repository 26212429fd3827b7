/**
 * Runs the Cloudflare API emulator from the command line and prints its base URL.
 *
 *   node dist/providers/cloudflare/emulator/main.js [--port 8787] [--host 127.0.0.1]
 *     [--state sandbox.json] [--zone example.com]... [--account-id ID] [--batch-limit 200]
 *     [--rate 1200/300000 | --no-rate-limit] [--seed 1] [--no-load-balancing] [--schema PATH]
 *     [--fault-429 0.1] [--fault-5xx 0.1] [--fault-drop 0.1] [--latency-ms 50]
 */
import { parseArgs } from 'node:util';
import { startCloudflareEmulator, type CloudflareEmulatorOptions } from './index.js';

function num(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${flag} expects a number, got ${v}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      state: { type: 'string' },
      zone: { type: 'string', multiple: true },
      'account-id': { type: 'string' },
      'batch-limit': { type: 'string' },
      rate: { type: 'string' },
      'no-rate-limit': { type: 'boolean' },
      seed: { type: 'string' },
      'no-load-balancing': { type: 'boolean' },
      schema: { type: 'string' },
      'fault-429': { type: 'string' },
      'fault-5xx': { type: 'string' },
      'fault-drop': { type: 'string' },
      'latency-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('usage: main.js [--port N] [--host H] [--state FILE] [--zone NAME]... [--account-id ID] [--batch-limit N] [--rate N/MS | --no-rate-limit] [--seed N] [--no-load-balancing] [--schema PATH] [--fault-429 P] [--fault-5xx P] [--fault-drop P] [--latency-ms MS]\n');
    return;
  }
  const opts: CloudflareEmulatorOptions = { port: num(values.port, '--port') ?? 8787 };
  if (values.host) opts.host = values.host;
  if (values.state) opts.stateFile = values.state;
  if (values.zone) opts.zones = values.zone;
  if (values['account-id']) opts.accountId = values['account-id'];
  const batchLimit = num(values['batch-limit'], '--batch-limit');
  if (batchLimit !== undefined) opts.batchLimit = batchLimit;
  if (values['no-rate-limit']) opts.rate = false;
  else if (values.rate) {
    const [requests, windowMs] = values.rate.split('/').map(Number);
    if (!requests || !windowMs) throw new Error('--rate expects REQUESTS/WINDOW_MS, e.g. 1200/300000');
    opts.rate = { requests, windowMs };
  }
  const seed = num(values.seed, '--seed');
  if (seed !== undefined) opts.seed = seed;
  if (values['no-load-balancing']) opts.loadBalancing = false;
  if (values.schema) opts.schemaPath = values.schema;
  const faults: NonNullable<CloudflareEmulatorOptions['faults']> = {};
  const f429 = num(values['fault-429'], '--fault-429');
  if (f429 !== undefined) faults.rate429 = f429;
  const f5xx = num(values['fault-5xx'], '--fault-5xx');
  if (f5xx !== undefined) faults.rate5xx = f5xx;
  const drop = num(values['fault-drop'], '--fault-drop');
  if (drop !== undefined) faults.dropRate = drop;
  const latency = num(values['latency-ms'], '--latency-ms');
  if (latency !== undefined) faults.latencyMs = latency;
  opts.faults = faults;

  const emu = await startCloudflareEmulator(opts);
  process.stdout.write(`${emu.url}\n`);
  process.stderr.write(`account ${emu.accountId}; admin at ${emu.adminUrl}\n`);
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
