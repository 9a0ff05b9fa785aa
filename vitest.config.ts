import { defineConfig } from 'vitest/config';

/**
 * Unit tests run anywhere. The integration suite starts real Deskbell servers
 * on free ports: once over a SQLite file, and once more over PostgreSQL when
 * DESKBELL_TEST_DATABASE_URL names a cluster (`npm test` starts a throwaway one).
 * The desktop project packs the Electron app and shows real OS notifications
 * under Xvfb; it runs after the others.
 */
const postgresUrl = process.env.DESKBELL_TEST_DATABASE_URL;

export default defineConfig({
  test: {
    // Vitest's default on two cores is one worker, yet most integration files mostly wait (on servers,
    // sockets, timers): three at once took the suite from 538 s to 236 s on this machine; four was
    // barely faster (214 s) and made timing-sensitive tests flakier.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration-sqlite',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: { DESKBELL_TEST_DATABASE: 'sqlite' },
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'desktop',
          // The packaged app (electron-builder) and real OS notifications (Xvfb + D-Bus + dunst).
          include: ['tests/desktop/**/*.test.ts'],
          environment: 'node',
          // Building and packing take minutes on a loaded two-core machine; nothing here measures time.
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // After the other projects: the packaging test rebuilds dist/, which the integration tests serve.
          sequence: { groupOrder: 1 },
        },
      },
      ...(postgresUrl
        ? [
            {
              test: {
                name: 'integration-postgres',
                include: ['tests/integration/**/*.test.ts'],
                environment: 'node' as const,
                env: { DESKBELL_TEST_DATABASE: 'postgres', DESKBELL_TEST_DATABASE_URL: postgresUrl },
                testTimeout: 20_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
    ],
  },
});
