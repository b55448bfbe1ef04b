// Visits, visit plans, the morning plan sheet and the minutes of in-person meetings.
import { ConflictError, NotFoundError, UsageError } from '../errors.js';
import type { ISODate } from '../core/dates.js';
import type { WorkCalendar } from '../core/calendar.js';
import { compareNames, compareOwners } from '../core/collation.js';
import { namesToSuggest } from '../core/closest.js';
import { customerIdOf, resolveCustomer } from './resolve.js';
import type { Rows, SheetRow, Store, VisitFields, VisitFilter, VisitRow } from './store.js';

/** When minutes are due (rule 8): the working-day calendar and `minutes.working_days`. */
export interface MinutesRule {
  calendar: WorkCalendar;
  workingDays: number;
}

/** What a visit shows besides its columns: when its minutes are due, and whether plans carry an approval (rule 15). */
export interface VisitRules extends MinutesRule {
  planApproval: boolean;
}

export async function minutesRule(store: Store): Promise<VisitRules> {
  const settings = await store.settings.all();
  return {
    calendar: await store.calendar.workCalendar(),
    workingDays: settings['minutes.working_days'],
    planApproval: settings['plan.approval'] === 'on',
  };
}

/** A visit and the rules its minutes and approval are shown by. */
export interface VisitRecord {
  visit: VisitRow;
  minutes: VisitRules;
  /** The salesperson given with --by was never seen (owns no customer, made no visit): a new colleague, or a typo. */
  newSalesperson?: string;
}

/** The name when it belongs to nobody who owns a customer (checked only for names given by hand). */
export async function unknownSalesperson(store: Store, name: string | null | undefined): Promise<string | undefined> {
  if (!name) return undefined;
  return (await store.customers.owners()).includes(name) ? undefined : name;
}

/** Everyone custrack has seen as a salesperson: the owners and whoever made or planned a visit. */
async function knownSalespeople(store: Store): Promise<string[]> {
  const names = new Set([...(await store.customers.owners()), ...(await store.visits.salespeople())]);
  return [...names].sort(compareNames);
}

/** The name when custrack never saw it as a salesperson (checked only for names given by hand). */
async function neverSeen(store: Store, name: string | null | undefined): Promise<string | undefined> {
  if (!name || (await store.customers.owners()).includes(name)) return undefined;
  return (await store.visits.salespeople()).includes(name) ? undefined : name;
}

/**
 * A --by that lists visits of someone custrack never saw is a typo more often than an empty day: exit 3
 * naming the closest salespeople, as overdue --owner does.
 */
async function assertKnownSalesperson(store: Store, by: string | undefined): Promise<void> {
  if (by === undefined) return;
  const known = await knownSalespeople(store);
  if (known.includes(by)) return;
  const names = namesToSuggest(by, known);
  if (names && 'closest' in names) throw new NotFoundError('salesperson.unknown_closest', { name: by, closest: names.closest.join(', ') });
  if (names) throw new NotFoundError('salesperson.unknown_all', { name: by, all: names.all.join(', ') });
  throw new NotFoundError('salesperson.unknown', { name: by });
}

async function visitRecord(store: Store, id: number): Promise<VisitRecord> {
  return { visit: (await store.visits.byId(id))!, minutes: await minutesRule(store) };
}

export type NewVisit = Omit<VisitFields, 'customer_id' | 'salesperson'> & { by: string | null };

/**
 * `visit add` (a contact that happened) and `visit plan` (one to happen); the salesperson defaults to the
 * owner. With plan approval on, a new plan waits for a manager's decision (rule 15).
 */
export async function recordVisit(store: Store, query: string, visit: NewVisit, planned: boolean): Promise<VisitRecord> {
  const { by, ...fields } = visit;
  const newSalesperson = await neverSeen(store, by);
  const id = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    const id = await store.visits.insert({ ...fields, customer_id: customer.id, salesperson: by ?? customer.owner }, planned);
    if (planned && (await store.settings.all())['plan.approval'] === 'on') {
      await store.visits.setApproval(id, { approval: 'pending', by: null, on: null, note: null }, 'plan');
    }
    return id;
  });
  return { ...(await visitRecord(store, id)), ...(newSalesperson ? { newSalesperson } : {}) };
}

