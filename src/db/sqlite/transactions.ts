// Imported transactions. Matching to customers lives with the customers (it changes with names and aliases).
import { packedId, packedPages, pages, prepared } from './statements.js';
import type { Db } from '../open.js';
import type { DatedTransaction } from '../../core/eligibility.js';
import type { ExportRepository, PackedRows, TransactionRepository, TransactionRow } from '../../app/store.js';

export class SqliteTransactions implements TransactionRepository {
  constructor(private readonly db: Db) {}

  async forCustomer(customerId: number): Promise<DatedTransaction[]> {
    return prepared(this.db, 'SELECT date, kind FROM transactions WHERE customer_id = ? ORDER BY date').all(
      customerId,
    ) as DatedTransaction[];
  }

  async forName(nameKey: string): Promise<DatedTransaction[]> {
    return prepared(this.db, 'SELECT date, kind FROM transactions WHERE name_key = ? ORDER BY date').all(nameKey) as DatedTransaction[];
  }

  async forUscc(uscc: string): Promise<DatedTransaction[]> {
    return prepared(this.db, 'SELECT date, kind FROM transactions WHERE uscc = ? ORDER BY date').all(uscc) as DatedTransaction[];
  }

  async count(): Promise<number> {
    return (prepared(this.db, 'SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  }
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

/** Exports read in the order rows were entered (no sort of a million rows), a page at a time. */
export class SqliteExports implements ExportRepository {
  constructor(private readonly db: Db) {}

  transactions(): IterableIterator<TransactionRow> {
    return pages(this.db, `SELECT ${COLUMNS} FROM transactions WHERE id > ? ORDER BY id LIMIT ?`, toTransaction);
  }

  /** The same rows packed (statements.ts), with `columns` among TransactionRow's. */
  packedTransactions(columns: string[]): PackedRows<TransactionRow> {
    const unknown = columns.find((column) => !STORED.has(column));
    if (unknown !== undefined) throw new Error(`not a stored transaction column: ${unknown}`);
    const byId = this.db.prepare(`SELECT ${COLUMNS} FROM transactions WHERE id = ?`).raw(true);
    return {
      lines: packedPages(this.db, 'transactions', columns),
      row: (line) => toTransaction(byId.get(packedId(line)) as unknown[]),
    };
  }
}
