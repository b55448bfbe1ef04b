// The overdue lists of several days from one read of the office: what the annual report needs at twelve
// month ends. Reading the office is what a day's list costs (turning 100k customer rows into objects, and
// looking up the facts of a past day row by row); the rules themselves are cheap. So the facts are read
// once as of the first day, and the events of the days between move them on before each day's rules run.
//
// Each day's list is the list `overdueItems` gives for that day (test/db/overdue-days.test.ts holds
// them to the same items): a month computed here is kept in the monthly report cache and served to
// `report monthly` as if it had computed it itself.
import { findOverdue, type CustomerFacts, type OverdueFacts, type OverdueItem, type OpenPlan } from '../core/overdue.js';
import { complaintRules, type ComplaintRules } from '../core/complaints.js';
import { planApprovalOn } from '../core/as-of.js';
import type { ISODate } from '../core/dates.js';
import { complaintsOn } from './overdue.js';
import type { Store } from './store.js';
import type { OverdueTimeline } from './store-service.js';

/** The overdue list on each of `days` (in date order), everything due by then or within `within` days after. */
export async function* overdueOnDays(
  store: Store,
  days: readonly ISODate[],
  within?: number,
): AsyncGenerator<{ day: ISODate; items: OverdueItem[] }> {
  const settings = await store.settings.all();
  const calendar = await store.calendar.workCalendar();
  for await (const { day, facts } of overdueFactsOnDays(store, days, complaintRules(settings, calendar))) {
    yield { day, items: findOverdue(facts, day, settings, calendar, { within }) };
  }
}

/**
 * The overdue facts on each of `days`, in date order, as `overdueItems` sees them on that day. The
 * customers are the same objects from one day to the next: read a day's facts before asking for the next.
 */
export async function* overdueFactsOnDays(
  store: Store,
  days: readonly ISODate[],
  rules: ComplaintRules,
): AsyncGenerator<{ day: ISODate; facts: OverdueFacts }> {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) return;
  const timeline = await store.facts.overdueTimeline(sorted[0]!, sorted.at(-1)!);
  const customers = [...timeline.customers];
  const facts = moveFacts(customers, timeline);
  for (const day of sorted) {
    facts.until(day);
    yield {
      day,
      facts: {
        customers,
        plans: timeline.plans.map(
          ({ id, customerId, date, approval, decidedOn }): OpenPlan => ({
            id,
            customerId,
            date,
            approval: planApprovalOn(approval ?? null, decidedOn, day),
          }),
        ),
        minutes: timeline.minutes.filter((m) => m.date <= day && (m.minutesOn === null || m.minutesOn > day)),
        forms: timeline.forms.filter((f) => f.sentOn <= day && (f.returnedOn === null || f.returnedOn > day)),
        complaints: complaintsOn(timeline.complaints, day, rules),
      },
    };
  }
}

/**
 * Moves each customer's facts on to a later day: the events up to that day are applied in date order,
 * with the bounds of the single-day query (src/db: the last business is the latest *before* the day, the
 * rest the latest on or before it).
 */
function moveFacts(customers: CustomerFacts[], t: OverdueTimeline): { until(day: ISODate): void } {
  const byId = new Map(customers.map((c) => [c.id, c]));
  const at = { visits: 0, business: 0, starts: 0, applications: 0, formsSent: 0 };
  /** Applies the events of `list` from `at[key]` on while `due(event)`. */
  const apply = <K extends keyof typeof at>(
    key: K,
    due: (event: OverdueTimeline[K][number]) => boolean,
    move: (c: CustomerFacts, event: OverdueTimeline[K][number]) => void,
  ): void => {
    const list = t[key] as Array<OverdueTimeline[K][number]>;
    for (; at[key] < list.length && due(list[at[key]]!); at[key]++) {
      const event = list[at[key]]!;
      const c = byId.get(event.customerId);
      if (c) move(c, event);
    }
  };
  const later = (a: ISODate | null, b: ISODate): ISODate => (a === null || b > a ? b : a);
  return {
    until(day) {
      apply(
        'visits',
        (v) => v.date <= day,
        (c, v) => (c.lastVisit = { id: v.id, date: v.date, next: v.next }),
      );
      apply(
        'business',
        (b) => b.date < day,
        (c, b) => (c.lastBusiness = b.date),
      );
      apply(
        'starts',
        (s) => s.date <= day,
        (c, s) => (c.relationshipStart = s.date),
      );
      apply(
        'applications',
        (a) => a.filedOn <= day,
        (c, a) =>
          (c.lastApplication = {
            firstTxn: later(c.lastApplication?.firstTxn ?? null, a.firstTxn),
            filedOn: later(c.lastApplication?.filedOn ?? null, a.filedOn),
          }),
      );
      apply(
        'formsSent',
        (f) => f.sentOn <= day,
        (c, f) => {
          c.lastFormSent = f.sentOn;
          if (f.kind === 'initial') c.lastInitialSent = f.sentOn;
          if (f.kind === 'revisit') c.lastRevisitSent = f.sentOn;
        },
      );
    },
  };
}
