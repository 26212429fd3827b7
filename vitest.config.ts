import { configDefaults, defineConfig } from 'vitest/config';

// `npm test`: everything that needs only this repository. The checks against octoDNS's own
// fixtures (beside the project in ../shared) run in `npm run test:conformance`.
export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/conformance-octodns/**', 'dist/**'],
    // tests assert behaviour, not speed (bench/ measures that): on a loaded 2-core CI machine an
    // emulator round trip can take seconds, and vitest's 5 s default then fails correct code
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
