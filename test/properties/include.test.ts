/**
 * `!include`: an included file's issues are reported exactly as if the file were
 * loaded alone — once. Regression: js-yaml 4 constructs every explicitly tagged
 * scalar twice, so the loader used to read each included file twice and report
 * every syntax/order/duplicate-key issue in it twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YamlLoader, includeOffset } from '../../src/yaml/load.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsctl-prop-include-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const outer = join(dir, 'outer.yaml');
const inc = join(dir, 'inc.yaml');

describe('!include', () => {
  it('reports an included file\'s out-of-order and duplicate keys once (regression)', () => {
    writeFileSync(inc, 'type: A\nb: 1\na: 2\na: 3\n');
    writeFileSync(outer, 'www: !include inc.yaml\n');
    const { data, issues } = new YamlLoader().loadFile(outer);
    expect(data).toEqual({ www: { type: 'A', b: 1, a: 3 } });
    expect(issues.map((i) => [i.kind, i.position.file, i.position.line])).toEqual([
      ['duplicate-key', inc, 4],
      ['order', inc, 1],
    ]);
  });

  it('reports a syntax error in an included file once (regression)', () => {
    writeFileSync(inc, 'x: [\n');
    writeFileSync(outer, 'www: !include inc.yaml\n');
    const { issues } = new YamlLoader().loadFile(outer);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.position.file).toBe(inc);
  });

  it('an included file\'s issues are the same as when it is loaded alone', () => {
    const keys = fc.constantFrom('a', 'b', 'c', 'a1', 'a10', 'a2', 'type', 'value', '');
    const scalar = fc.oneof(fc.integer(), fc.constantFrom('x', 'y z', 'null', '[', '{a: 1}', '"q', "'", ': x', '- 1'));
    const line = fc.tuple(fc.constantFrom('', '  ', '    '), keys, scalar).map(([ind, k, v]) => `${ind}${k}: ${v}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        writeFileSync(inc, text);
        writeFileSync(outer, 'first: 1\nsecond: !include inc.yaml\n');
        const alone = new YamlLoader().loadFile(inc);
        const viaInclude = new YamlLoader().loadFile(outer);
        expect(viaInclude.issues).toEqual(alone.issues);
        if (alone.issues.some((i) => i.kind === 'syntax')) return;
        expect(viaInclude.data).toEqual({ first: 1, second: alone.data ?? null });
      }),
      { numRuns: 150, seed: Number(process.env['FC_SEED'] ?? 7) },
    );
  });

  it('a missing included file is reported at its !include tag, not at line 1 (regression)', () => {
    writeFileSync(outer, "first: 1\nsecond:\n  type: TXT\n  values: !include 'nope.yaml'\n");
    const { data, issues } = new YamlLoader().loadFile(outer);
    expect(data).toBeUndefined();
    expect(issues).toEqual([
      { kind: 'include', message: `!include nope.yaml: no such file ${join(dir, 'nope.yaml')}`, position: { file: outer, line: 4, column: 11 } },
    ]);
  });

  it('an include loop is reported at the tag that closes the loop (regression)', () => {
    writeFileSync(inc, 'a: 1\nb: !include outer.yaml\n');
    writeFileSync(outer, 'first: 1\nsecond: !include inc.yaml\n');
    const { issues } = new YamlLoader().loadFile(outer);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'include', position: { file: inc, line: 2, column: 4 } });
    expect(issues[0]!.message).toBe(`!include loop: ${outer} -> ${inc} -> ${outer}`);
  });

  it('a file that includes itself is a loop, at its tag', () => {
    writeFileSync(outer, 'first: 1\nsecond: !include outer.yaml\n');
    const { issues } = new YamlLoader().loadFile(outer);
    expect(issues.map((i) => [i.kind, i.position.line, i.position.column])).toEqual([['include', 2, 9]]);
  });

  it('includeOffset finds the tag naming a target, plain or quoted, and not a longer name', () => {
    const text = 'a: !include inc.yaml.bak\nb: !include "inc.yaml"\nc: !include inc.yaml\n';
    expect(includeOffset(text, 'inc.yaml')).toBe(text.indexOf('!include "inc.yaml"'));
    expect(includeOffset('x: [!include inc.yaml, 2]', 'inc.yaml')).toBe(4);
    expect(includeOffset('x: 1', 'inc.yaml')).toBe(0);
  });
});
