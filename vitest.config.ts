import { configDefaults, defineConfig } from 'vitest/config';

// `npm test`: everything that needs only this repository. The checks against octoDNS's own
// fixtures (beside the project in ../shared) run in `npm run test:conformance`.
export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/conformance-octodns/**', 'dist/**'],
  },
});
