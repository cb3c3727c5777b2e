import { defineConfig } from 'vitest/config';

/**
 * Projects: `unit` (pure code beside the source), `integration` (HTTP and store on a real database:
 * PGlite or PostgreSQL, chosen by CAIRN_TEST_DATABASE) and `browser` (Chromium against a running
 * server). scripts/test.mjs runs them in turn and says which ran.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/http/**/*.test.ts', 'test/store/**/*.test.ts', 'test/cli/**/*.test.ts'],
          globalSetup: ['test/support/pglite-template.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
