// Keeps relationship_starts in step with the transactions (rule 4). Called in the same transaction as
// whatever changed them: an import, a registration, a rename, an alias, a USCC, the eligibility years.
import type { Db } from '../open.js';
import { prepared } from '../statements.js';
import { relationshipStarts, type DatedTransaction } from '../../core/eligibility.js';
import type { ISODate } from '../../core/dates.js';

export function refreshStarts(db: Db, customerIds: Iterable<number>, years: number): void {
  const remove = prepared(db, 'DELETE FROM relationship_starts WHERE customer_id = ?');
  const insert = prepared(db, 'INSERT INTO relationship_starts (customer_id, start_on) VALUES (?, ?)');
  const business = prepared(db, "SELECT date, kind FROM transactions WHERE customer_id = ? AND kind IN ('sale', 'return') ORDER BY date");
  for (const id of customerIds) {
    remove.run(id);
    for (const start of relationshipStarts(business.all(id) as DatedTransaction[], years)) insert.run(id, start);
  }
}

/** Recomputes every customer's starts in one ordered pass over the transactions index. */
export function refreshAllStarts(db: Db, years: number): void {
  db.exec('DELETE FROM relationship_starts');
  // Collected first: a connection cannot write while it is still reading the same query.
  const found: Array<[number, ISODate]> = [];
  let current: number | null = null;
  let rows: DatedTransaction[] = [];
  const flush = (): void => {
    if (current !== null) for (const start of relationshipStarts(rows, years)) found.push([current, start]);
    rows = [];
  };
  const all = db
    .prepare("SELECT customer_id, date, kind FROM transactions WHERE customer_id IS NOT NULL AND kind IN ('sale', 'return') ORDER BY customer_id, date")
    .iterate() as IterableIterator<{ customer_id: number; date: ISODate; kind: DatedTransaction['kind'] }>;
  for (const t of all) {
    if (t.customer_id !== current) {
      flush();
      current = t.customer_id;
    }
    rows.push({ date: t.date, kind: t.kind });
  }
  flush();
  const insert = prepared(db, 'INSERT INTO relationship_starts (customer_id, start_on) VALUES (?, ?)');
  for (const [id, start] of found) insert.run(id, start);
}

/** The customers whose transactions a change of matching could move. */
export function customersOfTransactions(db: Db, where: string, params: Record<string, unknown>): number[] {
  return (prepared(db, `SELECT DISTINCT customer_id FROM transactions WHERE ${where}`).all(params) as Array<{ customer_id: number | null }>)
    .map((r) => r.customer_id)
    .filter((id): id is number => id !== null);
}
