// Bundles the CLI into one CommonJS file, dist/main.cjs, so start-up stays near bare Node: Node loads
// CommonJS faster than a graph of ES modules, and the modules a command imports on demand are bundled
// but stay unevaluated until used. better-sqlite3's JavaScript is bundled too (its native addon is
// named at run time, src/db/driver.ts). Heavy packages only some commands need stay in node_modules
// and load when used: CommonJS ones by require(), ES-only ones by import().
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** A digest of every source file: stored reports are recomputed by a build whose sources differ. */
function sourceDigest() {
  const hash = createHash('sha256');
  const src = new URL('./src/', import.meta.url);
  for (const file of readdirSync(src, { recursive: true }).map(String).sort()) {
    if (!file.endsWith('.ts')) continue;
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(new URL(file, src)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** A TypeScript module of plain data, evaluated at build time: its exports. */
async function evaluate(path) {
  const { outputFiles } = await build({
    entryPoints: [path],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}

/** The module of a language's message catalog, which merges its files per feature. */
const CATALOG_SOURCE = /[\\/]src[\\/]i18n[\\/](en|zh)[\\/]index\.ts$/;

/** Where a build writes its bundles (data files go beside them). */
const outputDir = (b) => b.initialOptions.outdir ?? dirname(b.initialOptions.outfile);

/**
 * Data files beside the bundle instead of literals inside it: the message catalogs (src/i18n/en/, zh/, a file per
 * feature merged in index.ts) as one JSON file per language, and the division names of similar names
 * (src/core/divisions-data.ts) as a text file. V8 scans every byte of a bundle before it runs a line of it, and
 * one non-ASCII byte makes it decode the whole file to UTF-16: with 250 KB of Chinese text inside, that was most of
 * what loading `dist/check.cjs` cost. Read from a file, the text is decoded once and only when the module that
 * holds it is first used (a catalog: the language in use; the divisions: the first name core).
 */
const dataBesideBundle = {
  name: 'data-beside-bundle',
  setup(b) {
    const write = (name, text) => {
      mkdirSync(outputDir(b), { recursive: true });
      writeFileSync(join(outputDir(b), name), text);
    };
    const read = (name) => `require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(name)}), 'utf8')`;
    b.onLoad({ filter: CATALOG_SOURCE }, async (args) => {
      const exports = [];
      for (const [name, value] of Object.entries(await evaluate(args.path))) {
        if (typeof value !== 'object') continue;
        write(`catalog-${name}.json`, JSON.stringify(value));
        exports.push(`export const ${name} = JSON.parse(${read(`catalog-${name}.json`)});`);
      }
      return { contents: exports.join('\n'), loader: 'js' };
    });
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]divisions-data\.ts$/ }, async (args) => {
      const { DIVISIONS, LONGEST_FORM } = await evaluate(args.path);
      write('divisions.txt', DIVISIONS);
      return { contents: `export const DIVISIONS = ${read('divisions.txt')};\nexport const LONGEST_FORM = ${LONGEST_FORM};`, loader: 'js' };
    });
  },
};

/**
 * `check` prints a few dozen of the ~800 messages. Its bundle reads first the messages it names
 * (`catalog-<lang>.check.json`, written after the build by writeNamedMessages, ~7 of 54 KB) and the whole catalog
 * only when asked for one it does not name (a key made at run time): parsing the whole catalog was ~1.5 ms of a
 * check and a fifth of what it allocates. Every message stays reachable; the named ones only come first.
 */
const namedMessagesFirst = {
  name: 'named-messages-first',
  setup(b) {
    b.onLoad({ filter: CATALOG_SOURCE }, (args) => {
      // The module of language `xx` exports its catalog as `xx`.
      const [, lang] = CATALOG_SOURCE.exec(args.path);
      const contents = `function namedFirst(lang) {
        const read = (file) => JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, file), 'utf8'));
        let whole;
        const rest = new Proxy({}, { get: (_, key) => (whole ??= read('catalog-' + lang + '.json'))[key] });
        try {
          return Object.assign(Object.create(rest), read('catalog-' + lang + '.check.json'));
        } catch {
          return read('catalog-' + lang + '.json');
        }
      }
      export const ${lang} = namedFirst(${JSON.stringify(lang)});`;
      return { contents, loader: 'js' };
    });
  },
};

/** The messages of each catalog (dist/catalog-<lang>.json) whose keys a bundle names, for namedMessagesFirst. */
function writeNamedMessages(bundle) {
  const text = readFileSync(new URL(`./dist/${bundle}.cjs`, import.meta.url), 'utf8');
  for (const lang of ['en', 'zh']) {
    const whole = JSON.parse(readFileSync(new URL(`./dist/catalog-${lang}.json`, import.meta.url), 'utf8'));
    const named = Object.fromEntries(Object.entries(whole).filter(([key]) => text.includes(JSON.stringify(key))));
    writeFileSync(new URL(`./dist/catalog-${lang}.${bundle}.json`, import.meta.url), JSON.stringify(named));
  }
}

/**
 * The `check` bundle answers for SQLite files only (src/cli/fast.ts hands a postgres:// --db to the whole
 * program), so the PostgreSQL engine, a quarter of the bundle, is left out of it.
 */
const sqliteOnly = {
  name: 'sqlite-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/postgres\/store\.js$/ }, () => ({ path: 'postgres-engine', namespace: 'sqlite-only' }));
    b.onLoad({ filter: /.*/, namespace: 'sqlite-only' }, () => ({
      contents: "export function openPostgresStore() { throw new Error('the check bundle has no PostgreSQL engine'); }",
      loader: 'js',
    }));
  },
};

/**
 * node-postgres is some forty files in node_modules; the built program loads it as one bundle, dist/pg.cjs, which
 * src/db/postgres/pg.ts is told to require instead of the package (still only when --db is a postgres:// URL).
 */
const PG_DRIVER_SOURCE = /[\\/]src[\\/]db[\\/]postgres[\\/]pg\.ts$/;
const driverBesideBundle = {
  name: 'driver-beside-bundle',
  setup(b) {
    b.onLoad({ filter: PG_DRIVER_SOURCE }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const named = source.replace("const DRIVER = 'pg';", "const DRIVER = './pg.cjs';");
      if (named === source) throw new Error(`${args.path}: no "const DRIVER = 'pg';" to point at dist/pg.cjs`);
      return { contents: named, loader: 'ts' };
    });
  },
};

