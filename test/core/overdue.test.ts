// findOverdue (docs/rules.md, rules 6–11, 14, 15): for every kind, when it falls due and how many days overdue it is
// on a fixed as-of date (Monday 2026-11-23), with the default settings; --within, --kind, --owner, closed
// customers, customers registered later, and the order of the list; complaints, and plans waiting for
// approval with plan approval on and off.
import { describe, expect, it } from 'vitest';
import {
  findOverdue,
  OVERDUE_KINDS,
  type CustomerFacts,
  type OpenComplaint,
  type OpenForm,
  type OpenPlan,
  type OverdueFacts,
  type OverdueItem,
  type OverdueOptions,
  type PendingMinutes,
} from '../../src/core/overdue.js';
import { EMPTY_CALENDAR, type WorkCalendar } from '../../src/core/calendar.js';
import { defaultSettings, type Settings } from '../../src/core/settings.js';

/** Monday. */
const AS_OF = '2026-11-23';
const SETTINGS = defaultSettings();

/**
 * A customer about whom nothing is due on AS_OF: registered the Friday before, visited that day (grade C,
 * next follow-up in 90 days), no business, no forms, no application.
 */
function aCustomer(more: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    id: 1,
    name: '深圳市腾达(集团)有限公司',
    owner: '张伟',
    grade: 'C',
    registeredOn: '2026-11-20',
    assignedOn: '2026-11-20',
    closedOn: null,
    lastVisit: { id: 100, date: '2026-11-20', next: null },
    lastBusiness: null,
    relationshipStart: null,
    lastApplication: null,
    lastFormSent: null,
    lastInitialSent: null,
    lastRevisitSent: null,
    ...more,
  };
}

/**
 * A customer trading with us for a while, everything in order: registered 2025-12-01, relationship since
 * 2026-01-10 with its application filed and initial form sent, last form sent 2026-11-01, business recently.
 */
function anActiveCustomer(more: Partial<CustomerFacts> = {}): CustomerFacts {
  return aCustomer({
    registeredOn: '2025-12-01',
    assignedOn: '2025-12-01',
    relationshipStart: '2026-01-10',
    lastBusiness: '2026-11-02',
    lastApplication: { firstTxn: '2026-01-10', filedOn: '2026-01-20' },
    lastInitialSent: '2026-01-25',
    lastFormSent: '2026-11-01',
    ...more,
  });
}

function facts(
  customers: CustomerFacts[],
  more: { plans?: OpenPlan[]; minutes?: PendingMinutes[]; forms?: OpenForm[]; complaints?: OpenComplaint[] } = {},
): OverdueFacts {
  const f: OverdueFacts = { customers, plans: more.plans ?? [], minutes: more.minutes ?? [], forms: more.forms ?? [] };
  return more.complaints ? { ...f, complaints: more.complaints } : f;
}

interface Run {
  asOf?: string;
  settings?: Settings;
  calendar?: WorkCalendar;
  options?: OverdueOptions;
}

function overdue(f: OverdueFacts, run: Run = {}): OverdueItem[] {
  return findOverdue(f, run.asOf ?? AS_OF, run.settings ?? SETTINGS, run.calendar ?? EMPTY_CALENDAR, run.options ?? {});
}

/** The items in short: kind, due date, days overdue. */
function brief(f: OverdueFacts, run: Run = {}): Array<[string, string, number]> {
  return overdue(f, run).map((i) => [i.kind, i.due, i.daysOverdue]);
}

const calendar = (holidays: string[], workdays: string[] = []): WorkCalendar => ({
  holidays: new Set(holidays),
  workdays: new Set(workdays),
});

describe('the baseline', () => {
  it('nothing is due for the quiet customer, even looking a week ahead', () => {
    expect(overdue(facts([aCustomer()]))).toEqual([]);
    expect(overdue(facts([aCustomer()]), { options: { within: 7 } })).toEqual([]);
  });

  it('uses the defaults of docs/rules.md', () => {
    expect(SETTINGS).toMatchObject({
      'first_contact.days': 7,
      'cadence.A': 7,
      'cadence.B': 30,
      'cadence.C': 90,
      'minutes.working_days': 2,
      'application.deadline_months': 1,
      'form.initial_days': 15,
      'form.periodic_months': 3,
      'form.revisit_months': 6,
      'target.dormant_months': 6,
      'complaint.handle_days': 5,
      'complaint.followup_days': 30,
      'plan.approval': 'off',
    });
  });
});

