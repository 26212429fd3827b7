/**
 * Zone files are read as the parser completes each top-level entry (the YAML loader's
 * EntrySink), so the raw nodes die young. That must not change any answer:
 * - a sink that hands every value back leaves the load exactly as it was (data, issues);
 * - what the sink saw is the tree's top-level entries, octoDNS's last-wins included;
 * - readZone gives the same records and findings whichever way a file is read: streamed,
 *   or (a repeated or merged top-level key, an explicit `? key`, a flow mapping as the
 *   root) as a plain tree;
 * - positions of streamed records and of their schema findings are exact.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YamlLoader, type EntrySink } from '../../src/yaml/load.js';
import { readZone } from '../../providers/yaml/read-zone.js';
import { parseYamlOptions } from '../../providers/yaml/options.js';
import { zoneToYaml } from '../../src/render/zone-yaml.js';
import { ZONE, zoneArb } from '../properties/arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsctl-streamed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seed = Number(process.env['FC_SEED'] ?? 4242);
const numRuns = Number(process.env['FC_RUNS'] ?? 150);
const SOURCE = { lenient: false, sets: new Set(['legacy'] as const), disabledValidators: new Map() };
const TARGET = { lenient: true, target: true, sets: new Set<never>(), disabledValidators: new Map() };

function read(text: string, zone = ZONE, opts: typeof SOURCE | typeof TARGET = SOURCE) {
  writeFileSync(join(dir, `${zone}yaml`), text);
  return readZone(parseYamlOptions({ directory: dir }, dir), zone, opts);
}

/** js-yaml's core schema with merge keys, as octoDNS's loader (and dnsctl's) has them */
const WITH_MERGE = yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge] });

const brief = (r: ReturnType<typeof read>) => ({
  records: r.records.map((x) => `${x.name} ${x.type} ${x.ttl} ${JSON.stringify(x.values)} @${x.source?.line ?? '-'}`),
  findings: r.findings.map((f) => `${f.severity} ${f.position?.line ?? '-'}:${f.position?.column ?? '-'} ${f.record ?? ''} ${f.reason}`),
});

/** Zone-shaped YAML with the shapes that break a naive key/value pairing mixed in. */
const zoneText = fc
  .tuple(
    zoneArb,
    fc.constantFrom('', 'dup', 'merge', 'explicit', 'flow', 'empty-value', 'comment-value', 'anchor-alias', 'nested-dup', 'nested-order', 'int-keys', 'root-order'),
  )
  .map(([records, twist]) => {
    const base = records.length ? zoneToYaml(records, 3600) : '---\n';
    switch (twist) {
      case 'dup':
        return `${base}zz-dup:\n  type: A\n  value: 192.0.2.1\nzz-dup:\n  type: A\n  value: 192.0.2.2\n`;
      case 'merge':
        return `${base}zz-base: &m\n  type: A\n  value: 192.0.2.3\n<<: {zz-merged: *m}\n`;
      case 'explicit':
        return `${base}? zz-explicit\n: {type: A, value: 192.0.2.4}\n? zz-novalue\n`;
      case 'flow':
        return `{zz-a: {type: A, value: 192.0.2.5}, zz-b: {type: TXT, value: hi}}\n`;
      case 'empty-value':
        return `${base}zz-empty:\nzz-next:\n  type: A\n  value: 192.0.2.6\n`;
      case 'comment-value':
        return `${base}zz-c: # nothing here\nzz-d: {type: A, value: 192.0.2.7}\n`;
      case 'nested-dup':
        return `${base}zz-nd:\n  type: A\n  type: A\n  value: 192.0.2.9\n`;
      case 'nested-order':
        return `${base}zz-no:\n  value: 192.0.2.10\n  type: A\n`;
      case 'int-keys':
        return `${base}zz-ik:\n  octodns:\n    custom:\n      '10': b\n      '9': a\n  type: A\n  value: 192.0.2.11\n`;
      case 'root-order':
        return `zzz:\n  type: A\n  value: 192.0.2.12\n${base.replace(/^---\n/, '')}`;
      case 'anchor-alias':
        return `${base}zz-anchor: &x\n  type: A\n  value: 192.0.2.8\nzz-alias: *x\n`;
      default:
        return base;
    }
  });

