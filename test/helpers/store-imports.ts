// What an import left in an office on the suite's engine (openStoreOffice), read behind the repositories'
// back: the engine-neutral counterparts of storedTransactions / transactionCount (imports.ts, SQLite only).
import type { StoreOffice } from './db.js';
import type { StoredTransaction } from './imports.js';

type Office = Pick<StoreOffice, 'query'>;

/** Code-unit order, as SQLite's BINARY collation: the server's collation may order 'auto:' before 'INV-'. */
const byRef = (a: { ref: string }, b: { ref: string }): number => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** Every stored transaction, in a stable order (ref). */
export async function storedTransactionsOf(office: Office): Promise<StoredTransaction[]> {
  const rows = await office.query<StoredTransaction>('SELECT ref, customer_name, uscc, customer_id, date, amount, kind FROM transactions');
  return rows.sort(byRef);
}

/** The number of rows of a table (transactions, history, …). */
export async function rowCount(office: Office, table: string, where = '', params: unknown[] = []): Promise<number> {
  const [row] = await office.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`, params);
  return Number(row?.n);
}

export const transactionsIn = (office: Office): Promise<number> => rowCount(office, 'transactions');
export const historyEntriesIn = (office: Office): Promise<number> => rowCount(office, 'history');
