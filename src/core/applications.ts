// docs/rules.md, rule 5: the new-customer application — deadline, late filing, verification, status flow.
import { plusMonths, type ISODate } from './dates.js';
import { checkEligibility, type DatedTransaction } from './eligibility.js';

export const APPLICATION_STATUSES = ['filed', 'verified', 'recognized', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Which status each action needs: approve only from `verified`, reject from `filed` or `verified`. */
export const ALLOWED_FROM: Record<'verify' | 'approve' | 'reject', readonly ApplicationStatus[]> = {
  verify: ['filed'],
  approve: ['verified'],
  reject: ['filed', 'verified'],
};

export const LATE = 'late';

export interface Filing {
  deadline: ISODate;
  onTime: boolean;
  status: ApplicationStatus;
  reason: string | null;
}

/** Due `addMonths(start, months)` (2026-01-31 → 2026-02-28); filed after it → recorded as rejected, reason `late`. */
export function fileApplication(firstTxn: ISODate, filedOn: ISODate, deadlineMonths: number): Filing {
  const deadline = plusMonths(firstTxn, deadlineMonths);
  const onTime = filedOn <= deadline;
  return { deadline, onTime, status: onTime ? 'filed' : 'rejected', reason: onTime ? null : LATE };
}

export interface Verification {
  status: 'verified' | 'rejected';
  lastBusiness: ISODate | null;
  windowStart: ISODate;
  reason: string | null;
}

/** Rule 2 with D = the relationship start: any business inside the window rejects, naming its date. */
export function verifyApplication(transactions: readonly DatedTransaction[], firstTxn: ISODate, years: number): Verification {
  const check = checkEligibility(transactions, firstTxn, { years, dormantMonths: 6 });
  if (check.newCustomer) return { status: 'verified', lastBusiness: check.lastBusiness, windowStart: check.windowStart, reason: null };
  return {
    status: 'rejected',
    lastBusiness: check.lastBusiness,
    windowStart: check.windowStart,
    reason: `business on ${check.lastBusiness}`,
  };
}