describe('EntrySink', () => {
  it('a sink that hands every value back leaves data and issues as a plain load has them', () => {
    fc.assert(
      fc.property(zoneText, (text) => {
        const plain = new YamlLoader().loadText(text, 'z.yaml');
        let seen: Array<[unknown, unknown]> = [];
        const sink: EntrySink = { entry: (k, v) => (seen.push([k, v]), v), restart: () => (seen = []) };
        const streamed = new YamlLoader().loadText(text, 'z.yaml', [], [], sink);
        expect(streamed.data).toEqual(plain.data);
        expect(streamed.issues).toEqual(plain.issues);
        if (streamed.streamed && plain.data && typeof plain.data === 'object') {
          // what the sink saw, last one winning, is every top-level entry not made by a merge
          const last = new Map(seen.map(([k, v]) => [String(k), v]));
          for (const [k, v] of last) expect((plain.data as Record<string, unknown>)[k]).toEqual(v);
        }
      }),
      { seed, numRuns },
    );
  });

  it('an untracked load (positions off, as for a target) streams the same entries', () => {
    fc.assert(
      fc.property(zoneText, (text) => {
        const a: string[] = [];
        const b: string[] = [];
        new YamlLoader().loadText(text, 'z.yaml', [], [], { entry: (k, v) => (a.push(`${String(k)}=${JSON.stringify(v)}`), v), restart: () => a.splice(0) });
        new YamlLoader({ positions: false }).loadText(text, 'z.yaml', [], [], { entry: (k, v) => (b.push(`${String(k)}=${JSON.stringify(v)}`), v), restart: () => b.splice(0) });
        expect(b).toEqual(a);
      }),
      { seed, numRuns },
    );
  });

  it('a replacement takes the place of a value with content; an empty value and a merge stay the parser’s', () => {
    const r = new YamlLoader().loadText('a: {x: 1}\nb: [1, 2]\nc:\nd: &d {y: 2}\n<<: {e: *d}\n', 'z.yaml', [], [], { entry: (k) => `<${String(k)}>`, restart: () => undefined });
    expect(r.data).toEqual({ a: '<a>', b: '<b>', c: null, d: '<d>', e: { y: 2 } });
  });
});

