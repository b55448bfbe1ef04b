// What a stored record was on an earlier day, for lists and reports of a past date (the overdue list
// `--as-of` a past day, the monthly report's overdue at month end). The database keeps the latest state
// of a complaint and of a plan's approval; the dates on them say what the state was before.
import { followupDue, handlingDue, type ComplaintRules, type ComplaintStatus } from './complaints.js';
import type { ISODate } from './dates.js';
import type { PlanApproval } from './overdue.js';

/** What the database keeps of a complaint (docs/rules.md, rule 14): its latest state and the dates of its latest steps. */
export interface StoredComplaint {
  id: number;
  customerId: number;
  status: ComplaintStatus;
  receivedOn: ISODate;
  verifiedOn: ISODate | null;
  /** The handling due date in force. */
  due: ISODate;
  /** The latest handling. */
  handledOn: ISODate | null;
  followupDue: ISODate | null;
  /** The latest follow-up. */
  followupOn: ISODate | null;
}

/** A complaint as it stood on a day: the `OpenComplaint` of the overdue rules (src/core/overdue.ts). */
export interface ComplaintOnDay {
  id: number;
  customerId: number;
  status: ComplaintStatus;
  receivedOn: ISODate;
  due: ISODate;
  handledOn: ISODate | null;
  followupDue: ISODate | null;
  followupOn: ISODate | null;
}

/**
 * The complaint as it stood at the end of `day`; null when it was not received yet or already closed.
 *
 * Exact for the latest round the row remembers (the latest handling, the follow-up before or after it).
 * A complaint sent back more than once has forgotten its earlier rounds (they are in the history, with
 * the wall-clock time of each change rather than the step's date): before its latest round it is taken as
 * waiting for its first handling, due `handle_days` working days after receipt.
 */
export function complaintOn(c: StoredComplaint, day: ISODate, rules: ComplaintRules): ComplaintOnDay | null {
  if (c.receivedOn > day) return null;
  const { handledOn: h, followupOn: f } = c;
  const base = { id: c.id, customerId: c.customerId, receivedOn: c.receivedOn };
  const handled = (followup: ISODate | null): ComplaintOnDay => ({
    ...base,
    status: 'handled',
    due: c.due,
    handledOn: h,
    followupDue: followup ?? followupDue(h!, rules),
    followupOn: null,
  });
  const reopened = (): ComplaintOnDay => ({ ...base, status: 'verified', due: c.due, handledOn: null, followupDue: null, followupOn: f });
  switch (c.status) {
    case 'closed':
      // f is the satisfied follow-up that closed it, after the latest handling h.
      if (f !== null && f <= day) return null;
      if (h !== null && h <= day) return handled(c.followupDue);
      break;
    case 'handled':
      // h is the latest handling; f, when there is one, the unsatisfied follow-up that asked for it.
      if (h !== null && h <= day) return handled(c.followupDue);
      if (f !== null && f <= day) return reopened();
      break;
    case 'verified':
      // With f: sent back by the unsatisfied follow-up f, after the handling h.
      if (f !== null && f <= day) return reopened();
      if (f !== null && h !== null && h <= day) return handled(null);
      break;
    case 'received':
      break;
  }
  // The first round: received, then verified, due `handle_days` working days after receipt (the stored
  // due date when no follow-up ever reset it).
  const firstDue = f === null ? c.due : handlingDue(c.receivedOn, rules);
  const verified = c.verifiedOn !== null && c.verifiedOn <= day;
  return { ...base, status: verified ? 'verified' : 'received', due: firstDue, handledOn: null, followupDue: null, followupOn: null };
}

/** A plan's approval on `day` (rule 15): a decision taken after that day leaves the plan pending on it. */
export function planApprovalOn(approval: PlanApproval | null, decidedOn: ISODate | null, day: ISODate): PlanApproval | null {
  return approval !== null && approval !== 'pending' && decidedOn !== null && decidedOn > day ? 'pending' : approval;
}
