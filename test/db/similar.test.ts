// The similar-name index (docs/rules.md, rule 17) on either engine: kept right through registrations, renames,
// former names and imports. On a SQLite file: filled for existing customers by migration 4 in its own transaction,
// and the SQLite module's SQL plain enough for PostgreSQL.
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/app/store.js';
import { customerFields, type StoreOffice, useStoreOffice } from '../helpers/db.js';
import { describeSqliteOnly } from '../helpers/engine.js';
import { generatedNames } from '../helpers/names.js';
import { importFile } from '../helpers/imports.js';
import { useScratchOffices } from '../helpers/scratch.js';
import { WALL_CLOCK } from '../helpers/cli.js';
import { nameCore } from '../../src/core/name-core.js';
import { nameKey } from '../../src/core/names.js';
import { similarity } from '../../src/core/similar.js';
import { similarToCores } from '../../src/app/similar.js';
import { coreKeyRows } from '../../src/db/name-index.js';
import { initial } from '../../src/db/migrations/001_initial.js';
import { reportCache } from '../../src/db/migrations/002_report_cache.js';
import { APPLICATION_ID, openDatabase, type Db } from '../../src/db/open.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import type { Backfill } from '../../src/db/migrations/backfill.js';

type Query = StoreOffice['query'];

/** SQL on a SQLite connection opened by the test itself, as a store office's `query` reads it. */
const sqliteQuery =
  (db: Db): Query =>
  async <Row>(sql: string, params: unknown[] = []) =>
    db.prepare(sql).all(...params) as Row[];

/** Every customer's name and former names, from the tables. */
async function namesOf(query: Query): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  for (const c of await query<{ id: number; name: string }>('SELECT id, name FROM customers ORDER BY id')) names.set(c.id, [c.name]);
  for (const a of await query<{ customer_id: number; name: string }>('SELECT customer_id, name FROM customer_aliases ORDER BY id')) {
    names.get(a.customer_id)!.push(a.name);
  }
  return names;
}

/** The customers whose name or a former name is similar to `name`, by comparing it with every one. */
function scan(names: Map<number, string[]>, name: string, threshold = 0.8): number[] {
  return [...names].filter(([, held]) => held.some((n) => similarity(name, n, { threshold }).similar)).map(([id]) => id);
}

/** What the index must hold: the keys of the core of every name and former name, once per core. */
async function expectedIndex(query: Query): Promise<string[]> {
  const rows = new Set<string>();
  for (const held of (await namesOf(query)).values())
    for (const n of held) for (const row of coreKeyRows(nameCore(n))) rows.add(row.join('|'));
  return [...rows].sort();
}

async function actualIndex(query: Query): Promise<string[]> {
  return (await query<{ bigram: string; key_count: number; core: string }>('SELECT bigram, key_count, core FROM core_bigrams'))
    .map((r) => [r.bigram, r.key_count, r.core].join('|'))
    .sort();
}

/** Registers each name whose name key is still free, straight through the repository (no similar-name check). */
async function registerAll(repos: Store, names: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    if (await repos.customers.byNameKey(nameKey(name))) continue;
    ids.push(await repos.write(() => repos.customers.insert(customerFields(name))));
  }
  return ids;
}

const office = useStoreOffice();