describe('readZone, streamed or read as a tree', () => {
  it('gives what reading the plain js-yaml tree entry by entry gives (records, findings)', () => {
    fc.assert(
      fc.property(zoneText, (text) => {
        const got = read(text);
        // reference: the same text with each top-level entry read from js-yaml's tree
        // through a file of that entry alone (positions differ, so compare without them)
        const tree = yaml.load(text, { schema: WITH_MERGE, json: true }) as Record<string, unknown> | null;
        const names = Object.keys(tree ?? {});
        const want = names.flatMap((n) => read(yaml.dump({ [n]: tree![n] }, { noRefs: true })).records.map((x) => `${x.name} ${x.type} ${x.ttl} ${JSON.stringify(x.values)}`));
        expect(got.records.map((x) => `${x.name} ${x.type} ${x.ttl} ${JSON.stringify(x.values)}`).sort()).toEqual(want.sort());
      }),
      { seed, numRuns: Math.min(numRuns, 60) },
    );
  });

  it('a repeated top-level key: the last one wins, the first is never validated', () => {
    const r = brief(read("a:\n  type: A\n  value: not-an-ip\nb:\n  type: A\n  value: 192.0.2.1\na:\n  type: A\n  value: 192.0.2.2\n"));
    expect(r.records).toEqual(['a A 3600 ["192.0.2.2"] @8', 'b A 3600 ["192.0.2.1"] @5']);
    expect(r.findings).toEqual(['warning 7:1  duplicate key "a": the last one wins (octoDNS does the same, silently)', 'error 4:1  keys out of order: expected a got b']);
  });

  it('a repeated or out-of-order key inside a record is reported where it is written', () => {
    const r = brief(read('a:\n  type: A\n  value: 192.0.2.1\nb:\n  type: A\n  type: A\n  value: 192.0.2.2\nc:\n  value: 192.0.2.3\n  type: A\nd:\n  octodns:\n    x:\n      \'10\': 1\n      \'9\': 2\n  type: A\n  value: 192.0.2.4\n'));
    expect(r.records.map((x) => x.replace(/ @.*/, ''))).toEqual(['a A 3600 ["192.0.2.1"]', 'b A 3600 ["192.0.2.2"]', 'c A 3600 ["192.0.2.3"]', 'd A 3600 ["192.0.2.4"]']);
    expect(r.findings).toEqual([
      'warning 6:3  duplicate key "type": the last one wins (octoDNS does the same, silently)',
      'error 9:3  keys out of order: expected type got value',
      'error 14:7  keys out of order: expected 9 got 10',
    ]);
  });

  it('a merge key at the top level adds its records', () => {
    const r = brief(read("'': &r\n  type: A\n  value: 192.0.2.1\n<<: {www: *r}\n"));
    expect(r.records.map((x) => x.replace(/ @.*/, ''))).toEqual([' A 3600 ["192.0.2.1"]', 'www A 3600 ["192.0.2.1"]']);
    expect(r.findings).toEqual([]);
  });

  it('explicit keys and a flow mapping as the root are read', () => {
    expect(brief(read('? a\n: {type: A, value: 192.0.2.4}\n? b\n')).records).toEqual(['a A 3600 ["192.0.2.4"] @2']);
    expect(brief(read('? a\n: {type: A, value: 192.0.2.4}\n? b\n')).findings).toEqual(['error 1:1 b.prop.example.com. Invalid record b.prop.example.com., a record must be a mapping']);
    expect(brief(read('{a: {type: A, value: 192.0.2.5}, b: {type: TXT, value: hi}}\n')).records.map((x) => x.replace(/ @.*/, ''))).toEqual(['a A 3600 ["192.0.2.5"]', 'b TXT 3600 ["hi"]']);
  });

  it('positions records and list items where they are written, and schema findings at their key', () => {
    const text = "---\n'':\n  - type: A\n    value: 192.0.2.1\n  - type: TXT\n    value: hi\nwww:\n  ttl: 60\n  type: A\n  value: 192.0.2.2\n  vaule: 192.0.2.9\nx:\n  type: MX\n  value: {exchange: mx.example.com., preference: oops}\n";
    const r = brief(read(text));
    expect(r.records).toEqual([' A 3600 ["192.0.2.1"] @3', ' TXT 3600 ["hi"] @5', 'www A 60 ["192.0.2.2"] @8']);
    // an unknown key is positioned at its record, a deeper schema error at its own node
    expect(r.findings).toEqual([
      'error 13:3 x.prop.example.com. invalid preference "oops"',
      'warning 8:3 www.prop.example.com. unknown key "vaule" at /www is ignored (octoDNS ignores it too); check its spelling',
    ]);
  });

  it('a name written twice in two spellings is one record, the second a duplicate naming both places', () => {
    const r = brief(read('WWW:\n  type: A\n  value: 192.0.2.1\nwww:\n  type: A\n  value: 192.0.2.2\n'));
    expect(r.records).toEqual(['www A 3600 ["192.0.2.1"] @2']);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatch(/^error 5:3 www\.prop\.example\.com\. Duplicate record www\.prop\.example\.com\., type A, existing: .*, line 2, column 3, new: .*, line 5, column 3$/);
  });

  it('a target read gives records without positions (live state has none in the repository)', () => {
    const r = read('a:\n  type: A\n  value: 192.0.2.1\nb:\n  - type: A\n    value: 192.0.2.2\n', ZONE, TARGET);
    expect(r.records.map((x) => x.source)).toEqual([undefined, undefined]);
    expect(r.records.map((x) => x.name)).toEqual(['a', 'b']);
  });
});
