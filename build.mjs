// Bundles the CLI so start-up stays near bare Node. better-sqlite3 is native and stays external;
// code splitting keeps lazily imported modules (prompts, CSV, tables) out of the start-up path.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  define: { __CUSTRACK_VERSION__: JSON.stringify(pkg.version) },
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __custrackCreateRequire } from 'node:module'; const require = __custrackCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};

// `custrack check` runs in loops in scripts: its path is one self-contained file, so start-up loads a
// single module instead of a dozen chunks (src/cli/fast.ts).
// What it only loads on demand (prompts, tables, CSV, colour) stays outside and comes from node_modules.
await build({
  ...common,
  entryPoints: { 'fast-check': 'src/cli/fast.ts' },
  outdir: 'dist',
  splitting: false,
  external: ['better-sqlite3', '@inquirer/prompts', 'cli-table3', 'string-width', 'csv-stringify', 'iconv-lite', 'papaparse', 'chalk', 'commander'],
});

await build({ ...common, entryPoints: { main: 'src/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
