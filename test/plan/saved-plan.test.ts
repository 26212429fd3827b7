/**
 * A saved plan is bound to what was reviewed (#13.3): apply recomputes the desired state from
 * the checkout and refuses, writing nothing, unless the plan's changes are exactly what that
 * state needs from the live state the plan fingerprinted; safety is evaluated again; a forced
 * plan lifts only the violations it recorded; a malformed plan changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan, parsePlan, PlanMismatchError, UnsafePlanError } from '../../src/api/apply.js';
import { accept } from '../../src/plan/acceptance.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import type { Plan } from '../../src/plan/types.js';
import type { DnsRecord } from '../../src/model/record.js';
import { createProvider, memoryWorld } from '../../providers/index.js';
import { makeRepo } from '../cli/helpers.js';

let seq = 0;
function repo(zone: string, safety = '') {
  const target = `saved${++seq}`;
  const dir = makeRepo({
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  ${target}:
    class: dnsctl.memory
zones:
  example.com.:
    sources:
      - config
    targets:
      - ${target}
${safety}`,
    'zones/example.com.yaml': zone,
  });
  const file = join(dir, 'dnsctl.yaml');
  return { dir, file, target, config: () => loadConfig(file), world: memoryWorld(target) };
}

const ZONE = `---
a:
  type: A
  value: 192.0.2.1
www:
  type: CNAME
  value: a.example.com.
`;

/** A dynamic record whose every value is down on purpose (its static value serves). */
const ALL_DOWN = `---
api:
  dynamic:
    pools:
      us-east-1:
        values:
          - status: down
            value: 192.0.2.1
    rules:
      - pool: us-east-1
  type: A
  value: 192.0.2.9
`;

/** The plan as `dnsctl plan --out` writes it and `apply plan.json` reads it. */
async function savedPlan(r: ReturnType<typeof repo>): Promise<Plan> {
  const { plan } = await planRepository(r.config(), createProvider);
  return parsePlan(renderPlanJson(plan), 'plan.json');
}

const rec = (name: string, values: string[]): DnsRecord => ({ zone: 'example.com.', name, type: 'A', ttl: 3600, values });

