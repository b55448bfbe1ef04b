// docs/rules.md, rules 6–11, 14 and 15: everything that is due, as one pure function over facts the database layer
// loads in a few set-based queries. Overdue means due strictly before the as-of date (rule 11), with one
// exception: a plan still waiting for approval is listed from its own date on (rule 15, see the plans below).
import { daysBetween, plusDays, plusMonths, type ISODate } from './dates.js';
import { addWorkingDays, type WorkCalendar } from './calendar.js';
import type { Grade } from './customer.js';
import type { Settings } from './settings.js';
import type { FormKind } from './forms.js';
import { minusMonths } from './dates.js';
import { complaintNextDue, type ComplaintStatus } from './complaints.js';

export const OVERDUE_KINDS = [
  'first-contact',
  'follow-up',
  'plan-missed',
  'minutes',
  'application',
  'form-return',
  'form-send',
  'complaint',
  'plan-approval',
] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

/** The kinds as the table shows them (first contact, 首次联系 …), besides their codes. */
const OVERDUE_KIND_WORDS: Record<string, OverdueKind> = {
  'missed-plan': 'plan-missed',
  'form-to-send': 'form-send',
  首次联系: 'first-contact',
  跟进: 'follow-up',
  计划未执行: 'plan-missed',
  会谈纪要: 'minutes',
  新客户申请: 'application',
  反馈表收回: 'form-return',
  反馈表寄出: 'form-send',
  投诉: 'complaint',
  走访单审批: 'plan-approval',
};

/** A kind by its code or by its label in either language (`first contact`, 首次联系); null for anything else. */
export function parseOverdueKind(text: string): OverdueKind | null {
  const word = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/gu, '-');
  return (OVERDUE_KINDS as readonly string[]).includes(word) ? (word as OverdueKind) : (OVERDUE_KIND_WORDS[word] ?? null);
}

export interface CustomerFacts {
  id: number;
  name: string;
  owner: string | null;
  grade: Grade;
  registeredOn: ISODate;
  assignedOn: ISODate;
  closedOn: ISODate | null;
  /** Latest completed visit on or before as-of, and the next date it set. */
  lastVisit: { id: number; date: ISODate; next: ISODate | null } | null;
  /** Latest sale/return before as-of. */
  lastBusiness: ISODate | null;
  /** Current relationship start (rule 4), on or before as-of. */
  relationshipStart: ISODate | null;
  /** Latest application's relationship start and filing date. */
  lastApplication: { firstTxn: ISODate; filedOn: ISODate } | null;
  /** Latest form sent on or before as-of, of any kind, and of the kinds that rules look for. */
  lastFormSent: ISODate | null;
  lastInitialSent: ISODate | null;
  lastRevisitSent: ISODate | null;
  /** The last contact before custrack, from an import (rule 6): a contact on that day without a visit. */
  lastContactOn?: ISODate | null;
}

export const PLAN_APPROVALS = ['pending', 'approved', 'rejected'] as const;
export type PlanApproval = (typeof PLAN_APPROVALS)[number];

export interface OpenPlan {
  id: number;
  customerId: number;
  date: ISODate;
  /**
   * The plan's approval (rule 15), read only while `plan.approval` is on: `pending` → a `plan-approval` item,
   * `rejected` → nothing, `approved` or null/absent (planned before approval was turned on) → rule 9.
   */
  approval?: PlanApproval | null;
}

export interface PendingMinutes {
  id: number;
  customerId: number;
  date: ISODate;
}

export interface OpenForm {
  id: number;
  customerId: number;
  kind: FormKind;
  sentOn: ISODate;
  due: ISODate;
}

/** A complaint not closed yet (rule 14), with the due dates stored when its steps were taken. */
export interface OpenComplaint {
  id: number;
  customerId: number;
  status: ComplaintStatus;
  receivedOn: ISODate;
  /** The handling due date in force (reset by an unsatisfied follow-up). */
  due: ISODate;
  handledOn: ISODate | null;
  followupDue: ISODate | null;
  /** The latest follow-up: when an unsatisfied one sent the complaint back to be handled again. */
  followupOn: ISODate | null;
}

export interface OverdueFacts {
  /** Read once, in one pass: a large office streams them instead of holding them all. */
  customers: Iterable<CustomerFacts>;
  /** Plans not done, with their approval when plan approval is on. */
  plans: readonly OpenPlan[];
  minutes: readonly PendingMinutes[];
  forms: readonly OpenForm[];
  /** Complaints not closed (closed ones are ignored if given). */
  complaints?: readonly OpenComplaint[];
}

