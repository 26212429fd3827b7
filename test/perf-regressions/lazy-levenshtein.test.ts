/**
 * fastest-levenshtein is loaded only when a provider option is unknown, so every other run
 * does not load it. (It was suspected of adding ~14 MB to validate's peak RSS; repeated runs
 * showed that peak is bimodal, 131 or 145 MB, with or without it.) Checked in a fresh
 * process on the built code.
 */
import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MODULE = pathToFileURL(resolve(__dirname, '../../dist/src/config/provider-options.js')).href;

function probe(options: string): { before: boolean; after: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const loaded = () => Object.keys(require.cache).some((k) => k.includes('fastest-levenshtein'));
    const m = await import(${JSON.stringify(MODULE)});
    const before = loaded();
    m.checkOptionNames(${options}, { read: ['directory'] });
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { before: boolean; after: boolean };
}

it('is not loaded by importing the option checks, nor by a config whose options are all known', () => {
  expect(probe('{ directory: "x" }')).toEqual({ before: false, after: false });
});

it('is loaded when an option is unknown, to suggest the nearest name', () => {
  expect(probe('{ directry: "x" }')).toEqual({ before: false, after: true });
});