/** The options, shared with the test build of test/helpers/migrating-build.ts. */
export const BUILD_OPTIONS = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.cjs' },
  // bindings: only reached when better-sqlite3 is not told where its addon is, which driver.ts always does.
  // The PostgreSQL driver is needed only when --db is a postgres:// URL: node-postgres is a bundle of its own
  // (dist/pg.cjs, driverBesideBundle); pg-copy-streams and pgpass, small and needed by fewer commands, stay in node_modules.
  // exceljs: only --format xlsx loads it; bundled it would add 2.4 MB to every command (and print a DEP0005 warning).
  external: [
    'bindings',
    '@inquirer/prompts',
    'cli-table3',
    'iconv-lite',
    'papaparse',
    'chalk',
    'pg',
    'pg-copy-streams',
    'pgpass',
    'exceljs',
  ],
  define: {
    __CUSTRACK_VERSION__: JSON.stringify(pkg.version),
    __CUSTRACK_BUILD__: JSON.stringify(sourceDigest()),
    'import.meta.url': '__custrackModuleUrl',
  },
  // The second line: where the bundle's import() calls go (see viaLoaderImport).
  banner: {
    js: [
      "const __custrackModuleUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __custrackDynamicImport = typeof __custrackImport === 'function' ? __custrackImport : (specifier) => import(specifier);",
    ].join('\n'),
  },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [dataBesideBundle, driverBesideBundle],
};

/**
 * Stand-ins for modules the fast bundles can never reach at run time, so that they neither carry nor parse them.
 * `check <name>` and `__complete` compute no working day: the official holiday calendar is left out (chinese-days
 * is not even named in them). `check` writes no workbook: `--format xlsx` needs `--output`, which its fast path
 * leaves to the full program, so the workbook writer (and exceljs) is left out. A stand-in fails loudly if asked.
 */
const fastBundleStandIns = {
  name: 'fast-bundle-stand-ins',
  setup(b) {
    const absent = (what) => `const absent = (): never => { throw new Error('the fast bundle has no ${what} (build.mjs)'); };`;
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]holidays\.ts$/ }, () => ({
      loader: 'ts',
      contents: `${absent('official calendar')}
        export const builtinCalendarFrom = absent;
        export const OFFICIAL_CALENDAR = { loaded: false, kindOf: absent, day: absent, covers: absent, years: absent, days: absent };`,
    }));
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]workbook\.ts$/ }, () => ({
      loader: 'ts',
      contents: `${absent('workbook writer')}
        export class WorkbookOutput { constructor() { absent(); } }`,
    }));
  },
};

/**
 * esbuild escapes non-ASCII text in strings but not in regular expressions and comments; a single such
 * character makes V8 decode and scan the whole bundle as UTF-16. Escaped (\uXXXX, surrogate pairs for the rest,
 * which mean the same in a regular expression and nothing in a comment), the bundle is ASCII.
 */