describe('a saved plan is bound to what was reviewed', () => {
  it('refuses a hand-edited value, writing nothing', async () => {
    const r = repo(ZONE);
    const plan = await savedPlan(r);
    const a = plan.zones[0]!.changes.find((c) => c.name === 'a')!;
    a.desired!.values = ['203.0.113.66'];
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(PlanMismatchError);
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(/the plan's changes were edited after it was made/);
    expect(r.world.writes).toBe(0);
  });

  it('refuses an edit whose changesDigest was recomputed too: the changes are not what the repository needs', async () => {
    const r = repo(ZONE);
    const plan = await savedPlan(r);
    const { changesDigest } = await import('../../src/plan/fingerprint.js');
    plan.zones[0]!.changes.find((c) => c.name === 'a')!.desired!.values = ['203.0.113.66'];
    plan.zones[0]!.changesDigest = changesDigest(plan.zones[0]!.changes);
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(/not what the repository needs from the live state it read/);
    expect(r.world.writes).toBe(0);
  });

  it('refuses an appended delete', async () => {
    const r = repo(ZONE);
    r.world.seed('example.com.', [rec('keep', ['192.0.2.9'])]);
    const plan = await savedPlan(r);
    const zp = plan.zones[0]!;
    // the repository does not hold `keep`, so the plan deletes it; a second, invented delete is appended
    zp.changes.push({ kind: 'delete', name: 'db', type: 'A', existing: rec('db', ['192.0.2.10']) });
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(PlanMismatchError);
    expect(r.world.writes).toBe(0);
    expect(r.world.zones.get('example.com.')!.size).toBe(1);
  });

  it('refuses a zone renamed to one outside the config, naming the zones it has', async () => {
    const r = repo(ZONE);
    const plan = await savedPlan(r);
    plan.zones[0]!.zone = 'evil.example.';
    for (const c of plan.zones[0]!.changes) c.desired!.zone = 'evil.example.';
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow('zone evil.example. is not in the config (its zones: example.com.)');
    expect(r.world.writes).toBe(0);
    expect(r.world.zones.has('evil.example.')).toBe(false);
  });

  it('refuses a target the zone does not have, naming its targets', async () => {
    const r = repo(ZONE);
    const plan = await savedPlan(r);
    plan.zones[0]!.target = 'config';
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(`config is not a target of zone example.com. (its targets: ${r.target})`);
  });

  it('refuses when the repository moved since the plan, even if live state did not', async () => {
    const r = repo(ZONE);
    const plan = await savedPlan(r);
    writeFileSync(join(r.dir, 'zones/example.com.yaml'), ZONE.replace('192.0.2.1', '192.0.2.2'));
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(/the repository changed since the plan was made/);
    expect(r.world.writes).toBe(0);
  });

  it('evaluates safety again: a plan whose safety list was emptied by hand does not switch every pool off', async () => {
    const r = repo(ALL_DOWN);
    const plan = await savedPlan(r);
    expect(plan.safety.map((v) => v.rule)).toEqual(['zero-serving-pools']);
    plan.safety = [];
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(UnsafePlanError);
    await expect(applyPlan(plan, r.config(), createProvider)).rejects.toThrow(/min_serving_pools: 0/);
    expect(r.world.writes).toBe(0);
  });

  const tenRecords = Array.from({ length: 10 }, (_, i) => rec(`h${i}`, [`192.0.2.${i + 10}`]));
  const zoneOf = (records: DnsRecord[]) => `---\n${records.map((x) => `${x.name}:\n  type: A\n  value: ${String(x.values[0])}\n`).join('')}`;

  it('applies a forced plan for the violations it recorded, with who and why in the plan', async () => {
    const r = repo(zoneOf(tenRecords.slice(0, 6)));
    r.world.seed('example.com.', tenRecords);
    const { plan } = await planRepository(r.config(), createProvider);
    expect(plan.safety.map((v) => v.rule)).toEqual(['delete-threshold']);
    plan.accepted = accept(plan.safety, 'retiring h6-h9', 'alice');
    const saved = await parsePlan(renderPlanJson(plan), 'plan.json');
    expect(saved.accepted).toEqual(expect.objectContaining({ by: 'alice', reason: 'retiring h6-h9', violations: [expect.objectContaining({ rule: 'delete-threshold' })] }));
    const report = await applyPlan(saved, r.config(), createProvider);
    expect(report.ok).toBe(true);
    expect(r.world.zones.get('example.com.')!.size).toBe(6);
  });

  it('a forced plan does not lift a violation it did not record', async () => {
    const r = repo(zoneOf(tenRecords.slice(0, 6)));
    r.world.seed('example.com.', tenRecords);
    const { plan } = await planRepository(r.config(), createProvider);
    plan.accepted = accept(plan.safety, 'retiring h6-h9', 'alice');
    // the acceptance names other records than the ones the recomputed plan deletes
    plan.accepted.violations[0]!.records = ['h9.example.com. A'];
    const saved = await parsePlan(renderPlanJson(plan), 'plan.json');
    await expect(applyPlan(saved, r.config(), createProvider)).rejects.toThrow(/Too many deletes/);
    expect(r.world.writes).toBe(0);
  });

  it('checks a malformed plan against the schema before anything is sent', async () => {
    const r = repo(ZONE);
    const { plan } = await planRepository(r.config(), createProvider);
    const data = JSON.parse(renderPlanJson(plan)) as { zones: Array<Record<string, unknown>> };
    data.zones[0]!['changes'] = { kind: 'create' };
    await expect(parsePlan(JSON.stringify(data), 'plan.json')).rejects.toThrow('plan.json#/zones/0/changes: must be array');
    await expect(parsePlan('{"version":1}', 'plan.json')).rejects.toThrow(/must have required property 'zones'/);
    expect(r.world.writes).toBe(0);
  });
});

describe('safety lifted by configuration', () => {

  it('min_serving_pools: 0 for the zone lets a deliberate all-down record apply', async () => {
    const r = repo(ALL_DOWN, `dnsctl:\n  safety:\n    zones:\n      example.com.:\n        min_serving_pools: 0\n`);
    const plan = await savedPlan(r);
    expect(plan.safety).toEqual([]);
    expect((await applyPlan(plan, r.config(), createProvider)).ok).toBe(true);
  });

  it('min_serving_pools: 0 for another zone does not', async () => {
    const r = repo(ALL_DOWN, `dnsctl:\n  safety:\n    zones:\n      other.example.:\n        min_serving_pools: 0\n`);
    const plan = await savedPlan(r);
    expect(plan.safety.map((v) => v.rule)).toEqual(['zero-serving-pools']);
  });

  it('allow_root_ns_changes lifts the root NS rule', async () => {
    const ns = `---\n? ''\n: type: NS\n  values:\n    - ns1.example.net.\n    - ns2.example.net.\n`;
    const seedNs = (r: ReturnType<typeof repo>) =>
      r.world.seed('example.com.', [{ zone: 'example.com.', name: '', type: 'NS', ttl: 3600, values: ['ns1.example.org.', 'ns2.example.org.'] }]);
    const strict = repo(ns);
    seedNs(strict);
    expect((await savedPlan(strict)).safety.map((v) => v.rule)).toEqual(['root-ns']);
    const relaxed = repo(ns, `dnsctl:\n  safety:\n    allow_root_ns_changes: true\n`);
    seedNs(relaxed);
    expect((await savedPlan(relaxed)).safety).toEqual([]);
  });
});
