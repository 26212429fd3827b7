/**
 * `npm run demo`: the main job on the embedded sandbox. Starts the Route 53 and
 * Cloudflare emulators on loopback (in this process, fresh state), then runs the real
 * CLI as a user would: validate the example repository, plan it against both providers,
 * apply the plan, and show that a re-plan is empty.
 */
import { main } from '../src/cli/main.js';
import { startSandbox } from '../providers/sandbox.js';
import { loadConfig } from '../src/config/load-config.js';

const CONFIG = 'dnsctl.sandbox.yaml';
const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[0m` : s);

async function step(title: string, args: string[], okCodes = [0]): Promise<void> {
  process.stdout.write(`\n${bold(`== ${title}`)}\n${bold(`$ dnsctl ${args.join(' ')}`)}\n`);
  const code = await main(['node', 'dnsctl', ...args]);
  if (!okCodes.includes(code)) {
    process.stderr.write(`demo: dnsctl ${args.join(' ')} exited ${code}\n`);
    process.exit(1);
  }
}

const zones = loadConfig(CONFIG).zones.map((z) => z.name);
const sandbox = await startSandbox({ zones });
process.stdout.write(`sandbox: Route 53 emulator ${sandbox.route53}, Cloudflare emulator ${sandbox.cloudflare}\n`);
try {
  await step('validate the repository (JSON Schema + octoDNS rules)', ['validate', '--config', CONFIG]);
  await step('plan against both providers, save the plan', ['plan', '--config', CONFIG, '--out', '.dnsctl/demo-plan.json', '--detailed-exitcode'], [2]);
  await step('apply exactly the reviewed plan', ['apply', '.dnsctl/demo-plan.json', '--config', CONFIG]);
  await step('re-plan: live DNS now matches the repository', ['plan', '--config', CONFIG, '--detailed-exitcode'], [0]);
  await step('what each provider supports', ['providers']);
} finally {
  await sandbox.close();
}
process.stdout.write(`\n${bold('demo complete')}: both providers serve the example zone; a re-plan is empty.\n`);
