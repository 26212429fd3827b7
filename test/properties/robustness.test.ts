/**
 * The YAML provider never crashes on what it reads: arbitrary YAML-ish text, arbitrary
 * JS values dumped with js-yaml, and zone-shaped data with junk in every slot either
 * load or come back as findings, each with a position (file, line >= 1, column >= 1).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZone } from '../../providers/yaml/read-zone.js';
import { parseYamlOptions } from '../../providers/yaml/options.js';
import type { PopulateResult } from '../../src/model/provider.js';
import { RECORD_TYPES } from '../../src/model/record.js';

const ZONE = 'robust.example.com.';
const dir = mkdtempSync(join(tmpdir(), 'dnsctl-prop-robust-'));
const file = join(dir, `${ZONE}yaml`);
writeFileSync(join(dir, 'inc.yaml'), 'type: A\nvalue: 192.0.2.1\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seed = Number(process.env['FC_SEED'] ?? 1337);
const numRuns = Number(process.env['FC_RUNS'] ?? 200);

function read(text: string, extra: Record<string, unknown> = {}): PopulateResult {
  writeFileSync(file, text);
  const options = parseYamlOptions({ directory: dir, ...extra }, dir);
  return readZone(options, ZONE, { lenient: false, sets: new Set(['legacy', 'strict', 'best-practice'] as const), disabledValidators: new Map() });
}

function checkPositioned(r: PopulateResult): void {
  for (const f of r.findings) {
    const p = f.position;
    expect(p, `finding without a position: ${f.reason}`).toBeDefined();
    expect(typeof p!.file).toBe('string');
    expect([file, join(dir, 'inc.yaml')]).toContain(p!.file);
    expect(Number.isInteger(p!.line) && p!.line >= 1, `line ${p!.line}: ${f.reason}`).toBe(true);
    expect(Number.isInteger(p!.column) && p!.column >= 1, `column ${p!.column}: ${f.reason}`).toBe(true);
    expect(typeof f.reason).toBe('string');
  }
  for (const rec of r.records) expect(rec.source?.line).toBeGreaterThanOrEqual(1);
}

/** YAML-ish text: fragments that exercise the parser's corners, glued with newlines and indentation */
const fragment = fc.oneof(
  fc.constantFrom(
    '---', '...', '- ', '-', ': ', ':', '? ', '?', '{', '}', '[', ']', ',', '#c', '&a ', '*a', '!include inc.yaml', '!include missing.yaml',
    '!include .', '!include robust.example.com.yaml', '!!str ', '!!int ', '!!binary ', '!foo ', '"', "'", '|', '>', '|-', '~', 'null', 'true',
    '0x1F', '1e400', '.nan', '-.inf', '<<: *a', '%YAML 1.2', '\t', '\\', '\u00e9', '\ud83d\ude00', '\u0000', '\r', '\ufeff',
    'type: A', 'type: AAAA', 'type: CNAME', 'type: MX', 'type: TXT', 'type: SRV', 'type: CAA', 'value: 192.0.2.1', 'value: ::1',
    'values:', 'ttl: 60', 'ttl: -1', 'ttl: x', 'dynamic:', 'pools:', 'rules:', 'pool: p', 'geos: [EU]', 'subnets: [10.0.0.0/8]',
    'fallback: q', 'octodns:', 'healthcheck:', 'dnsctl:', 'routing: weighted', 'weights: {p: 1}', "'':", 'www:', '_x._tcp:', '*:', 'a.b:',
    'exchange: mx.', 'preference: 10', 'port: 1', 'priority: 0', 'target: t.', 'weight: 5', 'flags: 0', 'tag: issue', 'status: up',
  ),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[a-z0-9._-]{1,10}$/),
);
const line = fc.tuple(fc.nat(6), fc.array(fragment, { maxLength: 4 })).map(([indent, parts]) => ' '.repeat(indent) + parts.join(' '));
const yamlText = fc.array(line, { maxLength: 25 }).map((ls) => ls.join('\n'));

