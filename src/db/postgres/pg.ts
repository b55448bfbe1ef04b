// node-postgres, loaded once for the engine. On loading, pg 8 asks whether it runs in a Cloudflare Worker:
// where the global `navigator` is missing, as on Node 20, it reads the global `Response`, and Node then
// loads and compiles its whole fetch implementation (undici) to answer: about 50 ms of the start-up of
// every command on PostgreSQL, a fifth of `check`. Node 21 and later have a `navigator`, which answers
// before `Response` is read; on Node 20 one stands in while pg loads, and is taken away again.
import { createRequire } from 'node:module';
import type * as Pg from 'pg';

/**
 * Where the driver is loaded from: the package, or in the built program its bundle beside main.cjs (build.mjs
 * writes dist/pg.cjs and names it here): one file instead of some forty, ~30 ms less to start.
 */
const DRIVER = 'pg';

function load(): typeof Pg {
  const require = createRequire(import.meta.url);
  if ('navigator' in globalThis) return require(DRIVER) as typeof Pg;
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true });
  try {
    return require(DRIVER) as typeof Pg;
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}

export const pg = load();
