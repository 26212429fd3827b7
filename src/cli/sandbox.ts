/** `dnsctl sandbox up|down|reset|status|outage|answer`: the Route 53 and Cloudflare emulators on loopback. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { SANDBOX_ENV, SANDBOX_PORTS, sandboxDown, sandboxReset, sandboxStatus, sandboxUp } from '../../providers/sandbox.js';
import { renderAnswer, renderOutage, sandboxAnswer, sandboxOutage } from '../../providers/sandbox-drill.js';
import { loadCommandConfig, sandboxConfig, type CommandContext } from './context.js';

export function registerSandbox(program: Command, { io, factory, setExit }: CommandContext): void {
  const sandbox = program.command('sandbox').description('the Route 53 and Cloudflare emulators on loopback, state in .dnsctl/sandbox/ (rehearse drills here)');
  const sandboxDir = () => join(process.cwd(), '.dnsctl', 'sandbox');
  sandbox
    .command('up')
    .description(`start both emulators in the background (Route 53 on :${SANDBOX_PORTS.route53}, Cloudflare on :${SANDBOX_PORTS.cloudflare}; other ports: set ${SANDBOX_ENV.route53} / ${SANDBOX_ENV.cloudflare} to their URLs, which the sandbox config reads too)`)
    .option('-c, --config <file>', 'config whose zones the Cloudflare emulator should hold (default: dnsctl.sandbox.yaml)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { config?: string; json?: boolean }) => {
      const file = sandboxConfig(opts.config);
      const zones = loadCommandConfig(file).zones.filter((z) => !z.dynamic).map((z) => z.name);
      const s = await sandboxUp(sandboxDir(), zones);
      if (opts.json) io.out(JSON.stringify({ version: 1, ok: true, config: file, route53: s.route53, cloudflare: s.cloudflare }, null, 2));
      else {
        io.out(`sandbox up: route53 ${s.route53.url} (pid ${s.route53.pid}), cloudflare ${s.cloudflare.url} (pid ${s.cloudflare.pid})`);
        io.out(`use it with: dnsctl plan --config ${file}`);
      }
      setExit(0);
    });
  sandbox
    .command('down')
    .description('stop the emulators (state is kept for the next up)')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      const stopped = sandboxDown(sandboxDir());
      io.out(opts.json ? JSON.stringify({ version: 1, ok: true, stopped }) : stopped ? 'sandbox stopped' : 'sandbox was not running');
      setExit(0);
    });
  sandbox
    .command('reset')
    .description('empty both emulators\' state')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await sandboxReset(sandboxDir());
      io.out(opts.json ? JSON.stringify({ version: 1, ok: true, reset: true }) : 'sandbox state reset');
      setExit(0);
    });
  sandbox
    .command('status')
    .description('are the emulators running, and where')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      const s = sandboxStatus(sandboxDir());
      if (opts.json) {
        const emulator = (alive: boolean, e: { url: string; pid: number }) => ({ running: alive, url: e.url, pid: e.pid });
        io.out(JSON.stringify({
          version: 1,
          ok: !!(s && s.route53.alive && s.cloudflare.alive),
          ...(s ? { route53: emulator(s.route53.alive, s.file.route53), cloudflare: emulator(s.cloudflare.alive, s.file.cloudflare) } : {}),
        }, null, 2));
      } else if (!s) io.out('sandbox is not running (dnsctl sandbox up)');
      else {
        io.out(`route53    ${s.route53.alive ? 'up  ' : 'down'} ${s.file.route53.url} pid ${s.file.route53.pid}`);
        io.out(`cloudflare ${s.cloudflare.alive ? 'up  ' : 'down'} ${s.file.cloudflare.url} pid ${s.file.cloudflare.pid}`);
      }
      setExit(s && s.route53.alive && s.cloudflare.alive ? 0 : 1);
    });

  sandbox
    .command('outage')
    .description('simulate a regional outage: every health check (Route 53) and origin (Cloudflare) serving a value of the region\'s pools goes unhealthy')
    .argument('<region>', 'a region of the catalogue (dnsctl.regions)')
    .option('--heal', 'undo it: mark them healthy again')
    .option('-c, --config <file>', 'config whose repository and emulators to use (default: dnsctl.sandbox.yaml)')
    .option('--json', 'machine-readable output')
    .action(async (region: string, opts: { heal?: boolean; config?: string; json?: boolean }) => {
      const report = await sandboxOutage(loadCommandConfig(sandboxConfig(opts.config)), factory, region, { heal: opts.heal ?? false });
      const marked = report.providers.reduce((n, p) => n + p.marked, 0);
      if (opts.json) io.out(JSON.stringify({ version: 1, ok: marked > 0, ...report }, null, 2));
      else for (const line of renderOutage(report)) io.out(line);
      if (marked === 0) io.err(`nothing was marked: no health check or origin serves a value of ${region}'s pools (has the repository been applied to the sandbox?)`);
      setExit(marked === 0 ? 1 : 0);
    });
  sandbox
    .command('answer')
    .description('what each provider would answer now (Route 53: TestDNSAnswer; Cloudflare: load-balancer evaluation)')
    .argument('<fqdn>', 'the name to ask for')
    .option('--type <type>', 'record type', 'A')
    .option('--from <region>', 'a client in this catalogue region')
    .option('--samples <n>', 'ask n times and count the answers (weighted routing answers at random)', (v) => Number(v), 1)
    .option('--json', 'machine-readable output')
    .option('-c, --config <file>', 'config whose repository and emulators to use (default: dnsctl.sandbox.yaml)')
    .action(async (fqdn: string, opts: { type: string; from?: string; samples: number; json?: boolean; config?: string }) => {
      const report = await sandboxAnswer(loadCommandConfig(sandboxConfig(opts.config)), factory, fqdn, {
        type: opts.type,
        samples: opts.samples,
        ...(opts.from !== undefined ? { from: opts.from } : {}),
      });
      if (opts.json) io.out(JSON.stringify(report, null, 2));
      else for (const line of renderAnswer(report)) io.out(line);
      setExit(0);
    });
}
