// SPEC §3 rules 6–11: everything that is due, as one pure function over facts the database layer loads
// in a few set-based queries. Overdue means due strictly before the as-of date.
import { daysBetween, plusDays, plusMonths, type ISODate } from './dates.js';
import { addWorkingDays, type WorkCalendar } from './calendar.js';
import type { Grade } from './customer.js';
import type { Settings } from './settings.js';
import type { FormKind } from './forms.js';
import { minusMonths } from './dates.js';

export const OVERDUE_KINDS = ['first-contact', 'follow-up', 'plan-missed', 'minutes', 'application', 'form-return', 'form-send'] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

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
}

export interface OpenPlan {
  id: number;
  customerId: number;
  date: ISODate;
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

export interface OverdueFacts {
  /** Read once, in one pass: a large office streams them instead of holding them all. */
  customers: Iterable<CustomerFacts>;
  plans: readonly OpenPlan[];
  minutes: readonly PendingMinutes[];
  forms: readonly OpenForm[];
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
  | { code: 'form-send-revisit'; closedOn: ISODate };

export interface OverdueItem {
  kind: OverdueKind;
  customerId: number;
  customer: string;
  owner: string | null;
  due: ISODate;
  daysOverdue: number;
  /** The visit, plan or form the item is about; the customer id for customer-level items. */
  refId: number;
  detail: Detail;
}

export interface OverdueOptions {
  /** Also what falls due in the next N days (negative days_overdue). */
  within?: number | undefined;
  kinds?: readonly OverdueKind[] | undefined;
  owner?: string | undefined;
}

export function findOverdue(facts: OverdueFacts, asOf: ISODate, settings: Settings, calendar: WorkCalendar, options: OverdueOptions = {}): OverdueItem[] {
  // Due strictly before as-of; with --within N, due up to as-of + N.
  const limit = options.within === undefined ? plusDays(asOf, -1) : plusDays(asOf, options.within);
  const wanted = new Set<OverdueKind>(options.kinds && options.kinds.length ? options.kinds : OVERDUE_KINDS);
  const items: OverdueItem[] = [];
  const customers = new Map<number, CustomerFacts>();
  const push = (kind: OverdueKind, c: CustomerFacts, due: ISODate, refId: number, detail: Detail): void => {
    if (!wanted.has(kind) || due > limit) return;
    if (options.owner !== undefined && c.owner !== options.owner) return;
    items.push({ kind, customerId: c.id, customer: c.name, owner: c.owner, due, daysOverdue: daysBetween(due, asOf), refId, detail });
  };

  const dormantSince = minusMonths(asOf, settings['target.dormant_months']);
  // Only the customers that plans, visits or forms point to are kept for the second part.
  const needed = new Set<number>([...facts.plans, ...facts.minutes, ...facts.forms].map((x) => x.customerId));
  for (const c of facts.customers) {
    if (c.registeredOn > asOf) continue;
    if (needed.has(c.id)) customers.set(c.id, c);
    const closed = c.closedOn !== null && c.closedOn <= asOf;
    if (closed) {
      // Closed customers are never due for contact; only the revisit form remains.
      if (c.lastRevisitSent === null || c.lastRevisitSent < c.closedOn!) {
        push('form-send', c, plusMonths(c.closedOn!, settings['form.revisit_months']), c.id, { code: 'form-send-revisit', closedOn: c.closedOn! });
      }
      continue;
    }
    if (c.lastVisit === null) {
      push('first-contact', c, plusDays(c.assignedOn, settings['first_contact.days']), c.id, { code: 'first-contact', assignedOn: c.assignedOn });
    } else if (c.lastVisit.next !== null) {
      push('follow-up', c, c.lastVisit.next, c.lastVisit.id, { code: 'follow-up-next', lastVisit: c.lastVisit.date });
    } else {
      const days = settings[`cadence.${c.grade}`];
      push('follow-up', c, plusDays(c.lastVisit.date, days), c.lastVisit.id, { code: 'follow-up-cadence', lastVisit: c.lastVisit.date, grade: c.grade, days });
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
      push('form-send', c, plusMonths(c.lastFormSent, settings['form.periodic_months']), c.id, { code: 'form-send-periodic', lastSent: c.lastFormSent });
    }
  }

  for (const plan of facts.plans) {
    const c = customers.get(plan.customerId);
    if (c && !(c.closedOn !== null && c.closedOn <= asOf)) push('plan-missed', c, plan.date, plan.id, { code: 'plan-missed', date: plan.date });
  }
  for (const visit of facts.minutes) {
    const c = customers.get(visit.customerId);
    if (c) push('minutes', c, addWorkingDays(visit.date, settings['minutes.working_days'], calendar), visit.id, { code: 'minutes', date: visit.date });
  }
  for (const form of facts.forms) {
    const c = customers.get(form.customerId);
    if (c) push('form-return', c, form.due, form.id, { code: 'form-return', kind: form.kind, sentOn: form.sentOn });
  }
  return items.sort(
    (a, b) => b.daysOverdue - a.daysOverdue || a.kind.localeCompare(b.kind) || a.customerId - b.customerId || a.refId - b.refId,
  );
}
