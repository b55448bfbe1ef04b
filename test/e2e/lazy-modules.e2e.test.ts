// Heavy modules are loaded only by the commands that use them (README, "Architecture"): the PostgreSQL driver
// only for a postgres:// database, exceljs only for a workbook. Watched through the real binary: a --require
// hook records every module Node loads, and the test reads the list when the command has ended.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli } from '../helpers/cli.js';
import { freshDatabase } from '../helpers/postgres.js';

let dir: string;
let hook: string;
let db: string;

beforeAll(async () => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-lazy-'));
  hook = join(dir, 'hook.cjs');
  writeFileSync(
    hook,
    `const Module = require('node:module');
const loaded = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { loaded.add(request); return load.call(this, request, ...rest); };
process.on('exit', () => {
  // An import() (of chalk, say) starts Node's ES module loader, which Module._load does not see.
  if (process.moduleLoadList.some((m) => m.endsWith('esm/module_job'))) loaded.add('(ES module loader)');
  // Node builds process.stdout and process.stderr from its stream modules.
  if (process.moduleLoadList.includes('NativeModule stream')) loaded.add('(stream modules)');
  require('node:fs').writeFileSync(process.env.LOADED_FILE, [...loaded].join('\\n'));
});
`,
  );
  db = join(dir, 'office.db');
  expect((await runCli(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'], { db })).code).toBe(0);
  const sale = 'customer,date,amount,kind,ref\n深圳市腾达有限公司,2026-10-01,100.00,sale,INV-1\n';
  expect((await runCli(['import', 'transactions', '-'], { db, input: sale })).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The modules a command loaded (by the names it asked for). */
async function loadedBy(args: string[], on = db): Promise<string[]> {
  const file = join(dir, `loaded-${args.join('-').replace(/[^a-z0-9-]/giu, '_')}.txt`);
  const result = await runCli(args, { db: on, env: { NODE_OPTIONS: `--require ${hook}`, LOADED_FILE: file } });
  expect([0, 1, 6], result.stderr).toContain(result.code);
  return readFileSync(file, 'utf8').split('\n');
}

// The driver is required as its bundle beside main.cjs (build.mjs), never as the package.
const DRIVER = './pg.cjs';
const HEAVY = [DRIVER, 'pg', 'pg-copy-streams', 'pgpass', 'exceljs'];

describe('on a SQLite database', () => {
  it.each([[['customer', 'list']], [['check', '深圳市腾达有限公司']], [['overdue']], [['report', 'monthly', '--month', '2026-10']]])(
    '%j loads neither the PostgreSQL driver nor exceljs',
    async (args) => {
      const loaded = await loadedBy(args);
      // SQLite's driver is bundled; its native addon is what Node loads.
      expect(loaded.some((m) => m.endsWith('better_sqlite3.node'))).toBe(true);
      expect(loaded.filter((m) => HEAVY.includes(m))).toEqual([]);
    },
  );

  it.each([
    [['check', '深圳市腾达有限公司']],
    // A name new by itself, similar to a customer with business: exit 6 and a warning on stderr, colourless on a pipe.
    [['check', '广州市腾达有限公司']],
    [['customer', 'list']],
    [['overdue']],
  ])('%j, piped, starts no ES module loader (colour is off: chalk stays unloaded)', async (args) => {
    expect(await loadedBy(args)).not.toContain('(ES module loader)');
  });

  it.each([[['check', '深圳市腾达有限公司']], [['check', '广州市腾达有限公司']], [['__complete', 'customers', '深圳']]])(
    "%j, piped, writes without Node's stream modules (src/cli/standard-streams.ts)",
    async (args) => {
      expect(await loadedBy(args)).not.toContain('(stream modules)');
    },
  );

  it("the whole program, piped, writes through Node's stream (the hook sees what it should)", async () => {
    expect(await loadedBy(['customer', 'list'])).toContain('(stream modules)');
  });

  it('a workbook loads exceljs (the hook sees what it should), still not the driver', async () => {
    const loaded = await loadedBy(['customer', 'list', '--output', join(dir, 'customers.xlsx')]);
    expect(loaded).toContain('exceljs');
    expect(loaded.filter((m) => m === DRIVER || m.startsWith('pg'))).toEqual([]);
  });
});

describe('on a PostgreSQL database', () => {
  it('the driver is loaded, and the SQLite addon is not', async () => {
    const server = await freshDatabase('lazy');
    try {
      expect((await runCli(['init'], { db: server.url })).code).toBe(0);
      const loaded = await loadedBy(['customer', 'list'], server.url);
      expect(loaded).toContain(DRIVER);
      // One file: none of the package's own modules is loaded from node_modules.
      expect(loaded).not.toContain('pg');
      expect(loaded).not.toContain('pg-protocol');
      expect(loaded.some((m) => m.endsWith('better_sqlite3.node'))).toBe(false);
      expect(loaded).not.toContain('exceljs');
    } finally {
      await server.drop();
    }
  });
});
