// The quarterly service assessment (docs/rules.md, rule 16): per owner and in total, from facts
// the database loads in a few set-based queries. Pure.
//
// Who a figure counts for, as in the monthly report:
// - customers served: the salesperson who made the visit (`by`), like `visits`/`customers_visited`;
// - forms, ratings and complaints: the customer's owner, like the monthly `forms_sent`/`forms_returned`;
// - customers with business (the complaint rate's denominator): the customer's owner, so an owner's complaint
//   rate compares their customers' complaints with their customers.
import { daysInMonth, type ISODate } from './dates.js';
import { compareOwners } from './collation.js';

export interface QuarterlyFacts {
  /** Completed visits dated in the quarter (one row per visit, or per distinct visitor and customer). */
  visits: Array<{ by: string | null; customerId: number }>;
  /** Forms sent or returned in the quarter, with their customer's owner and the ratings (1–4) of a returned form. */
  forms: Array<{ owner: string | null; sentOn: ISODate; returnedOn: ISODate | null; ratings: Record<string, number> }>;
  /** Complaints received or handled in the quarter, with their customer's owner; `onTime` of the latest handling. */
  complaints: Array<{ owner: string | null; receivedOn: ISODate; handledOn: ISODate | null; onTime: boolean | null }>;
  /** Customers with a `sale` or `return` dated in the quarter, by owner: one row per customer, or `count` alike. */
  businessCustomers: Array<{ owner: string | null; count?: number }>;
}

export const QUARTERLY_FIGURES = [
  'customers_served',
  'forms_sent',
  'forms_returned',
  'return_rate',
  'satisfaction_average',
  'satisfaction_pct',
  'complaints_received',
  'complaints_handled',
  'complaints_on_time',
  'on_time_rate',
  'complaint_rate',
  'business_customers',
] as const;
export type QuarterlyFigure = (typeof QUARTERLY_FIGURES)[number];

export interface QuarterlyFigures {
  /** Distinct customers with a completed visit in the quarter. */
  customers_served: number;
  forms_sent: number;
  forms_returned: number;
  /** returned / sent, 4 decimals; 0 when none were sent (as the monthly report). May pass 1: forms sent earlier come back too. */
  return_rate: number;
  /** Mean of every rating (any indicator) on the forms returned in the quarter, 1–4, 2 decimals; null without ratings. */
  satisfaction_average: number | null;
  /** (average − 1) / 3 as a percentage, 0–100, 1 decimal; null without ratings. */
  satisfaction_pct: number | null;
  complaints_received: number;
  /** Complaints whose (latest) handling is dated in the quarter. */
  complaints_handled: number;
  complaints_on_time: number;
  /** on time / handled, 4 decimals; 0 when none were handled. */
  on_time_rate: number;
  /** complaints received / customers with business in the quarter, 4 decimals; 0 when no customer had business. */
  complaint_rate: number;
  /** The denominator of the complaint rate, for the reader who wants to check it. */
  business_customers: number;
}

export interface OwnerQuarterlyFigures extends QuarterlyFigures {
  owner: string | null;
}

export interface QuarterlyReport {
  quarter: string;
  from: ISODate;
  to: ISODate;
  byOwner: OwnerQuarterlyFigures[];
  totals: QuarterlyFigures;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const within = (date: ISODate | null, from: ISODate, to: ISODate): boolean => date !== null && date >= from && date <= to;
const rate = (part: number, whole: number): number => (whole === 0 ? 0 : round(part / whole, 4));

/** The counts a row is built from. */
interface Tally {
  served: Set<number>;
  sent: number;
  returned: number;
  ratingSum: number;
  ratingCount: number;
  received: number;
  handled: number;
  onTime: number;
  business: number;
}

const tally = (): Tally => ({
  served: new Set(),
  sent: 0,
  returned: 0,
  ratingSum: 0,
  ratingCount: 0,
  received: 0,
  handled: 0,
  onTime: 0,
  business: 0,
});

function figures(t: Tally): QuarterlyFigures {
  const average = t.ratingCount === 0 ? null : t.ratingSum / t.ratingCount;
  return {
    customers_served: t.served.size,
    forms_sent: t.sent,
    forms_returned: t.returned,
    return_rate: rate(t.returned, t.sent),
    satisfaction_average: average === null ? null : round(average, 2),
    // From the unrounded average, so 3.333… gives 77.8 and not 77.7.
    satisfaction_pct: average === null ? null : round(((average - 1) / 3) * 100, 1),
    complaints_received: t.received,
    complaints_handled: t.handled,
    complaints_on_time: t.onTime,
    on_time_rate: rate(t.onTime, t.handled),
    complaint_rate: rate(t.received, t.business),
    business_customers: t.business,
  };
}

export function quarterlyReport(facts: QuarterlyFacts, quarter: string, from: ISODate, to: ISODate): QuarterlyReport {
  const rows = new Map<string | null, Tally>();
  const total = tally();
  const row = (owner: string | null): Tally => {
    let r = rows.get(owner);
    if (!r) rows.set(owner, (r = tally()));
    return r;
  };
  // Every count goes to the owner's row and to the total; customers served are distinct per row and overall.
  const add = (owner: string | null, f: (t: Tally) => void): void => {
    f(row(owner));
    f(total);
  };
  for (const v of facts.visits) add(v.by, (t) => t.served.add(v.customerId));
  for (const f of facts.forms) {
    if (within(f.sentOn, from, to)) add(f.owner, (t) => t.sent++);
    if (within(f.returnedOn, from, to)) {
      const levels = Object.values(f.ratings);
      const sum = levels.reduce((a, b) => a + b, 0);
      add(f.owner, (t) => {
        t.returned++;
        t.ratingSum += sum;
        t.ratingCount += levels.length;
      });
    }
  }
  for (const c of facts.complaints) {
    if (within(c.receivedOn, from, to)) add(c.owner, (t) => t.received++);
    if (within(c.handledOn, from, to)) {
      add(c.owner, (t) => {
        t.handled++;
        if (c.onTime === true) t.onTime++;
      });
    }
  }
  for (const b of facts.businessCustomers) add(b.owner, (t) => (t.business += b.count ?? 1));

  const byOwner = [...rows.entries()].map(([owner, t]) => ({ owner, ...figures(t) })).sort((a, b) => compareOwners(a.owner, b.owner));
  return { quarter, from, to, byOwner, totals: figures(total) };
}

/** `YYYY-Qn` (n = 1..4; `q` in lower case too) → the quarter's label, first and last day; null otherwise (`2026-Q5`, `2026Q1`, `26-Q1`). */
export function parseQuarter(text: string): { quarter: string; from: ISODate; to: ISODate } | null {
  const m = /^(\d{4})-[Qq]([1-4])$/u.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1) return null;
  const q = Number(m[2]);
  const last = q * 3;
  const mm = (month: number): string => String(month).padStart(2, '0');
  return { quarter: `${m[1]}-Q${q}`, from: `${m[1]}-${mm(last - 2)}-01`, to: `${m[1]}-${mm(last)}-${daysInMonth(year, last)}` };
}

/** The default quarter: the last complete quarter before the as-of date (`2026-10-01` → `2026-Q3`, `2026-03-31` → `2025-Q4`). */
export function lastCompleteQuarter(asOf: ISODate): string {
  const year = Number(asOf.slice(0, 4));
  const current = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1;
  return current === 1 ? `${String(year - 1).padStart(4, '0')}-Q4` : `${asOf.slice(0, 4)}-Q${current - 1}`;
}