describe('first-contact: assigned + 7 days while there is no completed visit', () => {
  it.each([
    ['assigned 2026-11-15 → due 2026-11-22, 1 day overdue', '2026-11-15', '2026-11-15', [['first-contact', '2026-11-22', 1]]],
    ['assigned 2026-11-16 → due on the as-of date, not overdue yet', '2026-11-16', '2026-11-16', []],
    ['assigned 2026-10-01 → due 2026-10-08, 46 days overdue', '2026-10-01', '2026-10-01', [['first-contact', '2026-10-08', 46]]],
    ['registered long ago but reassigned 2026-11-16: the clock restarts, not overdue', '2026-09-01', '2026-11-16', []],
    ['registered 2026-09-01, reassigned 2026-11-10 → due 2026-11-17', '2026-09-01', '2026-11-10', [['first-contact', '2026-11-17', 6]]],
  ])('%s', (_label, registeredOn, assignedOn, expected) => {
    expect(brief(facts([aCustomer({ registeredOn, assignedOn, lastVisit: null })]))).toEqual(expected);
  });

  it('the item names the customer, its owner and the customer id as ref, with the assignment date', () => {
    const [item] = overdue(
      facts([aCustomer({ id: 42, name: '苏州新源电子有限公司', owner: '李娜', assignedOn: '2026-11-15', lastVisit: null })]),
    );
    expect(item).toEqual({
      kind: 'first-contact',
      customerId: 42,
      customer: '苏州新源电子有限公司',
      owner: '李娜',
      due: '2026-11-22',
      daysOverdue: 1,
      refId: 42,
      detail: { code: 'first-contact', assignedOn: '2026-11-15' },
    });
  });

  it('a completed visit ends the first-contact item', () => {
    expect(brief(facts([aCustomer({ assignedOn: '2026-10-01', lastVisit: { id: 5, date: '2026-11-20', next: null } })]))).toEqual([]);
  });

  it('follows first_contact.days', () => {
    const settings = { ...SETTINGS, 'first_contact.days': 3 };
    expect(brief(facts([aCustomer({ assignedOn: '2026-11-19', lastVisit: null })]), { settings })).toEqual([
      ['first-contact', '2026-11-22', 1],
    ]);
  });
});

describe('follow-up: the visit’s next date, else visit date + cadence of the grade', () => {
  it.each([
    ['grade A: visit 2026-11-10 + 7 → 2026-11-17', 'A', '2026-11-10', null, [['follow-up', '2026-11-17', 6]]],
    ['grade B: visit 2026-10-20 + 30 → 2026-11-19', 'B', '2026-10-20', null, [['follow-up', '2026-11-19', 4]]],
    ['grade C: visit 2026-08-20 + 90 → 2026-11-18', 'C', '2026-08-20', null, [['follow-up', '2026-11-18', 5]]],
    ['grade A due on the as-of date is not overdue', 'A', '2026-11-16', null, []],
    ['grade A one day later is', 'A', '2026-11-15', null, [['follow-up', '2026-11-22', 1]]],
    ['the next date wins over a cadence that has passed', 'A', '2026-11-10', '2026-12-01', []],
    ['the next date wins over a cadence still far away', 'C', '2026-10-01', '2026-11-20', [['follow-up', '2026-11-20', 3]]],
    ['a next date on the as-of date is not overdue', 'C', '2026-10-01', '2026-11-23', []],
  ] as const)('%s', (_label, grade, date, next, expected) => {
    expect(
      brief(facts([aCustomer({ grade, registeredOn: '2026-01-05', assignedOn: '2026-01-05', lastVisit: { id: 9, date, next } })])),
    ).toEqual(expected);
  });

  it('the clock restarts at the latest visit: a grade-A visit on 2026-11-20 is due 2026-11-27', () => {
    const c = aCustomer({ grade: 'A', lastVisit: { id: 9, date: '2026-11-20', next: null } });
    expect(brief(facts([c]))).toEqual([]);
    expect(brief(facts([c]), { options: { within: 4 } })).toEqual([['follow-up', '2026-11-27', -4]]);
  });

  it('refers to the visit, and says which rule set the date', () => {
    const byCadence = overdue(facts([aCustomer({ grade: 'B', lastVisit: { id: 31, date: '2026-10-20', next: null } })]))[0]!;
    expect(byCadence).toMatchObject({ refId: 31, detail: { code: 'follow-up-cadence', lastVisit: '2026-10-20', grade: 'B', days: 30 } });
    const byNext = overdue(facts([aCustomer({ lastVisit: { id: 32, date: '2026-10-01', next: '2026-11-20' } })]))[0]!;
    expect(byNext).toMatchObject({ refId: 32, detail: { code: 'follow-up-next', lastVisit: '2026-10-01' } });
  });

  it('follows the cadence settings', () => {
    const settings = { ...SETTINGS, 'cadence.B': 10 };
    expect(brief(facts([aCustomer({ grade: 'B', lastVisit: { id: 9, date: '2026-11-10', next: null } })]), { settings })).toEqual([
      ['follow-up', '2026-11-20', 3],
    ]);
  });
});

describe('plan-missed: a plan whose date has passed and that is not done', () => {
  it.each([
    ['planned for Friday 2026-11-20', '2026-11-20', [['plan-missed', '2026-11-20', 3]]],
    ['planned for yesterday', '2026-11-22', [['plan-missed', '2026-11-22', 1]]],
    ['planned for today: not missed yet', '2026-11-23', []],
    ['planned for tomorrow', '2026-11-24', []],
  ])('%s', (_label, date, expected) => {
    expect(brief(facts([aCustomer()], { plans: [{ id: 77, customerId: 1, date }] }))).toEqual(expected);
  });

  it('refers to the plan', () => {
    expect(overdue(facts([aCustomer()], { plans: [{ id: 77, customerId: 1, date: '2026-11-20' }] }))[0]).toMatchObject({
      refId: 77,
      customerId: 1,
      detail: { code: 'plan-missed', date: '2026-11-20' },
    });
  });
});

