// Facts derived from visits and transactions, stored so that the overdue list and the reports read one
// row per customer instead of searching a million visits and transactions on every run:
// relationship_starts (rule 4) and customer_facts (last business, last completed visit).
// Every function here runs inside the write transaction of whatever changed the underlying rows.
import type { Db } from '../open.js';
import { prepared } from '../statements.js';
import { relationshipStarts, type DatedTransaction } from '../../core/eligibility.js';
import type { ISODate } from '../../core/dates.js';

const LAST_BUSINESS = `INSERT INTO customer_facts (customer_id, last_business, last_start) VALUES (:id, :last, :start)
  ON CONFLICT (customer_id) DO UPDATE SET last_business = excluded.last_business, last_start = excluded.last_start`;

/** Starts and last business of these customers, from their transactions. */
export function refreshTransactionFacts(db: Db, customerIds: Iterable<number>, years: number): void {
  const remove = prepared(db, 'DELETE FROM relationship_starts WHERE customer_id = ?');
  const insert = prepared(db, 'INSERT INTO relationship_starts (customer_id, start_on) VALUES (?, ?)');
  const last = prepared(db, LAST_BUSINESS);
  const business = prepared(db, "SELECT date, kind FROM transactions WHERE customer_id = ? AND kind IN ('sale', 'return') ORDER BY date");
  for (const id of customerIds) {
    remove.run(id);
    const rows = business.all(id) as DatedTransaction[];
    const starts = relationshipStarts(rows, years);
    for (const start of starts) insert.run(id, start);
    last.run({ id, last: rows.at(-1)?.date ?? null, start: starts.at(-1) ?? null });
  }
}

/** Every customer's starts and last business, in one ordered pass over the transactions index. */
export function refreshAllTransactionFacts(db: Db, years: number): void {
  // Collected first: a connection cannot write while it is still reading the same query.
  const starts: Array<[number, ISODate]> = [];
  const lastBusiness: Array<[number, ISODate, ISODate | null]> = [];
  let current: number | null = null;
  let rows: DatedTransaction[] = [];
  const flush = (): void => {
    if (current === null) return;
    const found = relationshipStarts(rows, years);
    for (const start of found) starts.push([current, start]);
    lastBusiness.push([current, rows.at(-1)!.date, found.at(-1) ?? null]);
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
  db.exec('DELETE FROM relationship_starts; UPDATE customer_facts SET last_business = NULL, last_start = NULL;');
  const insert = prepared(db, 'INSERT INTO relationship_starts (customer_id, start_on) VALUES (?, ?)');
  for (const [id, start] of starts) insert.run(id, start);
  const last = prepared(db, LAST_BUSINESS);
  for (const [id, date, start] of lastBusiness) last.run({ id, last: date, start });
}

/** A completed visit: it becomes the customer's last visit when it is the latest (by date, then id). */
export function noteVisit(db: Db, visit: { id: number; customer_id: number; date: ISODate; next: ISODate | null }): void {
  prepared(
    db,
    `INSERT INTO customer_facts (customer_id, last_visit_id, last_visit_date, last_visit_next) VALUES (:customer_id, :id, :date, :next)
     ON CONFLICT (customer_id) DO UPDATE SET last_visit_id = excluded.last_visit_id, last_visit_date = excluded.last_visit_date,
       last_visit_next = excluded.last_visit_next
     WHERE last_visit_date IS NULL OR (excluded.last_visit_date, excluded.last_visit_id) > (last_visit_date, last_visit_id)`,
  ).run(visit);
}

/** The last visit of these customers (or of all, when none are named) again, after an import of visits. */
export function refreshLastVisits(db: Db, customerIds?: Iterable<number>): void {
  const ids = customerIds === undefined ? null : JSON.stringify([...customerIds]);
  const scope = ids === null ? 'SELECT id FROM customers' : 'SELECT value FROM json_each(:ids)';
  prepared(db, `INSERT INTO customer_facts (customer_id) ${scope} WHERE true ON CONFLICT (customer_id) DO NOTHING`).run(ids === null ? {} : { ids });
  prepared(
    db,
    `UPDATE customer_facts SET (last_visit_id, last_visit_date, last_visit_next) = (
       SELECT v.id, v.date, v.next FROM visits v WHERE v.customer_id = customer_facts.customer_id AND v.done = 1
       ORDER BY v.date DESC, v.id DESC LIMIT 1)
     WHERE customer_id IN (${scope})`,
  ).run(ids === null ? {} : { ids });
}

/** The customers whose transactions a change of matching could move. */
export function customersOfTransactions(db: Db, where: string, params: Record<string, unknown>): number[] {
  return (prepared(db, `SELECT DISTINCT customer_id FROM transactions WHERE ${where}`).all(params) as Array<{ customer_id: number | null }>)
    .map((r) => r.customer_id)
    .filter((id): id is number => id !== null);
}