/** zone-shaped data with junk anywhere: right keys, wrong values */
const junk = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
const valueish = fc.oneof(
  junk,
  fc.constantFrom('192.0.2.1', '2001:db8::1', 'host.example.net.', 'v=spf1 -all', '10.0.0.0/8'),
  fc.dictionary(fc.constantFrom('exchange', 'preference', 'port', 'priority', 'target', 'weight', 'flags', 'tag', 'value', 'status'), junk, { maxKeys: 5 }),
);
const pool = fc.dictionary(
  fc.constantFrom('values', 'fallback'),
  fc.oneof(junk, fc.array(fc.oneof(valueish, fc.dictionary(fc.constantFrom('value', 'weight', 'status'), valueish, { maxKeys: 3 })), { maxLength: 3 })),
  { maxKeys: 2 },
);
const dynamicArb = fc.dictionary(
  fc.constantFrom('pools', 'rules'),
  fc.oneof(
    junk,
    fc.dictionary(fc.constantFrom('p', 'q', 'us-east-1', 'eu-west-1'), fc.oneof(pool, junk), { maxKeys: 3 }),
    fc.array(fc.dictionary(fc.constantFrom('pool', 'geos', 'subnets'), fc.oneof(junk, fc.constantFrom('p', 'q'), fc.array(fc.constantFrom('EU', 'NA-US', 'XX', '10.0.0.0/8', 'bad'), { maxLength: 3 })), { maxKeys: 3 }), { maxLength: 3 }),
  ),
  { maxKeys: 2 },
);
const octodnsArb = fc.dictionary(
  fc.constantFrom('healthcheck', 'dnsctl', 'excluded', 'included', 'ignored', 'route53'),
  fc.oneof(junk, fc.dictionary(fc.constantFrom('routing', 'weights', 'regions', 'host', 'path', 'port', 'protocol'), fc.oneof(junk, fc.constantFrom('weighted', 'latency', 'geo'), fc.dictionary(fc.constantFrom('p', 'q'), junk, { maxKeys: 2 })), { maxKeys: 3 })),
  { maxKeys: 3 },
);
const recordArb = fc.oneof(
  junk,
  fc.record(
    {
      type: fc.oneof(fc.constantFrom(...RECORD_TYPES), junk),
      ttl: fc.oneof(fc.nat(100000), junk),
      value: valueish,
      values: fc.oneof(junk, fc.array(valueish, { maxLength: 4 })),
      dynamic: fc.oneof(dynamicArb, junk),
      octodns: fc.oneof(octodnsArb, junk),
      geo: junk,
    },
    { requiredKeys: [] },
  ),
);
const zoneData = fc.dictionary(
  fc.oneof(fc.constantFrom('', '*', '_sip._tcp', 'www', 'WWW', 'a b', 'xn--bcher-kva', 'bücher', '-x', 'a..b', '__proto__', 'constructor', 'toString'), fc.string({ maxLength: 10 })),
  fc.oneof(recordArb, fc.array(recordArb, { maxLength: 3 })),
  { maxKeys: 6 },
);

function dump(value: unknown, sortKeys: boolean): string {
  return yaml.dump(value, { skipInvalid: true, sortKeys, noRefs: sortKeys });
}

describe('the YAML provider never throws and positions every finding', () => {
  it('on arbitrary YAML-ish text', () => {
    fc.assert(
      fc.property(yamlText, fc.boolean(), (text, enforce) => checkPositioned(read(text, { enforce_order: enforce }))),
      { numRuns, seed },
    );
  }, 120_000);

  it('on arbitrary JS values dumped with js-yaml', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }), fc.boolean(), (v, sorted) => checkPositioned(read(dump(v, sorted)))),
      { numRuns, seed },
    );
  }, 120_000);

  it('on zone-shaped data with junk in every slot', () => {
    fc.assert(
      fc.property(zoneData, fc.boolean(), (z, sorted) => checkPositioned(read(dump(z, sorted)))),
      { numRuns, seed },
    );
  }, 120_000);
});