describe('minutes: 2 working days after an in-person visit', () => {
  const friday = (asOf: string, cal: WorkCalendar = EMPTY_CALENDAR, within?: number) =>
    brief(facts([aCustomer()], { minutes: [{ id: 55, customerId: 1, date: '2026-11-20' }] }), { asOf, calendar: cal, options: { within } });

  it('a visit on Friday 2026-11-20 is due Tuesday 2026-11-24: not overdue on Monday', () => {
    expect(friday(AS_OF)).toEqual([]);
    expect(friday(AS_OF, EMPTY_CALENDAR, 1)).toEqual([['minutes', '2026-11-24', -1]]);
    expect(friday('2026-11-24')).toEqual([]);
    expect(friday('2026-11-25')).toEqual([['minutes', '2026-11-24', 1]]);
  });

  it('a holiday on Monday 2026-11-23 shifts it to Wednesday 2026-11-25', () => {
    const holiday = calendar(['2026-11-23']);
    expect(friday('2026-11-25', holiday)).toEqual([]);
    expect(friday('2026-11-26', holiday)).toEqual([['minutes', '2026-11-25', 1]]);
  });

  it('an adjusted working Saturday (调休) brings it forward to Monday 2026-11-23', () => {
    expect(friday('2026-11-24', calendar([], ['2026-11-21']))).toEqual([['minutes', '2026-11-23', 1]]);
  });

  it('refers to the visit', () => {
    expect(
      overdue(facts([aCustomer()], { minutes: [{ id: 55, customerId: 1, date: '2026-11-20' }] }), { asOf: '2026-11-25' })[0],
    ).toMatchObject({ refId: 55, detail: { code: 'minutes', date: '2026-11-20' } });
  });
});

describe('application: 1 month after the relationship start, while none is filed', () => {
  const newlyTrading = (more: Partial<CustomerFacts> = {}) =>
    aCustomer({
      registeredOn: '2026-01-10',
      assignedOn: '2026-01-10',
      relationshipStart: '2026-01-31',
      lastBusiness: '2026-01-31',
      ...more,
    });
  const applicationOnly = { kinds: ['application'] as const };

  it('a month-end start 2026-01-31 is due 2026-02-28 (calendar months)', () => {
    expect(brief(facts([newlyTrading()]), { asOf: '2026-02-28', options: applicationOnly })).toEqual([]);
    expect(brief(facts([newlyTrading()]), { asOf: '2026-03-02', options: applicationOnly })).toEqual([['application', '2026-02-28', 2]]);
    expect(brief(facts([newlyTrading()]), { options: applicationOnly })).toEqual([['application', '2026-02-28', 268]]);
  });

  it('due 2026-11-15 for a relationship that started 2026-10-15', () => {
    const c = aCustomer({
      registeredOn: '2026-10-01',
      assignedOn: '2026-10-01',
      relationshipStart: '2026-10-15',
      lastBusiness: '2026-10-15',
    });
    expect(overdue(facts([c]), { options: applicationOnly })).toEqual([
      expect.objectContaining({
        kind: 'application',
        due: '2026-11-15',
        daysOverdue: 8,
        refId: 1,
        detail: { code: 'application', start: '2026-10-15' },
      }),
    ]);
  });

  it('is not listed once an application for this relationship exists', () => {
    const filed = newlyTrading({ lastApplication: { firstTxn: '2026-01-31', filedOn: '2026-02-10' } });
    expect(brief(facts([filed]), { options: applicationOnly })).toEqual([]);
    // filed late (rejected as late) still counts as filed: nothing left to remind
    const late = newlyTrading({ lastApplication: { firstTxn: '2026-01-31', filedOn: '2026-04-01' } });
    expect(brief(facts([late]), { options: applicationOnly })).toEqual([]);
  });

  it('an application of an earlier relationship does not count for a new one', () => {
    const old = newlyTrading({ lastApplication: { firstTxn: '2019-03-01', filedOn: '2019-03-15' } });
    expect(brief(facts([old]), { asOf: '2026-03-02', options: applicationOnly })).toEqual([['application', '2026-02-28', 2]]);
  });

  it('not listed when the relationship started before the customer was registered (documented choice)', () => {
    const existing = newlyTrading({ registeredOn: '2026-02-05', assignedOn: '2026-02-05' });
    expect(brief(facts([existing]), { asOf: '2026-03-02', options: applicationOnly })).toEqual([]);
  });

  it('a relationship starting on the registration day is a development', () => {
    const sameDay = newlyTrading({ registeredOn: '2026-01-31', assignedOn: '2026-01-31' });
    expect(brief(facts([sameDay]), { asOf: '2026-03-02', options: applicationOnly })).toEqual([['application', '2026-02-28', 2]]);
  });

  it('no relationship, no application due', () => {
    expect(brief(facts([aCustomer({ registeredOn: '2025-01-01', assignedOn: '2025-01-01' })]), { options: applicationOnly })).toEqual([]);
  });
});

