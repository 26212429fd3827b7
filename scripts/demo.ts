/**
 * `npm run demo`: the main job on the example repository. Today: validate it, show the
 * traffic model dnsctl reads from it, and dump it as octoDNS YAML.
 */
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/config/load-config.js';
import { validateRepository } from '../src/api/validate.js';
import { createProvider } from '../providers/index.js';
import { trafficOf } from '../src/model/traffic.js';
import { fqdnOf } from '../src/model/record.js';

function banner(s: string): void {
  process.stdout.write(`\n\u001b[1m== ${s}\u001b[0m\n`);
}

banner('dnsctl validate   (JSON Schema + octoDNS rules over zones/)');
const code = await main(['node', 'dnsctl', 'validate']);
if (code !== 0) process.exit(code);

banner('traffic model read from zones/example.com.yaml');
const report = await validateRepository(loadConfig('dnsctl.yaml'), createProvider);
for (const z of report.zones) {
  for (const r of z.records) {
    const t = trafficOf(r);
    if (!t) continue;
    const pools = t.pools
      .map((p) => `${p.id}${p.weight !== undefined ? ` w=${p.weight}` : ''}[${p.values.map((v) => (typeof v.value === 'string' ? v.value : JSON.stringify(v.value))).join(',')}]`)
      .join(t.kind === 'failover' ? ' -> ' : ' | ');
    process.stdout.write(`  ${fqdnOf(r.name, r.zone).padEnd(22)} ${r.type.padEnd(6)} ${t.kind.padEnd(9)} ${pools}\n`);
  }
}

banner('dnsctl dump example.com. --source config --format yaml');
process.exitCode = await main(['node', 'dnsctl', 'dump', 'example.com.', '--source', 'config']);
