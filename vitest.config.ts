import { defineConfig } from 'vitest/config';

/**
 * The suites of custrack's commands that run on both engines: the same assertions on a SQLite file and on a
 * fresh database of the run's PostgreSQL server (test/helpers/engine.ts). The rest run once: pure rules,
 * and what belongs to one engine (the SQLite file's safety, the server's URL and faults).
 */
const BOTH_ENGINES = [
  'test/safety/interrupt.test.ts',
  'test/commands/runs.test.ts',
  'test/safety/out-dir.test.ts',
  'test/safety/pasted.test.ts',
  'test/commands/complaint.test.ts',
  'test/commands/excel.test.ts',
  'test/commands/output.test.ts',
  'test/commands/frictions.test.ts',
  'test/commands/overdue-table.test.ts',
  'test/commands/report-period.test.ts',
  'test/commands/export.test.ts',
  'test/e2e/fixtures.e2e.test.ts',
  'test/e2e/reports.e2e.test.ts',
  'test/e2e/update.e2e.test.ts',
  'test/engines/test-database.test.ts',
  'test/e2e/customer.e2e.test.ts',
  'test/e2e/calendar.e2e.test.ts',
  'test/e2e/complaints.e2e.test.ts',
  'test/e2e/contact.e2e.test.ts',
  'test/e2e/overdue.e2e.test.ts',
  'test/e2e/similar.e2e.test.ts',
  // Repository level: the use cases' repositories through the engine-neutral Store (test/helpers/db.ts, openStoreOffice).
  'test/db/last-contact.test.ts',
  'test/db/customers.test.ts',
  'test/db/calendar.test.ts',
  'test/db/complaints.test.ts',
  'test/db/similar.test.ts',
  'test/db/followups.test.ts',
  'test/db/overdue-days.test.ts',
  'test/db/reports.test.ts',
  'test/io/import.test.ts',
  'test/io/regressions.test.ts',
  'test/safety/regressions.test.ts',
  'test/safety/audit.test.ts',
  'test/safety/hostile.test.ts',
  'test/safety/backup.test.ts',
];

const shared = {
  // Generous: the end-to-end tests spawn the real binary dozens of times, and a shared 2-core machine can be slow.
  testTimeout: 60_000,
  hookTimeout: 20_000,
  // One PostgreSQL server for the whole run (both projects); each test file makes its own databases on it.
  globalSetup: ['test/helpers/postgres-server.ts'],
};

export default defineConfig({
  define: { __CUSTRACK_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/reliability/**'],
          env: { TZ: 'Asia/Shanghai', CUSTRACK_TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'postgres',
          include: BOTH_ENGINES,
          env: { TZ: 'Asia/Shanghai', CUSTRACK_TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
