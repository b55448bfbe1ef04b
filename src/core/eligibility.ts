// docs/rules.md, rules 2–4: is a customer new on a date, when would it be new again, is it a development
// target, and when did its current relationship start. Pure: transactions and a date in, facts out.
import { minusMonths, minusYears, plusDays, plusMonths, type ISODate } from './dates.js';

export type TransactionKind = 'sale' | 'sample' | 'return';

export interface DatedTransaction {
  date: ISODate;
  kind: TransactionKind;
}

export interface EligibilityRules {
  /** eligibility.years */
  years: number;
  /** target.dormant_months */
  dormantMonths: number;
}

export interface Eligibility {
  asOf: ISODate;
  windowStart: ISODate;
  newCustomer: boolean;
  /** Latest sale/return dated before as-of. */
  lastBusiness: ISODate | null;
  /** When not new: the first date on which it would be new again. */
  newCustomerFrom: ISODate | null;
  /** Samples inside the window, which did not count. */
  samplesIgnored: number;
  /** No sale/return in the dormant months before as-of (or none ever). */
  developmentTarget: boolean;
}

/** The kinds that are business; samples never count (the database's queries use the same list: src/db/business.ts). */
export const BUSINESS_KINDS = ['sale', 'return'] as const satisfies readonly TransactionKind[];

export const isBusiness = (t: DatedTransaction): boolean => t.kind === 'sale' || t.kind === 'return';

/** The window's first day: calendar subtraction, inclusive (2026-02-28 − 3 years = 2023-02-28). */
export function windowStart(asOf: ISODate, years: number): ISODate {
  return minusYears(asOf, years);
}

/**
 * The smallest date D' whose window [D' − years, D') no longer holds `lastBusiness`.
 * Leap days make the naive `last + years + 1 day` off by one in either direction, so step until true.
 */
export function newAgainFrom(lastBusiness: ISODate, years: number): ISODate {
  let candidate = plusMonths(lastBusiness, 12 * years);
  while (minusYears(candidate, years) <= lastBusiness) candidate = plusDays(candidate, 1);
  // A shorter month can push `plusMonths` past the first qualifying day; step back while still true.
  while (minusYears(plusDays(candidate, -1), years) > lastBusiness) candidate = plusDays(candidate, -1);
  return candidate;
}

export function checkEligibility(transactions: readonly DatedTransaction[], asOf: ISODate, rules: EligibilityRules): Eligibility {
  const start = windowStart(asOf, rules.years);
  let lastBusiness: ISODate | null = null;
  let samplesIgnored = 0;
  for (const t of transactions) {
    if (t.date >= asOf) continue; // on or after the date in question: ignored
    if (isBusiness(t)) {
      if (lastBusiness === null || t.date > lastBusiness) lastBusiness = t.date;
    } else if (t.date >= start) {
      samplesIgnored++;
    }
  }
  const newCustomer = lastBusiness === null || lastBusiness < start;
  return {
    asOf,
    windowStart: start,
    newCustomer,
    lastBusiness,
    newCustomerFrom: newCustomer || lastBusiness === null ? null : newAgainFrom(lastBusiness, rules.years),
    samplesIgnored,
    developmentTarget: lastBusiness === null || lastBusiness < minusMonths(asOf, rules.dormantMonths),
  };
}

/**
 * Rule 4, every start: a day with a `sale` starts a relationship when there was no sale on an earlier day,
 * or no business at all in the `years` before that day. Business on the same day never hides a start.
 * Ascending; each start depends only on business before it, so the list holds for any as-of date.
 */
export function relationshipStarts(transactions: readonly DatedTransaction[], years: number): ISODate[] {
  const business = transactions.filter(isBusiness).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const starts: ISODate[] = [];
  let before: ISODate | null = null; // latest business on an earlier day
  let soldBefore = false; // a sale on an earlier day
  for (let i = 0; i < business.length; ) {
    const day = business[i]!.date;
    let sale = false;
    for (; i < business.length && business[i]!.date === day; i++) if (business[i]!.kind === 'sale') sale = true;
    if (sale && (!soldBefore || before === null || before < windowStart(day, years))) starts.push(day);
    if (sale) soldBefore = true;
    before = day;
  }
  return starts;
}

/** The current relationship start on `asOf`: the latest start on or before it, or null. */
export function relationshipStart(transactions: readonly DatedTransaction[], asOf: ISODate, years: number): ISODate | null {
  const starts = relationshipStarts(
    transactions.filter((t) => t.date <= asOf),
    years,
  );
  return starts.at(-1) ?? null;
}
