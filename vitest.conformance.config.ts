import { defineConfig } from 'vitest/config';

// `npm run test:conformance`: dnsctl against octoDNS's own fixtures, ../shared/peers/octodns-fixtures
// beside the project or $OCTODNS_FIXTURES. Fails (never skips) when they are missing.
export default defineConfig({
  test: {
    include: ['test/conformance-octodns/**/*.test.ts'],
    // tests assert behaviour, not speed (bench/ measures that): on a loaded 2-core CI machine an
    // emulator round trip can take seconds, and vitest's 5 s default then fails correct code
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