describe('form-return: a sent form past its due date', () => {
  it.each([
    ['due 2026-11-20', '2026-11-20', [['form-return', '2026-11-20', 3]]],
    ['due today', '2026-11-23', []],
    ['due next week', '2026-11-30', []],
  ])('%s', (_label, due, expected) => {
    expect(brief(facts([aCustomer()], { forms: [{ id: 7, customerId: 1, kind: 'periodic', sentOn: '2026-11-05', due }] }))).toEqual(
      expected,
    );
  });

  it('refers to the form, with its kind and sending date', () => {
    const [item] = overdue(
      facts([aCustomer()], { forms: [{ id: 7, customerId: 1, kind: 'initial', sentOn: '2026-11-01', due: '2026-11-16' }] }),
    );
    expect(item).toMatchObject({
      kind: 'form-return',
      refId: 7,
      due: '2026-11-16',
      daysOverdue: 7,
      detail: { code: 'form-return', kind: 'initial', sentOn: '2026-11-01' },
    });
  });
});

describe('form-send', () => {
  const formsToSend = { kinds: ['form-send'] as const };

  describe('initial: 15 days after the relationship start', () => {
    const started = (more: Partial<CustomerFacts> = {}) =>
      aCustomer({
        registeredOn: '2026-10-01',
        assignedOn: '2026-10-01',
        relationshipStart: '2026-11-01',
        lastBusiness: '2026-11-01',
        ...more,
      });

    it('relationship since 2026-11-01 → due 2026-11-16, 7 days overdue', () => {
      expect(overdue(facts([started()]), { options: formsToSend })).toEqual([
        expect.objectContaining({
          kind: 'form-send',
          due: '2026-11-16',
          daysOverdue: 7,
          refId: 1,
          detail: { code: 'form-send-initial', start: '2026-11-01' },
        }),
      ]);
    });

    it('relationship since 2026-11-08 → due today, not overdue', () => {
      expect(brief(facts([started({ relationshipStart: '2026-11-08' })]), { options: formsToSend })).toEqual([]);
    });

    it('not listed once the initial form is sent', () => {
      expect(brief(facts([started({ lastInitialSent: '2026-11-05', lastFormSent: '2026-11-05' })]), { options: formsToSend })).toEqual([]);
    });

    it('an initial form of an earlier relationship does not count', () => {
      const again = started({
        registeredOn: '2019-01-01',
        assignedOn: '2019-01-01',
        lastInitialSent: '2019-02-01',
        lastFormSent: '2019-02-01',
      });
      expect(brief(facts([again]), { options: formsToSend })).toContainEqual(['form-send', '2026-11-16', 7]);
    });
  });

  describe('periodic: 3 months after the last form, while active', () => {
    it.each([
      ['last form 2026-08-15 → due 2026-11-15', '2026-08-15', '2026-10-01', [['form-send', '2026-11-15', 8]]],
      ['last form 2026-08-23 → due today, not overdue', '2026-08-23', '2026-10-01', []],
      ['month end: last form 2026-05-31 → due 2026-08-31', '2026-05-31', '2026-10-01', [['form-send', '2026-08-31', 84]]],
      ['business exactly 6 months ago is still active', '2026-08-15', '2026-05-23', [['form-send', '2026-11-15', 8]]],
      ['dormant (business 6 months and a day ago): no periodic form', '2026-08-15', '2026-05-22', []],
    ])('%s', (_label, lastFormSent, lastBusiness, expected) => {
      expect(brief(facts([anActiveCustomer({ lastFormSent, lastBusiness })]), { options: formsToSend })).toEqual(expected);
    });

    it('a prospect (no business) gets no periodic form', () => {
      expect(brief(facts([aCustomer({ lastFormSent: '2026-01-01' })]), { options: formsToSend })).toEqual([]);
    });

    it('says which form it follows', () => {
      expect(overdue(facts([anActiveCustomer({ lastFormSent: '2026-08-15' })]))).toEqual([
        expect.objectContaining({ kind: 'form-send', refId: 1, detail: { code: 'form-send-periodic', lastSent: '2026-08-15' } }),
      ]);
    });
  });

  describe('revisit: 6 months after the customer was closed', () => {
    it.each([
      ['closed 2026-05-10 → due 2026-11-10', '2026-05-10', null, [['form-send', '2026-11-10', 13]]],
      ['closed 2026-05-23 → due today, not overdue', '2026-05-23', null, []],
      ['none after a revisit form is sent', '2026-05-10', '2026-11-12', []],
      ['a revisit form sent on the closing day counts', '2026-05-10', '2026-05-10', []],
      ['a revisit form of an earlier closure does not count', '2026-05-10', '2025-03-01', [['form-send', '2026-11-10', 13]]],
    ])('%s', (_label, closedOn, lastRevisitSent, expected) => {
      expect(brief(facts([anActiveCustomer({ closedOn, lastRevisitSent })]))).toEqual(expected);
    });

    it('says when the customer was closed', () => {
      expect(overdue(facts([anActiveCustomer({ closedOn: '2026-05-10' })]))[0]).toMatchObject({
        refId: 1,
        detail: { code: 'form-send-revisit', closedOn: '2026-05-10' },
      });
    });
  });
});

