// Imported transactions. Matching to customers lives in CustomerRepo (it changes with names and aliases).
import { prepared } from '../statements.js';
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

/** Every transaction in date order, streamed. */
export function* allTransactions(db: Db): IterableIterator<TransactionRow> {
  yield* prepared(db, 'SELECT id, ref, customer_name, uscc, customer_id, date, amount, kind, imported_at FROM transactions ORDER BY date, id')
    .iterate() as IterableIterator<TransactionRow>;
}
