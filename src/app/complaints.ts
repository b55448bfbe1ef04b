// Complaints (客户投诉, docs/rules.md, rule 14): received, verified, handled with the result told to the
// customer, followed up until the customer is satisfied. The status flow and the due dates are the pure
// rules of src/core/complaints.ts; this stores what they decide, each step in one write transaction.
import { ConflictError, NotFoundError, UsageError } from '../errors.js';
import {
  complaintRules,
  followUpComplaint,
  handleComplaint,
  registerComplaint,
  verifyComplaint,
  type ComplaintChannel,
  type ComplaintRefusal,
  type ComplaintRules,
  type ComplaintState,
  type FollowupOutcome,
} from '../core/complaints.js';
import type { ISODate } from '../core/dates.js';
import { collect } from './rows.js';
import { customerIdOf, resolveCustomer } from './resolve.js';
import type { HistoryEntry, Rows, Store } from './store.js';
import type { ComplaintChange, ComplaintFilter, ComplaintRow } from './store-service.js';

async function rulesOf(store: Store): Promise<ComplaintRules> {
  return complaintRules(await store.settings.all(), await store.calendar.workCalendar());
}

export async function complaintById(store: Store, id: number): Promise<ComplaintRow> {
  const complaint = await store.complaints.byId(id);
  if (!complaint) throw new NotFoundError('complaint.not_found', { id });
  return complaint;
}

export interface NewComplaintInput {
  receivedOn: ISODate;
  content: string;
  channel: ComplaintChannel | null;
  /** Who received it (customer service). */
  by: string | null;
}

/** Registers a complaint: received, due to be handled `complaint.handle_days` working days later. */
export async function addComplaint(store: Store, query: string, input: NewComplaintInput): Promise<ComplaintRow> {
  const id = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    const { due } = registerComplaint(input.receivedOn, await rulesOf(store));
    return store.complaints.insert({
      customer_id: customer.id,
      received_on: input.receivedOn,
      channel: input.channel,
      received_by: input.by,
      content: input.content,
      due,
    });
  });
  return complaintById(store, id);
}

const stateOf = (c: ComplaintRow): ComplaintState => ({
  status: c.status,
  receivedOn: c.received_on,
  due: c.due,
  verifiedOn: c.verified_on,
  handledOn: c.handled_on,
  followupOn: c.followup_on,
});

/** A step the rules refused: the wrong status is a conflict (exit 4), a date before an earlier step a usage error (exit 2). */
function refused(c: ComplaintRow, refusal: ComplaintRefusal): Error {
  // Out of order: the message says what the complaint waits for instead.
  if (refusal.code === 'wrong-status') {
    if (c.status === 'closed') return new ConflictError('complaint.closed', { id: c.id, on: c.followup_on ?? '' });
    return new ConflictError(`complaint.is_${c.status}`, { id: c.id });
  }
  return new UsageError(`complaint.date_before_${refusal.before}`, { date: refusal.date, earlier: refusal.earlier });
}

/** One step on one complaint, in one write transaction: the rules decide, the store records (with its history). */
async function step(
  store: Store,
  id: number,
  action: string,
  decide: (c: ComplaintRow, rules: ComplaintRules) => { ok: true; change: ComplaintChange } | { ok: false; refusal: ComplaintRefusal },
): Promise<ComplaintRow> {
  await store.write(async () => {
    const complaint = await complaintById(store, id);
    const decision = decide(complaint, await rulesOf(store));
    if (!decision.ok) throw refused(complaint, decision.refusal);
    await store.complaints.update(id, decision.change, action);
  });
  return complaintById(store, id);
}

/** received → verified (核实): who checked it and what they found. */
export function verify(store: Store, id: number, input: { by: string; finding: string; on: ISODate }): Promise<ComplaintRow> {
  return step(store, id, 'verify', (c) => {
    const result = verifyComplaint(stateOf(c), input.on);
    if (!result.ok) return result;
    return { ok: true, change: { status: 'verified', verified_on: input.on, verified_by: input.by, finding: input.finding } };
  });
}

/** verified → handled: the result told to the customer; on time or not; the follow-up falls due. */
export function handle(store: Store, id: number, input: { by: string; result: string; on: ISODate }): Promise<ComplaintRow> {
  return step(store, id, 'handle', (c, rules) => {
    const result = handleComplaint(stateOf(c), input.on, rules);
    if (!result.ok) return result;
    const { changes } = result;
    return {
      ok: true,
      change: {
        status: 'handled',
        handled_on: changes.handledOn,
        handled_by: input.by,
        result: input.result,
        on_time: changes.onTime ? 1 : 0,
        followup_due: changes.followupDue,
      },
    };
  });
}

/** handled → closed (satisfied), or back to verified with a new handling due date (unsatisfied). */
export function followUp(
  store: Store,
  id: number,
  input: { outcome: FollowupOutcome; on: ISODate; note: string | null },
): Promise<ComplaintRow> {
  return step(store, id, 'followup', (c, rules) => {
    const result = followUpComplaint(stateOf(c), input.outcome, input.on, rules);
    if (!result.ok) return result;
    const { changes } = result;
    const common = { status: changes.status, followup_on: changes.followupOn, outcome: changes.outcome, followup_note: input.note };
    return { ok: true, change: changes.status === 'closed' ? common : { ...common, due: changes.due, followup_due: null } };
  });
}

export async function listComplaints(
  store: Store,
  filter: Omit<ComplaintFilter, 'customerId'> & { customer?: string | undefined },
): Promise<Rows<ComplaintRow>> {
  const { customer, ...rest } = filter;
  return store.complaints.list({ ...rest, customerId: await customerIdOf(store, customer) });
}

/** A complaint and its history, oldest entry first: every step, and the earlier rounds of one sent back. */
export async function complaintDetail(store: Store, id: number): Promise<{ complaint: ComplaintRow; history: HistoryEntry[] }> {
  const complaint = await complaintById(store, id);
  const history = await collect(store.history.list({ entity: 'complaint', entityId: id }));
  return { complaint, history: history.reverse() };
}
