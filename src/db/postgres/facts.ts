// The facts the overdue rules and the monthly report need, on PostgreSQL: the same set-based questions
// as src/db/sqlite/facts.ts.
import type { ISODate } from '../../core/dates.js';
import type { OpenForm, OverdueKind, PendingMinutes } from '../../core/overdue.js';
import { planApprovalOn } from '../../core/as-of.js';
import type { QuarterlyFacts } from '../../core/quarterly.js';
import type { OverdueScope, OverdueTimeline, StoredOverdueFacts } from '../../app/store-service.js';
import { customerFacts, formsBetween, narrowing, openPlans, storedComplaints } from './fact-reads.js';
import { overdueTimeline, quarterlyFacts } from './assessment.js';
import type { MonthlyFacts } from '../../core/monthly.js';
import type { FactsRepository } from '../../app/store.js';
import type { Sql } from './sql.js';
import { isBusinessSql } from '../business.js';

export class PostgresFacts implements FactsRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * What the overdue rules need on `asOf`, narrowed before it is read: only the kinds asked about, only the
   * owner's or the customer's rows; without a customer-level kind, only the customers the rest points to.
   */
  async overdue(asOf: ISODate, scope: OverdueScope = {}): Promise<StoredOverdueFacts> {
    const wants = (...kinds: OverdueKind[]): boolean => !scope.kinds?.length || kinds.some((k) => scope.kinds!.includes(k));
    const narrow = narrowing(scope, 2);
    const values = [asOf, ...narrow.values];
    // A plan's approval as it stood on as-of (rule 15); plans made while approval was off have none.
    const plans = wants('plan-missed', 'plan-approval')
      ? (await openPlans(this.sql, scope)).map(({ decidedOn, approval, ...plan }) => {
          const then = planApprovalOn(approval ?? null, decidedOn, asOf);
          return then === null ? plan : { ...plan, approval: then };
        })
      : [];
    const minutes = wants('minutes')
      ? await this.sql.rows<PendingMinutes>(
          // Two ranges of the partial index visits_minutes (not written yet; written after as-of), as on SQLite:
          // written as one condition with OR, the server read every in-person visit (1 s of 1M visits, against 60 ms).
          `SELECT id, customer_id AS "customerId", date FROM visits
           WHERE method = 'in-person' AND done = 1 AND minutes_on IS NULL AND date <= $1${narrow.sql}
           UNION ALL
           SELECT id, customer_id AS "customerId", date FROM visits
           WHERE method = 'in-person' AND done = 1 AND minutes_on > $1 AND date <= $1${narrow.sql}`,
          values,
        )
      : [];
    const forms = wants('form-return')
      ? await this.sql.rows<OpenForm>(
          `SELECT id, customer_id AS "customerId", kind, sent_on AS "sentOn", due FROM forms
           WHERE sent_on <= $1 AND (returned_on IS NULL OR returned_on > $1)${narrow.sql} ORDER BY id`,
          values,
        )
      : [];
    // Complaints open on as-of, or closed after it: the use case sees each as it stood that day (src/core/as-of.ts).
    const complaints = wants('complaint') ? await storedComplaints(this.sql, asOf, asOf, scope) : [];
    const customerLevel = wants('first-contact', 'follow-up', 'application', 'form-send');
    const ids = customerLevel ? undefined : [...new Set([...plans, ...minutes, ...forms, ...complaints].map((x) => x.customerId))];
    const customers = await customerFacts(this.sql, asOf, { owner: scope.owner, customerId: scope.customerId, ids }, asOf);
    return { customers, plans, minutes, forms, complaints };
  }

  async quarterly(from: ISODate, to: ISODate): Promise<QuarterlyFacts> {
    return quarterlyFacts(this.sql, from, to);
  }

  async overdueTimeline(from: ISODate, to: ISODate): Promise<OverdueTimeline> {
    return overdueTimeline(this.sql, from, to);
  }

  async monthly(from: ISODate, to: ISODate): Promise<Omit<MonthlyFacts, 'overdueOwners'>> {
    // Grouped: what counts is the owner, the grade, registered in the month or before, closed by its end or not,
    // and for the month's registrations the latest business before the day (rule 2 runs in src/core/monthly.ts).
    const customers = await this.sql.rows<MonthlyFacts['customers'][number]>(
      `SELECT owner, grade, "registeredOn", "closedOn", "lastBusiness", count(*) AS count FROM (
         SELECT owner, grade, CASE WHEN registered_on >= $1 THEN registered_on ELSE DATE '0001-01-01' END AS "registeredOn",
           CASE WHEN closed_on <= $2 THEN closed_on END AS "closedOn",
           CASE WHEN registered_on >= $1 THEN (SELECT max(t.date) FROM transactions t
             WHERE t.customer_id = c.id AND ${isBusinessSql('t')} AND t.date < c.registered_on) END AS "lastBusiness"
         FROM customers c WHERE registered_on <= $2) AS registered
       GROUP BY 1, 2, 3, 4, 5`,
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
    const forms = await formsBetween(this.sql, from, to);
    return { customers, applications, visits, forms };
  }
}
