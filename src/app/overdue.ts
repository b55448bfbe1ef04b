// Everything overdue (docs/rules.md, rules 6–11): facts from the database, the rules from src/core.
import { findOverdue, type OverdueItem, type OverdueKind } from '../core/overdue.js';
import type { ISODate } from '../core/dates.js';
import type { Store } from './store.js';

export interface OverdueQuestion {
  asOf: ISODate;
  owner?: string | undefined;
  kinds?: readonly OverdueKind[] | undefined;
  /** Also what falls due within this many days. */
  within?: number | undefined;
}

/** Most overdue first. */
export async function overdueItems(store: Store, question: OverdueQuestion): Promise<OverdueItem[]> {
  const settings = await store.settings.all();
  const calendar = await store.calendar.workCalendar();
  const facts = await store.facts.overdue(question.asOf, question.owner);
  return findOverdue(facts, question.asOf, settings, calendar, { within: question.within, kinds: question.kinds, owner: question.owner });
}
