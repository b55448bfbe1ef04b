// What the repository tests of the facts and stored reports do on either engine (test/helpers/db.ts,
// openStoreOffice): invoices imported the way `import transactions` imports them, the engine's own refresh of
// the derived facts, stored reports changed behind custrack's back, and one office built once and copied
// for each test (a file copied, or a database made from a template database on the server).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Store } from '../../src/app/store.js';
import { CLERK, WALL_CLOCK } from './cli.js';
import { numberedPlaceholders, openOffice, type Invoice, type StoreOffice } from './db.js';
import { ON_POSTGRES } from './engine.js';
import { importFile } from './imports.js';
import { copyClosedDatabase } from './rawdb.js';
import { fileDigest } from './scratch.js';

const csvField = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Invoices imported in one `import transactions`, as the clerk would: a name nobody registered stays
 * unmatched, and registering it later matches its invoices (and derives its facts).
 */
export async function importInvoices(repos: Store, invoices: readonly Invoice[]): Promise<void> {
  if (invoices.length === 0) return;
  const lines = invoices.map((i) =>
    [csvField(i.customer), i.uscc ?? '', i.date, ((i.amount ?? 100_00) / 100).toFixed(2), i.kind ?? 'sale', csvField(i.ref)].join(','),
  );
  await importFile(repos, 'transactions', '-', { stdin: `customer,uscc,date,amount,kind,ref\n${lines.join('\n')}\n` });
}

/**
 * The engine's two ways of deriving the relationship starts and last business from the transactions: per
 * customer (a registration, a small import) and all at once (a large import, a new number of years). Each
 * engine has both (src/db/<engine>/derived.ts); they must store the same.
 */
export async function refreshTransactionFactsOf(repos: Store, customerIds: number[] | 'all', years: number): Promise<void> {
  if (repos.engine === 'postgres') {
    const { PostgresStore } = await import('../../src/db/postgres/store.js');
    const derived = await import('../../src/db/postgres/derived.js');
    const { sql } = repos as InstanceType<typeof PostgresStore>;
    await repos.write(() =>
      customerIds === 'all' ? derived.refreshAllTransactionFacts(sql, years) : derived.refreshTransactionFacts(sql, customerIds, years),
    );
    return;
  }
  const { SqliteStore } = await import('../../src/db/sqlite/store.js');
  const derived = await import('../../src/db/sqlite/derived.js');
  const { db } = repos as InstanceType<typeof SqliteStore>;
  await repos.write(async () =>
    customerIds === 'all' ? derived.refreshAllTransactionFacts(db, years) : derived.refreshTransactionFacts(db, customerIds, years),
  );
}

/** The stored relationship starts: the latest on or before the as-of date, per customer. */
export async function storedStarts(office: StoreOffice, asOf: string): Promise<Map<number, string>> {
  const rows = await office.query<{ customer_id: number; start: string }>(
    'SELECT customer_id, max(start_on) AS start FROM relationship_starts WHERE start_on <= ? GROUP BY customer_id',
    [asOf],
  );
  return new Map(rows.map((r) => [r.customer_id, r.start]));
}

/**
 * Changes one figure of the stored reports (a path of JSON keys, e.g. ['totals', 'visits']) behind custrack's
 * back: a figure that comes back proves the report was served, not computed. Optionally of one period only.
 */
export async function tamperStoredReports(
  office: Pick<StoreOffice, 'query'>,
  path: string[],
  value: number,
  period?: string,
): Promise<void> {
  const where = period === undefined ? '' : ' WHERE period = ?';
  const rest = period === undefined ? [] : [period];
  if (ON_POSTGRES)
    await office.query(`UPDATE report_cache SET body = jsonb_set(body::jsonb, ?::text[], to_jsonb(?::numeric))::text${where}`, [
      `{${path.join(',')}}`,
      value,
      ...rest,
    ]);
  else await office.query(`UPDATE report_cache SET body = json_set(body, ?, ?)${where}`, [`$.${path.join('.')}`, value, ...rest]);
}

/** A copy of a built office, for one test. */
export interface OfficeCopy {
  /** What --db is given: the file's path, or the database's postgres:// URL. */
  db: string;
  /**
   * SQL on a connection of its own, not custrack's (so the data generation stays put), with `?` placeholders;
   * the rows as custrack reads them.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Takes custrack's write lock from another connection, as a long import would; the returned function lets go. */
  holdWriteLock(): Promise<() => Promise<void>>;
  /** A digest of everything stored (the file's bytes, or every table's rows): "unchanged" means this does not change. */
  digest(): Promise<string>;
  /**
   * Makes the database read-only for custrack: the file's mode (and for root, which ignores modes, the immutable
   * attribute), or every new session of the database read-only on the server. Returns how to undo it, or null
   * when the file system refuses.
   */
  makeReadOnly(): Promise<(() => Promise<void>) | null>;
}