describe('closed customers', () => {
  /** Everything would be due for contact, were it not closed. */
  const neglected = (closedOn: string | null) =>
    aCustomer({
      grade: 'A',
      registeredOn: '2026-06-01',
      assignedOn: '2026-06-01',
      closedOn,
      lastVisit: null,
      relationshipStart: '2026-06-10',
      lastBusiness: '2026-06-10',
    });
  const plans = [{ id: 70, customerId: 1, date: '2026-11-01' }];

  it('are never due for first contact, follow-up, missed plans or the application, but do get the revisit form', () => {
    expect(brief(facts([neglected('2026-11-01')], { plans }))).toEqual([]);
    expect(
      brief(
        facts(
          [neglected('2026-05-01')].map((c) => ({ ...c, registeredOn: '2026-04-01', assignedOn: '2026-04-01' })),
          { plans },
        ),
      ),
    ).toEqual([['form-send', '2026-11-01', 22]]);
    const graded = aCustomer({ grade: 'A', closedOn: '2026-11-01', lastVisit: { id: 3, date: '2026-10-01', next: null } });
    expect(brief(facts([graded]))).toEqual([]);
  });

  it('closed on the as-of date counts as closed', () => {
    expect(brief(facts([neglected('2026-11-23')], { plans }))).toEqual([]);
  });

  it('a closing date after the as-of date does not close it yet', () => {
    const kinds = overdue(facts([neglected('2026-12-01')], { plans })).map((i) => i.kind);
    expect(kinds.sort()).toEqual(['application', 'first-contact', 'form-send', 'plan-missed']);
  });

  it('the same customer open: every kind of contact is due', () => {
    expect(brief(facts([neglected(null)], { plans }))).toEqual(
      [
        ['first-contact', '2026-06-08', 168],
        ['application', '2026-07-10', 136],
        ['form-send', '2026-06-25', 151],
        ['plan-missed', '2026-11-01', 22],
      ].sort((a, b) => (b[2] as number) - (a[2] as number)),
    );
  });
});

describe('customers registered after the as-of date', () => {
  it('are ignored, with their plans, visits and forms, even looking ahead', () => {
    const later = aCustomer({ id: 2, registeredOn: '2026-11-24', assignedOn: '2026-11-01', lastVisit: null });
    const f = facts([later], {
      plans: [{ id: 1, customerId: 2, date: '2026-11-01' }],
      minutes: [{ id: 2, customerId: 2, date: '2026-11-02' }],
      forms: [{ id: 3, customerId: 2, kind: 'initial', sentOn: '2026-11-01', due: '2026-11-05' }],
    });
    expect(overdue(f)).toEqual([]);
    expect(overdue(f, { options: { within: 30 } })).toEqual([]);
  });

  it('registered on the as-of date counts', () => {
    const today = aCustomer({ registeredOn: AS_OF, assignedOn: AS_OF, lastVisit: null });
    expect(
      overdue(facts([today], { forms: [{ id: 3, customerId: 1, kind: 'initial', sentOn: '2026-11-01', due: '2026-11-05' }] })).map(
        (i) => i.kind,
      ),
    ).toEqual(['form-return']);
  });
});

describe('--within N', () => {
  const upcoming = facts(
    [
      aCustomer({ id: 1, lastVisit: null, assignedOn: '2026-11-16' }), // first contact due today
      aCustomer({ id: 2, grade: 'A', lastVisit: { id: 20, date: '2026-11-20', next: null } }), // follow-up due 11-27
      aCustomer({ id: 3, lastVisit: { id: 30, date: '2026-11-10', next: '2026-11-30' } }), // follow-up due 11-30
      aCustomer({ id: 4, lastVisit: { id: 40, date: '2026-11-10', next: '2026-12-01' } }), // due 12-01: beyond 7 days
      aCustomer({ id: 5, lastVisit: null, assignedOn: '2026-11-10' }), // overdue 6 days
    ],
    { forms: [{ id: 9, customerId: 2, kind: 'periodic', sentOn: '2026-11-10', due: '2026-11-25' }] },
  );

  it('without it: only what is overdue', () => {
    expect(brief(upcoming)).toEqual([['first-contact', '2026-11-17', 6]]);
  });

  it('within 0 adds what is due today (0 days overdue)', () => {
    expect(brief(upcoming, { options: { within: 0 } })).toEqual([
      ['first-contact', '2026-11-17', 6],
      ['first-contact', '2026-11-23', 0],
    ]);
  });

  it('within 7 adds what falls due up to as-of + 7, with negative days_overdue', () => {
    expect(brief(upcoming, { options: { within: 7 } })).toEqual([
      ['first-contact', '2026-11-17', 6],
      ['first-contact', '2026-11-23', 0],
      ['form-return', '2026-11-25', -2],
      ['follow-up', '2026-11-27', -4],
      ['follow-up', '2026-11-30', -7],
    ]);
  });

  it('within 8 reaches 2026-12-01', () => {
    expect(brief(upcoming, { options: { within: 8 } }).at(-1)).toEqual(['follow-up', '2026-12-01', -8]);
  });
});