function asciiOnly(text) {
  const escaped = (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return text.replace(/[^\x00-\x7f]/g, escaped);
}

/**
 * bin/load-bundle.js compiles a bundle with vm.Script to give V8 its code cache, and on Node 20 a script compiled
 * that way cannot import() (only with an experimental option that prints a warning when used): the bundle's
 * import() calls (ES-only packages such as chalk) go through a function the loader passes in, or import() itself
 * when the bundle is required as usual (the banner's __custrackDynamicImport).
 */
function viaLoaderImport(text) {
  return text.replace(/(?<![\w$.])import\("/g, '__custrackDynamicImport("');
}

/** The bundles bin/load-bundle.js loads; dist/pg.cjs is required as usual. */
const LOADED_BUNDLES = ['main', 'check', 'complete'];

/**
 * The CommonJS wrapper, written into each bundle bin/load-bundle.js loads: the file is one function expression,
 * which the loader compiles as it is read. Added at run time, it made V8 copy the whole text into one new string
 * first: ~1.5 ms of every start for check's 198 KB. On the first line, so stack traces keep their lines; the
 * parameters are the ones the loader passes.
 */
function withCommonJsWrapper(text) {
  return `(function (exports, require, module, __filename, __dirname, __custrackImport) {${text}\n})`;
}

/**
 * The code caches of bin/load-bundle.js: typical commands run on a scratch office with CUSTRACK_WRITE_CODE_CACHE=1,
 * each bundle then writing the bytecode of every function compiled so far (each run adds to what the previous wrote).
 * Made by the Node that builds, which is the one that runs custrack; another Node refuses the caches and compiles
 * as without them. A failure here costs speed, never the build.
 */
function writeCodeCaches() {
  const dir = mkdtempSync(join(tmpdir(), 'custrack-build-'));
  const db = join(dir, 'office.db');
  const env = { ...process.env, CUSTRACK_WRITE_CODE_CACHE: '1', CUSTRACK_DB: db, CUSTRACK_USER: 'build', LANG: 'C', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  const runs = [
    ['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'],
    ['customer', 'list'],
    ['overdue'],
    ['check', '广州市腾达有限公司'],
    ['check', '深圳市腾达有限公司', '--format', 'json'],
    ['__complete', 'customer', 'show', ''],
  ];
  try {
    for (const args of runs) {
      const run = spawnSync(process.execPath, [fileURLToPath(new URL('./bin/custrack.js', import.meta.url)), ...args], {
        env,
        encoding: 'utf8',
      });
      if (run.status !== 0 && run.status !== 6) throw new Error(`custrack ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    }
  } catch (err) {
    console.warn(`build: no code caches (custrack starts slower, works the same): ${err.message}`);
    for (const name of LOADED_BUNDLES) rmSync(new URL(`./dist/${name}.v8cache`, import.meta.url), { force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
  // `check <name>` runs in loops in scripts: its own bundle, a third of the size, without the parser
  // and the other commands (bin/custrack.js picks it). `__complete` (shell completion) has one too.
  await Promise.all([
    build({ ...BUILD_OPTIONS, entryPoints: { main: 'src/main.ts' }, outdir: 'dist' }),
    build({
      ...BUILD_OPTIONS,
      entryPoints: { pg: createRequire(import.meta.url).resolve('pg') },
      outdir: 'dist',
      // Never reached on Node: the native client is not installed, and Cloudflare's socket is for Workers.
      external: ['pg-native', 'pg-cloudflare'],
      plugins: [],
    }),
    build({
      ...BUILD_OPTIONS,
      entryPoints: { check: 'src/cli/fast.ts', complete: 'src/cli/complete.ts' },
      outdir: 'dist',
      // namedMessagesFirst first: the first plugin to load a file wins.
      plugins: [namedMessagesFirst, ...BUILD_OPTIONS.plugins, sqliteOnly, fastBundleStandIns],
      // A start reads and copies every byte of its bundle (~1 ms per 100 KB here): the fast bundles
      // drop whitespace and shorten syntax (270 → 198 KB for check), names stay, so stack traces still name functions.
      minifyWhitespace: true,
      minifySyntax: true,
    }),
  ]);
  for (const bundle of [...LOADED_BUNDLES, 'pg']) {
    const path = new URL(`./dist/${bundle}.cjs`, import.meta.url);
    const text = viaLoaderImport(asciiOnly(readFileSync(path, 'utf8')));
    writeFileSync(path, LOADED_BUNDLES.includes(bundle) ? withCommonJsWrapper(text) : text);
  }
  writeNamedMessages('check');
  writeCodeCaches();
}
