import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __CUSTRACK_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/reliability/**'],
    // One PostgreSQL server for the whole run; each test file makes its own database on it.
    globalSetup: ['test/helpers/postgres-server.ts'],
    // Generous: the end-to-end tests spawn the real binary dozens of times, and a shared 2-core machine can be slow.
    testTimeout: 60_000,
    hookTimeout: 20_000,
    env: { TZ: 'Asia/Shanghai' },
  },
});
