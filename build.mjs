// Bundles the CLI so start-up stays near bare Node. better-sqlite3 is native and stays external;
// code splitting keeps lazily imported modules (prompts, CSV, tables) out of the start-up path.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  define: { __CUSTRACK_VERSION__: JSON.stringify(pkg.version) },
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __custrackCreateRequire } from 'node:module'; const require = __custrackCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
