// Complaints (docs/rules.md, rule 14): due dates across weekends and configured holidays, every step of the status
// flow and every refusal, the on-time edge, an unsatisfied follow-up and its new due date, and the channels.
import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_ALLOWED_FROM,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  complaintNextDue,
  complaintRules,
  followUpComplaint,
  followupDue,
  handleComplaint,
  handlingDue,
  parseChannel,
  parseOutcome,
  registerComplaint,
  verifyComplaint,
  type ComplaintAction,
  type ComplaintRules,
  type ComplaintState,
  type ComplaintStatus,
} from '../../src/core/complaints.js';
import { EMPTY_CALENDAR, type WorkCalendar } from '../../src/core/calendar.js';
import { defaultSettings } from '../../src/core/settings.js';
import { plusDays, weekday } from '../../src/core/dates.js';

const calendar = (holidays: string[], workdays: string[] = []): WorkCalendar => ({
  holidays: new Set(holidays),
  workdays: new Set(workdays),
});
const days = (from: string, count: number): string[] => Array.from({ length: count }, (_, i) => plusDays(from, i));

/** The defaults: 5 working days to handle, 30 days to follow up; no holidays. */
const RULES: ComplaintRules = complaintRules(defaultSettings(), EMPTY_CALENDAR);
const withCalendar = (cal: WorkCalendar): ComplaintRules => ({ ...RULES, calendar: cal });

/** National Day 2026-10-01..07 off; Sunday 2026-09-27 and Saturday 2026-10-10 worked instead (调休). */
const NATIONAL_DAY = calendar(days('2026-10-01', 7), ['2026-09-27', '2026-10-10']);

/** A complaint received Monday 2026-11-16, due Monday 2026-11-23, in the given status with the dates so far. */
function aComplaint(more: Partial<ComplaintState> = {}): ComplaintState {
  return { status: 'received', receivedOn: '2026-11-16', due: '2026-11-23', verifiedOn: null, handledOn: null, followupOn: null, ...more };
}

describe('the dates these tests rely on', () => {
  it.each([
    ['2026-11-16', 1],
    ['2026-11-18', 3],
    ['2026-11-20', 5],
    ['2026-11-21', 6],
    ['2026-11-24', 2],
    ['2026-09-29', 2],
    ['2026-12-28', 1],
    ['2027-01-01', 5],
  ])('%s is weekday %i', (date, day) => {
    expect(weekday(date)).toBe(day);
  });
});

describe('the settings', () => {
  it('default to 5 working days to handle and 30 days to follow up', () => {
    expect(RULES).toMatchObject({ handleDays: 5, followupDays: 30 });
  });
});

describe('handlingDue: handle_days working days after receipt', () => {
  it.each([
    ['Monday → the next Monday', '2026-11-16', EMPTY_CALENDAR, '2026-11-23'],
    ['Wednesday → across the weekend to the next Wednesday', '2026-11-18', EMPTY_CALENDAR, '2026-11-25'],
    ['Friday → the next Friday', '2026-11-20', EMPTY_CALENDAR, '2026-11-27'],
    ['received on a Saturday: Monday is the first working day', '2026-11-21', EMPTY_CALENDAR, '2026-11-27'],
    ['a configured holiday on Tuesday 2026-11-24 adds a day', '2026-11-18', calendar(['2026-11-24']), '2026-11-26'],
    ['National Day: the holiday week skipped, the worked Saturday 2026-10-10 counted', '2026-09-29', NATIONAL_DAY, '2026-10-12'],
    ['an adjusted working Saturday brings it forward', '2026-11-18', calendar([], ['2026-11-21']), '2026-11-24'],
  ])('%s', (_label, receivedOn, cal, due) => {
    expect(handlingDue(receivedOn, withCalendar(cal))).toBe(due);
    expect(registerComplaint(receivedOn, withCalendar(cal))).toEqual({ status: 'received', due });
  });

  it('follows complaint.handle_days: 0 is the day it was received, 1 the next working day', () => {
    expect(handlingDue('2026-11-20', { ...RULES, handleDays: 0 })).toBe('2026-11-20');
    expect(handlingDue('2026-11-20', { ...RULES, handleDays: 1 })).toBe('2026-11-23');
    const settings = { ...defaultSettings(), 'complaint.handle_days': 10 };
    expect(handlingDue('2026-11-16', complaintRules(settings, EMPTY_CALENDAR))).toBe('2026-11-30');
  });
});

describe('followupDue: followup_days calendar days after handling', () => {
  it.each([
    ['2026-11-25', 30, '2026-12-25'],
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-11-21', 30, '2026-12-21'],
    ['2026-11-25', 7, '2026-12-02'],
  ])('handled %s + %i days → %s (weekends count)', (handledOn, followupDays, due) => {
    expect(followupDue(handledOn, { ...RULES, followupDays })).toBe(due);
  });
});

