// The facts the overdue rules need, loaded with a handful of set-based queries (never one per customer).
import { prepared } from '../statements.js';
import type { Db } from '../open.js';
import type { ISODate } from '../../core/dates.js';
import type { CustomerFacts, OpenForm, OpenPlan, OverdueFacts, PendingMinutes } from '../../core/overdue.js';
import type { Grade } from '../../core/customer.js';
import type { MonthlyFacts } from '../../core/monthly.js';

interface CustomerFactRow {
  id: number;
  name: string;
  owner: string | null;
  grade: Grade;
  registered_on: ISODate;
  assigned_on: ISODate;
  closed_on: ISODate | null;
  lv_id: number | null;
  lv_date: ISODate | null;
  lv_next: ISODate | null;
  last_business: ISODate | null;
  start_on: ISODate | null;
  app_first: ISODate | null;
  app_filed: ISODate | null;
  last_sent: ISODate | null;
  last_initial: ISODate | null;
  last_revisit: ISODate | null;
}

// One row per customer from the stored facts; the few whose stored last visit or business lies after the
// as-of date (a report for a past day) are looked up again below. `+c.registered_on` keeps SQLite reading
// the customers in table order instead of through the date index, which would cost a seek per row.
const CUSTOMER_FACTS = `
SELECT c.id, c.name, c.owner, c.grade, c.registered_on, c.assigned_on, c.closed_on,
  f.last_visit_id AS lv_id, f.last_visit_date AS lv_date, f.last_visit_next AS lv_next, f.last_business,
  (SELECT max(s.start_on) FROM relationship_starts s WHERE s.customer_id = c.id AND s.start_on <= :asOf) AS start_on,
  ap.first_txn AS app_first, ap.filed_on AS app_filed,
  fs.last_sent, fs.last_initial, fs.last_revisit
FROM customers c
LEFT JOIN customer_facts f ON f.customer_id = c.id
LEFT JOIN (SELECT customer_id, max(first_txn) AS first_txn, max(filed_on) AS filed_on FROM applications WHERE filed_on <= :asOf GROUP BY customer_id) ap
  ON ap.customer_id = c.id
LEFT JOIN (SELECT customer_id, max(sent_on) AS last_sent,
             max(CASE WHEN kind = 'initial' THEN sent_on END) AS last_initial,
             max(CASE WHEN kind = 'revisit' THEN sent_on END) AS last_revisit
           FROM forms WHERE sent_on <= :asOf GROUP BY customer_id) fs
  ON fs.customer_id = c.id
WHERE +c.registered_on <= :asOf AND (:owner IS NULL OR c.owner = :owner)`;

export const VISIT_BEFORE = `SELECT id, date, next FROM visits WHERE customer_id = ? AND done = 1 AND date <= ? ORDER BY date DESC, id DESC LIMIT 1`;
export const BUSINESS_BEFORE = `SELECT max(date) AS date FROM transactions WHERE customer_id = ? AND kind IN ('sale', 'return') AND date < ?`;

export function loadOverdueFacts(db: Db, asOf: ISODate, owner?: string): OverdueFacts {
  const customers: CustomerFacts[] = [];
  const rows = prepared(db, CUSTOMER_FACTS).all({ asOf, owner: owner ?? null }) as CustomerFactRow[];
  for (const r of rows) {
    if (r.lv_date !== null && r.lv_date > asOf) {
      const before = prepared(db, VISIT_BEFORE).get(r.id, asOf) as { id: number; date: ISODate; next: ISODate | null } | undefined;
      [r.lv_id, r.lv_date, r.lv_next] = before ? [before.id, before.date, before.next] : [null, null, null];
    }
    if (r.last_business !== null && r.last_business >= asOf) {
      r.last_business = (prepared(db, BUSINESS_BEFORE).get(r.id, asOf) as { date: ISODate | null }).date;
    }
    customers.push({
      id: r.id,
      name: r.name,
      owner: r.owner,
      grade: r.grade,
      registeredOn: r.registered_on,
      assignedOn: r.assigned_on,
      closedOn: r.closed_on,
      lastVisit: r.lv_id === null ? null : { id: r.lv_id, date: r.lv_date!, next: r.lv_next },
      lastBusiness: r.last_business,
      relationshipStart: r.start_on,
      lastApplication: r.app_first === null ? null : { firstTxn: r.app_first, filedOn: r.app_filed! },
      lastFormSent: r.last_sent,
      lastInitialSent: r.last_initial,
      lastRevisitSent: r.last_revisit,
    });
  }
  const plans = prepared(db, `SELECT id, customer_id AS customerId, planned_for AS date FROM visits WHERE planned = 1 AND done = 0 AND planned_for IS NOT NULL`)
    .all() as OpenPlan[];
  const minutes = prepared(db, 
      `SELECT id, customer_id AS customerId, date FROM visits
       WHERE method = 'in-person' AND done = 1 AND minutes_on IS NULL AND date <= :asOf
       UNION ALL
       SELECT id, customer_id AS customerId, date FROM visits
       WHERE method = 'in-person' AND done = 1 AND minutes_on > :asOf AND date <= :asOf`,
    )
    .all({ asOf }) as PendingMinutes[];
  const forms = prepared(db, 
      `SELECT id, customer_id AS customerId, kind, sent_on AS sentOn, due FROM forms
       WHERE sent_on <= :asOf AND (returned_on IS NULL OR returned_on > :asOf)`,
    )
    .all({ asOf }) as OpenForm[];
  return { customers, plans, minutes, forms };
}

/** The month's facts for the monthly report; only the month's visits and forms are read. */
export function loadMonthlyFacts(db: Db, from: ISODate, to: ISODate): Omit<MonthlyFacts, 'overdueOwners'> {
  const customers = prepared(db, 'SELECT owner, grade, registered_on AS registeredOn, closed_on AS closedOn FROM customers WHERE registered_on <= ?')
    .all(to) as MonthlyFacts['customers'];
  const applications = prepared(db, 
      `SELECT coalesce(a.salesperson, c.owner) AS by, a.filed_on AS filedOn, a.status, a.verified_on AS verifiedOn, a.decided_on AS decidedOn
       FROM applications a JOIN customers c ON c.id = a.customer_id
       WHERE a.filed_on <= :to AND (a.filed_on >= :from OR a.verified_on >= :from OR a.decided_on >= :from)`,
    )
    .all({ from, to }) as MonthlyFacts['applications'];
  const visits = prepared(db, 'SELECT salesperson AS by, customer_id AS customerId FROM visits WHERE done = 1 AND date BETWEEN ? AND ?')
    .all(from, to) as MonthlyFacts['visits'];
  const forms = (
    prepared(db, 
        `SELECT c.owner, f.sent_on AS sentOn, f.returned_on AS returnedOn,
           (SELECT json_group_object(r.indicator, r.level) FROM form_ratings r WHERE r.form_id = f.id) AS ratings
         FROM forms f JOIN customers c ON c.id = f.customer_id
         WHERE f.sent_on BETWEEN :from AND :to OR f.returned_on BETWEEN :from AND :to`,
      )
      .all({ from, to }) as Array<{ owner: string | null; sentOn: ISODate; returnedOn: ISODate | null; ratings: string }>
  ).map((f) => ({ ...f, ratings: JSON.parse(f.ratings) as Record<string, number> }));
  return { customers, applications, visits, forms };
}
