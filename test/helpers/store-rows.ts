// Rows of a store office (test/helpers/db.ts, openStoreOffice) read or written behind custrack's back, the same
// on either engine: the history, former names, invoices "imported" with SQL, and what the schema refuses.
import { expect } from 'vitest';
import { nameKey } from '../../src/core/names.js';
import type { Db } from '../../src/db/open.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import { CLERK, WALL_CLOCK } from './cli.js';
import type { HistoryRow as AuditHistoryRow } from './audit.js';
import { type Invoice, sqliteStoreOffice, type StoreOffice } from './db.js';
import { ON_POSTGRES } from './engine.js';

type Query = StoreOffice['query'];

/** A history entry as the tests read it (audit.ts's row, without its id). */
export type HistoryRow = Omit<AuditHistoryRow, 'id'>;

/** A customer's history entries, oldest first. */
export function customerHistory(query: Query, customerId: number): Promise<HistoryRow[]> {
  return query<HistoryRow>('SELECT actor, action, entity, entity_id, field, old, new FROM history WHERE customer_id = ? ORDER BY id', [
    customerId,
  ]);
}

/** One record's history entries (entity 'complaint', 'visit' …), oldest first. */
export function entityHistory(
  query: Query,
  entity: string,
  id: number,
): Promise<Array<Pick<HistoryRow, 'action' | 'field' | 'old' | 'new'>>> {
  return query('SELECT action, field, old, new FROM history WHERE entity = ? AND entity_id = ? ORDER BY id', [entity, String(id)]);
}

export async function historyCount(query: Query): Promise<number> {
  const [row] = await query<{ n: number }>('SELECT count(*) AS n FROM history');
  return row!.n;
}

/** A customer's former names, in the order they were added. */
export async function formerNames(query: Query, customerId: number): Promise<string[]> {
  return (await query<{ name: string }>('SELECT name FROM customer_aliases WHERE customer_id = ? ORDER BY id', [customerId])).map(
    (r) => r.name,
  );
}

/** An imported transaction, unmatched (customer_id NULL) as the importer leaves unregistered names. */
export async function importInvoice(query: Query, invoice: Invoice): Promise<void> {
  await query(
    `INSERT INTO transactions (ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
    [
      invoice.ref,
      invoice.customer,
      nameKey(invoice.customer),
      invoice.uscc ?? null,
      invoice.date,
      invoice.amount ?? 100_00,
      invoice.kind ?? 'sale',
      WALL_CLOCK.toISOString(),
    ],
  );
}

/** Which customer an invoice is matched to (null when none). */
export async function invoiceOwner(query: Query, ref: string): Promise<number | null> {
  const [row] = await query<{ customer_id: number | null }>('SELECT customer_id FROM transactions WHERE ref = ?', [ref]);
  return row!.customer_id;
}

/** Fails unless `work` is refused by a CHECK constraint of the schema (SQLite's CHECK, PostgreSQL's check_violation). */
export async function expectCheckRefusal(work: () => Promise<unknown>): Promise<void> {
  const err = await work().then(
    () => undefined,
    (e: unknown) => e as { code?: string; message?: string },
  );
  expect(err, 'expected the schema to refuse the row').toBeDefined();
  if (ON_POSTGRES) expect(err).toMatchObject({ code: '23514' });
  else expect(err!.message).toMatch(/CHECK/u);
}

/** The better-sqlite3 connection under a SQLite office, for tests of what only the SQLite file has. */
export function sqliteDb(office: StoreOffice): Db {
  if (!(office.repos instanceof SqliteStore)) throw new Error('a SQLite office was expected');
  return office.repos.db;
}

/**
 * An office on a database that outlives its connection: a SQLite file at `path`, or (on PostgreSQL) the given
 * office itself, whose database is kept until the next test.
 */
export function durableOffice(office: StoreOffice, path: string): StoreOffice {
  if (ON_POSTGRES) return office;
  return sqliteStoreOffice(path);
}

/** The same database on a connection of its own: the SQLite file opened again, or a second session on the server. */
export async function reopened(office: StoreOffice): Promise<StoreOffice> {
  if (!ON_POSTGRES) return sqliteStoreOffice(office.repos.location);
  const { postgresUrl } = await import('./postgres.js');
  const { numberedPlaceholders } = await import('./db.js');
  const { openPostgresStore } = await import('../../src/db/postgres/store.js');
  const [{ database }] = (await office.query<{ database: string }>('SELECT current_database() AS database')) as [{ database: string }];
  const store = await openPostgresStore(postgresUrl({ database }), {
    actor: { user: CLERK, now: () => WALL_CLOCK },
    userGiven: true,
    busyTimeoutMs: 5_000,
    env: {},
    create: false,
  });
  return {
    repos: store,
    query: async <Row>(sql: string, params: unknown[] = []) => (await store.sql.rows(numberedPlaceholders(sql), params)) as Row[],
    close: () => store.close(),
  };
}
