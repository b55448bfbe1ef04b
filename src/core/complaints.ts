// Complaints (客户投诉), rule 14: a complaint is received, verified (核实), handled with the result told to
// the customer (处理结果通知客户), and followed up (投诉跟踪) until the customer is satisfied, then closed.
//
//   received ──verify──▶ verified ──handle──▶ handled ──follow-up: satisfied──▶ closed
//                            ▲                    │
//                            └── follow-up: unsatisfied (handle again, a new due date) ──┘
//
// Due dates: handling is due `complaint.handle_days` working days after receipt (after the follow-up that
// sent it back, the second time); the follow-up is due `complaint.followup_days` calendar days after the
// handling. The functions here are pure: the command stores what they return.
import { plusDays, type ISODate } from './dates.js';
import { addWorkingDays, type WorkCalendar } from './calendar.js';
import type { Settings } from './settings.js';

export const COMPLAINT_STATUSES = ['received', 'verified', 'handled', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Statuses in which something is still to be done (for `complaint list --open` and the overdue list). */
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['received', 'verified', 'handled'];

export const COMPLAINT_ACTIONS = ['verify', 'handle', 'followup'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/**
 * Which status each step needs; anything else is refused (exit 4). A closed complaint takes no step: a
 * customer who complains again is a new complaint. Verifying twice is refused too: after an unsatisfied
 * follow-up the complaint is back in `verified` and goes straight to a new handling.
 */
export const COMPLAINT_ALLOWED_FROM: Record<ComplaintAction, readonly ComplaintStatus[]> = {
  verify: ['received'],
  handle: ['verified'],
  followup: ['handled'],
};

export const COMPLAINT_CHANNELS = ['phone', 'visit', 'email', 'letter', 'online'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const FOLLOWUP_OUTCOMES = ['satisfied', 'unsatisfied'] as const;
export type FollowupOutcome = (typeof FOLLOWUP_OUTCOMES)[number];

// The words a customer-service clerk writes in a register: the channel the complaint came in by.
// `mail` is the post here, as it is for visits (src/core/visit.ts); 微信/短信 reach us online.
const CHANNEL_WORDS: Record<string, ComplaintChannel> = {
  phone: 'phone',
  call: 'phone',
  telephone: 'phone',
  tel: 'phone',
  hotline: 'phone',
  电话: 'phone',
  来电: 'phone',
  热线: 'phone',
  电话投诉: 'phone',
  visit: 'visit',
  inperson: 'visit',
  'in-person': 'visit',
  走访: 'visit',
  来访: 'visit',
  上门: 'visit',
  面谈: 'visit',
  当面: 'visit',
  拜访: 'visit',
  email: 'email',
  'e-mail': 'email',
  邮件: 'email',
  电子邮件: 'email',
  电邮: 'email',
  letter: 'letter',
  mail: 'letter',
  post: 'letter',
  信函: 'letter',
  来信: 'letter',
  信件: 'letter',
  书信: 'letter',
  书面: 'letter',
  邮寄: 'letter',
  online: 'online',
  web: 'online',
  internet: 'online',
  website: 'online',
  wechat: 'online',
  网上: 'online',
  网络: 'online',
  在线: 'online',
  线上: 'online',
  网站: 'online',
  微信: 'online',
  短信: 'online',
};

const OUTCOME_WORDS: Record<string, FollowupOutcome> = {
  satisfied: 'satisfied',
  yes: 'satisfied',
  满意: 'satisfied',
  已满意: 'satisfied',
  基本满意: 'satisfied',
  unsatisfied: 'unsatisfied',
  dissatisfied: 'unsatisfied',
  'not-satisfied': 'unsatisfied',
  notsatisfied: 'unsatisfied',
  no: 'unsatisfied',
  不满意: 'unsatisfied',
  未满意: 'unsatisfied',
};

const word = (text: string): string =>
  text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/gu, '');

/** `phone|visit|email|letter|online` or the Chinese words for them (电话, 走访, 邮件, 信函, 网上, …); null otherwise. */
export function parseChannel(text: string): ComplaintChannel | null {
  return CHANNEL_WORDS[word(text)] ?? null;
}

/** `satisfied|unsatisfied`, or 满意/不满意; null otherwise. */
export function parseOutcome(text: string): FollowupOutcome | null {
  return OUTCOME_WORDS[word(text)] ?? null;
}

/** The settings and calendar the due dates are counted with. */
export interface ComplaintRules {
  handleDays: number;
  followupDays: number;
  calendar: WorkCalendar;
}

export function complaintRules(
  settings: Pick<Settings, 'complaint.handle_days' | 'complaint.followup_days'>,
  calendar: WorkCalendar,
): ComplaintRules {
  return { handleDays: settings['complaint.handle_days'], followupDays: settings['complaint.followup_days'], calendar };
}

/** Handling due: `handle_days` working days after `from` (receipt, or the unsatisfied follow-up). Friday + 5 → next Friday. */
export function handlingDue(from: ISODate, rules: ComplaintRules): ISODate {
  return addWorkingDays(from, rules.handleDays, rules.calendar);
}

/** Follow-up due: `followup_days` calendar days after the handling. */
export function followupDue(handledOn: ISODate, rules: ComplaintRules): ISODate {
  return plusDays(handledOn, rules.followupDays);
}

/** Handled on time = handled on or before the handling due date in force. */
export const handledOnTime = (handledOn: ISODate, due: ISODate): boolean => handledOn <= due;

/** What a complaint's steps need to know of it: its status and the dates of the steps so far. */
export interface ComplaintState {
  status: ComplaintStatus;
  receivedOn: ISODate;
  /** The handling due date in force. */
  due: ISODate;
  verifiedOn: ISODate | null;
  handledOn: ISODate | null;
  /** The latest follow-up. */
  followupOn: ISODate | null;
}

export type ComplaintDateField = 'received_on' | 'verified_on' | 'handled_on' | 'followup_on';

/** Why a step is refused: the wrong status (exit 4), or a date before the step it follows (exit 2). */
export type ComplaintRefusal =
  | { code: 'wrong-status'; action: ComplaintAction; status: ComplaintStatus; allowedFrom: readonly ComplaintStatus[] }
  | { code: 'date-order'; field: ComplaintDateField; date: ISODate; before: ComplaintDateField; earlier: ISODate };

export type ComplaintStep<T> = { ok: true; changes: T } | { ok: false; refusal: ComplaintRefusal };

export interface Registration {
  status: 'received';
  due: ISODate;
}

/** A new complaint: received, due to be handled `handle_days` working days later. */
export function registerComplaint(receivedOn: ISODate, rules: ComplaintRules): Registration {
  return { status: 'received', due: handlingDue(receivedOn, rules) };
}

export interface Verification {
  status: 'verified';
  verifiedOn: ISODate;
}

export function verifyComplaint(c: ComplaintState, on: ISODate): ComplaintStep<Verification> {
  const refusal = statusRefusal('verify', c) ?? dateRefusal('verified_on', on, [['received_on', c.receivedOn]]);
  return refusal ? { ok: false, refusal } : { ok: true, changes: { status: 'verified', verifiedOn: on } };
}

export interface Handling {
  status: 'handled';
  handledOn: ISODate;
  onTime: boolean;
  followupDue: ISODate;
}

/**
 * Handle a verified complaint: the result is told to the customer; the follow-up falls due.
 *
 * A complaint handled twice (unsatisfied the first time) keeps one `handled_on` and one `on_time`: those of
 * the latest handling, judged against the due date then in force (`due`, which the unsatisfied follow-up
 * reset to `handle_days` working days after it). Why the latest: each handling is judged against the
 * deadline the handler was given, and the complaint record, the quarterly "handled" count (by `handled_on`)
 * and "handled on time" must describe the same handling. The earlier handling stays in the history.
 */
export function handleComplaint(c: ComplaintState, on: ISODate, rules: ComplaintRules): ComplaintStep<Handling> {
  const refusal =
    statusRefusal('handle', c) ??
    dateRefusal('handled_on', on, [
      ['received_on', c.receivedOn],
      ['verified_on', c.verifiedOn],
      ['followup_on', c.followupOn],
    ]);
  if (refusal) return { ok: false, refusal };
  return { ok: true, changes: { status: 'handled', handledOn: on, onTime: handledOnTime(on, c.due), followupDue: followupDue(on, rules) } };
}

export type FollowUp =
  | { status: 'closed'; followupOn: ISODate; outcome: 'satisfied' }
  /** Back to `verified`, due to be handled again; no follow-up is due until then. */
  | { status: 'verified'; followupOn: ISODate; outcome: 'unsatisfied'; due: ISODate; followupDue: null };

/** Follow up a handled complaint: satisfied closes it, unsatisfied sends it back to be handled again. */
export function followUpComplaint(
  c: ComplaintState,
  outcome: FollowupOutcome,
  on: ISODate,
  rules: ComplaintRules,
): ComplaintStep<FollowUp> {
  const refusal =
    statusRefusal('followup', c) ??
    dateRefusal('followup_on', on, [
      ['received_on', c.receivedOn],
      ['handled_on', c.handledOn],
    ]);
  if (refusal) return { ok: false, refusal };
  if (outcome === 'satisfied') return { ok: true, changes: { status: 'closed', followupOn: on, outcome } };
  return { ok: true, changes: { status: 'verified', followupOn: on, outcome, due: handlingDue(on, rules), followupDue: null } };
}

/** What is due next for a complaint in `status`, and by when; null when closed. */
export function complaintNextDue(c: {
  status: ComplaintStatus;
  due: ISODate;
  followupDue: ISODate | null;
}): { step: 'handle' | 'followup'; due: ISODate } | null {
  if (c.status === 'received' || c.status === 'verified') return { step: 'handle', due: c.due };
  if (c.status === 'handled' && c.followupDue !== null) return { step: 'followup', due: c.followupDue };
  return null;
}

function statusRefusal(action: ComplaintAction, c: ComplaintState): ComplaintRefusal | null {
  const allowedFrom = COMPLAINT_ALLOWED_FROM[action];
  return allowedFrom.includes(c.status) ? null : { code: 'wrong-status', action, status: c.status, allowedFrom };
}

/** A step's date may equal, but not precede, the steps before it (the latest one is named). */
function dateRefusal(
  field: ComplaintDateField,
  date: ISODate,
  earlier: Array<[ComplaintDateField, ISODate | null]>,
): ComplaintRefusal | null {
  let worst: [ComplaintDateField, ISODate] | null = null;
  for (const [before, at] of earlier) if (at !== null && date < at && (worst === null || at > worst[1])) worst = [before, at];
  return worst ? { code: 'date-order', field, date, before: worst[0], earlier: worst[1] } : null;
}
