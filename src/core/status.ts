// docs/rules.md, rule 12: the status of a customer on a date.
import { minusMonths, type ISODate } from './dates.js';

export const CUSTOMER_STATUSES = ['prospect', 'active', 'dormant', 'closed'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export interface StatusFacts {
  closedOn: ISODate | null;
  /** Latest `sale`/`return` before the as-of date, or null. */
  lastBusiness: ISODate | null;
}

/** `closed` once closed; else `prospect` without business; `active` with business in the dormant window; else `dormant`. */
export function customerStatus(facts: StatusFacts, asOf: ISODate, dormantMonths: number): CustomerStatus {
  if (facts.closedOn !== null && facts.closedOn <= asOf) return 'closed';
  if (facts.lastBusiness === null) return 'prospect';
  return facts.lastBusiness >= minusMonths(asOf, dormantMonths) ? 'active' : 'dormant';
}
