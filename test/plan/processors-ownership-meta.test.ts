/**
 * octoDNS's value filters, OwnershipProcessor and MetaProcessor (and manager.include_meta)
 * as dnsctl runs them: plans over a YAML source and an in-memory (or YAML) target, each
 * behaviour beside a control without the processor.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { applyPlan } from '../../src/api/apply.js';
import { createProvider, memoryWorld } from '../../providers/index.js';
import type { Plan } from '../../src/plan/types.js';
import { makeRepo } from '../cli/helpers.js';
import { LIVE, ZONE, planOf, rec, repo, summary, type Repo } from './processor-harness.js';

const CONTROL = ['delete old-a A', 'delete old-txt TXT', 'create  A', 'create api A', 'create www CNAME', 'update txt TXT'];

/** Plans ZONE against LIVE with one processor of this class and options (YAML lines under it). */
async function filtered(className: string, options: string): Promise<string[]> {
  const r = repo({ processors: `  f:\n    class: ${className}\n${options}`, use: ['f'] });
  r.world.seed('example.com.', LIVE);
  return summary(await planOf(r));
}

describe('control: without processors', () => {
  it('every record is created, the strays deleted, the changed TXT updated', async () => {
    const r = repo({});
    r.world.seed('example.com.', LIVE);
    expect(summary(await planOf(r))).toEqual(CONTROL);
  });
});

describe('ValueAllowlistFilter / ValueRejectlistFilter (values as rdata text, exact or /regex/)', () => {
  const allow = 'octodns.processor.filter.ValueAllowlistFilter';
  const reject = 'octodns.processor.filter.ValueRejectlistFilter';

  it('allowlist: only records with a matching value are managed; live records without one are not deleted', async () => {
    expect(await filtered(allow, "    allowlist:\n      - 192.0.2.2\n      - '/example\\.com\\.$/'\n")).toEqual(['create api A', 'create www CNAME']);
  });

  it('allowlist with include_target: false deletes the live records without a matching value', async () => {
    expect(await filtered(allow, "    allowlist:\n      - 192.0.2.2\n      - '/example\\.com\\.$/'\n    include_target: false\n")).toEqual([
      'delete old-a A',
      'delete old-txt TXT',
      'delete txt TXT',
      'create api A',
      'create www CNAME',
    ]);
  });

  it('a TXT value is matched as its quoted rdata text, as octoDNS does', async () => {
    // the live txt (v=0) does not match: hidden, so txt is created beside it as far as the plan knows
    expect(await filtered(allow, "    allowlist:\n      - '\"v=1\"'\n")).toEqual(['create txt TXT']);
    expect(await filtered(allow, "    allowlist:\n      - '\"v=1\"'\n      - '\"v=0\"'\n")).toEqual(['update txt TXT']);
    expect(await filtered(allow, '    allowlist:\n      - v=1\n')).toEqual([]);
  });

  it('rejectlist: matching records are left alone on both sides', async () => {
    expect(await filtered(reject, "    rejectlist:\n      - '/^192\\.0\\.2\\./'\n")).toEqual(['delete old-txt TXT', 'create www CNAME', 'update txt TXT']);
  });

  it('rejectlist with include_target: false deletes matching live records', async () => {
    expect(await filtered(reject, "    rejectlist:\n      - '/^192\\.0\\.2\\./'\n    include_target: false\n")).toEqual([
      'delete old-a A',
      'delete old-txt TXT',
      'create www CNAME',
      'update txt TXT',
    ]);
  });
});

