// Loading better-sqlite3. The build bundles its JavaScript (no ESM/CommonJS interop, no dozen small
// files at start-up) and we name the native addon ourselves: its default loader (the `bindings`
// package) probes a dozen paths and reads a stack trace to find it, about 20 ms of every start-up.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseError } from '../errors.js';

let addon: string | undefined;

/** The addon that `npm ci` built (or downloaded) for better-sqlite3. */
function nativeAddon(): string {
  if (addon !== undefined) return addon;
  // Where it is in a checkout or a global install (dist/ beside node_modules/), else wherever Node finds it.
  const beside = fileURLToPath(new URL('../node_modules/better-sqlite3/build/Release/better_sqlite3.node', import.meta.url));
  const file = existsSync(beside)
    ? beside
    : join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(file)) throw new DatabaseError('db.no_driver', { path: file });
  return (addon = file);
}

/** Opens a connection to a file (or to the bytes of one, held in memory); better-sqlite3's options. */
export function connect(file: string | Buffer, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  return new BetterSqlite3(file, { ...options, nativeBinding: nativeAddon() });
}
