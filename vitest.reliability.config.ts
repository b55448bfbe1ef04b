// The slow reliability runs (many kill points, big files, long concurrency): `npm run test:reliability`.
// Their fast versions live in test/ and run in `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __CUSTRACK_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    env: { TZ: 'Asia/Shanghai' },
  },
});
