// The reads the overdue facts share on PostgreSQL (the single day in facts.ts, a year of month ends in
// assessment.ts): the customers' stored facts as of a day, the open plans, the complaints as stored. Lists come
// in id order, as SQLite's scans give them, whatever join or index the server chooses.
import type { ISODate } from '../../core/dates.js';
import type { CustomerFacts, OpenPlan } from '../../core/overdue.js';
import type { StoredComplaint } from '../../core/as-of.js';
import type { MonthlyFacts } from '../../core/monthly.js';
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
  fs.last_sent, fs.last_initial, fs.last_revisit, c.last_contact_on
FROM customers c
LEFT JOIN customer_facts f ON f.customer_id = c.id
LEFT JOIN (SELECT customer_id, max(first_txn) AS first_txn, max(filed_on) AS filed_on FROM applications WHERE filed_on <= $1 GROUP BY customer_id) ap
  ON ap.customer_id = c.id
LEFT JOIN (SELECT customer_id, max(sent_on) AS last_sent,
             max(CASE WHEN kind = 'initial' THEN sent_on END) AS last_initial,
             max(CASE WHEN kind = 'revisit' THEN sent_on END) AS last_revisit
           FROM forms WHERE sent_on <= $1 GROUP BY customer_id) fs
  ON fs.customer_id = c.id
WHERE c.registered_on <= $2`;

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
  last_contact_on: ISODate | null;
}

/** The last visit on or before the as-of date: the stored one, or the one looked up as of then. */
function lastVisit(r: FactRow, asOf: ISODate): CustomerFacts['lastVisit'] {
  if (r.last_visit_date === null || r.last_visit_id === null) return null;
  if (r.last_visit_date <= asOf) return { id: r.last_visit_id, date: r.last_visit_date, next: r.last_visit_next };
  if (r.visit_before === null) return null;
  const [date, next, id] = r.visit_before.split('|');
  return { id: Number(id), date: date!, next: next || null };
}

/** Which customers a read is about: an owner, one customer, or the ids the other facts point to. */
export interface FactsScope {
  owner?: string | undefined;
  customerId?: number | undefined;
  ids?: number[] | undefined;
}

/** `AND …` narrowing a table with a customer_id column to the scope, its values numbered from `$first` on. */
export function narrowing(scope: FactsScope, first: number, column = 'customer_id'): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts: string[] = [];
  if (scope.owner !== undefined)
    parts.push(`${column} IN (SELECT id FROM customers WHERE owner = $${first + values.push(scope.owner) - 1})`);
  if (scope.customerId !== undefined) parts.push(`${column} = $${first + values.push(scope.customerId) - 1}`);
  if (scope.ids !== undefined) parts.push(`${column} = ANY($${first + values.push(scope.ids) - 1}::bigint[])`);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), values };
}

/** The customers' facts as of `asOf`, those registered by `registeredBy`, narrowed to the scope. */
export async function customerFacts(sql: Sql, asOf: ISODate, scope: FactsScope, registeredBy: ISODate): Promise<CustomerFacts[]> {
  const values: unknown[] = [asOf, registeredBy];
  const parts: string[] = [];
  if (scope.owner !== undefined) parts.push(` AND c.owner = $${values.push(scope.owner)}`);
  if (scope.customerId !== undefined) parts.push(` AND c.id = $${values.push(scope.customerId)}`);
  if (scope.ids !== undefined) parts.push(` AND c.id = ANY($${values.push(scope.ids)}::bigint[])`);
  // In id order, as SQLite's scan of customers gives them: without it the server's join order decided, and the
  // facts of one day read alone and read with other days came in different orders.
  const rows = await sql.rows<FactRow>(`${CUSTOMER_FACTS}${parts.join('')} ORDER BY c.id`, values);
  return rows.map(
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
      lastContactOn: r.last_contact_on,
    }),
  );
}

/** Plans not done yet, with their approval as stored and the date it was decided. */
export function openPlans(sql: Sql, scope: FactsScope = {}): Promise<Array<OpenPlan & { decidedOn: ISODate | null }>> {
  const narrow = narrowing(scope, 1);
  return sql.rows(
    `SELECT id, customer_id AS "customerId", planned_for AS date, approval, approval_on AS "decidedOn" FROM visits
     WHERE planned = 1 AND done = 0 AND planned_for IS NOT NULL${narrow.sql} ORDER BY id`,
    narrow.values,
  );
}

/** Complaints received by `receivedBy` and not closed by `closedAfter` (open ones, and those closed later). */
export function storedComplaints(sql: Sql, receivedBy: ISODate, closedAfter: ISODate, scope: FactsScope = {}): Promise<StoredComplaint[]> {
  const narrow = narrowing(scope, 3, 'k.customer_id');
  return sql.rows(
    `SELECT k.id, k.customer_id AS "customerId", k.status, k.received_on AS "receivedOn", k.verified_on AS "verifiedOn",
       k.due, k.handled_on AS "handledOn", k.followup_due AS "followupDue", k.followup_on AS "followupOn"
     FROM complaints k
     WHERE (k.status IN ('received', 'verified', 'handled') OR (k.status = 'closed' AND k.followup_on > $2)) AND k.received_on <= $1${narrow.sql}
     ORDER BY k.id`,
    [receivedBy, closedAfter, ...narrow.values],
  );
}

/** Forms sent or returned in a period, with their customer's owner and their ratings. */
export function formsBetween(sql: Sql, from: ISODate, to: ISODate): Promise<MonthlyFacts['forms']> {
  return sql.rows(
    `SELECT c.owner, f.sent_on AS "sentOn", f.returned_on AS "returnedOn",
       coalesce((SELECT json_object_agg(r.indicator, r.level ORDER BY r.indicator COLLATE "C") FROM form_ratings r WHERE r.form_id = f.id), '{}') AS ratings
     FROM forms f JOIN customers c ON c.id = f.customer_id
     WHERE f.sent_on BETWEEN $1 AND $2 OR f.returned_on BETWEEN $1 AND $2`,
    [from, to],
  );
}
