// The facts of the quarterly service assessment and of a year of month ends on PostgreSQL (docs/rules.md,
// rule 16): the same set-based questions as src/db/sqlite/facts.ts.
import type { ISODate } from '../../core/dates.js';
import type { QuarterlyFacts } from '../../core/quarterly.js';
import type { OverdueTimeline } from '../../app/store-service.js';
import { isBusinessSql } from '../business.js';
import { customerFacts, formsBetween, openPlans, storedComplaints } from './fact-reads.js';
import type { Sql } from './sql.js';

/** The quarter's facts: four set-based queries. */
export async function quarterlyFacts(sql: Sql, from: ISODate, to: ISODate): Promise<QuarterlyFacts> {
  // Distinct visitor and customer: "customers served" counts customers, so one row per pair is enough.
  const visits = await sql.rows<QuarterlyFacts['visits'][number]>(
    'SELECT DISTINCT salesperson AS "by", customer_id AS "customerId" FROM visits WHERE done = 1 AND date BETWEEN $1 AND $2',
    [from, to],
  );
  const complaints = (
    await sql.rows<{ owner: string | null; receivedOn: ISODate; handledOn: ISODate | null; onTime: 0 | 1 | null }>(
      `SELECT c.owner, k.received_on AS "receivedOn", k.handled_on AS "handledOn", k.on_time AS "onTime"
       FROM complaints k JOIN customers c ON c.id = k.customer_id
       WHERE k.received_on BETWEEN $1 AND $2 OR k.handled_on BETWEEN $1 AND $2`,
      [from, to],
    )
  ).map((c) => ({ ...c, onTime: c.onTime === null ? null : c.onTime === 1 }));
  // Customers with a sale or return dated in the quarter (the complaint rate's denominator), counted per owner.
  const businessCustomers = await sql.rows<QuarterlyFacts['businessCustomers'][number]>(
    `SELECT c.owner, count(*) AS count FROM customers c
     WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.id AND t.date BETWEEN $1 AND $2 AND ${isBusinessSql('t')})
     GROUP BY c.owner`,
    [from, to],
  );
  return { visits, forms: await formsBetween(sql, from, to), complaints, businessCustomers };
}

/**
 * The overdue facts of every day from `from` to `to` (the annual report's month ends), read once, with the
 * bounds the single-day read applies. The events come in no particular order.
 */
export async function overdueTimeline(sql: Sql, from: ISODate, to: ISODate): Promise<OverdueTimeline> {
  const span = [from, to];
  const tuples = <T extends unknown[]>(text: string): Promise<T[]> => sql.tuples<T>(text, span);
  return {
    customers: await customerFacts(sql, from, {}, to),
    plans: await openPlans(sql),
    minutes: await sql.rows(
      // Two ranges of the partial index visits_minutes, as the single-day read (facts.ts).
      `SELECT id, customer_id AS "customerId", date, minutes_on AS "minutesOn" FROM visits
       WHERE method = 'in-person' AND done = 1 AND minutes_on IS NULL AND date <= $2
       UNION ALL
       SELECT id, customer_id AS "customerId", date, minutes_on AS "minutesOn" FROM visits
       WHERE method = 'in-person' AND done = 1 AND minutes_on > $1 AND date <= $2`,
      span,
    ),
    forms: await sql.rows(
      `SELECT id, customer_id AS "customerId", kind, sent_on AS "sentOn", due, returned_on AS "returnedOn" FROM forms
       WHERE sent_on <= $2 AND (returned_on IS NULL OR returned_on > $1) ORDER BY id`,
      span,
    ),
    complaints: await storedComplaints(sql, to, from),
    visits: await tuples('SELECT customer_id, id, date, next FROM visits WHERE done = 1 AND date > $1 AND date <= $2'),
    // Last business is the latest before the day (rule 2's window ends before it), hence from `from` on.
    business: await tuples(
      `SELECT DISTINCT customer_id, date FROM transactions WHERE customer_id IS NOT NULL AND ${isBusinessSql()} AND date >= $1 AND date < $2`,
    ),
    starts: await sql.rows(
      'SELECT customer_id AS "customerId", start_on AS date FROM relationship_starts WHERE start_on > $1 AND start_on <= $2',
      span,
    ),
    applications: await sql.rows(
      'SELECT customer_id AS "customerId", filed_on AS "filedOn", first_txn AS "firstTxn" FROM applications WHERE filed_on > $1 AND filed_on <= $2',
      span,
    ),
    formsSent: await sql.rows(
      'SELECT customer_id AS "customerId", sent_on AS "sentOn", kind FROM forms WHERE sent_on > $1 AND sent_on <= $2',
      span,
    ),
  };
}
