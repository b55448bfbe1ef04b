// The monthly report (README, "Commands"; docs/rules.md, "Output"): per salesperson and in total, from the month's facts. Pure.
import type { ISODate } from './dates.js';
import type { Grade } from './customer.js';
import type { ApplicationStatus } from './applications.js';
import { compareNames, compareOwners } from './collation.js';
import { windowStart } from './eligibility.js';

export interface MonthlyFacts {
  /**
   * Every customer registered up to the month's end; `count` > 1 stands for that many alike. Those registered
   * in the month carry their latest business (sale or return) before the day they were registered.
   */
  customers: Array<{
    owner: string | null;
    grade: Grade;
    registeredOn: ISODate;
    closedOn: ISODate | null;
    lastBusiness?: ISODate | null;
    count?: number;
  }>;
  /** Applications filed, decided or verified up to the month's end. */
  applications: Array<{
    by: string | null;
    filedOn: ISODate;
    status: ApplicationStatus;
    verifiedOn: ISODate | null;
    decidedOn: ISODate | null;
  }>;
  /** Completed visits dated in the month. */
  visits: Array<{ by: string | null; customerId: number }>;
  /** Forms sent or returned in the month, with their customer's owner. */
  forms: Array<{ owner: string | null; sentOn: ISODate; returnedOn: ISODate | null; ratings: Record<string, number> }>;
  /** Owners of the items overdue at the month's end. */
  overdueOwners: Array<string | null>;
}

export const FIGURES = [
  // Registrations in the month, and those of them new by rule 2 on the day they were registered.
  'new_customers',
  'new_customers_by_rule',
  'applications_filed',
  'applications_recognized',
  'applications_rejected',
  'visits',
  'customers_visited',
  'forms_sent',
  'forms_returned',
  'overdue_at_month_end',
] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<Figure, number>;

export interface OwnerFigures extends Figures {
  owner: string | null;
}

export interface MonthlyReport {
  month: string;
  from: ISODate;
  to: ISODate;
  byOwner: OwnerFigures[];
  totals: Figures;
  feedback: { sent: number; returned: number; returnRate: number; ratings: Record<string, { count: number; average: number }> };
  grades: Record<Grade, number>;
}

const zero = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures;
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const inMonth = (date: ISODate | null, from: ISODate, to: ISODate): boolean => date !== null && date >= from && date <= to;

/** When a rejection happened: the decision, else the verification, else (late) the filing. */
const rejectedOn = (a: MonthlyFacts['applications'][number]): ISODate => a.decidedOn ?? a.verifiedOn ?? a.filedOn;

/** Rule 2 on the day of registration: no business in the `years` before it. */
const newWhenRegistered = (c: MonthlyFacts['customers'][number], years: number): boolean =>
  c.lastBusiness == null || c.lastBusiness < windowStart(c.registeredOn, years);

/** `years`: eligibility.years, for the registrations that are new by rule 2. */
export function monthlyReport(facts: MonthlyFacts, month: string, from: ISODate, to: ISODate, years = 3): MonthlyReport {
  const rows = new Map<string | null, OwnerFigures>();
  const row = (owner: string | null): OwnerFigures => {
    let r = rows.get(owner);
    if (!r) rows.set(owner, (r = { owner, ...zero() }));
    return r;
  };
  const totals = zero();
  const count = (owner: string | null, figure: Figure, n = 1): void => {
    row(owner)[figure] += n;
    totals[figure] += n;
  };
  const grades: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  for (const c of facts.customers) {
    if (c.registeredOn > to) continue;
    const n = c.count ?? 1;
    if (inMonth(c.registeredOn, from, to)) {
      count(c.owner, 'new_customers', n);
      if (newWhenRegistered(c, years)) count(c.owner, 'new_customers_by_rule', n);
    }
    if (c.closedOn === null || c.closedOn > to) grades[c.grade] += n;
  }
  for (const a of facts.applications) {
    if (inMonth(a.filedOn, from, to)) count(a.by, 'applications_filed');
    if (a.status === 'recognized' && inMonth(a.decidedOn, from, to)) count(a.by, 'applications_recognized');
    if (a.status === 'rejected' && inMonth(rejectedOn(a), from, to)) count(a.by, 'applications_rejected');
  }
  const visited = new Map<string | null, Set<number>>();
  const allVisited = new Set<number>();
  for (const v of facts.visits) {
    count(v.by, 'visits');
    if (!visited.has(v.by)) visited.set(v.by, new Set());
    visited.get(v.by)!.add(v.customerId);
    allVisited.add(v.customerId);
  }
  for (const [owner, customers] of visited) row(owner).customers_visited = customers.size;
  totals.customers_visited = allVisited.size;
  const ratings = new Map<string, { count: number; sum: number }>();
  for (const f of facts.forms) {
    if (inMonth(f.sentOn, from, to)) count(f.owner, 'forms_sent');
    if (inMonth(f.returnedOn, from, to)) {
      count(f.owner, 'forms_returned');
      for (const [indicator, level] of Object.entries(f.ratings)) {
        const r = ratings.get(indicator) ?? { count: 0, sum: 0 };
        r.count++;
        r.sum += level;
        ratings.set(indicator, r);
      }
    }
  }
  for (const owner of facts.overdueOwners) count(owner, 'overdue_at_month_end');

  const byOwner = [...rows.values()].sort((a, b) => compareOwners(a.owner, b.owner));
  return {
    month,
    from,
    to,
    byOwner,
    totals,
    feedback: {
      sent: totals.forms_sent,
      returned: totals.forms_returned,
      returnRate: totals.forms_sent === 0 ? 0 : round(totals.forms_returned / totals.forms_sent, 4),
      ratings: Object.fromEntries(
        [...ratings.entries()]
          .sort(([a], [b]) => compareNames(a, b))
          .map(([indicator, r]) => [indicator, { count: r.count, average: round(r.sum / r.count, 2) }]),
      ),
    },
    grades,
  };
}

/** The default month: the last complete month before the as-of date. */
export function lastCompleteMonth(asOf: ISODate): string {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  return month === 1 ? `${String(year - 1).padStart(4, '0')}-12` : `${asOf.slice(0, 4)}-${String(month - 1).padStart(2, '0')}`;
}