describe('the status flow', () => {
  it('received → verified → handled → closed (satisfied)', () => {
    let c = aComplaint({ ...registerComplaint('2026-11-16', RULES), receivedOn: '2026-11-16' });
    expect(c).toMatchObject({ status: 'received', due: '2026-11-23' });

    const verified = verifyComplaint(c, '2026-11-17');
    expect(verified).toEqual({ ok: true, changes: { status: 'verified', verifiedOn: '2026-11-17' } });
    c = { ...c, ...(verified.ok ? verified.changes : {}) };

    const handled = handleComplaint(c, '2026-11-20', RULES);
    expect(handled).toEqual({ ok: true, changes: { status: 'handled', handledOn: '2026-11-20', onTime: true, followupDue: '2026-12-20' } });
    c = { ...c, ...(handled.ok ? handled.changes : {}) };

    const closed = followUpComplaint(c, 'satisfied', '2026-12-18', RULES);
    expect(closed).toEqual({ ok: true, changes: { status: 'closed', followupOn: '2026-12-18', outcome: 'satisfied' } });
  });

  it('unsatisfied sends it back to verified, due handle_days working days after the follow-up (a weekend and a holiday)', () => {
    const handled = aComplaint({ status: 'handled', verifiedOn: '2026-11-17', handledOn: '2026-11-20' });
    // Monday 2026-12-28: Tue 29, Wed 30, Thu 31, (Fri 2027-01-01 a holiday), (weekend), Mon 4, Tue 5.
    const holidays = withCalendar(calendar(['2027-01-01']));
    expect(followUpComplaint(handled, 'unsatisfied', '2026-12-28', holidays)).toEqual({
      ok: true,
      changes: { status: 'verified', followupOn: '2026-12-28', outcome: 'unsatisfied', due: '2027-01-05', followupDue: null },
    });
    // Without the holiday, one working day earlier.
    expect(followUpComplaint(handled, 'unsatisfied', '2026-12-28', RULES)).toMatchObject({ ok: true, changes: { due: '2027-01-04' } });
  });

  it('after an unsatisfied follow-up it is handled again, judged against the new due date', () => {
    const first = aComplaint({ status: 'handled', verifiedOn: '2026-11-17', handledOn: '2026-11-20' });
    const back = followUpComplaint(first, 'unsatisfied', '2026-12-28', RULES);
    if (!back.ok) throw new Error('refused');
    const reopened = { ...first, ...back.changes };
    expect(reopened).toMatchObject({ status: 'verified', due: '2027-01-04', handledOn: '2026-11-20' });

    // The first handling was on time; the second one, a day after its own due date, is not.
    expect(handleComplaint(reopened, '2027-01-05', RULES)).toEqual({
      ok: true,
      changes: { status: 'handled', handledOn: '2027-01-05', onTime: false, followupDue: '2027-02-04' },
    });
    expect(handleComplaint(reopened, '2027-01-04', RULES)).toMatchObject({ ok: true, changes: { onTime: true } });
  });

  it('and round it goes until the customer is satisfied', () => {
    const again = aComplaint({
      status: 'handled',
      verifiedOn: '2026-11-17',
      handledOn: '2027-01-05',
      followupOn: '2026-12-28',
      due: '2027-01-04',
    });
    expect(followUpComplaint(again, 'satisfied', '2027-02-01', RULES)).toEqual({
      ok: true,
      changes: { status: 'closed', followupOn: '2027-02-01', outcome: 'satisfied' },
    });
  });
});

describe('on time = handled on or before the due date in force', () => {
  const verified = aComplaint({ status: 'verified', verifiedOn: '2026-11-17' });
  it.each([
    ['well before', '2026-11-17', true],
    ['exactly on the due date', '2026-11-23', true],
    ['a day late', '2026-11-24', false],
    ['a month late', '2026-12-23', false],
  ])('%s (%s)', (_label, on, onTime) => {
    expect(handleComplaint(verified, on, RULES)).toMatchObject({ ok: true, changes: { onTime } });
  });
});

