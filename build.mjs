// Bundles the CLI so start-up stays near bare Node. better-sqlite3's JavaScript is bundled too (its
// native addon is named at run time, src/db/driver.ts); code splitting keeps lazily imported modules
// (prompts, CSV, tables) out of the start-up path.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Only reached when better-sqlite3 is not told where its addon is, which driver.ts always does.
  external: ['bindings'],
  define: { __CUSTRACK_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...common,
  format: 'esm',
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS packages (better-sqlite3, commander) call require() for Node built-ins.
  banner: { js: "import { createRequire as __custrackCreateRequire } from 'node:module'; const require = __custrackCreateRequire(import.meta.url);" },
});

// `custrack check` runs in loops in scripts: its path is one CommonJS file (src/cli/fast.ts), which
// Node loads faster than ES modules. Modules it imports on demand stay unevaluated until used; what
// they load from node_modules stays outside: CommonJS packages by require(), ES-only ones by import().
await build({
  ...common,
  format: 'cjs',
  entryPoints: { 'fast-check': 'src/cli/fast.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  external: [...common.external, '@inquirer/prompts', 'cli-table3', 'csv-stringify', 'iconv-lite', 'papaparse', 'chalk', 'commander'],
  define: { ...common.define, 'import.meta.url': '__custrackModuleUrl' },
  banner: { js: "const __custrackModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
