// The engine a suite runs on. The command suites run twice in `npm test` (vitest.config.ts, two projects):
// once on a SQLite file, once on a fresh database of the run's PostgreSQL server, with the same assertions.
// What they need of the database behind custrack's back (is it there, what does it hold, did it change)
// goes through a TestDatabase, which answers the same question on either engine.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe } from 'vitest';
import { asSuperuser, freshDatabase } from './postgres.js';

export type TestEngine = 'sqlite' | 'postgres';

/** CUSTRACK_TEST_ENGINE, set per project in vitest.config.ts; SQLite when absent. */
export const TEST_ENGINE: TestEngine = process.env.CUSTRACK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const ON_POSTGRES = TEST_ENGINE === 'postgres';

/**
 * Tests of what only the SQLite file has (PRAGMAs, its migrations' backup files, query plans) inside a file that
 * runs on both engines: registered by the sqlite project, not there at all in the postgres one (not skipped: the
 * server's own counterparts are in test/engines/ and test/db/postgres-*).
 */
export function describeSqliteOnly(name: string, tests: () => void): void {
  if (!ON_POSTGRES) describe(name, tests);
}

export interface TestDatabase {
  /** What --db / CUSTRACK_DB is given: a file path (not created yet) or a postgres:// URL (an empty database). */
  db: string;
  /**
   * A digest of everything stored: the file's bytes, or every table's rows and every sequence's position on
   * the server (a rolled-back insert moves a sequence: the next id would differ, so that counts as a change).
   * "Left untouched" means this does not change. An absent file or an empty database digests to 'absent'.
   */
  digest(): Promise<string>;
  /** Whether custrack has made its database (the file, or its tables on the server). */
  exists(): Promise<boolean>;
  /** The number of rows of a table, read without custrack. */
  count(table: string): Promise<number>;
  /** Removes it (the file goes with its directory; the server database is dropped). */
  drop(): Promise<void>;
}

/** A custrack database for a test: `name` inside `dir` on SQLite, a fresh database on PostgreSQL. */
export async function newDatabase(dir: string, name = 'custrack.db'): Promise<TestDatabase> {
  if (ON_POSTGRES) return serverDatabase(name);
  const path = join(dir, name);
  return {
    db: path,
    digest: async () => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent'),
    exists: async () => existsSync(path),
    count: async (table) => {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    drop: async () => rmSync(path, { force: true }),
  };
}

async function serverDatabase(label: string): Promise<TestDatabase> {
  const fresh = await freshDatabase(label.replace(/\.db$/u, ''));
  const inDatabase = <Row extends Record<string, unknown>>(sql: string) => asSuperuser<Row>(sql, [], fresh.name);
  const tables = async () =>
    (
      await inDatabase<{ name: string }>(
        `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).map((t) => t.name);
  return {
    db: fresh.url,
    digest: async () => {
      const names = await tables();
      if (names.length === 0) return 'absent';
      const hash = createHash('sha256');
      for (const name of names) {
        const [row] = await inDatabase<{ rows: string | null }>(
          `SELECT string_agg(t::text, E'\\n' ORDER BY t::text) AS rows FROM ${name} t`,
        );
        hash.update(`${name}\n${row?.rows ?? ''}\n`);
      }
      const sequences = await inDatabase<{ name: string; last_value: number | null }>(
        `SELECT schemaname || '.' || sequencename AS name, last_value FROM pg_sequences ORDER BY 1`,
      );
      for (const s of sequences) hash.update(`${s.name}=${s.last_value ?? ''}\n`);
      return hash.digest('hex');
    },
    exists: async () => (await tables()).length > 0,
    count: async (table) => Number((await inDatabase<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n),
    drop: fresh.drop,
  };
}

/** A scratch office on the suite's engine: a private directory for files (exports, backups) and a database. */
export interface EngineOffice extends TestDatabase {
  dir: string;
  /** A path inside the scratch directory. */
  path(name: string): string;
}

/**
 * One scratch office for one test, removed when that test finishes; safe in concurrent tests (pass the test
 * context's own `onTestFinished`).
 */
export async function engineOffice(onTestFinished: (cleanup: () => Promise<void> | void) => void): Promise<EngineOffice> {
  const dir = mkdtempSync(join(tmpdir(), 'custrack-test-'));
  const database = await newDatabase(dir);
  onTestFinished(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });
  return { ...database, dir, path: (name: string) => join(dir, name) };
}

/**
 * For a test file or describe block: each call of the returned function makes a fresh scratch office on the
 * suite's engine; every one of them is removed after each test.
 */
export function useEngineOffices(): () => Promise<EngineOffice> {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return () => engineOffice((cleanup) => void cleanups.push(cleanup));
}

/**
 * For a test file that keeps its databases for all its tests: the returned function makes one (as newDatabase
 * does), and each is dropped after the file's last test.
 */
export function useDatabases(): (dir: string, name?: string) => Promise<TestDatabase> {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of made.splice(0)) await database.drop();
  });
  return async (dir, name) => {
    const database = await newDatabase(dir, name);
    made.push(database);
    return database;
  };
}
