// A test build of custrack that knows one more migration than the real one: the real sources bundled
// with build.mjs's options, except that src/db/migrations/index.ts is replaced by a module
// that appends migration SCHEMA_VERSION + 1. Its binary runs in a child process, so a migration can be
// killed halfway (vi.doMock cannot reach into another process). Nothing in src/ is touched.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

export interface MigratingBuild {
  /** The entry script to pass to node (like bin/custrack.js). */
  binary: string;
  /** The schema version this build migrates to. */
  version: number;
}

/**
 * Bundles custrack into `dir` with an extra migration whose SQL is `sql`. `dir` must be a scratch
 * directory; a node_modules link to the repository's lets the bundle find better-sqlite3.
 */
export async function buildWithExtraMigration(dir: string, sql: string): Promise<MigratingBuild> {
  const { build } = await import('esbuild');
  const { BUILD_OPTIONS } = await import('../../build.mjs');
  const { SCHEMA_VERSION } = await import('../../src/db/migrations/index.js');
  const version = SCHEMA_VERSION + 1;
  const realIndex = join(REPO_ROOT, 'src/db/migrations/index.ts');
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await build({
    ...BUILD_OPTIONS,
    entryPoints: { main: join(REPO_ROOT, 'src/main.ts') },
    outdir: join(dir, 'dist'),
    define: { ...BUILD_OPTIONS.define, __CUSTRACK_VERSION__: JSON.stringify('0.0.0-migration-test') },
    logLevel: 'error',
    plugins: [
      ...(BUILD_OPTIONS.plugins ?? []),
      {
        name: 'extra-migration',
        setup(b) {
          b.onResolve({ filter: /\/migrations\/index\.js$/ }, (args) =>
            args.importer.startsWith(join(REPO_ROOT, 'src')) ? { path: 'extra-migration', namespace: 'custrack-test' } : undefined,
          );
          b.onLoad({ filter: /.*/, namespace: 'custrack-test' }, () => ({
            loader: 'ts',
            resolveDir: join(REPO_ROOT, 'src/db/migrations'),
            contents: `
              import { MIGRATIONS as REAL } from ${JSON.stringify(realIndex)};
              export const MIGRATIONS = [...REAL, { version: ${version}, name: 'reliability-test', sql: ${JSON.stringify(sql)} }];
              export const SCHEMA_VERSION = ${version};
            `,
          }));
        },
      },
    ],
  });
  const binary = join(dir, 'custrack.cjs');
  writeFileSync(binary, "require('./dist/main.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n");
  return { binary, version };
}