describe('filters', () => {
  const office = facts(
    [
      aCustomer({ id: 1, owner: '张伟', lastVisit: null, assignedOn: '2026-11-01' }), // first contact 15 days
      aCustomer({ id: 2, owner: '李娜', grade: 'A', lastVisit: { id: 20, date: '2026-11-10', next: null } }), // follow-up 6 days
      aCustomer({ id: 3, owner: null, lastVisit: null, assignedOn: '2026-11-12' }), // first contact 4 days
    ],
    {
      plans: [{ id: 21, customerId: 2, date: '2026-11-20' }],
      forms: [{ id: 31, customerId: 1, kind: 'initial', sentOn: '2026-11-01', due: '2026-11-16' }],
      minutes: [{ id: 22, customerId: 2, date: '2026-11-18' }],
    },
  );

  it('--kind keeps only the kinds asked for', () => {
    expect(brief(office, { options: { kinds: ['follow-up', 'form-return'] } })).toEqual([
      ['form-return', '2026-11-16', 7],
      ['follow-up', '2026-11-17', 6],
    ]);
    expect(brief(office, { options: { kinds: ['minutes'] } })).toEqual([['minutes', '2026-11-20', 3]]);
  });

  it('an empty --kind list means every kind', () => {
    expect(overdue(office, { options: { kinds: [] } })).toEqual(overdue(office));
    expect(new Set(overdue(office).map((i) => i.kind))).toEqual(
      new Set(['first-contact', 'follow-up', 'plan-missed', 'minutes', 'form-return']),
    );
  });

  it('--owner keeps only that salesperson’s customers', () => {
    expect(overdue(office, { options: { owner: '李娜' } }).map((i) => [i.kind, i.customerId, i.owner])).toEqual([
      ['follow-up', 2, '李娜'],
      ['minutes', 2, '李娜'],
      ['plan-missed', 2, '李娜'],
    ]);
    expect(overdue(office, { options: { owner: '王芳' } })).toEqual([]);
  });

  it('unassigned customers are listed with a null owner, and not under any owner', () => {
    expect(
      overdue(office)
        .filter((i) => i.owner === null)
        .map((i) => i.customerId),
    ).toEqual([3]);
    expect(overdue(office, { options: { owner: '张伟' } }).some((i) => i.customerId === 3)).toBe(false);
  });

  it('--owner and --kind together', () => {
    expect(brief(office, { options: { owner: '张伟', kinds: ['form-return'] } })).toEqual([['form-return', '2026-11-16', 7]]);
  });
});

describe('order: most overdue first, then a stable tiebreak', () => {
  const customers = [
    aCustomer({ id: 3, lastVisit: null, assignedOn: '2026-11-13' }), // first-contact due 11-20: 3 days
    aCustomer({ id: 1, lastVisit: { id: 11, date: '2026-10-01', next: '2026-11-20' } }), // follow-up: 3 days
    aCustomer({ id: 2, lastVisit: null, assignedOn: '2026-11-13' }), // first-contact: 3 days
    aCustomer({ id: 4, grade: 'A', lastVisit: { id: 12, date: '2026-11-01', next: null } }), // follow-up 11-08: 15 days
  ];
  const plans = [
    { id: 50, customerId: 1, date: '2026-11-20' },
    { id: 49, customerId: 1, date: '2026-11-20' },
    { id: 48, customerId: 4, date: '2026-11-22' },
  ];
  const forms = [{ id: 8, customerId: 2, kind: 'initial' as const, sentOn: '2026-11-01', due: '2026-11-20' }];

  const expected = [
    ['follow-up', 4, 12, 15],
    ['first-contact', 2, 2, 3],
    ['first-contact', 3, 3, 3],
    ['follow-up', 1, 11, 3],
    ['form-return', 2, 8, 3],
    ['plan-missed', 1, 49, 3],
    ['plan-missed', 1, 50, 3],
    ['plan-missed', 4, 48, 1],
  ];
  const shape = (items: OverdueItem[]) => items.map((i) => [i.kind, i.customerId, i.refId, i.daysOverdue]);

  it('days overdue descending; ties by kind, customer id, ref id', () => {
    expect(shape(overdue(facts(customers, { plans, forms })))).toEqual(expected);
  });

  it('the same list whatever order the facts come in', () => {
    const reversed = facts([...customers].reverse(), { plans: [...plans].reverse(), forms });
    const rotated = facts([...customers.slice(2), ...customers.slice(0, 2)], { plans: [plans[1]!, plans[2]!, plans[0]!], forms });
    expect(shape(overdue(reversed))).toEqual(expected);
    expect(shape(overdue(rotated))).toEqual(expected);
  });

  it('knows every kind of README, "Commands"', () => {
    expect([...OVERDUE_KINDS]).toEqual([
      'first-contact',
      'follow-up',
      'plan-missed',
      'minutes',
      'application',
      'form-return',
      'form-send',
      'complaint',
      'plan-approval',
    ]);
  });
});

describe('customers may be a one-pass iterable (as the database streams them)', () => {
  it('reads it once', () => {
    function* once<T>(items: T[]): Generator<T> {
      yield* items;
    }
    const f: OverdueFacts = {
      customers: once([aCustomer({ lastVisit: null, assignedOn: '2026-11-01' })]),
      plans: [{ id: 5, customerId: 1, date: '2026-11-20' }],
      minutes: [],
      forms: [],
    };
    expect(brief(f)).toEqual([
      ['first-contact', '2026-11-08', 15],
      ['plan-missed', '2026-11-20', 3],
    ]);
  });
});

