// The facts the overdue rules and the monthly report need, on PostgreSQL: the same set-based questions
// as src/db/sqlite/facts.ts.
import type { ISODate } from '../../core/dates.js';
import type { CustomerFacts, OpenForm, OpenPlan, OverdueFacts, PendingMinutes } from '../../core/overdue.js';
import type { MonthlyFacts } from '../../core/monthly.js';
import type { FactsRepository } from '../../app/store.js';
import { isBusinessSql } from '../business.js';
import type { Sql } from './sql.js';

// One row per customer from the stored facts. Where a stored fact lies after the as-of date (a report for
// a past day), the CASE looks the value up as of then instead, for such rows only.
const CUSTOMER_FACTS = `
SELECT c.id, c.name, c.owner, c.grade, c.registered_on, c.assigned_on, c.closed_on,
  f.last_visit_id, f.last_visit_date, f.last_visit_next,
  CASE WHEN f.last_visit_date > $1 THEN (
    SELECT v.date::text || '|' || coalesce(v.next::text, '') || '|' || v.id FROM visits v
    WHERE v.customer_id = c.id AND v.done = 1 AND v.date <= $1 ORDER BY v.date DESC, v.id DESC LIMIT 1) END AS visit_before,
  CASE WHEN f.last_business >= $1 THEN (
    SELECT max(t.date) FROM transactions t WHERE t.customer_id = c.id AND ${isBusinessSql('t')} AND t.date < $1)
    ELSE f.last_business END AS last_business,
  CASE WHEN f.last_start > $1 THEN (
    SELECT max(s.start_on) FROM relationship_starts s WHERE s.customer_id = c.id AND s.start_on <= $1)
    ELSE f.last_start END AS start_on,
  ap.first_txn AS app_first, ap.filed_on AS app_filed,
  fs.last_sent, fs.last_initial, fs.last_revisit
FROM customers c
LEFT JOIN customer_facts f ON f.customer_id = c.id
LEFT JOIN (SELECT customer_id, max(first_txn) AS first_txn, max(filed_on) AS filed_on FROM applications WHERE filed_on <= $1 GROUP BY customer_id) ap
  ON ap.customer_id = c.id
LEFT JOIN (SELECT customer_id, max(sent_on) AS last_sent,
             max(CASE WHEN kind = 'initial' THEN sent_on END) AS last_initial,
             max(CASE WHEN kind = 'revisit' THEN sent_on END) AS last_revisit
           FROM forms WHERE sent_on <= $1 GROUP BY customer_id) fs
  ON fs.customer_id = c.id
WHERE c.registered_on <= $1 AND ($2::text IS NULL OR c.owner = $2)`;

interface FactRow {
  id: number;
  name: string;
  owner: string | null;
  grade: CustomerFacts['grade'];
  registered_on: ISODate;
  assigned_on: ISODate;
  closed_on: ISODate | null;
  last_visit_id: number | null;
  last_visit_date: ISODate | null;
  last_visit_next: ISODate | null;
  visit_before: string | null;
  last_business: ISODate | null;
  start_on: ISODate | null;
  app_first: ISODate | null;
  app_filed: ISODate | null;
  last_sent: ISODate | null;
  last_initial: ISODate | null;
  last_revisit: ISODate | null;
}

/** The last visit on or before the as-of date: the stored one, or the one looked up as of then. */
function lastVisit(r: FactRow, asOf: ISODate): CustomerFacts['lastVisit'] {
  if (r.last_visit_date === null || r.last_visit_id === null) return null;
  if (r.last_visit_date <= asOf) return { id: r.last_visit_id, date: r.last_visit_date, next: r.last_visit_next };
  if (r.visit_before === null) return null;
  const [date, next, id] = r.visit_before.split('|');
  return { id: Number(id), date: date!, next: next || null };
}

export class PostgresFacts implements FactsRepository {
  constructor(private readonly sql: Sql) {}

  async overdue(asOf: ISODate, owner?: string): Promise<OverdueFacts> {
    const plans = await this.sql.rows<OpenPlan>(
      'SELECT id, customer_id AS "customerId", planned_for AS date FROM visits WHERE planned = 1 AND done = 0 AND planned_for IS NOT NULL',
    );
    const minutes = await this.sql.rows<PendingMinutes>(
      `SELECT id, customer_id AS "customerId", date FROM visits
       WHERE method = 'in-person' AND done = 1 AND date <= $1 AND (minutes_on IS NULL OR minutes_on > $1)`,
      [asOf],
    );
    const forms = await this.sql.rows<OpenForm>(
      `SELECT id, customer_id AS "customerId", kind, sent_on AS "sentOn", due FROM forms
       WHERE sent_on <= $1 AND (returned_on IS NULL OR returned_on > $1)`,
      [asOf],
    );
    const rows = await this.sql.rows<FactRow>(CUSTOMER_FACTS, [asOf, owner ?? null]);
    const customers = rows.map(
      (r): CustomerFacts => ({
        id: r.id,
        name: r.name,
        owner: r.owner,
        grade: r.grade,
        registeredOn: r.registered_on,
        assignedOn: r.assigned_on,
        closedOn: r.closed_on,
        lastVisit: lastVisit(r, asOf),
        lastBusiness: r.last_business,
        relationshipStart: r.start_on,
        lastApplication: r.app_first === null ? null : { firstTxn: r.app_first, filedOn: r.app_filed! },
        lastFormSent: r.last_sent,
        lastInitialSent: r.last_initial,
        lastRevisitSent: r.last_revisit,
      }),
    );
    return { customers, plans, minutes, forms };
  }

  async monthly(from: ISODate, to: ISODate): Promise<Omit<MonthlyFacts, 'overdueOwners'>> {
    // Grouped: what counts is the owner, the grade, registered in the month or before, closed by its end or not.
    const customers = await this.sql.rows<MonthlyFacts['customers'][number]>(
      `SELECT owner, grade, CASE WHEN registered_on >= $1 THEN registered_on ELSE DATE '0001-01-01' END AS "registeredOn",
         CASE WHEN closed_on <= $2 THEN closed_on END AS "closedOn", count(*) AS count
       FROM customers WHERE registered_on <= $2 GROUP BY 1, 2, 3, 4`,
      [from, to],
    );
    const applications = await this.sql.rows<MonthlyFacts['applications'][number]>(
      `SELECT coalesce(a.salesperson, c.owner) AS "by", a.filed_on AS "filedOn", a.status, a.verified_on AS "verifiedOn", a.decided_on AS "decidedOn"
       FROM applications a JOIN customers c ON c.id = a.customer_id
       WHERE a.filed_on <= $2 AND (a.filed_on >= $1 OR a.verified_on >= $1 OR a.decided_on >= $1)`,
      [from, to],
    );
    const visits = await this.sql.rows<MonthlyFacts['visits'][number]>(
      'SELECT salesperson AS "by", customer_id AS "customerId" FROM visits WHERE done = 1 AND date BETWEEN $1 AND $2',
      [from, to],
    );
    const forms = await this.sql.rows<MonthlyFacts['forms'][number]>(
      `SELECT c.owner, f.sent_on AS "sentOn", f.returned_on AS "returnedOn",
         coalesce((SELECT json_object_agg(r.indicator, r.level ORDER BY r.indicator COLLATE "C") FROM form_ratings r WHERE r.form_id = f.id), '{}') AS ratings
       FROM forms f JOIN customers c ON c.id = f.customer_id
       WHERE f.sent_on BETWEEN $1 AND $2 OR f.returned_on BETWEEN $1 AND $2`,
      [from, to],
    );
    return { customers, applications, visits, forms };
  }
}
