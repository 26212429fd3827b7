/** `dnsctl sandbox up|down|reset|status|outage|answer`: the Route 53 and Cloudflare emulators on loopback. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { SANDBOX_PORTS, sandboxDown, sandboxReset, sandboxStatus, sandboxUp } from '../../providers/sandbox.js';
import { renderAnswer, renderOutage, sandboxAnswer, sandboxOutage } from '../../providers/sandbox-drill.js';
import { sandboxConfig, type CommandContext } from './context.js';

export function registerSandbox(program: Command, { io, factory, setExit }: CommandContext): void {
  const sandbox = program.command('sandbox').description('the Route 53 and Cloudflare emulators on loopback, state in .dnsctl/sandbox/ (rehearse drills here)');
  const sandboxDir = () => join(process.cwd(), '.dnsctl', 'sandbox');
  sandbox
    .command('up')
    .description(`start both emulators in the background (Route 53 on :${SANDBOX_PORTS.route53}, Cloudflare on :${SANDBOX_PORTS.cloudflare})`)
    .option('-c, --config <file>', 'config whose zones the Cloudflare emulator should hold (default: dnsctl.sandbox.yaml)')
    .action(async (opts: { config?: string }) => {
      const file = sandboxConfig(opts.config);
      const zones = loadConfig(file).zones.filter((z) => !z.dynamic).map((z) => z.name);
      const s = await sandboxUp(sandboxDir(), zones);
      io.out(`sandbox up: route53 ${s.route53.url} (pid ${s.route53.pid}), cloudflare ${s.cloudflare.url} (pid ${s.cloudflare.pid})`);
      io.out(`use it with: dnsctl plan --config ${file}`);
      setExit(0);
    });
  sandbox
    .command('down')
    .description('stop the emulators (state is kept for the next up)')
    .action(() => {
      io.out(sandboxDown(sandboxDir()) ? 'sandbox stopped' : 'sandbox was not running');
      setExit(0);
    });
  sandbox
    .command('reset')
    .description('empty both emulators\' state')
    .action(async () => {
      await sandboxReset(sandboxDir());
      io.out('sandbox state reset');
      setExit(0);
    });
  sandbox
    .command('status')
    .description('are the emulators running, and where')
    .action(() => {
      const s = sandboxStatus(sandboxDir());
      if (!s) io.out('sandbox is not running (dnsctl sandbox up)');
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
    .action(async (region: string, opts: { heal?: boolean; config?: string }) => {
      const report = await sandboxOutage(loadConfig(sandboxConfig(opts.config)), factory, region, { heal: opts.heal ?? false });
      for (const line of renderOutage(report)) io.out(line);
      const marked = report.providers.reduce((n, p) => n + p.marked, 0);
      if (marked === 0) io.err(`nothing was marked: no health check or origin serves a value of ${region}'s pools (has the repository been applied to the sandbox?)`);
      setExit(marked === 0 ? 1 : 0);
    });
  sandbox
    .command('answer')
    .description('what each provider would answer now (Route 53: TestDNSAnswer; Cloudflare: load-balancer evaluation)')
    .argument('<fqdn>', 'the name to ask for')
    .option('-t, --type <type>', 'record type', 'A')
    .option('--from <region>', 'a client in this catalogue region')
    .option('--samples <n>', 'ask n times and count the answers (weighted routing answers at random)', (v) => Number(v), 1)
    .option('--json', 'machine-readable output')
    .option('-c, --config <file>', 'config whose repository and emulators to use (default: dnsctl.sandbox.yaml)')
    .action(async (fqdn: string, opts: { type: string; from?: string; samples: number; json?: boolean; config?: string }) => {
      const report = await sandboxAnswer(loadConfig(sandboxConfig(opts.config)), factory, fqdn, {
        type: opts.type,
        samples: opts.samples,
        ...(opts.from !== undefined ? { from: opts.from } : {}),
      });
      if (opts.json) io.out(JSON.stringify(report, null, 2));
      else for (const line of renderAnswer(report)) io.out(line);
      setExit(0);
    });
}
