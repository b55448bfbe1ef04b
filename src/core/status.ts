// docs/rules.md, rule 12: the status of a customer on a date.
import { minusMonths, type ISODate } from './dates.js';

export const CUSTOMER_STATUSES = ['prospect', 'active', 'dormant', 'closed'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** The statuses as the Chinese tables show them. */
const STATUS_WORDS: Record<string, CustomerStatus> = {
  潜在: 'prospect',
  活跃: 'active',
  休眠: 'dormant',
  已关闭: 'closed',
  关闭: 'closed',
};

/** A status by its code or by its Chinese label (休眠); null for anything else. */
export function parseCustomerStatus(text: string): CustomerStatus | null {
  const word = text.normalize('NFKC').trim().toLowerCase();
  return (CUSTOMER_STATUSES as readonly string[]).includes(word) ? (word as CustomerStatus) : (STATUS_WORDS[word] ?? null);
}

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