describe('NetworkValueAllowlistFilter / NetworkValueRejectlistFilter (A/AAAA by CIDR)', () => {
  const allow = 'octodns.processor.filter.NetworkValueAllowlistFilter';
  const reject = 'octodns.processor.filter.NetworkValueRejectlistFilter';

  it('allowlist: A records outside the networks are left alone (old-a not deleted); other types untouched', async () => {
    expect(await filtered(allow, '    allowlist:\n      - 192.0.2.0/30\n')).toEqual(['delete old-txt TXT', 'create  A', 'create api A', 'create www CNAME', 'update txt TXT']);
  });

  it('rejectlist: A records inside a network are left alone on both sides', async () => {
    expect(await filtered(reject, '    rejectlist:\n      - 192.0.2.8/29\n      - 2001:db8::/32\n')).toEqual(CONTROL.filter((c) => c !== 'delete old-a A'));
    expect(await filtered(reject, '    rejectlist:\n      - 192.0.2.0/31\n')).toEqual(['delete old-a A', 'delete old-txt TXT', 'create api A', 'create www CNAME', 'update txt TXT']);
  });

  it('AAAA values against an IPv6 network; an IPv4 network never contains them', async () => {
    const zone = "---\nv6:\n  type: AAAA\n  value: 2001:db8::1\n";
    const plan = async (list: string) => {
      const r = repo({ zone, processors: `  f:\n    class: ${allow}\n    allowlist:\n      - ${list}\n`, use: ['f'] });
      return summary(await planOf(r));
    };
    expect(await plan('2001:db8::/32')).toEqual(['create v6 AAAA']);
    expect(await plan('0.0.0.0/0')).toEqual([]);
  });

  it('a CIDR with host bits set is octoDNS\'s ValueError text; include_target is not an option of these classes', () => {
    expect(() => loadConfig(repo({ processors: `  f:\n    class: ${allow}\n    allowlist:\n      - 192.0.2.1/24\n`, use: ['f'] }).file)).toThrow('192.0.2.1/24 is not a valid CIDR to use');
    expect(() => loadConfig(repo({ processors: `  f:\n    class: ${allow}\n    allowlist: [192.0.2.0/24]\n    include_target: false\n`, use: ['f'] }).file)).toThrow(
      /Incorrect processor config for f, .*takes no option include_target/,
    );
  });
});

const OWNER = 'octodns.processor.ownership.OwnershipProcessor';
const owner = (opts = '') => ({ processors: `  owner:\n    class: ${OWNER}\n${opts}`, use: ['owner'] });

