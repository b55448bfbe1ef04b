// Everything overdue (docs/rules.md, rules 6–11, 14 and 15): facts from the database, the rules from src/core.
import { findOverdue, type OverdueItem, type OverdueKind } from '../core/overdue.js';
import { complaintRules, type ComplaintRules } from '../core/complaints.js';
import { complaintOn, type ComplaintOnDay, type StoredComplaint } from '../core/as-of.js';
import type { ISODate } from '../core/dates.js';
import type { Store } from './store.js';
import { NotFoundError } from '../errors.js';
import { namesToSuggest } from '../core/closest.js';
import { customerIdOf } from './resolve.js';

export interface OverdueQuestion {
  asOf: ISODate;
  owner?: string | undefined;
  /** One customer (`--customer`). */
  customer?: string | undefined;
  kinds?: readonly OverdueKind[] | undefined;
  /** Also what falls due within this many days. */
  within?: number | undefined;
}

/**
 * An owner that no customer has is a typo in a cron line more often than a salesperson with nothing due:
 * exit 3 naming the closest owners, instead of a silent empty list.
 */
export async function assertKnownOwner(store: Store, owner: string | undefined): Promise<void> {
  if (owner === undefined) return;
  const owners = await store.customers.owners();
  if (owners.includes(owner)) return;
  const names = namesToSuggest(owner, owners);
  if (names && 'closest' in names) throw new NotFoundError('owner.unknown_closest', { owner, closest: names.closest.join(', ') });
  if (names) throw new NotFoundError('owner.unknown_all', { owner, all: names.all.join(', ') });
  throw new NotFoundError('owner.unknown', { owner });
}

/** Most overdue first. */
export async function overdueItems(store: Store, question: OverdueQuestion): Promise<OverdueItem[]> {
  await assertKnownOwner(store, question.owner);
  const settings = await store.settings.all();
  const calendar = await store.calendar.workCalendar();
  const customerId = await customerIdOf(store, question.customer);
  // Narrowed before it is read: the owner's or the customer's rows, the kinds asked about.
  const facts = await store.facts.overdue(question.asOf, { owner: question.owner, customerId, kinds: question.kinds });
  const complaints = complaintsOn(facts.complaints, question.asOf, complaintRules(settings, calendar));
  return findOverdue({ ...facts, complaints }, question.asOf, settings, calendar, {
    within: question.within,
    kinds: question.kinds,
    owner: question.owner,
  });
}

/** The stored complaints as they stood on `day`, those open then (src/core/as-of.ts). */
export function complaintsOn(stored: readonly StoredComplaint[], day: ISODate, rules: ComplaintRules): ComplaintOnDay[] {
  const open: ComplaintOnDay[] = [];
  for (const c of stored) {
    const then = complaintOn(c, day, rules);
    if (then !== null) open.push(then);
  }
  return open;
}
