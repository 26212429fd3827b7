/**
 * `npm run demo`: the main job on the embedded sandbox. Starts the Route 53 and
 * Cloudflare emulators on loopback (in this process, fresh state), then runs the real
 * CLI as a user would: validate the example repository, plan it against both providers,
 * apply the plan, and show that a re-plan is empty. Then a failover drill: www for a client in
 * us-east-1, an outage of us-east-1 on both emulators, www again (it must come from another
 * region on both providers, else the demo fails), heal, www again (us-east-1 must be back).
 */
import { main, type Io } from '../src/cli/main.js';
import { startSandbox } from '../providers/sandbox.js';
import { answeredRegions, renderAnswer, type AnswerReport } from '../providers/sandbox-drill.js';
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

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

/**
 * `dnsctl sandbox answer` for www from us-east-1, printed as the CLI prints it (the demo asks
 * for --json and renders it with the CLI's renderer, so it can check the regions answered).
 */
async function answerWww(title: string): Promise<AnswerReport> {
  const args = ['sandbox', 'answer', 'www.example.com.', '--from', 'us-east-1', '--samples', '8', '--config', CONFIG];
  process.stdout.write(`\n${bold(`== ${title}`)}\n${bold(`$ dnsctl ${args.join(' ')}`)}\n`);
  let json = '';
  const io: Io = { out: (s) => (json += s), err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`), colour: false };
  const code = await main(['node', 'dnsctl', ...args, '--json'], io);
  if (code !== 0) fail(`dnsctl ${args.join(' ')} exited ${code}`);
  const report = JSON.parse(json) as AnswerReport;
  for (const line of renderAnswer(report)) process.stdout.write(`${line}\n`);
  return report;
}

/** Every provider answered: from the region (`from: true`) or never from it (`from: false`). */
function expectRegion(report: AnswerReport, region: string, from: boolean, when: string): void {
  for (const p of report.providers) {
    const regions = answeredRegions(p);
    if (p.skipped || regions.length === 0) fail(`${when}: ${p.provider} gave no answer a region serves (${p.skipped ?? JSON.stringify(p.answers)})`);
    if (regions.includes(region) !== from) fail(`${when}: ${p.provider} answered from ${regions.join(', ')}; expected ${from ? '' : 'no answer from '}${region}`);
  }
}

/** The failover drill: answer, regional outage, answer (failed over), heal, answer (back). */
async function drill(): Promise<void> {
  expectRegion(await answerWww('drill: www for a client in us-east-1, all healthy'), 'us-east-1', true, 'before the outage');
  await step('drill: simulate an outage of us-east-1 on both emulators', ['sandbox', 'outage', 'us-east-1', '--config', CONFIG]);
  expectRegion(await answerWww('drill: www for the same client, us-east-1 down'), 'us-east-1', false, 'during the outage (no failover)');
  await step('drill: heal us-east-1', ['sandbox', 'outage', 'us-east-1', '--heal', '--config', CONFIG]);
  expectRegion(await answerWww('drill: www for the same client, healed'), 'us-east-1', true, 'after healing');
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
  await drill();
} finally {
  await sandbox.close();
}
process.stdout.write(`\n${bold('demo complete')}: both providers serve the example zone; a re-plan is empty; www failed over from us-east-1 and back on both.\n`);