/** Marks a plan done: only an open plan (else exit 4). */
export async function completePlan(
  store: Store,
  id: number,
  done: { date: ISODate; summary: string | null; next: ISODate | null },
): Promise<VisitRecord> {
  await store.write(async () => {
    const plan = await store.visits.byId(id);
    if (!plan) throw new NotFoundError('visit.not_found', { id });
    if (plan.planned !== 1) throw new ConflictError('visit.not_a_plan', { id });
    if (plan.done === 1) throw new ConflictError('visit.already_done', { id, date: plan.date });
    // Rule 15: with approval on, a plan is done once approved; approval off, its approval is not read.
    if ((await store.settings.all())['plan.approval'] === 'on') {
      if (plan.approval === 'pending') throw new ConflictError('visit.done_pending', { id });
      if (plan.approval === 'rejected') throw new ConflictError('visit.done_rejected', { id, on: plan.approval_on ?? '' });
    }
    await store.visits.complete(id, done);
  });
  return visitRecord(store, id);
}

export interface PlanDecisionInput {
  approval: 'approved' | 'rejected';
  by: string;
  on: ISODate;
  /** The approver's note, or the reason for a rejection. */
  note: string | null;
}

/** `visit approve` and `visit reject` (rule 15): only a pending plan, only while plan approval is on (else exit 4). */
export async function decidePlan(store: Store, id: number, decision: PlanDecisionInput): Promise<VisitRecord> {
  await store.write(async () => {
    const plan = await store.visits.byId(id);
    if (!plan) throw new NotFoundError('visit.not_found', { id });
    if ((await store.settings.all())['plan.approval'] !== 'on') throw new ConflictError('visit.approval_off', { id });
    if (plan.planned !== 1) throw new ConflictError('visit.not_a_plan', { id });
    if (plan.approval === 'approved' || plan.approval === 'rejected') {
      throw new ConflictError(`visit.already_${plan.approval}`, { id, by: plan.approval_by ?? '', on: plan.approval_on ?? '' });
    }
    if (plan.done === 1) throw new ConflictError('visit.already_done', { id, date: plan.date });
    if (plan.approval !== 'pending') throw new ConflictError('visit.no_approval', { id });
    await store.visits.setApproval(
      id,
      { approval: decision.approval, by: decision.by, on: decision.on, note: decision.note },
      decision.approval === 'approved' ? 'approve' : 'reject',
    );
  });
  return visitRecord(store, id);
}

/** Records the minutes of a completed in-person visit; returns the visit as it was before, too (to warn of replaced minutes). */
export async function recordMinutes(store: Store, id: number, text: string, on: ISODate): Promise<VisitRecord & { before: VisitRow }> {
  const before = await store.write(async () => {
    const visit = await store.visits.byId(id);
    if (!visit) throw new NotFoundError('visit.not_found', { id });
    if (visit.method !== 'in-person') throw new UsageError('visit.minutes_not_in_person', { id, method: visit.method });
    if (visit.done !== 1) throw new ConflictError('visit.minutes_not_done', { id });
    if (on < visit.date) throw new UsageError('visit.minutes_before', { on, date: visit.date });
    await store.visits.recordMinutes(id, text, on);
    return visit;
  });
  return { ...(await visitRecord(store, id)), before };
}

export async function listVisits(
  store: Store,
  filter: Omit<VisitFilter, 'customerId'> & { customer?: string | undefined },
): Promise<{ rows: Rows<VisitRow>; minutes: VisitRules }> {
  const { customer, ...rest } = filter;
  await assertKnownSalesperson(store, rest.by);
  const customerId = await customerIdOf(store, customer);
  return { rows: store.visits.list({ ...rest, customerId }), minutes: await minutesRule(store) };
}

/**
 * The day's plan sheet (业务去向表): salespeople in pinyin order as in the reports, plans in the order made;
 * whether plans carry an approval to mark (rule 15); and a name given with --by that owns no customer.
 * A --by that custrack never saw as a salesperson is exit 3.
 */
export async function visitSheet(
  store: Store,
  date: ISODate,
  by?: string,
): Promise<{ rows: SheetRow[]; planApproval: boolean; newSalesperson?: string }> {
  await assertKnownSalesperson(store, by);
  const rows = (await store.visits.sheet(date, by)).sort((a, b) => compareOwners(a.salesperson, b.salesperson) || a.id - b.id);
  const planApproval = (await store.settings.all())['plan.approval'] === 'on';
  const newSalesperson = await unknownSalesperson(store, by);
  return { rows, planApproval, ...(newSalesperson ? { newSalesperson } : {}) };
}