/** What an item is about, for the detail column: a code and the values a message needs. */
export type Detail =
  | { code: 'first-contact'; assignedOn: ISODate }
  | { code: 'follow-up-next'; lastVisit: ISODate }
  | { code: 'follow-up-cadence'; lastVisit: ISODate; grade: Grade; days: number }
  | { code: 'plan-missed'; date: ISODate }
  | { code: 'minutes'; date: ISODate }
  | { code: 'application'; start: ISODate }
  | { code: 'form-return'; kind: FormKind; sentOn: ISODate }
  | { code: 'form-send-initial'; start: ISODate }
  | { code: 'form-send-periodic'; lastSent: ISODate }
  | { code: 'form-send-revisit'; closedOn: ISODate }
  /** To be handled: received on, and the unsatisfied follow-up that sent it back (null the first time). */
  | { code: 'complaint-handle'; receivedOn: ISODate; reopenedOn: ISODate | null }
  /** Handled, to be followed up. */
  | { code: 'complaint-followup'; receivedOn: ISODate; handledOn: ISODate }
  | { code: 'plan-approval'; date: ISODate };

export interface OverdueItem {
  kind: OverdueKind;
  customerId: number;
  customer: string;
  owner: string | null;
  due: ISODate;
  daysOverdue: number;
  /** The visit, plan, form or complaint the item is about; the customer id for customer-level items. */
  refId: number;
  detail: Detail;
}

export interface OverdueOptions {
  /** Also what falls due in the next N days (negative days_overdue). */
  within?: number | undefined;
  kinds?: readonly OverdueKind[] | undefined;
  owner?: string | undefined;
}

