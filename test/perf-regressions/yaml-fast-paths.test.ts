/**
 * The performance work must not change any answer:
 * - a zone read in a worker thread (plan's concurrent target read) equals the in-process
 *   read, fingerprint included; under vitest the sources are TypeScript, so the worker
 *   path runs the compiled worker from dist/ when a build exists;
 * - the zone schema's hand-written fast path never accepts what ajv rejects, and the
 *   findings of shallow-positioned loads (re-positioned from a full reload) equal a full
 *   ajv pass over the whole document;
 * - the IPv4/IPv6 helpers keep their exact answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readZone } from '../../providers/yaml/read-zone.js';
import { readZoneAsync, readZoneInWorker, defaultWorkerUrl } from '../../providers/yaml/read-zone-async.js';
import { parseYamlOptions } from '../../providers/yaml/options.js';
import { fingerprint } from '../../src/plan/fingerprint.js';
import { SCHEMAS_DIR, validateZoneSchema } from '../../src/validate/schema.js';
import { SourceFile, YamlLoader } from '../../src/yaml/load.js';
import { FQDN_UNDERSCORE_RE, fqdnShape, isIpAddress, isPyIPv6, isStrictIPv4, normaliseIPv6 } from '../../src/model/types/common.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsctl-perf-reg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = readFileSync(resolve('zones/example.com.yaml'), 'utf8');
writeFileSync(join(dir, 'example.com.yaml'), example);
const options = parseYamlOptions({ directory: dir }, dir);
const TARGET = { lenient: true, target: true, sets: new Set<never>(), disabledValidators: new Map() };
const SOURCE = { lenient: false, sets: new Set(['legacy'] as const), disabledValidators: new Map() };

describe('concurrent (worker) zone reads', () => {
  it('has no compiled worker beside the TypeScript sources, and falls back to an in-process read', async () => {
    expect(defaultWorkerUrl()).toBeNull();
    const viaAsync = await readZoneAsync(options, 'example.com.', TARGET, { minBytes: 0 });
    expect(viaAsync).toEqual(readZone(options, 'example.com.', TARGET));
  });

  // `npm test` builds dist/ before running the tests, so the compiled worker is always there
  const compiled = resolve('dist/providers/yaml/read-zone-worker.js');
  it('reads the same zone in a worker thread as in-process (compiled worker from dist/)', async () => {
    expect(existsSync(compiled), `${compiled} missing: run npm run build (npm test does)`).toBe(true);
    for (const opts of [TARGET, SOURCE]) {
      const inProcess = readZone(options, 'example.com.', opts);
      const viaWorker = await readZoneInWorker(pathToFileURL(compiled), options, 'example.com.', opts);
      expect(viaWorker).toEqual(inProcess);
      expect(JSON.stringify(viaWorker)).toBe(JSON.stringify(inProcess));
      expect(fingerprint(viaWorker.records, viaWorker.exists)).toBe(fingerprint(inProcess.records, inProcess.exists));
    }
    // a missing zone, as a target
    const missing = await readZoneInWorker(pathToFileURL(compiled), options, 'nowhere.example.', TARGET);
    expect(missing).toEqual(readZone(options, 'nowhere.example.', TARGET));
  });

  it('keeps YAML .inf/.nan exactly across the thread (no JSON round trip for such a zone)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dnsctl-inf-'));
    try {
      writeFileSync(join(d, 'inf.example.yaml'), "---\nwww:\n  octodns:\n    custom: {limit: .inf, ratio: .NaN}\n  type: A\n  value: 192.0.2.1\n");
      const o = parseYamlOptions({ directory: d }, d);
      const inProcess = readZone(o, 'inf.example.', TARGET);
      expect(inProcess.records[0]!.octodns).toEqual({ custom: { limit: Infinity, ratio: NaN } });
      const viaWorker = await readZoneInWorker(pathToFileURL(compiled), o, 'inf.example.', TARGET);
      expect(viaWorker).toEqual(inProcess);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('an aborted worker read rejects', async () => {
    const ac = new AbortController();
    const p = readZoneInWorker(pathToFileURL(compiled), options, 'example.com.', TARGET, ac.signal);
    ac.abort();
    await expect(p).rejects.toThrow(/aborted/);
  });
});

describe('zone schema fast path', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const full = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'zone.schema.json'), 'utf8')) as object);
  const positions = new YamlLoader().positions;

  const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 300 }), fc.double(), fc.constantFrom('', 'A', 'up', 'obey', 'x', 'EU', 'NA-US', 'na', '10.0.0.0/8', 'failover', 'geo'));
  const leaf = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'value', 'weight', 'x'), scalar, { maxKeys: 2 }));
  const pick = <T>(keys: string[], v: fc.Arbitrary<T>) => fc.dictionary(fc.constantFrom(...keys), v, { maxKeys: keys.length });
  const poolValue = pick(['value', 'weight', 'status', 'other'], scalar);
  const pool = pick(['fallback', 'values', 'other'], fc.oneof(scalar, fc.array(fc.oneof(poolValue, scalar), { maxLength: 3 })));
  const rule = pick(['pool', 'geos', 'subnets', 'other'], fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })));
  const dynamic = fc.oneof(scalar, pick(['pools', 'rules', 'other'], fc.oneof(scalar, fc.dictionary(fc.constantFrom('us', 'eu'), fc.oneof(pool, scalar), { maxKeys: 2 }), fc.array(fc.oneof(rule, scalar), { maxLength: 3 }))));
  const dnsctl = pick(['routing', 'weights', 'regions', 'other'], fc.oneof(scalar, fc.dictionary(fc.constantFrom('us', 'eu'), scalar, { maxKeys: 2 })));
  const healthcheck = pick(['host', 'path', 'port', 'protocol', 'other'], scalar);
  const octodns = fc.oneof(
    scalar,
    fc.record(
      { ignored: scalar, excluded: fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })), lenient: scalar, healthcheck: fc.oneof(healthcheck, scalar), auto_arpa_priority: scalar, route53: leaf, dnsctl: fc.oneof(dnsctl, scalar), other: leaf },
      { requiredKeys: [] },
    ),
  );
  const record = fc.oneof(
    scalar,
    fc.record(
      { type: scalar, ttl: scalar, value: leaf, values: leaf, geo: leaf, dynamic, octodns, other: scalar },
      { requiredKeys: [] },
    ),
  );
  const zone = fc.dictionary(fc.constantFrom('', 'www', 'api', '__proto__x'), fc.oneof(record, fc.array(record, { maxLength: 3 })), { maxKeys: 4 });

  it('never accepts a document ajv rejects, and gives ajv\'s findings otherwise', () => {
    fc.assert(
      fc.property(zone, (doc) => {
        const ours = validateZoneSchema(doc, positions, 'z.yaml', 'example.com.');
        expect(ours.length === 0).toBe(full(doc));
      }),
      { numRuns: 3000 },
    );
  });

  it('positions findings of a shallow-positioned load as a full load does', () => {
    const text = [
      "'':",
      '  - type: A',
      '    value: 192.0.2.1',
      '  - type: MX',
      '    values:',
      '      - exchange: mx.example.net.',
      '        preferense: 10',
      'www:',
      '  dynamic:',
      '    pools:',
      '      us:',
      '        values:',
      '          - value: 192.0.2.2',
      '            status: sideways',
      '  type: A',
      '  value: 192.0.2.3',
      'x: 3',
      '',
    ].join('\n');
    const file = join(dir, 'bad.example.yaml');
    writeFileSync(file, text);
    const fullLoad = new YamlLoader();
    const expected = validateZoneSchema(fullLoad.loadFile(file).data, fullLoad.positions, file, 'bad.example.');
    const shallow = new YamlLoader({ positionDepth: 2 });
    const data = shallow.loadFile(file).data;
    const got = validateZoneSchema(data, shallow.positions, file, 'bad.example.', () => {
      const again = new YamlLoader();
      return { data: again.loadFile(file).data, positions: again.positions };
    });
    // a pool value (depth 5, deeper than the shallow load positions) and a scalar record (the root's position)
    expect(expected.map((f) => f.position?.line)).toEqual([13, 1]);
    expect(got).toEqual(expected);
  });
});

describe('IP helpers', () => {
  const refV4 = (v: string) => {
    const parts = v.split('.');
    return parts.length === 4 && parts.every((o) => /^[0-9]{1,3}$/.test(o) && (o === '0' || !o.startsWith('0')) && Number(o) <= 255);
  };
  const v4ish = fc.array(fc.constantFrom('0', '1', '9', '00', '01', '255', '256', '999', '1000', '', 'a', ' 1', '١'), { minLength: 1, maxLength: 5 }).map((p) => p.join('.'));

  it('isStrictIPv4 matches the split/regex definition', () => {
    fc.assert(fc.property(fc.oneof(v4ish, fc.string({ maxLength: 16 })), (v) => {
      expect(isStrictIPv4(v)).toBe(refV4(v));
    }), { numRuns: 5000 });
  });

  it('keeps the IPv6 answers', () => {
    const cases: Array<[string, boolean, string]> = [
      ['2001:db8::1', true, '2001:db8::1'],
      ['2001:DB8:0:0:0:0:0:1', true, '2001:db8::1'],
      ['::', true, '::'],
      ['::ffff:192.0.2.1', true, '::ffff:c000:201'],
      ['1:2:3:4:5:6:7:8', true, '1:2:3:4:5:6:7:8'],
      ['1:0:0:2:0:0:0:3', true, '1:0:0:2::3'],
      ['fe80::1%eth0', true, 'fe80::1%eth0'],
      ['12345::1', false, '12345::1'],
      ['1::2::3', false, '1::2::3'],
      ['g::1', false, 'g::1'],
      ['1:2:3:4:5:6:7:8:9', false, '1:2:3:4:5:6:7:8:9'],
      ['::01.2.3.4', false, '::01.2.3.4'],
      ['', false, ''],
    ];
    for (const [v, ok, norm] of cases) {
      expect(isPyIPv6(v)).toBe(ok);
      expect(normaliseIPv6(v)).toBe(norm);
    }
    expect(isIpAddress('192.0.2.1')).toBe(true);
    expect(isIpAddress('192.0.2.01')).toBe(false);
  });
});

describe('hostname and position helpers', () => {
  it('fqdnShape answers as the fqdn regex it replaces (lower-cased input, as isValidFqdn gives it)', () => {
    const ch = fc.constantFrom('a', 'z', 'k', '0', '9', '-', '_', '.', '\n', ' ', 'é', '*', 'A');
    const label = fc.string({ unit: ch, maxLength: 70 });
    const special = fc.constantFrom('', '.', '..', '-a.com', 'a-.com', 'a.-b', 'a_b.c', 'foo.com\n', 'foo.com.\n', 'foo\n.', `${'a'.repeat(63)}.com`, `${'a'.repeat(64)}.com`, 'a..b', 'a.b.', 'ex ample.com');
    fc.assert(
      fc.property(fc.oneof(label, special, fc.array(label, { maxLength: 4 }).map((ls) => ls.join('.'))), (s) => {
        const t = s.toLowerCase();
        expect(fqdnShape(t), JSON.stringify(t)).toBe(FQDN_UNDERSCORE_RE.test(t));
      }),
      { seed: 77, numRuns: 3000 },
    );
  });

  it('SourceFile.position gives the same line and column in any order of offsets', () => {
    const text = Array.from({ length: 400 }, (_, i) => `${'x'.repeat(i % 17)}\n`).join('') + 'tail';
    fc.assert(
      fc.property(fc.array(fc.nat(text.length - 1), { minLength: 1, maxLength: 60 }), (offsets) => {
        const f = new SourceFile('f.yaml', text);
        for (const o of offsets) {
          const before = text.slice(0, o);
          const line = before.split('\n').length;
          const column = o - (before.lastIndexOf('\n') + 1) + 1;
          expect(f.position(o)).toEqual({ file: 'f.yaml', line, column });
        }
      }),
      { seed: 78, numRuns: 200 },
    );
  });
});

describe('YAML schema', () => {
  it('resolves every scalar as js-yaml core schema plus merge keys does (number types asked only about number-like scalars)', () => {
    const reference = yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge] });
    const scalar = fc.oneof(
      fc.constantFrom('', '~', 'null', 'Null', 'NULL', 'true', 'False', 'TRUE', 'yes', 'no', '0', '-0', '+1', '0x1F', '0o17', '0b101', '1_000', '_1', '1_', '.5', '-.5', '+.inf', '.Inf', '-.INF', '.nan', '.NaN', '1e3', '1.5e-3', '12:30', '2024-01-01', '<<', '- x', '.', '+', '-', '192.0.2.1', '2001:db8::1', 'v=spf1'),
      fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', '_', 'e', 'E', 'x', 'o', 'b', 'a', 'n', 'i', 'f', ' '), maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), scalar), { minLength: 1, maxLength: 6 }), (pairs) => {
        const text = pairs.map(([k, v]) => `${k}: ${v}\n`).join('') + pairs.map(([, v], i) => `l${i}: [${v === '' ? "''" : v}]\n`).join('');
        let want: unknown;
        let wantError: string | undefined;
        try {
          want = yaml.load(text, { schema: reference, json: true });
        } catch (e) {
          wantError = (e as yaml.YAMLException).reason;
        }
        const got = new YamlLoader({ enforceOrder: false }).loadText(text, 'x.yaml');
        if (wantError !== undefined) expect(got.issues.map((i) => i.message)).toContain(wantError);
        else expect(got.data).toEqual(want);
      }),
      { seed: 79, numRuns: 2000 },
    );
  });
});
