// What a stored complaint and a plan's approval were on an earlier day (src/core/as-of.ts): the overdue list
// of a past day and the monthly report's overdue at month end see them as they stood then.
import { describe, expect, it } from 'vitest';
import { complaintOn, planApprovalOn, type StoredComplaint } from '../../src/core/as-of.js';
import { complaintRules, followUpComplaint, handleComplaint, registerComplaint, verifyComplaint } from '../../src/core/complaints.js';
import type { ComplaintStatus } from '../../src/core/complaints.js';
import { EMPTY_CALENDAR } from '../../src/core/calendar.js';
import { defaultSettings } from '../../src/core/settings.js';
import { plusDays } from '../../src/core/dates.js';

/** 5 working days to handle, 30 days to follow up, weekends only. */
const RULES = complaintRules(defaultSettings(), EMPTY_CALENDAR);

/** A complaint received Monday 2026-11-02 (due Monday 11-09), taken through `steps` with the pure rules, as the store keeps it. */
function stored(steps: Array<['verify' | 'handle' | 'satisfied' | 'unsatisfied', string]>): StoredComplaint {
  const c: StoredComplaint = {
    id: 7,
    customerId: 3,
    status: 'received',
    receivedOn: '2026-11-02',
    verifiedOn: null,
    due: registerComplaint('2026-11-02', RULES).due,
    handledOn: null,
    followupDue: null,
    followupOn: null,
  };
  for (const [step, on] of steps) {
    if (step === 'verify') {
      const r = verifyComplaint(c, on);
      if (!r.ok) throw new Error(r.refusal.code);
      Object.assign(c, { status: r.changes.status, verifiedOn: on });
    } else if (step === 'handle') {
      const r = handleComplaint(c, on, RULES);
      if (!r.ok) throw new Error(r.refusal.code);
      Object.assign(c, { status: r.changes.status, handledOn: on, followupDue: r.changes.followupDue });
    } else {
      const r = followUpComplaint(c, step, on, RULES);
      if (!r.ok) throw new Error(r.refusal.code);
      const { status, followupOn } = r.changes;
      Object.assign(c, { status, followupOn }, r.changes.status === 'verified' ? { due: r.changes.due, followupDue: null } : {});
    }
  }
  return c;
}

type Seen = [status: ComplaintStatus, due: string, handledOn: string | null, followupDue: string | null, followupOn: string | null] | null;

const seen = (c: StoredComplaint, day: string): Seen => {
  const then = complaintOn(c, day, RULES);
  return then && [then.status, then.due, then.handledOn, then.followupDue, then.followupOn];
};

describe('complaintOn: one round (verified, handled, satisfied)', () => {
  const c = stored([
    ['verify', '2026-11-03'],
    ['handle', '2026-11-06'],
    ['satisfied', '2026-11-20'],
  ]);
  it.each([
    ['before it was received: not known yet', '2026-11-01', null],
    ['the day it was received', '2026-11-02', ['received', '2026-11-09', null, null, null]],
    ['verified', '2026-11-04', ['verified', '2026-11-09', null, null, null]],
    ['handled: the follow-up falls due 30 days later', '2026-11-06', ['handled', '2026-11-09', '2026-11-06', '2026-12-06', null]],
    ['the day before the satisfied follow-up', '2026-11-19', ['handled', '2026-11-09', '2026-11-06', '2026-12-06', null]],
    ['closed on the day of the follow-up', '2026-11-20', null],
    ['closed after it', '2027-01-01', null],
  ] as Array<[string, string, Seen]>)('%s (%s)', (_label, day, expected) => {
    expect(seen(c, day)).toEqual(expected);
  });
});

describe('complaintOn: sent back once (unsatisfied), handled again, satisfied', () => {
  // Handled Fri 11-06; not satisfied Tue 11-10 (due again Tue 11-17); handled again Mon 11-16; satisfied Mon 11-30.
  const steps: Array<['verify' | 'handle' | 'satisfied' | 'unsatisfied', string]> = [
    ['verify', '2026-11-03'],
    ['handle', '2026-11-06'],
    ['unsatisfied', '2026-11-10'],
    ['handle', '2026-11-16'],
    ['satisfied', '2026-11-30'],
  ];
  const at = (count: number) => stored(steps.slice(0, count));

  it.each([
    // stored after the unsatisfied follow-up: status verified, due 11-17, followup_on 11-10
    [3, '2026-11-04', ['verified', '2026-11-09', null, null, null]],
    [3, '2026-11-06', ['handled', '2026-11-17', '2026-11-06', '2026-12-06', null]],
    [3, '2026-11-10', ['verified', '2026-11-17', null, null, '2026-11-10']],
    // stored after the second handling: status handled, handled_on 11-16, followup_on 11-10
    [4, '2026-11-10', ['verified', '2026-11-17', null, null, '2026-11-10']],
    [4, '2026-11-16', ['handled', '2026-11-17', '2026-11-16', '2026-12-16', null]],
    [4, '2026-11-04', ['verified', '2026-11-09', null, null, null]],
    // stored closed: the latest round is exact, the first round recomputed from the receipt
    [5, '2026-11-29', ['handled', '2026-11-17', '2026-11-16', '2026-12-16', null]],
    [5, '2026-11-30', null],
    [5, '2026-11-05', ['verified', '2026-11-09', null, null, null]],
    [5, '2026-11-02', ['received', '2026-11-09', null, null, null]],
  ] as Array<[number, string, Seen]>)('after %i steps, on %s', (count, day, expected) => {
    expect(seen(at(count), day)).toEqual(expected);
  });

  it('on every day after the latest step it is what the row says', () => {
    for (let count = 0; count <= steps.length; count++) {
      const c = at(count);
      const last = count === 0 ? c.receivedOn : steps[count - 1]![1];
      const then = complaintOn(c, plusDays(last, 3), RULES);
      if (c.status === 'closed') expect(then).toBeNull();
      else expect(then).toMatchObject({ status: c.status, due: c.due, followupDue: c.followupDue });
    }
  });
});

describe('complaintOn: the same day for several steps', () => {
  it('handled and followed up unsatisfied on one day, handled again the same day', () => {
    const c = stored([
      ['verify', '2026-11-02'],
      ['handle', '2026-11-04'],
      ['unsatisfied', '2026-11-04'],
      ['handle', '2026-11-04'],
    ]);
    expect(seen(c, '2026-11-04')).toEqual(['handled', '2026-11-11', '2026-11-04', '2026-12-04', null]);
    expect(seen(c, '2026-11-03')).toEqual(['verified', '2026-11-09', null, null, null]);
  });
});

describe('planApprovalOn: a decision after the day leaves the plan pending on it', () => {
  it.each([
    [null, null, '2026-11-20', null],
    ['pending', null, '2026-11-20', 'pending'],
    ['approved', '2026-11-18', '2026-11-20', 'approved'],
    ['approved', '2026-11-20', '2026-11-20', 'approved'],
    ['approved', '2026-11-21', '2026-11-20', 'pending'],
    ['rejected', '2026-11-21', '2026-11-20', 'pending'],
    ['rejected', '2026-11-19', '2026-11-20', 'rejected'],
  ] as const)('%s on %s, seen on %s → %s', (approval, decidedOn, day, expected) => {
    expect(planApprovalOn(approval, decidedOn, day)).toBe(expected);
  });
});