describe('refusals', () => {
  const states: Record<ComplaintStatus, ComplaintState> = {
    received: aComplaint(),
    verified: aComplaint({ status: 'verified', verifiedOn: '2026-11-17' }),
    handled: aComplaint({ status: 'handled', verifiedOn: '2026-11-17', handledOn: '2026-11-20' }),
    closed: aComplaint({ status: 'closed', verifiedOn: '2026-11-17', handledOn: '2026-11-20', followupOn: '2026-12-18' }),
  };
  const step = (action: ComplaintAction, c: ComplaintState, on = '2027-01-10') =>
    action === 'verify'
      ? verifyComplaint(c, on)
      : action === 'handle'
        ? handleComplaint(c, on, RULES)
        : followUpComplaint(c, 'satisfied', on, RULES);

  it('the table: verify from received, handle from verified, follow up from handled; nothing from closed', () => {
    expect(COMPLAINT_ALLOWED_FROM).toEqual({ verify: ['received'], handle: ['verified'], followup: ['handled'] });
  });

  const wrong = COMPLAINT_ACTIONS.flatMap((action) =>
    COMPLAINT_STATUSES.filter((s) => !COMPLAINT_ALLOWED_FROM[action].includes(s)).map((s) => [action, s] as const),
  );
  it('every action and status pair is covered', () => {
    expect(wrong).toHaveLength(9);
  });

  it.each(wrong)('%s from %s is refused (exit 4)', (action, status) => {
    expect(step(action, states[status])).toEqual({
      ok: false,
      refusal: { code: 'wrong-status', action, status, allowedFrom: COMPLAINT_ALLOWED_FROM[action] },
    });
  });

  it.each([
    ['verify before it was received', 'verify', 'received', '2026-11-15', 'verified_on', 'received_on', '2026-11-16'],
    ['handle before it was verified', 'handle', 'verified', '2026-11-16', 'handled_on', 'verified_on', '2026-11-17'],
    ['handle before it was received', 'handle', 'verified', '2026-11-10', 'handled_on', 'verified_on', '2026-11-17'],
    ['follow up before it was handled', 'followup', 'handled', '2026-11-19', 'followup_on', 'handled_on', '2026-11-20'],
  ] as const)('%s is a date problem (exit 2), naming the latest step it precedes', (_label, action, status, on, field, before, earlier) => {
    expect(step(action, states[status], on)).toEqual({ ok: false, refusal: { code: 'date-order', field, date: on, before, earlier } });
  });

  it('handled before received, even with no verification date on record', () => {
    expect(step('handle', aComplaint({ status: 'verified' }), '2026-11-15')).toEqual({
      ok: false,
      refusal: { code: 'date-order', field: 'handled_on', date: '2026-11-15', before: 'received_on', earlier: '2026-11-16' },
    });
  });

  it('handling again before the unsatisfied follow-up that sent it back', () => {
    const reopened = aComplaint({
      status: 'verified',
      verifiedOn: '2026-11-17',
      handledOn: '2026-11-20',
      followupOn: '2026-12-28',
      due: '2027-01-04',
    });
    expect(step('handle', reopened, '2026-12-27')).toMatchObject({
      ok: false,
      refusal: { code: 'date-order', before: 'followup_on', earlier: '2026-12-28' },
    });
    expect(step('handle', reopened, '2026-12-28')).toMatchObject({ ok: true });
  });

  it('every step may happen on the same day as the one before', () => {
    expect(step('verify', states.received, '2026-11-16').ok).toBe(true);
    expect(step('handle', states.verified, '2026-11-17').ok).toBe(true);
    expect(step('followup', states.handled, '2026-11-20').ok).toBe(true);
  });

  it('the wrong status is reported before a date problem', () => {
    expect(step('verify', states.closed, '2000-01-01')).toMatchObject({ ok: false, refusal: { code: 'wrong-status' } });
  });
});

describe('complaintNextDue', () => {
  it.each([
    ['received: to be handled by its due date', 'received', '2026-11-23', null, { step: 'handle', due: '2026-11-23' }],
    ['verified: the same', 'verified', '2026-11-23', null, { step: 'handle', due: '2026-11-23' }],
    ['handled: to be followed up', 'handled', '2026-11-23', '2026-12-20', { step: 'followup', due: '2026-12-20' }],
    ['closed: nothing', 'closed', '2026-11-23', '2026-12-20', null],
  ] as const)('%s', (_label, status, due, followup, expected) => {
    expect(complaintNextDue({ status, due, followupDue: followup })).toEqual(expected);
  });
});

describe('parseChannel', () => {
  it.each([
    ['phone', 'phone'],
    ['PHONE', 'phone'],
    ['电话', 'phone'],
    ['来电', 'phone'],
    ['热线', 'phone'],
    [' 电话 ', 'phone'],
    ['visit', 'visit'],
    ['in-person', 'visit'],
    ['走访', 'visit'],
    ['来访', 'visit'],
    ['上门', 'visit'],
    ['email', 'email'],
    ['E-Mail', 'email'],
    ['邮件', 'email'],
    ['电子邮件', 'email'],
    ['letter', 'letter'],
    ['mail', 'letter'],
    ['信函', 'letter'],
    ['来信', 'letter'],
    ['online', 'online'],
    ['Online', 'online'],
    ['网上', 'online'],
    ['网络', 'online'],
    ['在线', 'online'],
    ['微信', 'online'],
  ])('%j → %s', (text, channel) => {
    expect(parseChannel(text)).toBe(channel);
  });

  it.each(['', ' ', 'fax', 'telegram', '电', 'phone call'])('rejects %j', (text) => {
    expect(parseChannel(text)).toBeNull();
  });

  it('every channel code reads as itself', () => {
    for (const channel of COMPLAINT_CHANNELS) expect(parseChannel(channel)).toBe(channel);
  });
});

describe('parseOutcome', () => {
  it.each([
    ['satisfied', 'satisfied'],
    ['Satisfied', 'satisfied'],
    ['满意', 'satisfied'],
    ['unsatisfied', 'unsatisfied'],
    ['dissatisfied', 'unsatisfied'],
    ['不满意', 'unsatisfied'],
  ])('%j → %s', (text, outcome) => {
    expect(parseOutcome(text)).toBe(outcome);
  });

  it.each(['', 'maybe', '一般'])('rejects %j', (text) => {
    expect(parseOutcome(text)).toBeNull();
  });
});