/**
 * For a test file: `build` makes the office once (before the first test); each call of the returned function
 * gives a copy of it as built, removed after the test.
 */
export function useOfficeTemplate(build: (db: string) => Promise<void>, timeoutMs = 60_000): () => Promise<OfficeCopy> {
  const cleanups: Array<() => Promise<void> | void> = [];
  let template: { db: string; name: string; drop(): Promise<void> | void } | undefined;
  beforeAll(async () => {
    if (ON_POSTGRES) {
      const { freshDatabase } = await import('./postgres.js');
      const made = await freshDatabase('template');
      template = { db: made.url, name: made.name, drop: made.drop };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'custrack-template-'));
      template = { db: join(dir, 'custrack.db'), name: '', drop: () => rmSync(dir, { recursive: true, force: true }) };
    }
    await build(template.db);
  }, timeoutMs);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  afterAll(async () => {
    await template?.drop();
    template = undefined;
  });
  return async () => {
    if (!template) throw new Error('the template is built before the first test');
    return ON_POSTGRES ? serverCopy(template.name, cleanups) : fileCopy(template.db, cleanups);
  };
}

function fileCopy(template: string, cleanups: Array<() => Promise<void> | void>): OfficeCopy {
  const dir = mkdtempSync(join(tmpdir(), 'custrack-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'custrack.db');
  copyClosedDatabase(template, db);
  return {
    db,
    query: async <Row>(sql: string, params: unknown[] = []) => {
      const raw = new Database(db, { fileMustExist: true });
      try {
        const statement = raw.prepare(sql);
        if (statement.reader) return statement.all(...params) as Row[];
        statement.run(...params);
        return [];
      } finally {
        raw.close();
      }
    },
    holdWriteLock: async () => {
      const other = new Database(db, { fileMustExist: true });
      other.exec('BEGIN IMMEDIATE');
      return async () => {
        other.exec('ROLLBACK');
        other.close();
      };
    },
    digest: async () => fileDigest(db),
    makeReadOnly: async () => {
      const undo = readOnlyFile(db);
      return undo && (async () => undo());
    },
  };
}

function readOnlyFile(file: string): (() => void) | null {
  chmodSync(file, 0o444);
  const undoMode = (): void => chmodSync(file, 0o600);
  if (process.getuid?.() !== 0) return undoMode;
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
  } catch {
    undoMode();
    return null;
  }
  return () => {
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    undoMode();
  };
}

async function serverCopy(template: string, cleanups: Array<() => Promise<void> | void>): Promise<OfficeCopy> {
  const { asSuperuser, freshDatabase, superuserClient } = await import('./postgres.js');
  const { WRITE_LOCK } = await import('../../src/db/postgres/locks.js');
  const copy = await freshDatabase('copy', template);
  cleanups.push(copy.drop);
  return {
    db: copy.url,
    query: async <Row>(sql: string, params: unknown[] = []) => (await asSuperuser(numberedPlaceholders(sql), params, copy.name)) as Row[],
    holdWriteLock: async () => {
      const other = await superuserClient(copy.name);
      await other.query('BEGIN');
      // The lock every custrack write transaction takes first (src/db/postgres/store.ts), in the default schema custrack uses.
      await other.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
      return async () => {
        await other.query('ROLLBACK');
        await other.end();
      };
    },
    digest: async () => {
      const client = await superuserClient(copy.name);
      try {
        const tables = await client.query<{ name: string }>(
          `SELECT quote_ident(table_name) AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
        );
        const hash = createHash('sha256');
        for (const { name } of tables.rows) {
          const { rows } = await client.query<{ rows: string | null }>(
            `SELECT string_agg(t::text, E'\\n' ORDER BY t::text) AS rows FROM ${name} t`,
          );
          hash.update(`${name}\n${rows[0]?.rows ?? ''}\n`);
        }
        return hash.digest('hex');
      } finally {
        await client.end();
      }
    },
    makeReadOnly: async () => {
      const database = pg.escapeIdentifier(copy.name);
      await asSuperuser(`ALTER DATABASE ${database} SET default_transaction_read_only = on`);
      return async () => {
        await asSuperuser(`ALTER DATABASE ${database} RESET default_transaction_read_only`);
      };
    },
  };
}

/** custrack's repositories on an existing database (a file path or a URL), acting as the clerk at WALL_CLOCK. */
export async function openStoreAt(db: string): Promise<{ repos: Store; close(): Promise<void> }> {
  if (ON_POSTGRES) {
    const { openPostgresStore } = await import('../../src/db/postgres/store.js');
    const store = await openPostgresStore(db, {
      actor: { user: CLERK, now: () => WALL_CLOCK },
      userGiven: true,
      busyTimeoutMs: 5_000,
      env: {},
      create: false,
    });
    return { repos: store, close: () => store.close() };
  }
  const office = openOffice(db);
  return {
    repos: office.repos,
    close: async () => {
      office.db.close();
    },
  };
}
