/**
 * readZone across several files of one zone: populate_should_replace puts a later file's
 * record in the earlier one's place; without it a repeated name and type is an error
 * naming both positions (kept as the reading path is optimised).
 */
import { describe, expect, it } from 'vitest';

describe('readZone records across files (RecordIndex)', () => {
  it('populate_should_replace: a later file replaces in place; without it a duplicate is an error', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readZone } = await import('../../providers/yaml/read-zone.js');
    const { parseYamlOptions } = await import('../../providers/yaml/options.js');
    const dir = mkdtempSync(join(tmpdir(), 'dnsctl-ix-'));
    try {
      writeFileSync(join(dir, 'example.com.yaml'), "---\n'':\n  type: A\n  value: 1.2.3.4\na:\n  - type: A\n    value: 1.1.1.1\n  - type: TXT\n    value: one\nb:\n  type: A\n  value: 2.2.2.2\n");
      mkdirSync(join(dir, 'example.com.split'));
      writeFileSync(join(dir, 'example.com.split', 'x.yaml'), "---\na:\n  - type: TXT\n    value: two\nc:\n  type: A\n  value: 3.3.3.3\n");
      writeFileSync(join(dir, 'example.com.split', 'y.yaml'), "---\na:\n  type: TXT\n  value: three\n");
      const read = (replace: boolean) =>
        readZone(parseYamlOptions({ directory: dir, split_extension: '.split', populate_should_replace: replace }, '/'), 'example.com.', { lenient: false, sets: new Set(['legacy']), disabledValidators: new Map() });
      const r = read(true);
      expect(r.findings).toEqual([]);
      expect(r.records.map((x) => `${x.name} ${x.type} ${String(x.values[0])}`)).toEqual([' A 1.2.3.4', 'a A 1.1.1.1', 'a TXT three', 'b A 2.2.2.2', 'c A 3.3.3.3']);
      const n = read(false);
      expect(n.records.map((x) => `${x.name} ${x.type} ${String(x.values[0])}`)).toEqual([' A 1.2.3.4', 'a A 1.1.1.1', 'a TXT one', 'b A 2.2.2.2', 'c A 3.3.3.3']);
      expect(n.findings.map((f) => f.reason.replace(/\/.*?(example\.com\.[^,]*)/g, '$1'))).toEqual([
        'Duplicate record a.example.com., type TXT, existing: example.com.yaml, line 8, column 5, new: example.com.split/x.yaml, line 3, column 5',
        'Duplicate record a.example.com., type TXT, existing: example.com.yaml, line 8, column 5, new: example.com.split/y.yaml, line 3, column 3',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
