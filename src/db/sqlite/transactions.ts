// Imported transactions. Matching to customers lives in CustomerRepo (it changes with names and aliases).
import { packedId, packedPages, pages, prepared } from './statements.js';
import type { Db } from '../open.js';
import type { DatedTransaction } from '../../core/eligibility.js';

export class TransactionRepo {
  constructor(private readonly db: Db) {}

  /** Every transaction matched to the customer (by USCC, name or former name). */
  forCustomer(customerId: number): DatedTransaction[] {
    return prepared(this.db, 'SELECT date, kind FROM transactions WHERE customer_id = ? ORDER BY date').all(customerId) as DatedTransaction[];
  }

  /** Every transaction invoiced under this name key (for names that are not registered). */
  forName(nameKey: string): DatedTransaction[] {
    return prepared(this.db, 'SELECT date, kind FROM transactions WHERE name_key = ? ORDER BY date').all(nameKey) as DatedTransaction[];
  }

  forUscc(uscc: string): DatedTransaction[] {
    return prepared(this.db, 'SELECT date, kind FROM transactions WHERE uscc = ? ORDER BY date').all(uscc) as DatedTransaction[];
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  }
}

export interface TransactionRow {
  id: number;
  ref: string;
  customer_name: string;
  uscc: string | null;
  customer_id: number | null;
  date: string;
  amount: number;
  kind: 'sale' | 'sample' | 'return';
  imported_at: string;
}

const COLUMNS = 'id, ref, customer_name, uscc, customer_id, date, amount, kind, imported_at';
const STORED = new Set(COLUMNS.split(', '));

function toTransaction(v: unknown[]): TransactionRow {
  return {
    id: v[0] as number,
    ref: v[1] as string,
    customer_name: v[2] as string,
    uscc: v[3] as string | null,
    customer_id: v[4] as number | null,
    date: v[5] as string,
    amount: v[6] as number,
    kind: v[7] as TransactionRow['kind'],
    imported_at: v[8] as string,
  };
}

/** Every transaction in the order it was imported (no sort of a million rows), a page at a time. */
export function allTransactions(db: Db): IterableIterator<TransactionRow> {
  return pages(db, `SELECT ${COLUMNS} FROM transactions WHERE id > ? ORDER BY id LIMIT ?`, toTransaction);
}

/** The same rows packed (statements.ts), with `columns` among TransactionRow's. */
export function packedTransactions(db: Db, columns: string[]): { lines: IterableIterator<string>; row(line: string): TransactionRow } {
  const unknown = columns.find((column) => !STORED.has(column));
  if (unknown !== undefined) throw new Error(`not a stored transaction column: ${unknown}`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM transactions WHERE id = ?`).raw(true);
  return {
    lines: packedPages(db, 'transactions', columns),
    row: (line) => toTransaction(byId.get(packedId(line)) as unknown[]),
  };
}