describe('the similar-name index', () => {
  const scratch = useScratchOffices();

  it('finds exactly what a scan with similarity() finds, through registrations, renames, former names and an import', async () => {
    const { repos, query } = office.current;
    const names = generatedNames(500);
    const ids = await registerAll(repos, names.slice(0, 250));
    // Renames (the old name becomes a former name) and former names added.
    const more = generatedNames(120, 7);
    for (let i = 0; i < 60; i++) {
      const id = ids[i * 3]!;
      const name = more[i]!;
      if (await repos.customers.byNameKey(nameKey(name))) continue;
      await repos.write(() => repos.customers.update(id, { name }, 'update', '2026-11-23'));
    }
    for (let i = 60; i < 120; i++) {
      const name = more[i]!;
      if (await repos.customers.byNameKey(nameKey(name))) continue;
      await repos.write(() => repos.customers.addAlias(ids[i * 2 - 100]!, name, '2026-11-23'));
    }
    // The rest by `import customers --allow-similar` (names already registered skipped).
    const rows = [...new Map(names.slice(250).map((n) => [nameKey(n), n])).values()];
    const file = scratch().path('customers.csv');
    writeFileSync(file, `name\n${rows.join('\n')}\n`);
    const result = await importFile(repos, 'customers', file, { allowSimilar: true, skipExisting: true });
    expect(result.added + result.skipped).toBe(rows.length);

    expect(await actualIndex(query)).toEqual(await expectedIndex(query));
    const held = await namesOf(query);
    expect(held.size).toBeGreaterThan(350);
    const probes = [...names, ...more, ...generatedNames(100, 99)];
    const found: Array<[string, number[]]> = [];
    const scanned: Array<[string, number[]]> = [];
    for (const probe of probes) {
      found.push([probe, await similarToCores(repos, [nameCore(probe)])]);
      scanned.push([probe, scan(held, probe)]);
    }
    expect(found).toEqual(scanned);
    // Not a vacuous agreement: most probes have similar customers, some several.
    expect(found.filter(([, f]) => f.length > 0).length).toBeGreaterThan(probes.length / 2);
    expect(found.filter(([, f]) => f.length > 2).length).toBeGreaterThan(20);
  }, 60_000);

  it('follows the similar.threshold setting', async () => {
    const { repos } = office.current;
    await registerAll(repos, ['深圳市腾达实业有限公司', '华南贸易有限公司']);
    const core = nameCore('深圳市腾达实业发展有限公司'); // dice 0.75 with 腾达实业
    expect(await similarToCores(repos, [core])).toEqual([]);
    await repos.write(() => repos.settings.set('similar.threshold', 0.75));
    expect(await similarToCores(repos, [core])).toEqual([1]);
  });

  it('an import that fails leaves no trace in the index', async () => {
    const { repos, query } = office.current;
    await registerAll(repos, ['华南贸易有限公司']);
    const before = await actualIndex(query);
    const file = scratch().path('bad.csv');
    writeFileSync(file, 'name,grade\n东华科技有限公司,A\n西华物流有限公司,Z\n');
    await expect(importFile(repos, 'customers', file)).rejects.toThrow();
    expect(await actualIndex(query)).toEqual(before);
    expect(await query('SELECT count(*) AS n FROM customer_distinctions')).toEqual([{ n: 0 }]);
  });
});

