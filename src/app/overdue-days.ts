// The overdue lists of several days from one read of the office: what the annual report needs at twelve
// month ends. Reading the office is most of what a day's list costs (turning 100k customer rows into
// objects, and looking up the facts of a past day row by row); the rules take about a fifth of it. So the
// facts are read once as of the first day, and the events of the days between move them on before each
// day's rules run (README, "Performance", for the measurements).
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
  const facts = moveFacts(customers, timeline, sorted);
  for (const [k, day] of sorted.entries()) {
    facts.until(k);
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
 * Moves each customer's facts on from one day to the next: each event is applied before the first day that
 * sees it, with the bounds of the single-day read (src/db: the last business is the latest *before* the day,
 * the rest the latest on or before it). Every fact is a latest date (the last visit: by date, then id), so
 * the order of the events within a day's share does not matter.
 */
function moveFacts(customers: CustomerFacts[], t: OverdueTimeline, days: readonly ISODate[]): { until(k: number): void } {
  const byId = new Map(customers.map((c) => [c.id, c]));
  /** The first day that sees an event of `date`: on or after it, or (`before`) after it. */
  const firstDay = (date: ISODate, before: boolean): number => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before ? days[mid]! > date : days[mid]! >= date) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const shares: Array<Array<(c: Map<number, CustomerFacts>) => void>> = days.map(() => []);
  /** Files each event of `list` under the day that first sees it; days after the last one never come. */
  const file = <E>(
    list: readonly E[],
    customerOf: (e: E) => number,
    dateOf: (e: E) => ISODate,
    before: boolean,
    move: (c: CustomerFacts, e: E) => void,
  ) => {
    const byDay: E[][] = days.map(() => []);
    for (const e of list) byDay[firstDay(dateOf(e), before)]?.push(e);
    for (const [k, events] of byDay.entries()) {
      shares[k]!.push((all) => {
        for (const e of events) {
          const c = all.get(customerOf(e));
          if (c) move(c, e);
        }
      });
    }
  };
  const later = (a: ISODate | null, b: ISODate): ISODate => (a === null || b > a ? b : a);
  const customer = (e: { customerId: number }): number => e.customerId;
  file(
    t.visits,
    (v) => v[0],
    (v) => v[2],
    false,
    (c, [, id, date, next]) => {
      const last = c.lastVisit;
      if (last === null) c.lastVisit = { id, date, next };
      else if (date > last.date || (date === last.date && id > last.id)) Object.assign(last, { id, date, next });
    },
  );
  file(
    t.business,
    (b) => b[0],
    (b) => b[1],
    true,
    (c, [, date]) => (c.lastBusiness = later(c.lastBusiness, date)),
  );
  file(
    t.starts,
    customer,
    (s) => s.date,
    false,
    (c, s) => (c.relationshipStart = later(c.relationshipStart, s.date)),
  );
  file(
    t.applications,
    customer,
    (a) => a.filedOn,
    false,
    (c, a) =>
      (c.lastApplication = {
        firstTxn: later(c.lastApplication?.firstTxn ?? null, a.firstTxn),
        filedOn: later(c.lastApplication?.filedOn ?? null, a.filedOn),
      }),
  );
  file(
    t.formsSent,
    customer,
    (f) => f.sentOn,
    false,
    (c, f) => {
      c.lastFormSent = later(c.lastFormSent, f.sentOn);
      if (f.kind === 'initial') c.lastInitialSent = later(c.lastInitialSent, f.sentOn);
      if (f.kind === 'revisit') c.lastRevisitSent = later(c.lastRevisitSent, f.sentOn);
    },
  );
  return {
    until(k) {
      for (const apply of shares[k]!) apply(byId);
    },
  };
}
