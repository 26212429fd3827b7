/**
 * Long operations: plan reports progress per zone and target read (the CLI shows it on a
 * terminal only), and an interrupted apply (Ctrl-C, a cancelled CI job): the write in flight finishes, nothing
 * new is sent, and the report says exactly what was applied and what was not attempted;
 * a re-plan then shows what is left.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan } from '../../src/api/apply.js';
import { renderApplyReportJson, renderApplyReportMarkdown, renderApplyReportText } from '../../src/render/apply-report.js';
import { createProvider, memoryWorld } from '../../providers/index.js';
import { makeRepo } from '../cli/helpers.js';

let seq = 0;
/** Two zones, three records each, into one in-memory target. */
function repo() {
  const target = `interrupt${++seq}`;
  const zone = (n: string) => ['a', 'b', 'c'].map((r, i) => `${r}:\n  type: A\n  value: 192.0.2.${i + n.length}\n`).join('');
  const dir = makeRepo({
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  ${target}:
    class: dnsctl.memory
zones:
  one.example.:
    sources: [config]
    targets: [${target}]
  two.example.:
    sources: [config]
    targets: [${target}]
`,
    'zones/one.example.yaml': `---\n${zone('one')}`,
    'zones/two.example.yaml': `---\n${zone('two')}`,
  });
  const file = join(dir, 'dnsctl.yaml');
  return { config: () => loadConfig(file), world: memoryWorld(target) };
}

describe('interrupted apply', () => {
  it('finishes the write in flight, sends nothing more, reports the rest as not attempted, and a re-plan shows what is left', async () => {
    const r = repo();
    const { plan } = await planRepository(r.config(), createProvider);
    const ctl = new AbortController();
    // the operator presses Ctrl-C while the first zone's second change is being written
    let writes = 0;
    r.world.failWhen = () => {
      if (++writes === 2) ctl.abort();
      return undefined;
    };
    const report = await applyPlan(plan, r.config(), createProvider, { signal: ctl.signal, concurrency: 1 });
    r.world.failWhen = undefined;
    expect(report.interrupted).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.zones.map((z) => [z.zone, z.results.map((x) => x.status)])).toEqual([
      ['one.example.', ['applied', 'applied', 'not-attempted']],
      ['two.example.', ['not-attempted', 'not-attempted', 'not-attempted']],
    ]);
    const text = renderApplyReportText(report, { colour: false });
    expect(text).toContain('Apply interrupted: 2 of 6 changes applied, 0 failed, 4 not attempted. Live DNS is partly changed: run dnsctl plan again to see exactly what is left.');
    expect(renderApplyReportMarkdown(report)).toContain('## ❌ dnsctl apply interrupted: 2 applied, 0 failed, 4 not attempted');
    expect(JSON.parse(renderApplyReportJson(report))).toMatchObject({ ok: false, interrupted: true });

    const again = await planRepository(r.config(), createProvider);
    expect(again.plan.zones.flatMap((z) => z.changes.map((c) => `${z.zone} ${c.kind} ${c.name}`))).toEqual([
      'one.example. create c',
      'two.example. create a',
      'two.example. create b',
      'two.example. create c',
    ]);
  });

  it('an interrupt before the apply starts writes nothing', async () => {
    const r = repo();
    const { plan } = await planRepository(r.config(), createProvider);
    const ctl = new AbortController();
    ctl.abort();
    const before = r.world.writes;
    const report = await applyPlan(plan, r.config(), createProvider, { signal: ctl.signal });
    expect(r.world.writes).toBe(before);
    expect(renderApplyReportText(report, { colour: false })).toContain('Apply interrupted: 0 of 6 changes applied, 0 failed, 6 not attempted. Nothing was changed');
  });

  it('a signal that never fires changes nothing (control)', async () => {
    const r = repo();
    const { plan } = await planRepository(r.config(), createProvider);
    const report = await applyPlan(plan, r.config(), createProvider, { signal: new AbortController().signal });
    expect(report).toMatchObject({ ok: true });
    expect(report.interrupted).toBeUndefined();
  });
});

describe('plan progress', () => {
  it('reports each zone and target as it is read, counting up to the total', async () => {
    const r = repo();
    const seen: string[] = [];
    await planRepository(r.config(), createProvider, { concurrency: 1, onProgress: (done, total, zone, target) => seen.push(`${done}/${total} ${zone} ${target.replace(/\d+$/, '')}`) });
    expect(seen).toEqual(['1/2 one.example. interrupt', '2/2 two.example. interrupt']);
  });
});
