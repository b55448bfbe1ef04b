// Facts derived from visits and transactions (relationship_starts, customer_facts), kept up to date inside
// the write transaction of whatever changed the rows underneath, as on SQLite (src/db/sqlite/derived.ts).
// Written set-based: a batch of arrays per statement, never a statement per customer.
import { relationshipStarts, type DatedTransaction } from '../../core/eligibility.js';
import type { ISODate } from '../../core/dates.js';
import { isBusinessSql } from '../business.js';
import type { Sql } from './sql.js';

const HISTORIES = `SELECT customer_id, string_agg(date::text || chr(31) || kind, chr(30) ORDER BY date, kind) AS packed
  FROM transactions WHERE ${isBusinessSql()} AND customer_id IS NOT NULL`;

/** `date␟kind` joined by ␞ (dates and kinds are stored validated, so neither holds a separator). */
function unpack(packed: string): DatedTransaction[] {
  return packed.split('\u001e').map((item) => {
    const [date, kind] = item.split('\u001f');
    return { date: date!, kind: kind === 'sale' ? 'sale' : 'return' };
  });
}

/** Stores the starts and last business of the customers whose business histories are given. */
async function store(sql: Sql, histories: Array<{ customer_id: number; packed: string }>, years: number): Promise<void> {
  const startIds: number[] = [];
  const startDates: ISODate[] = [];
  const factIds: number[] = [];
  const lastDates: ISODate[] = [];
  const lastStarts: Array<ISODate | null> = [];
  for (const { customer_id: id, packed } of histories) {
    const rows = unpack(packed);
    const starts = relationshipStarts(rows, years);
    for (const start of starts) {
      startIds.push(id);
      startDates.push(start);
    }
    factIds.push(id);
    lastDates.push(rows.at(-1)!.date);
    lastStarts.push(starts.at(-1) ?? null);
  }
  await sql.run('INSERT INTO relationship_starts (customer_id, start_on) SELECT * FROM unnest($1::bigint[], $2::date[])', [
    startIds,
    startDates,
  ]);
  await sql.run(
    `INSERT INTO customer_facts (customer_id, last_business, last_start) SELECT * FROM unnest($1::bigint[], $2::date[], $3::date[])
     ON CONFLICT (customer_id) DO UPDATE SET last_business = excluded.last_business, last_start = excluded.last_start`,
    [factIds, lastDates, lastStarts],
  );
}

/** Starts and last business of these customers, from their transactions. */
export async function refreshTransactionFacts(sql: Sql, customerIds: Iterable<number>, years: number): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return;
  await sql.run('DELETE FROM relationship_starts WHERE customer_id = ANY($1::bigint[])', [ids]);
  await sql.run('UPDATE customer_facts SET last_business = NULL, last_start = NULL WHERE customer_id = ANY($1::bigint[])', [ids]);
  await store(sql, await sql.rows(`${HISTORIES} AND customer_id = ANY($1::bigint[]) GROUP BY customer_id`, [ids]), years);
}

/** Every customer's starts and last business, in one pass over the transactions. */
export async function refreshAllTransactionFacts(sql: Sql, years: number): Promise<void> {
  await sql.run('DELETE FROM relationship_starts');
  await sql.run(
    'UPDATE customer_facts SET last_business = NULL, last_start = NULL WHERE last_business IS NOT NULL OR last_start IS NOT NULL',
  );
  await store(sql, await sql.rows(`${HISTORIES} GROUP BY customer_id`), years);
}

/** A completed visit: it becomes the customer's last visit when it is the latest (by date, then id). */
export async function noteVisit(sql: Sql, visit: { id: number; customer_id: number; date: ISODate; next: ISODate | null }): Promise<void> {
  await sql.run(
    `INSERT INTO customer_facts AS f (customer_id, last_visit_id, last_visit_date, last_visit_next) VALUES ($1, $2, $3, $4)
     ON CONFLICT (customer_id) DO UPDATE SET last_visit_id = excluded.last_visit_id, last_visit_date = excluded.last_visit_date,
       last_visit_next = excluded.last_visit_next
     WHERE f.last_visit_date IS NULL OR (excluded.last_visit_date, excluded.last_visit_id) > (f.last_visit_date, f.last_visit_id)`,
    [visit.customer_id, visit.id, visit.date, visit.next],
  );
}

/** The last visit of these customers (of all, when none are named) again, after an import of visits. */
export async function refreshLastVisits(sql: Sql, customerIds?: Iterable<number>): Promise<void> {
  const ids = customerIds === undefined ? null : [...customerIds];
  const scope = ids === null ? 'SELECT id FROM customers' : 'SELECT unnest($1::bigint[])';
  const values = ids === null ? [] : [ids];
  await sql.run(`INSERT INTO customer_facts (customer_id) ${scope} ON CONFLICT (customer_id) DO NOTHING`, values);
  await sql.run(
    `UPDATE customer_facts f SET last_visit_id = v.id, last_visit_date = v.date, last_visit_next = v.next
     FROM (SELECT DISTINCT ON (customer_id) customer_id, id, date, next FROM visits
           WHERE done = 1 ${ids === null ? '' : 'AND customer_id = ANY($1::bigint[])'} ORDER BY customer_id, date DESC, id DESC) v
     WHERE f.customer_id = v.customer_id`,
    values,
  );
}

/** The customers whose transactions a change of matching could move. */
export async function customersOfTransactions(sql: Sql, where: string, values: readonly unknown[]): Promise<number[]> {
  const rows = await sql.rows<{ customer_id: number }>(
    `SELECT DISTINCT customer_id FROM transactions WHERE (${where}) AND customer_id IS NOT NULL`,
    values,
  );
  return rows.map((r) => r.customer_id);
}
