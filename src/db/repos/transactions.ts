// Imported transactions. Matching to customers lives in CustomerRepo (it changes with names and aliases).
import type { Db } from '../open.js';
import type { DatedTransaction } from '../../core/eligibility.js';

export class TransactionRepo {
  constructor(private readonly db: Db) {}

  /** Every transaction matched to the customer (by USCC, name or former name). */
  forCustomer(customerId: number): DatedTransaction[] {
    return this.db.prepare('SELECT date, kind FROM transactions WHERE customer_id = ? ORDER BY date').all(customerId) as DatedTransaction[];
  }

  /** Transactions of a name that is not registered: by name key, and by USCC when one is given. */
  forUnregistered(nameKey: string, uscc: string | null): DatedTransaction[] {
    return this.db
      .prepare(
        `SELECT date, kind FROM transactions WHERE name_key = :key AND customer_id IS NULL
         UNION ALL SELECT date, kind FROM transactions WHERE :uscc IS NOT NULL AND uscc = :uscc AND name_key <> :key
         ORDER BY date`,
      )
      .all({ key: nameKey, uscc }) as DatedTransaction[];
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
  }
}
