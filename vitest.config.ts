// Test projects: pure logic; server + storage + replication in Node; the server's rules again on
// PostgreSQL; seeded convergence runs (test/fuzz); real Chromium.
import { defineConfig } from 'vitest/config';
import { lingui } from '@lingui/vite-plugin';

/** Every project compiles message catalogs as the build does (src/i18n/i18n.ts). */
const catalogs = () => lingui({ failOnMissing: true, failOnCompileError: true });

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [catalogs()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Screens render against a real device database and load their message catalogs on a
          // busy two-core machine: 5 s was near the edge for the slowest.
          testTimeout: 15_000,
          setupFiles: ['test/helpers/screen-setup.ts'],
        },
      },
      {
        plugins: [catalogs()],
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Generous: simulated devices on fake IndexedDB run several times slower on a busy
          // two-core machine; a real hang still fails (waitUntil gives up after 40 s).
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Each file starts its own servers and databases; running them one at a time keeps a
          // two-core machine from timing out.
          fileParallelism: false,
        },
      },
      {
        plugins: [catalogs()],
        test: {
          name: 'integration-postgres',
          // The HTTP contract and the timesheet and report rules once more, on PostgreSQL
          // (startTestServer reads TEST_STORAGE). The storage contract covers both backends itself.
          include: [
            'test/integration/server-api-*.test.ts',
            'test/integration/timesheets-*.test.ts',
            'test/integration/reports-*.test.ts',
            'test/integration/stream-limits.test.ts',
            'test/integration/assignments.test.ts',
            'test/integration/payments.test.ts',
            'test/integration/push-reminders.test.ts',
            'test/integration/institutions.test.ts',
            'test/integration/targets.test.ts',
          ],
          environment: 'node',
          env: { TEST_STORAGE: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [catalogs()],
        test: {
          // Seeded convergence runs against the real server in-process (test/fuzz/sync-fuzz.ts).
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          environment: 'node',
          // A thousand runs take a minute or two; a busy two-core machine may double that.
          testTimeout: 600_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [catalogs()],
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
