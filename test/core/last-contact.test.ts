// docs/rules.md, rules 6 and 7 with a last contact imported with the customer (README, "Importing data"): it
// counts as a contact on its day, so no first-contact item, and the grade cadence runs from it.
import { describe, expect, it } from 'vitest';
import { findOverdue, type CustomerFacts } from '../../src/core/overdue.js';
import { EMPTY_CALENDAR } from '../../src/core/calendar.js';
import { defaultSettings } from '../../src/core/settings.js';

const AS_OF = '2026-11-23';

/** An existing customer registered long ago, never visited in custrack. */
function anImportedCustomer(more: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    id: 7,
    name: '东莞市鸿运包装材料有限公司',
    owner: '张伟',
    grade: 'B',
    registeredOn: '2026-03-01',
    assignedOn: '2026-03-01',
    closedOn: null,
    lastVisit: null,
    lastBusiness: null,
    relationshipStart: null,
    lastApplication: null,
    lastFormSent: null,
    lastInitialSent: null,
    lastRevisitSent: null,
    ...more,
  };
}

const brief = (c: CustomerFacts, asOf = AS_OF): Array<[string, string, number, number]> =>
  findOverdue({ customers: [c], plans: [], minutes: [], forms: [] }, asOf, defaultSettings(), EMPTY_CALENDAR, { within: 365 }).map((i) => [
    i.kind,
    i.due,
    i.daysOverdue,
    i.refId,
  ]);

describe('a last contact imported with the customer', () => {
  it.each<[string, Partial<CustomerFacts>, Array<[string, string, number, number]>]>([
    ['without one, first contact 7 days after registration', {}, [['first-contact', '2026-03-08', 260, 7]]],
    ['grade B: due 30 days after it, no first contact', { lastContactOn: '2026-11-01' }, [['follow-up', '2026-12-01', -8, 7]]],
    ['grade A: 7 days', { lastContactOn: '2026-11-01', grade: 'A' }, [['follow-up', '2026-11-08', 15, 7]]],
    [
      'a later visit takes over (its next date)',
      { lastContactOn: '2026-11-01', lastVisit: { id: 40, date: '2026-11-10', next: '2026-11-30' } },
      [['follow-up', '2026-11-30', -7, 40]],
    ],
    [
      'a visit the same day takes over',
      { lastContactOn: '2026-11-10', lastVisit: { id: 40, date: '2026-11-10', next: '2026-11-12' } },
      [['follow-up', '2026-11-12', 11, 40]],
    ],
    [
      'an older visit does not: the cadence runs from the later contact',
      { lastContactOn: '2026-11-10', lastVisit: { id: 40, date: '2026-05-10', next: null } },
      [['follow-up', '2026-12-10', -17, 7]],
    ],
    ['closed customers are never due', { lastContactOn: '2026-11-01', closedOn: '2026-10-01', lastRevisitSent: '2026-10-02' }, []],
  ])('%s', (_, more, expected) => {
    expect(brief(anImportedCustomer(more))).toEqual(expected);
  });

  it('is not known before its day: on an earlier as-of the first contact is due', () => {
    expect(brief(anImportedCustomer({ lastContactOn: '2026-11-01' }), '2026-10-01')).toEqual([['first-contact', '2026-03-08', 207, 7]]);
  });

  it('says in the detail that the cadence runs from it', () => {
    const [item] = findOverdue(
      { customers: [anImportedCustomer({ lastContactOn: '2026-10-01' })], plans: [], minutes: [], forms: [] },
      AS_OF,
      defaultSettings(),
      EMPTY_CALENDAR,
    );
    expect(item!.detail).toEqual({ code: 'follow-up-cadence', lastVisit: '2026-10-01', grade: 'B', days: 30 });
  });
});
