// A custrack database for repository tests, and invoices "imported" straight into it with SQL.
import { openDatabase, type Db } from '../../src/db/open.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import type { CustomerFields } from '../../src/app/store.js';
import { nameKey } from '../../src/core/names.js';
import { registerCustomer as register } from '../../src/app/customers.js';
import { CLERK, WALL_CLOCK } from './cli.js';

/** The SQLite store as the repository tests use it. */
export type Repos = SqliteStore;

/** An open custrack database (in memory unless a path is given) with repositories acting as the clerk. */
export function openOffice(path = ':memory:'): { db: Db; repos: Repos } {
  const db = openDatabase(path, { create: true, now: () => WALL_CLOCK });
  return { db, repos: new SqliteStore(db, { user: CLERK, now: () => WALL_CLOCK }, path) };
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
export async function registerCustomer(repos: Repos, name: string, more: Partial<CustomerFields> = {}): Promise<number> {
  const fields = customerFields(name, more);
  return (await register(repos, fields, fields.registered_on)).customer.id;
}

/** A customer's former names, in the order they were added. */
export function aliasesOf(db: Db, customerId: number): string[] {
  return (db.prepare('SELECT name FROM customer_aliases WHERE customer_id = ? ORDER BY id').all(customerId) as Array<{ name: string }>).map(
    (r) => r.name,
  );
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

/** An imported transaction, unmatched (customer_id NULL) as the importer leaves unregistered names. */
export function importInvoice(db: Db, invoice: Invoice): void {
  db.prepare(
    `INSERT INTO transactions (ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  ).run(
    invoice.ref,
    invoice.customer,
    nameKey(invoice.customer),
    invoice.uscc ?? null,
    invoice.date,
    invoice.amount ?? 100_00,
    invoice.kind ?? 'sale',
    WALL_CLOCK.toISOString(),
  );
}

/** Which customer an invoice is matched to (null when none). */
export function invoiceOwner(db: Db, ref: string): number | null {
  return (db.prepare('SELECT customer_id FROM transactions WHERE ref = ?').get(ref) as { customer_id: number | null }).customer_id;
}

export function historyCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;
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
