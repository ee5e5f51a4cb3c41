import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const dataLayer = ['tests/db/**/*.test.ts', 'tests/server/**/*.test.ts'];

/**
 * Four suites, run one group after another so the timing-sensitive ones get the machine to themselves:
 * the data layer on PGlite and on a real PostgreSQL, then Socket.IO with real clients, then the whole
 * server in a real Chromium.
 */
export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    hookTimeout: 60_000,
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'pglite',
          include: [
            ...dataLayer,
            'tests/lib/**/*.test.ts',
            'tests/app/**/*.test.ts',
            'tests/layers.test.ts',
            'tests/prerequisites.test.ts',
          ],
          provide: { postgresUrl: '' },
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: dataLayer,
          exclude: ['tests/db/boundaries.test.ts'],
          globalSetup: ['tests/support/global-postgres.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'realtime',
          include: ['tests/realtime/**/*.test.ts'],
          provide: { postgresUrl: '' },
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-build.ts'],
          provide: { postgresUrl: '' },
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
