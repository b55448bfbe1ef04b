// A custrack database for repository tests, and invoices "imported" straight into it with SQL: on a SQLite
// file only (openOffice), or on the suite's engine (openStoreOffice, test/helpers/engine.ts).
import { afterAll, afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import type { CustomerFields, Store } from '../../src/app/store.js';
import { registerCustomer as register } from '../../src/app/customers.js';
import { CLERK, WALL_CLOCK } from './cli.js';
import { TEST_ENGINE } from './engine.js';

/** The SQLite store as the repository tests use it. */
export type Repos = SqliteStore;

/** An open custrack database (in memory unless a path is given) with repositories acting as the clerk. */
export function openOffice(path = ':memory:'): { db: Db; repos: Repos } {
  const db = openDatabase(path, { create: true, now: () => WALL_CLOCK });
  return { db, repos: new SqliteStore(db, { user: CLERK, now: () => WALL_CLOCK }, path) };
}

/** A custrack database on the suite's engine, for repository tests that hold on both. */
export interface StoreOffice {
  /** The repositories, acting as the clerk at WALL_CLOCK. */
  repos: Store;
  /**
   * SQL behind the repositories' back, with `?` placeholders on either engine; the rows as custrack reads them
   * (on PostgreSQL: dates as text, counts as numbers). On the repositories' own connection.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** `?` placeholders numbered $1, $2 … for PostgreSQL (outside quoted text). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/gu, (part) => (part === '?' ? `$${++n}` : part));
}

/**
 * On PostgreSQL a test file's offices are one database, emptied before each test: making a database costs
 * ~250 ms (CREATE DATABASE copies a template), migrating ~200 ms, emptying one ~20 ms. Emptying takes every
 * table back to what the migrations left (every row deleted, every sequence at its start, then the rows they
 * seeded), with the triggers off for the moment (the history's refuses deletes). So offices of one file must not
 * be open at once.
 */
interface ServerOffices {
  url: string;
  empty(): Promise<void>;
  drop(): Promise<void>;
}

let serverOffices: Promise<ServerOffices> | undefined;

const POSTGRES_OPTIONS = { actor: { user: CLERK, now: () => WALL_CLOCK }, userGiven: true, busyTimeoutMs: 5_000, env: {} };

async function makeServerOffices(): Promise<ServerOffices> {
  const { freshDatabase, superuserClient } = await import('./postgres.js');
  const escapeLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const { openPostgresStore } = await import('../../src/db/postgres/store.js');
  const database = await freshDatabase('store');
  await (await openPostgresStore(database.url, { ...POSTGRES_OPTIONS, create: true })).close();
  const admin = await superuserClient(database.name);
  const tables = (
    await admin.query<{ name: string }>(
      `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
  ).rows.map((t) => t.name);
  const seeded: Array<{ table: string; rows: string }> = [];
  for (const table of tables) {
    const [found] = (await admin.query<{ rows: string | null }>(`SELECT json_agg(t)::text AS rows FROM ${table} t`)).rows;
    if (found?.rows) seeded.push({ table, rows: found.rows });
  }
  // One round trip. DELETE rather than TRUNCATE: on tables this small ~20 ms instead of ~250 (TRUNCATE makes new files).
  const emptying = [
    'BEGIN',
    'SET LOCAL session_replication_role = replica',
    ...tables.map((table) => `DELETE FROM ${table}`),
    `SELECT setval(format('%I.%I', schemaname, sequencename), start_value, false) FROM pg_sequences WHERE schemaname = current_schema()`,
    ...seeded.map(
      ({ table, rows }) => `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, ${escapeLiteral(rows)})`,
    ),
    'COMMIT',
  ].join(';\n');
  return {
    url: database.url,
    empty: async () => {
      await admin.query(emptying);
    },
    drop: async () => {
      await admin.end();
      await database.drop();
    },
  };
}

async function postgresOffice(): Promise<StoreOffice> {
  const { openPostgresStore } = await import('../../src/db/postgres/store.js');
  serverOffices ??= makeServerOffices();
  const offices = await serverOffices;
  await offices.empty();
  const store = await openPostgresStore(offices.url, { ...POSTGRES_OPTIONS, create: false });
  return {
    repos: store,
    query: async <Row>(sql: string, params: unknown[] = []) => (await store.sql.rows(numberedPlaceholders(sql), params)) as Row[],
    close: () => store.close(),
  };
}

/** A fresh custrack database on the suite's engine: in memory on SQLite, a database of the run's server on PostgreSQL. */
export function openStoreOffice(): Promise<StoreOffice> {
  return TEST_ENGINE === 'postgres' ? postgresOffice() : Promise.resolve(sqliteStoreOffice());
}

/** A custrack database on SQLite as a StoreOffice: in memory, or the file at `path`. */
export function sqliteStoreOffice(path = ':memory:'): StoreOffice {
  const { db, repos } = openOffice(path);
  return {
    repos,
    query: async <Row>(sql: string, params: unknown[] = []) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    },
    close: async () => {
      db.close();
    },
  };
}

/** For a test file: a fresh office on the suite's engine before each test (read `.current`), closed after it. */
export function useStoreOffice(): { readonly current: StoreOffice } {
  let current: StoreOffice | undefined;
  beforeEach(async () => {
    current = await openStoreOffice();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  afterAll(async () => {
    const made = serverOffices;
    serverOffices = undefined;
    await (await made)?.drop();
  });
  return {
    get current() {
      if (!current) throw new Error('the office exists only inside tests and hooks');
      return current;
    },
  };
}

/** The fields of a customer registration, with everything optional left empty. */
export function customerFields(name: string, more: Partial<CustomerFields> = {}): CustomerFields {
  return {
    name,
    uscc: null,
    grade: 'C',
    owner: null,
    source: null,
    region: null,
    industry: null,
    contact: null,
    phone: null,
    email: null,
    address: null,
    monthly_volume: null,
    note: null,
    registered_on: '2026-11-23',
    ...more,
  };
}

/** Registers as `customer add` does (src/app: the duplicate checks, one write transaction); the new id. */
export async function registerCustomer(repos: Store, name: string, more: Partial<CustomerFields> = {}): Promise<number> {
  const fields = customerFields(name, more);
  return (await register(repos, fields, fields.registered_on)).customer.id;
}

export interface Invoice {
  ref: string;
  customer: string;
  uscc?: string | null;
  date: string;
  /** Amount in fen. */
  amount?: number;
  kind?: 'sale' | 'sample' | 'return';
}

/** Counts customers in a database file without custrack (read only). */
export async function countCustomersIn(path: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