describe('OwnershipProcessor', () => {
  it('adds one _owner.<type>.<name> TXT marker per record (apex _owner.<type>, * as _wildcard), ttl 60, value *octodns*', async () => {
    const zone = ZONE.replace('api:\n', "'*':\n  type: A\n  value: 192.0.2.5\napi:\n");
    const plan = await planOf(repo({ zone, ...owner() }));
    const markers = plan.zones[0]!.changes.filter((c) => c.name.startsWith('_owner'));
    expect(markers.map((c) => `${c.kind} ${c.name} ${c.type} ${c.desired!.ttl} ${JSON.stringify(c.desired!.values)}`).sort()).toEqual([
      'create _owner.a TXT 60 ["*octodns*"]',
      'create _owner.a._wildcard TXT 60 ["*octodns*"]',
      'create _owner.a.api TXT 60 ["*octodns*"]',
      'create _owner.cname.www TXT 60 ["*octodns*"]',
      'create _owner.txt.txt TXT 60 ["*octodns*"]',
    ]);
  });

  it('txt_name, txt_value and txt_ttl change the markers', async () => {
    const plan = await planOf(repo({ zone: "---\napi:\n  type: A\n  value: 192.0.2.2\n", ...owner('    txt_name: _mine\n    txt_value: team-a\n    txt_ttl: 300\n') }));
    expect(plan.zones[0]!.changes.map((c) => `${c.name} ${c.desired!.ttl} ${JSON.stringify(c.desired!.values)}`)).toEqual(['_mine.a.api 300 ["team-a"]', 'api 3600 ["192.0.2.2"]']);
  });

  it('a live record without a marker is left alone (not deleted); one with our marker is deleted with its marker', async () => {
    const r = repo(owner());
    r.world.seed('example.com.', [...LIVE, rec('old-b', 'A', ['192.0.2.10']), rec('_owner.a.old-b', 'TXT', ['*octodns*'], 60)]);
    const plan = summary(await planOf(r));
    expect(plan).toContain('delete old-b A');
    expect(plan).toContain('delete _owner.a.old-b TXT');
    expect(plan).not.toContain('delete old-a A');
    expect(plan).not.toContain('delete old-txt TXT');
    // control: without the processor old-a and old-b are both deleted
    const c = repo({});
    c.world.seed('example.com.', [...LIVE, rec('old-b', 'A', ['192.0.2.10'])]);
    expect(summary(await planOf(c))).toEqual(expect.arrayContaining(['delete old-a A', 'delete old-b A']));
  });

  it('a live record the repository holds is taken over (octoDNS: "take ownership of existing records that we\'re told to manage")', async () => {
    const r = repo(owner());
    r.world.seed('example.com.', LIVE);
    expect(summary(await planOf(r))).toEqual(expect.arrayContaining(['update txt TXT', 'create _owner.txt.txt TXT']));
  });

  it('an unowned live record is not updated when ownership runs after a filter that left its marker out', async () => {
    // NameRejectlistFilter after the ownership processor drops the desired markers of /^_owner/,
    // so nothing marks txt as owned: its update is dropped; without ownership it is kept (control)
    const procs = `  owner:\n    class: ${OWNER}\n  no-markers:\n    class: octodns.processor.filter.NameRejectlistFilter\n    rejectlist: ['/^_owner/']\n`;
    const r = repo({ processors: procs, use: ['owner', 'no-markers'] });
    r.world.seed('example.com.', LIVE);
    expect(summary(await planOf(r))).toEqual([]);
    const c = repo({ processors: procs, use: ['no-markers'] });
    c.world.seed('example.com.', LIVE);
    expect(summary(await planOf(c))).toContain('update txt TXT');
  });

  it('a live marker with a foreign value refuses the plan, unless allow_takeover: true', async () => {
    const live = [rec('api', 'A', ['192.0.2.7']), rec('_owner.a.api', 'TXT', ['someone-else'], 60)];
    const r = repo(owner());
    r.world.seed('example.com.', live);
    await expect(planOf(r)).rejects.toThrow(/api\.example\.com\. \(A\) .*"someone-else".*refusing to take over.*set allow_takeover=true to override/);
    const ok = repo(owner('    allow_takeover: true\n'));
    ok.world.seed('example.com.', live);
    expect(summary(await planOf(ok))).toEqual(expect.arrayContaining(['update api A', 'update _owner.a.api TXT']));
    // control: our own marker value is no takeover
    const ours = repo(owner());
    ours.world.seed('example.com.', [rec('api', 'A', ['192.0.2.7']), rec('_owner.a.api', 'TXT', ['*octodns*'], 60)]);
    expect(summary(await planOf(ours))).toContain('update api A');
  });

  it('a foreign marker on a record the repository does not hold is left alone, no error', async () => {
    const r = repo(owner());
    r.world.seed('example.com.', [rec('theirs', 'A', ['192.0.2.7']), rec('_owner.a.theirs', 'TXT', ['someone-else'], 60)]);
    const plan = summary(await planOf(r));
    expect(plan.filter((c) => c.includes('theirs'))).toEqual([]);
  });

  it('a source record at a marker name is octoDNS\'s duplicate record error unless should_replace: true', async () => {
    const zone = "---\n_owner.a.api:\n  type: TXT\n  value: mine\napi:\n  type: A\n  value: 192.0.2.2\n";
    await expect(planOf(repo({ zone, ...owner() }))).rejects.toThrow('Duplicate record _owner.a.api.example.com., type TXT');
    const plan = await planOf(repo({ zone, ...owner('    should_replace: true\n') }));
    expect(plan.zones[0]!.changes.find((c) => c.name === '_owner.a.api')!.desired!.values).toEqual(['*octodns*']);
  });

  it('against a YAML target: applied, the target re-plans clean and keeps its unowned record', async () => {
    const r = repo({ ...owner(), targetClass: 'octodns.provider.yaml.YamlProvider' });
    mkdirSync(join(r.dir, 'live'));
    writeFileSync(join(r.dir, 'live/example.com.yaml'), '---\nold-a:\n  type: A\n  value: 192.0.2.9\n');
    const plan = await planOf(r);
    expect(summary(plan)).not.toContain('delete old-a A');
    expect((await applyPlan(plan, loadConfig(r.file), createProvider)).ok).toBe(true);
    expect(readFileSync(join(r.dir, 'live/example.com.yaml'), 'utf8')).toContain('old-a');
    expect(summary(await planOf(r))).toEqual([]);
  });
});

