// Facts derived from visits and transactions, stored so that the overdue list and the reports read one
// row per customer instead of searching a million visits and transactions on every run:
// relationship_starts (rule 4) and customer_facts (last business, last completed visit).
// Every function here runs inside the write transaction of whatever changed the underlying rows.
import type { Db } from '../open.js';
import { prepared } from './statements.js';
import { relationshipStarts, type DatedTransaction } from '../../core/eligibility.js';
import type { ISODate } from '../../core/dates.js';
import { isBusinessSql } from '../business.js';

const LAST_BUSINESS = `INSERT INTO customer_facts (customer_id, last_business, last_start) VALUES (:id, :last, :start)
  ON CONFLICT (customer_id) DO UPDATE SET last_business = excluded.last_business, last_start = excluded.last_start`;

/** Starts and last business of these customers, from their transactions. */
export function refreshTransactionFacts(db: Db, customerIds: Iterable<number>, years: number): void {
  const remove = prepared(db, 'DELETE FROM relationship_starts WHERE customer_id = ?');
  const insert = prepared(db, 'INSERT INTO relationship_starts (customer_id, start_on) VALUES (?, ?)');
  const last = prepared(db, LAST_BUSINESS);
  const business = prepared(db, `SELECT date, kind FROM transactions WHERE customer_id = ? AND ${isBusinessSql()} ORDER BY date`);
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
  // One string per customer, `date␟kind` joined by ␞, rather than a row per transaction: better-sqlite3
  // builds each row through V8's slow per-element API, and a million of them were a tenth of an import.
  // Dates and kinds are stored validated (ISO dates, 'sale' or 'return'), so neither holds a separator.
  const histories = db
    .prepare(
      `SELECT customer_id, group_concat(date || char(31) || kind, char(30) ORDER BY date, kind) FROM transactions
       WHERE customer_id IS NOT NULL AND ${isBusinessSql()} GROUP BY customer_id`,
    )
    .raw(true)
    .iterate() as IterableIterator<[number, string]>;
  for (const [customerId, packed] of histories) {
    const rows: DatedTransaction[] = [];
    for (let at = 0; at < packed.length; ) {
      const kindAt = packed.indexOf('\u001f', at) + 1;
      const next = packed.indexOf('\u001e', kindAt);
      const end = next === -1 ? packed.length : next;
      rows.push({ date: packed.slice(at, kindAt - 1), kind: packed.slice(kindAt, end) === 'sale' ? 'sale' : 'return' });
      at = end + 1;
    }
    const found = relationshipStarts(rows, years);
    for (const start of found) starts.push([customerId, start]);
    lastBusiness.push([customerId, rows.at(-1)!.date, found.at(-1) ?? null]);
  }
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
  prepared(db, `INSERT INTO customer_facts (customer_id) ${scope} WHERE true ON CONFLICT (customer_id) DO NOTHING`).run(
    ids === null ? {} : { ids },
  );
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
