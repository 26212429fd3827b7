// Runs the Route 53 emulator until SIGINT/SIGTERM and prints its URL on stdout.
// usage: node dist/providers/route53/emulator/main.js [--port N] [--host H] [--state FILE]
//          [--sync-delay MS] [--rate PER_SECOND[:BURST] | --no-rate] [--seed N]
import { startRoute53Emulator, type Route53EmulatorOptions } from './index.js';

function parseArgs(argv: string[]): Route53EmulatorOptions {
  const opts: Route53EmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const num = (v: string): number => {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`${arg}: not a number: ${v}`);
      return n;
    };
    switch (arg) {
      case '--port': opts.port = num(value()); break;
      case '--host': opts.host = value(); break;
      case '--state': opts.stateFile = value(); break;
      case '--sync-delay': opts.syncDelayMs = num(value()); break;
      case '--seed': opts.seed = num(value()); break;
      case '--no-rate': opts.rate = false; break;
      case '--rate': {
        const [per, burst] = value().split(':');
        opts.rate = { perSecond: num(per ?? ''), burst: num(burst ?? per ?? '') };
        break;
      }
      case '--allow-non-public-health-check-ips': opts.allowNonPublicHealthCheckIps = true; break;
      default: throw new Error(`unknown argument ${arg}`);
    }
  }
  return opts;
}

const emulator = await startRoute53Emulator(parseArgs(process.argv.slice(2)));
process.stdout.write(`${emulator.url}\n`);
const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