/** A complaint of customer 1 received Monday 2026-11-16, due to be handled Monday 2026-11-23 (the as-of date). */
function aComplaint(more: Partial<OpenComplaint> = {}): OpenComplaint {
  return {
    id: 500,
    customerId: 1,
    status: 'received',
    receivedOn: '2026-11-16',
    due: '2026-11-23',
    handledOn: null,
    followupDue: null,
    followupOn: null,
    ...more,
  };
}

describe('complaint: to be handled by its due date, to be followed up by its follow-up date', () => {
  it.each([
    ['received, due 2026-11-20: 3 days overdue', { due: '2026-11-20' }, [['complaint', '2026-11-20', 3]]],
    ['received, due today: not overdue yet', {}, []],
    ['verified, due 2026-11-22: 1 day overdue', { status: 'verified', due: '2026-11-22' }, [['complaint', '2026-11-22', 1]]],
    [
      'handled: the follow-up date counts, not the handling due date',
      { status: 'handled', due: '2026-11-10', handledOn: '2026-10-20', followupDue: '2026-11-19' },
      [['complaint', '2026-11-19', 4]],
    ],
    ['handled, follow-up not due yet', { status: 'handled', due: '2026-11-10', handledOn: '2026-11-10', followupDue: '2026-12-10' }, []],
    [
      'closed: nothing',
      { status: 'closed', due: '2026-11-10', handledOn: '2026-11-10', followupDue: '2026-11-12', followupOn: '2026-11-12' },
      [],
    ],
    ['received after the as-of date: not known yet', { receivedOn: '2026-11-24', due: '2026-11-10' }, []],
  ] as const)('%s', (_label, more, expected) => {
    expect(brief(facts([aCustomer()], { complaints: [aComplaint(more)] }))).toEqual(expected);
  });

  it('a complaint to be handled names the complaint and when it was received', () => {
    const [item] = overdue(
      facts([aCustomer({ id: 7, name: '苏州新源电子有限公司', owner: '李娜' })], {
        complaints: [aComplaint({ id: 501, customerId: 7, due: '2026-11-20' })],
      }),
    );
    expect(item).toEqual({
      kind: 'complaint',
      customerId: 7,
      customer: '苏州新源电子有限公司',
      owner: '李娜',
      due: '2026-11-20',
      daysOverdue: 3,
      refId: 501,
      detail: { code: 'complaint-handle', receivedOn: '2026-11-16', reopenedOn: null },
    });
  });

  it('sent back by an unsatisfied follow-up: due again, and the detail says since when', () => {
    const reopened = aComplaint({ status: 'verified', handledOn: '2026-10-20', followupOn: '2026-11-10', due: '2026-11-17' });
    expect(overdue(facts([aCustomer()], { complaints: [reopened] }))).toEqual([
      expect.objectContaining({
        kind: 'complaint',
        due: '2026-11-17',
        daysOverdue: 6,
        detail: { code: 'complaint-handle', receivedOn: '2026-11-16', reopenedOn: '2026-11-10' },
      }),
    ]);
  });

  it('a complaint to be followed up says when it was handled', () => {
    const handled = aComplaint({ status: 'handled', handledOn: '2026-10-20', followupDue: '2026-11-19' });
    expect(overdue(facts([aCustomer()], { complaints: [handled] }))[0]).toMatchObject({
      refId: 500,
      detail: { code: 'complaint-followup', receivedOn: '2026-11-16', handledOn: '2026-10-20' },
    });
  });

  it('--within shows complaints falling due, --kind complaint keeps only them, --owner filters by the customer’s owner', () => {
    const office = facts(
      [aCustomer({ id: 1, owner: '张伟', lastVisit: null, assignedOn: '2026-11-01' }), aCustomer({ id: 2, owner: '李娜' })],
      {
        complaints: [aComplaint({ id: 1, customerId: 1, due: '2026-11-25' }), aComplaint({ id: 2, customerId: 2, due: '2026-11-20' })],
      },
    );
    expect(brief(office)).toEqual([
      ['first-contact', '2026-11-08', 15],
      ['complaint', '2026-11-20', 3],
    ]);
    expect(brief(office, { options: { within: 2, kinds: ['complaint'] } })).toEqual([
      ['complaint', '2026-11-20', 3],
      ['complaint', '2026-11-25', -2],
    ]);
    expect(overdue(office, { options: { owner: '李娜' } }).map((i) => [i.kind, i.refId, i.owner])).toEqual([['complaint', 2, '李娜']]);
  });

  it('stays due when the customer is closed: a complaint is answered whatever the sales relationship', () => {
    const closed = aCustomer({ closedOn: '2026-11-01' });
    expect(brief(facts([closed], { complaints: [aComplaint({ due: '2026-11-20' })] }))).toEqual([['complaint', '2026-11-20', 3]]);
  });

  it('is ignored for a customer registered after the as-of date, or one not among the facts', () => {
    const later = aCustomer({ registeredOn: '2026-11-24' });
    expect(brief(facts([later], { complaints: [aComplaint({ due: '2026-11-20' })] }))).toEqual([]);
    expect(brief(facts([aCustomer()], { complaints: [aComplaint({ customerId: 99, due: '2026-11-20' })] }))).toEqual([]);
  });

  it('without complaint facts nothing changes', () => {
    const f = facts([aCustomer({ lastVisit: null, assignedOn: '2026-11-01' })]);
    expect(f.complaints).toBeUndefined();
    expect(brief(f)).toEqual([['first-contact', '2026-11-08', 15]]);
  });
});