export function findOverdue(
  facts: OverdueFacts,
  asOf: ISODate,
  settings: Settings,
  calendar: WorkCalendar,
  options: OverdueOptions = {},
): OverdueItem[] {
  // Due strictly before as-of; with --within N, due up to as-of + N.
  const limit = options.within === undefined ? plusDays(asOf, -1) : plusDays(asOf, options.within);
  // Rule 15: a pending plan is listed once its date has come, i.e. due on or before as-of (0 days overdue
  // on the plan's own date); with --within N the usual limit is later anyway.
  const pendingLimit = limit > asOf ? limit : asOf;
  const wanted = new Set<OverdueKind>(options.kinds?.length ? options.kinds : OVERDUE_KINDS);
  const items: OverdueItem[] = [];
  const customers = new Map<number, CustomerFacts>();
  const push = (kind: OverdueKind, c: CustomerFacts, due: ISODate, refId: number, detail: Detail): void => {
    if (!wanted.has(kind) || due > (kind === 'plan-approval' ? pendingLimit : limit)) return;
    if (options.owner !== undefined && c.owner !== options.owner) return;
    items.push({ kind, customerId: c.id, customer: c.name, owner: c.owner, due, daysOverdue: daysBetween(due, asOf), refId, detail });
  };

  const dormantSince = minusMonths(asOf, settings['target.dormant_months']);
  // Only the customers that plans, visits, forms or complaints point to are kept for the second part.
  const complaints = facts.complaints ?? [];
  const needed = new Set<number>([...facts.plans, ...facts.minutes, ...facts.forms, ...complaints].map((x) => x.customerId));
  for (const c of facts.customers) {
    if (c.registeredOn > asOf) continue;
    if (needed.has(c.id)) customers.set(c.id, c);
    const closed = c.closedOn !== null && c.closedOn <= asOf;
    if (closed) {
      // Closed customers are never due for contact; only the revisit form remains.
      if (c.lastRevisitSent === null || c.lastRevisitSent < c.closedOn!) {
        push('form-send', c, plusMonths(c.closedOn!, settings['form.revisit_months']), c.id, {
          code: 'form-send-revisit',
          closedOn: c.closedOn!,
        });
      }
      continue;
    }
    // Rule 6: a last contact imported with the customer counts as a contact on its day, once that day has
    // come; a visit on a later day (or the same day, which may set a next date) takes over from it.
    const imported =
      c.lastContactOn != null && c.lastContactOn <= asOf && (c.lastVisit === null || c.lastVisit.date < c.lastContactOn)
        ? c.lastContactOn
        : null;
    if (imported !== null) {
      const days = settings[`cadence.${c.grade}`];
      push('follow-up', c, plusDays(imported, days), c.id, { code: 'follow-up-cadence', lastVisit: imported, grade: c.grade, days });
    } else if (c.lastVisit === null) {
      push('first-contact', c, plusDays(c.assignedOn, settings['first_contact.days']), c.id, {
        code: 'first-contact',
        assignedOn: c.assignedOn,
      });
    } else if (c.lastVisit.next !== null) {
      push('follow-up', c, c.lastVisit.next, c.lastVisit.id, { code: 'follow-up-next', lastVisit: c.lastVisit.date });
    } else {
      const days = settings[`cadence.${c.grade}`];
      push('follow-up', c, plusDays(c.lastVisit.date, days), c.lastVisit.id, {
        code: 'follow-up-cadence',
        lastVisit: c.lastVisit.date,
        grade: c.grade,
        days,
      });
    }
    const start = c.relationshipStart;
    // A relationship that started before the customer was registered here is an existing customer,
    // not a development: no application and no initial form are expected for it.
    if (start !== null && start >= c.registeredOn) {
      const filed = c.lastApplication !== null && (c.lastApplication.firstTxn >= start || c.lastApplication.filedOn >= start);
      if (!filed) push('application', c, plusMonths(start, settings['application.deadline_months']), c.id, { code: 'application', start });
      if (c.lastInitialSent === null || c.lastInitialSent < start) {
        push('form-send', c, plusDays(start, settings['form.initial_days']), c.id, { code: 'form-send-initial', start });
      }
    }
    const active = c.lastBusiness !== null && c.lastBusiness >= dormantSince;
    if (active && c.lastFormSent !== null) {
      push('form-send', c, plusMonths(c.lastFormSent, settings['form.periodic_months']), c.id, {
        code: 'form-send-periodic',
        lastSent: c.lastFormSent,
      });
    }
  }

  const approvalOn = settings['plan.approval'] === 'on';
  for (const plan of facts.plans) {
    const c = customers.get(plan.customerId);
    if (!c || (c.closedOn !== null && c.closedOn <= asOf)) continue;
    // Rule 15 with approval on. A pending plan is the manager's to decide: one `plan-approval` item, due on
    // its own date, and not also `plan-missed` once the date has passed (nobody should visit on a plan that
    // was never approved, and one late decision must not count twice at month end). Approved late, it is
    // `plan-missed` from its date like any other. A rejected plan is not to be done: nothing is due.
    // Plans made while approval was off (no approval recorded) follow rule 9. With approval off, the
    // approval column is not read at all: rule 9 as before.
    const approval = approvalOn ? (plan.approval ?? null) : null;
    if (approval === 'rejected') continue;
    if (approval === 'pending') push('plan-approval', c, plan.date, plan.id, { code: 'plan-approval', date: plan.date });
    else push('plan-missed', c, plan.date, plan.id, { code: 'plan-missed', date: plan.date });
  }
  for (const visit of facts.minutes) {
    const c = customers.get(visit.customerId);
    if (c)
      push('minutes', c, addWorkingDays(visit.date, settings['minutes.working_days'], calendar), visit.id, {
        code: 'minutes',
        date: visit.date,
      });
  }
  for (const form of facts.forms) {
    const c = customers.get(form.customerId);
    if (c) push('form-return', c, form.due, form.id, { code: 'form-return', kind: form.kind, sentOn: form.sentOn });
  }
  // Rule 14: a complaint is due to be handled (received or verified) or followed up (handled). It stays due
  // when its customer is closed: a complaint is answered whatever the sales relationship. Complaints received
  // after as-of are not known yet on that day.
  for (const complaint of complaints) {
    const c = customers.get(complaint.customerId);
    if (!c || complaint.receivedOn > asOf) continue;
    const next = complaintNextDue(complaint);
    if (next === null) continue;
    const detail: Detail =
      next.step === 'handle'
        ? {
            code: 'complaint-handle',
            receivedOn: complaint.receivedOn,
            reopenedOn: complaint.status === 'verified' ? complaint.followupOn : null,
          }
        : { code: 'complaint-followup', receivedOn: complaint.receivedOn, handledOn: complaint.handledOn ?? complaint.receivedOn };
    push('complaint', c, next.due, complaint.id, detail);
  }
  // Kinds are ASCII codes: compared by code unit, the order localeCompare gives, at a fraction of its cost.
  return items.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || a.customerId - b.customerId || a.refId - b.refId,
  );
}