describeSqliteOnly('migration 4 fills the index for the customers already there', () => {
  const scratch = useScratchOffices();
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    vi.doUnmock('../../src/db/migrations/index.js');
    vi.resetModules();
  });

  /** A database at schema 2 (the release before similar names) with customers and former names. */
  function schemaTwoDatabase(path: string, names: readonly string[]): void {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(initial);
    db.exec(reportCache);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 2');
    const insert = db.prepare(
      "INSERT INTO customers (name, name_key, grade, registered_on, assigned_on, created_at) VALUES (?, ?, 'C', '2026-01-02', '2026-01-02', '2026-01-02T00:00:00Z')",
    );
    const alias = db.prepare("INSERT INTO customer_aliases (customer_id, name, name_key, added_on) VALUES (?, ?, ?, '2026-01-02')");
    const keys = new Set<string>();
    let last = 0;
    names.forEach((name, i) => {
      if (keys.has(nameKey(name))) return;
      keys.add(nameKey(name));
      // Every fifth name is a former name of the customer before it.
      if (i % 5 === 4 && last > 0) alias.run(last, name, nameKey(name));
      else last = Number(insert.run(name, nameKey(name)).lastInsertRowid);
    });
    db.close();
  }

  it('computes every core and indexes it, in the migration', async () => {
    const office = scratch();
    schemaTwoDatabase(office.dbPath, generatedNames(300, 5));
    const db = openDatabase(office.dbPath, { create: false, now: () => WALL_CLOCK });
    opened.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const cores = db
      .prepare('SELECT name, name_core FROM customers UNION ALL SELECT name, name_core FROM customer_aliases')
      .all() as Array<{
      name: string;
      name_core: string;
    }>;
    expect(cores.length).toBeGreaterThan(200);
    expect(cores.filter((c) => c.name_core !== nameCore(c.name))).toEqual([]);
    expect(await actualIndex(sqliteQuery(db))).toEqual(await expectedIndex(sqliteQuery(db)));
    const repos = new (await import('../../src/db/sqlite/store.js')).SqliteStore(
      db,
      { user: 'tester', now: () => WALL_CLOCK },
      office.dbPath,
    );
    const held = await namesOf(sqliteQuery(db));
    for (const probe of generatedNames(60, 6)) expect(await similarToCores(repos, [nameCore(probe)]), probe).toEqual(scan(held, probe));
  });

  it('a backfill that fails leaves the database at schema 3 (each migration is a transaction of its own), its rows unchanged', async () => {
    const office = scratch();
    schemaTwoDatabase(office.dbPath, ['华南贸易有限公司', '深圳腾达电子有限公司']);
    vi.resetModules();
    vi.doMock('../../src/db/migrations/index.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../src/db/migrations/index.js')>();
      const failing: Backfill = {
        select: 'SELECT id, name FROM customers',
        statements: (row) => {
          if (row.id === 2) throw new Error('backfill failed');
          return [];
        },
      };
      const migrations = real.MIGRATIONS.map((m) => (m.version === 4 ? { ...m, backfill: [...(m.backfill ?? []), failing] } : m));
      return { MIGRATIONS: migrations, SCHEMA_VERSION: real.SCHEMA_VERSION };
    });
    const { openDatabase: openWithFailingBackfill } = await import('../../src/db/open.js');
    expect(() => opened.push(openWithFailingBackfill(office.dbPath, { create: false, now: () => WALL_CLOCK }))).toThrow('backfill failed');
    const db = new Database(office.dbPath, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.prepare("SELECT count(*) AS n FROM pragma_table_info('customers') WHERE name = 'name_core'").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('core_bigrams', 'customer_distinctions')").get()).toEqual({
        n: 0,
      });
      expect(db.prepare('SELECT name FROM customers ORDER BY id').all()).toEqual([
        { name: '华南贸易有限公司' },
        { name: '深圳腾达电子有限公司' },
      ]);
    } finally {
      db.close();
    }
  });
});

// About the SQLite module's source: the PostgreSQL engine's own SQL is run by the rest of this file.
describeSqliteOnly('SQL a PostgreSQL engine can run too', () => {
  // The statements of the index and the confirmations are plain SQL: no SQLite functions, no json_each, no
  // INSERT OR …, no IS for equality; upserts as ON CONFLICT DO NOTHING, which both engines know.
  const SQLITE_ONLY = [
    /json_each/iu,
    /json_group_array/iu,
    /\bINSERT\s+OR\b/iu,
    /\bIS\s+\?/iu,
    /\bifnull\(/iu,
    /\bglob\b/iu,
    /\bprintf\(/iu,
    /concat_ws/iu,
  ];
  const sources = ['src/db/sqlite/similar.ts', 'src/db/name-index.ts'];

  it.each(sources)('%s', (file) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const sql = [...text.matchAll(/(['`])((?:SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*?)\1/gu)].map((m) => m[2]!);
    expect(sql.length).toBeGreaterThan(0);
    for (const statement of sql) for (const pattern of SQLITE_ONLY) expect(statement, statement).not.toMatch(pattern);
  });
});