describe('plan-approval (rule 15): a pending plan is due on its own date', () => {
  const ON: Settings = { ...SETTINGS, 'plan.approval': 'on' };
  const plan = (date: string, approval?: OpenPlan['approval']): OpenPlan =>
    approval === undefined ? { id: 77, customerId: 1, date } : { id: 77, customerId: 1, date, approval };

  describe('with plan approval off (the default), nothing changes from rule 9', () => {
    it.each([
      ['a pending plan of Friday is missed, not waiting for approval', '2026-11-20', 'pending', [['plan-missed', '2026-11-20', 3]]],
      ['a pending plan for today is nothing yet', '2026-11-23', 'pending', []],
      ['a rejected plan still counts as missed: approvals are not read', '2026-11-20', 'rejected', [['plan-missed', '2026-11-20', 3]]],
      ['a plan without approval', '2026-11-20', undefined, [['plan-missed', '2026-11-20', 3]]],
    ] as const)('%s', (_label, date, approval, expected) => {
      expect(brief(facts([aCustomer()], { plans: [plan(date, approval)] }))).toEqual(expected);
    });
  });

  describe('with plan approval on', () => {
    it.each([
      [
        'pending, planned for Friday: 3 days overdue for approval, and not also missed',
        '2026-11-20',
        'pending',
        [['plan-approval', '2026-11-20', 3]],
      ],
      ['pending, planned for today: its date has come, 0 days overdue', '2026-11-23', 'pending', [['plan-approval', '2026-11-23', 0]]],
      ['pending, planned for tomorrow: not yet', '2026-11-24', 'pending', []],
      ['approved, planned for Friday and not done: missed', '2026-11-20', 'approved', [['plan-missed', '2026-11-20', 3]]],
      ['approved, planned for today: nothing yet', '2026-11-23', 'approved', []],
      ['rejected: nothing is due, the visit is not to be made', '2026-11-20', 'rejected', []],
      ['planned before approval was on (no approval recorded): rule 9', '2026-11-20', null, [['plan-missed', '2026-11-20', 3]]],
      ['the same without the field at all', '2026-11-20', undefined, [['plan-missed', '2026-11-20', 3]]],
    ] as const)('%s', (_label, date, approval, expected) => {
      expect(brief(facts([aCustomer()], { plans: [plan(date, approval)] }), { settings: ON })).toEqual(expected);
    });

    it('refers to the plan, with its date', () => {
      expect(overdue(facts([aCustomer()], { plans: [plan('2026-11-20', 'pending')] }), { settings: ON })[0]).toEqual({
        kind: 'plan-approval',
        customerId: 1,
        customer: '深圳市腾达(集团)有限公司',
        owner: '张伟',
        due: '2026-11-20',
        daysOverdue: 3,
        refId: 77,
        detail: { code: 'plan-approval', date: '2026-11-20' },
      });
    });

    it('--within N adds the pending plans of the next N days; within 0 (the month-end count) is the same as without', () => {
      const plans = [
        { id: 1, customerId: 1, date: '2026-11-23', approval: 'pending' as const },
        { id: 2, customerId: 1, date: '2026-11-25', approval: 'pending' as const },
        { id: 3, customerId: 1, date: '2026-11-23', approval: 'approved' as const },
      ];
      expect(brief(facts([aCustomer()], { plans }), { settings: ON })).toEqual([['plan-approval', '2026-11-23', 0]]);
      expect(brief(facts([aCustomer()], { plans }), { settings: ON, options: { within: 0 } })).toEqual([
        ['plan-approval', '2026-11-23', 0],
        ['plan-missed', '2026-11-23', 0],
      ]);
      expect(brief(facts([aCustomer()], { plans }), { settings: ON, options: { within: 2 } })).toEqual([
        ['plan-approval', '2026-11-23', 0],
        ['plan-missed', '2026-11-23', 0],
        ['plan-approval', '2026-11-25', -2],
      ]);
    });

    it('--kind plan-approval and --kind plan-missed select each', () => {
      const plans = [
        { id: 1, customerId: 1, date: '2026-11-20', approval: 'pending' as const },
        { id: 2, customerId: 1, date: '2026-11-20', approval: 'approved' as const },
      ];
      expect(overdue(facts([aCustomer()], { plans }), { settings: ON, options: { kinds: ['plan-approval'] } }).map((i) => i.refId)).toEqual(
        [1],
      );
      expect(overdue(facts([aCustomer()], { plans }), { settings: ON, options: { kinds: ['plan-missed'] } }).map((i) => i.refId)).toEqual([
        2,
      ]);
    });

    it('closed customers have no plans to approve', () => {
      expect(brief(facts([aCustomer({ closedOn: '2026-11-01' })], { plans: [plan('2026-11-20', 'pending')] }), { settings: ON })).toEqual(
        [],
      );
    });
  });
});