/** A repository with two in-memory targets, t1 and t2, and this `manager:`/`processors:` text. */
function twoTargets(extra: string, use: string[] = []): Repo & { t2: ReturnType<typeof memoryWorld> } {
  const id = `m${Math.random().toString(36).slice(2, 8)}`;
  const dir = makeRepo({
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  ${id}a:
    class: dnsctl.memory
  ${id}b:
    class: dnsctl.memory
${extra}zones:
  example.com.:
    sources:
      - config
${use.length ? `    processors: [${use.join(', ')}]\n` : ''}    targets:
      - ${id}a
      - ${id}b
`,
    'zones/example.com.yaml': ZONE,
  });
  const file = join(dir, 'dnsctl.yaml');
  return { dir, file, target: `${id}a`, world: memoryWorld(`${id}a`), t2: memoryWorld(`${id}b`) };
}

const metaOf = (plan: Plan, target: string, name = 'octodns-meta') => plan.zones.find((z) => z.target === target)!.changes.find((c) => c.name === name);

async function applyAndReplan(r: Repo): Promise<Plan> {
  const plan = await planOf(r);
  const report = await applyPlan(plan, loadConfig(r.file), createProvider);
  expect(report.ok).toBe(true);
  return (await planRepository(loadConfig(r.file), createProvider)).plan;
}

describe('manager.include_meta', () => {
  it('adds octodns-meta TXT provider=<target id> (ttl 60) per target; without it, no such record (control)', async () => {
    const r = twoTargets('manager:\n  include_meta: true\n');
    const plan = await planOf(r);
    const t2 = plan.zones[1]!.target;
    expect(metaOf(plan, r.target)!.desired).toMatchObject({ name: 'octodns-meta', type: 'TXT', ttl: 60, values: [`provider=${r.target}`] });
    expect(metaOf(plan, t2)!.desired!.values).toEqual([`provider=${t2}`]);
    expect(plan.zones[0]!.processors).toEqual(['meta (manager.include_meta)']);
    const c = await planOf(twoTargets(''));
    expect(c.zones.flatMap((z) => z.changes).filter((x) => x.name === 'octodns-meta')).toEqual([]);
  });

  it('once applied, the next plan is empty: no perpetual change', async () => {
    const r = twoTargets('manager:\n  include_meta: true\n');
    expect(summary(await applyAndReplan(r))).toEqual([]);
  });
});

describe('MetaProcessor', () => {
  const meta = (opts: string) => `processors:\n  meta:\n    class: octodns.processor.meta.MetaProcessor\n${opts}`;

  it('record_name, include_provider, include_version (dnsctl\'s version), include_extra; values sorted', async () => {
    const r = twoTargets(meta('    record_name: _meta\n    include_time: false\n    include_provider: true\n    include_version: true\n    include_extra:\n      team: dns\n'), ['meta']);
    const plan = await planOf(r);
    expect(metaOf(plan, r.target, '_meta')!.desired!.values).toEqual(['octodns-version=dnsctl-0.1.0', `provider=${r.target}`, 'team=dns']);
  });

  it('include_time (the default): a time value; a later run\'s plan whose only change is the meta record is dropped', async () => {
    const r = twoTargets(meta(''), ['meta']);
    const first = await planOf(r);
    expect(String(metaOf(first, r.target, 'meta')!.desired!.values[0])).toMatch(/^time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    await new Promise((res) => setTimeout(res, 5));
    expect(summary(await applyAndReplan(r))).toEqual([]);
  });

  it('control: with another change the meta record is updated along with it', async () => {
    const r = twoTargets(meta(''), ['meta']);
    await applyAndReplan(r);
    r.world.zones.get('example.com.')!.set('api\u0000A', rec('api', 'A', ['192.0.2.99']));
    await new Promise((res) => setTimeout(res, 5));
    const plan = await planOf(r);
    const changes = plan.zones.find((z) => z.target === r.target)!.changes.map((c) => `${c.kind} ${c.name}`);
    expect(changes).toEqual(expect.arrayContaining(['update api', 'update meta']));
  });

  it('control: when the keys change (include_uuid added) the lone meta update is planned', async () => {
    const r = twoTargets(meta(''), ['meta']);
    await applyAndReplan(r);
    writeFileSync(r.file, readFileSync(r.file, 'utf8').replace('MetaProcessor\n', 'MetaProcessor\n    include_uuid: true\n'));
    const plan = await planOf(r);
    expect(plan.zones.map((z) => summary({ ...plan, zones: [z] }))).toEqual([['update meta TXT'], ['update meta TXT']]);
  });

  it('options are checked at load', () => {
    const r = twoTargets(meta('    include_extra: [a]\n'), ['meta']);
    expect(() => loadConfig(r.file)).toThrow('include_extra must be a mapping');
    const bad = twoTargets(meta('    include_times: true\n'), ['meta']);
    expect(() => loadConfig(bad.file)).toThrow(/MetaProcessor takes no option include_times/);
  });
});

describe('alias zones', () => {
  it('an alias zone stays refused when include_meta gives it a processor (octoDNS would run another zone\'s list on it)', async () => {
    const r = repo({ extra: '  alias.example.:\n    alias: example.com.\nmanager:\n  include_meta: true\n' });
    await expect(planOf(r)).rejects.toThrow('alias zone alias.example. has octoDNS processors (meta (manager.include_meta)); dnsctl does not run processors on alias zones');
    // control: without include_meta the alias zone plans
    const c = repo({ extra: '  alias.example.:\n    alias: example.com.\n' });
    expect((await planOf(c)).zones.map((z) => z.zone)).toContain('alias.example.');
  });
});
