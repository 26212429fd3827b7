import { defineConfig } from 'vitest/config';

// `npm run test:conformance`: dnsctl against octoDNS's own fixtures, ../shared/peers/octodns-fixtures
// beside the project or $OCTODNS_FIXTURES. Fails (never skips) when they are missing.
export default defineConfig({
  test: {
    include: ['test/conformance-octodns/**/*.test.ts'],
  },
});
