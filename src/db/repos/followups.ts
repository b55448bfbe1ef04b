// The facts the overdue rules need, loaded with a handful of set-based queries (never one per customer).
import { prepared } from '../statements.js';
import type { Db } from '../open.js';
import type { ISODate } from '../../core/dates.js';
import type { CustomerFacts, OpenForm, OpenPlan, OverdueFacts, PendingMinutes } from '../../core/overdue.js';
import type { Grade } from '../../core/customer.js';
import type { MonthlyFacts } from '../../core/monthly.js';


// One row per customer from the stored facts. Where a stored fact lies after the as-of date (a report
// for a past day), the CASE looks the value up as of then instead; SQLite runs those look-ups only for
// such rows, and each reads an index alone. `+c.registered_on` keeps SQLite reading the customers in
// table order instead of through the date index, which would cost a seek per row.
const FACT_COLUMNS = [
  'c.id', 'c.name', 'c.owner', 'c.grade', 'c.registered_on', 'c.assigned_on', 'c.closed_on',
  'f.last_visit_id', 'f.last_visit_date', 'f.last_visit_next',
  `CASE WHEN f.last_visit_date > :asOf THEN (
    SELECT v.date || '|' || ifnull(v.next, '') || '|' || v.id FROM visits v
    WHERE v.customer_id = c.id AND v.done = 1 AND v.date <= :asOf ORDER BY v.date DESC, v.id DESC LIMIT 1) END`,
  `CASE WHEN f.last_business >= :asOf THEN (
    SELECT max(t.date) FROM transactions t WHERE t.customer_id = c.id AND t.kind IN ('sale', 'return') AND t.date < :asOf)
    ELSE f.last_business END`,
  `CASE WHEN f.last_start > :asOf THEN (
    SELECT max(s.start_on) FROM relationship_starts s WHERE s.customer_id = c.id AND s.start_on <= :asOf)
    ELSE f.last_start END`,
  'ap.first_txn', 'ap.filed_on',
  'fs.last_sent', 'fs.last_initial', 'fs.last_revisit',
];
const FACTS_FROM = `
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
const CUSTOMER_FACTS = `SELECT ${FACT_COLUMNS.join(', ')}${FACTS_FROM}`;
const ONE_CUSTOMER_FACTS = `${CUSTOMER_FACTS} AND c.id = :id`;

// The same rows packed into one string each (db/statements.ts says why): reading 100k rows of 18 cells
// was half of `overdue`, and a string a row takes a third less. Every column but the owner is never
// empty when set, so NULL is written empty; the owner gets a leading '=' when set, so that an empty
// owner stays empty and NULL stays NULL.
const PACKED_CUSTOMER_FACTS = `SELECT concat_ws(char(31), ${FACT_COLUMNS.map((column) =>
  column === 'c.owner' ? `CASE WHEN c.owner IS NULL THEN '' ELSE '=' || c.owner END` : `ifnull(${column}, '')`,
).join(', ')})${FACTS_FROM}`;

type FactRow = [
  id: number, name: string, owner: string | null, grade: Grade, registered: ISODate, assigned: ISODate, closed: ISODate | null,
  visitId: number | null, visitDate: ISODate | null, visitNext: ISODate | null, visitBefore: string | null,
  lastBusiness: ISODate | null, start: ISODate | null, appFirst: ISODate | null, appFiled: ISODate | null,
  lastSent: ISODate | null, lastInitial: ISODate | null, lastRevisit: ISODate | null,
];

/** The last visit on or before the as-of date: the stored one, or the one looked up as of then. */
function lastVisit(r: FactRow, asOf: ISODate): CustomerFacts['lastVisit'] {
  const [, , , , , , , id, date, next, before] = r;
  if (date === null || id === null) return null;
  if (date <= asOf) return { id, date, next };
  if (before === null) return null;
  const [d, n, v] = before.split('|');
  return { id: Number(v), date: d!, next: n || null };
}

export function loadOverdueFacts(db: Db, asOf: ISODate, owner?: string): OverdueFacts {
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
  return { customers: customerFacts(db, asOf, owner), plans, minutes, forms };
}

/** The customers' facts, read packed; a line that does not split into its 18 columns is read again typed. */
function* customerFacts(db: Db, asOf: ISODate, owner: string | undefined): IterableIterator<CustomerFacts> {
  const params = { asOf, owner: owner ?? null };
  const lines = prepared(db, PACKED_CUSTOMER_FACTS).pluck(true).all(params) as string[];
  for (const line of lines) {
    const v = line.split('\u001f');
    // Only a value holding U+001F (no custrack write stores one) gives more cells than columns.
    const r =
      v.length === FACT_COLUMNS.length
        ? unpackFacts(v)
        : (prepared(db, ONE_CUSTOMER_FACTS).raw(true).get({ ...params, id: Number.parseInt(line, 10) }) as FactRow);
    yield toCustomerFacts(r, asOf);
  }
}

const orNull = (text: string): string | null => (text === '' ? null : text);

function unpackFacts(v: string[]): FactRow {
  return [
    Number(v[0]), v[1]!, v[2] === '' ? null : v[2]!.slice(1), v[3] as Grade, v[4]!, v[5]!, orNull(v[6]!),
    v[7] === '' ? null : Number(v[7]), orNull(v[8]!), orNull(v[9]!), orNull(v[10]!),
    orNull(v[11]!), orNull(v[12]!), orNull(v[13]!), orNull(v[14]!),
    orNull(v[15]!), orNull(v[16]!), orNull(v[17]!),
  ];
}

function toCustomerFacts(r: FactRow, asOf: ISODate): CustomerFacts {
  return {
    id: r[0],
    name: r[1],
    owner: r[2],
    grade: r[3],
    registeredOn: r[4],
    assignedOn: r[5],
    closedOn: r[6],
    lastVisit: lastVisit(r, asOf),
    lastBusiness: r[11],
    relationshipStart: r[12],
    lastApplication: r[13] === null ? null : { firstTxn: r[13], filedOn: r[14]! },
    lastFormSent: r[15],
    lastInitialSent: r[16],
    lastRevisitSent: r[17],
  };
}

/** The month's facts for the monthly report; only the month's visits and forms are read. */
export function loadMonthlyFacts(db: Db, from: ISODate, to: ISODate): Omit<MonthlyFacts, 'overdueOwners'> {
  // Grouped: what counts is the owner, the grade, registered in the month or before, closed by its end or not.
  const customers = prepared(
    db,
    `SELECT owner, grade, CASE WHEN registered_on >= :from THEN registered_on ELSE '0001-01-01' END AS registeredOn,
       CASE WHEN closed_on <= :to THEN closed_on END AS closedOn, count(*) AS count
     FROM customers NOT INDEXED WHERE registered_on <= :to GROUP BY 1, 2, 3, 4`,
  ).all({ from, to }) as MonthlyFacts['customers'];
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
