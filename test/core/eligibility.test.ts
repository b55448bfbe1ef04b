import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  newAgainFrom,
  relationshipStart,
  relationshipStarts,
  type DatedTransaction,
} from '../../src/core/eligibility.js';

const RULES = { years: 3, dormantMonths: 6 };
const txns = (...specs: string[]): DatedTransaction[] =>
  specs.map((s) => {
    const [date, kind] = s.split(' ');
    return { date: date!, kind: (kind ?? 'sale') as DatedTransaction['kind'] };
  });

describe('checkEligibility: the 3-year rule', () => {
  it.each([
    ['no transactions at all', [], '2026-11-23', true, null, null],
    ['a sale exactly 3 years before is inside the window', ['2023-11-23 sale'], '2026-11-23', false, '2023-11-23', '2026-11-24'],
    ['a sale one day earlier is outside', ['2023-11-22 sale'], '2026-11-23', true, '2023-11-22', null],
    ['a return counts as business', ['2025-05-01 return'], '2026-11-23', false, '2025-05-01', '2028-05-02'],
    ['samples never count', ['2026-01-05 sample', '2025-06-01 sample'], '2026-11-23', true, null, null],
    ['a sale on the date itself is ignored', ['2026-11-23 sale'], '2026-11-23', true, null, null],
    ['future sales are ignored', ['2027-01-01 sale'], '2026-11-23', true, null, null],
    [
      'the latest business decides',
      ['2020-01-01 sale', '2024-03-15 sale', '2022-01-01 sale'],
      '2026-11-23',
      false,
      '2024-03-15',
      '2027-03-16',
    ],
    ['leap day: sale 2024-02-29 checked 2027-02-28', ['2024-02-29 sale'], '2027-02-28', false, '2024-02-29', '2027-03-01'],
    ['leap day: new again on 2027-03-01', ['2024-02-29 sale'], '2027-03-01', true, '2024-02-29', null],
    ['month end: sale 2023-02-28 checked 2026-02-28', ['2023-02-28 sale'], '2026-02-28', false, '2023-02-28', '2026-03-01'],
    ['checked on a leap day: window starts 2025-02-28', ['2025-02-28 sale'], '2028-02-29', false, '2025-02-28', '2028-03-01'],
  ])('%s', (_, list, asOf, isNew, last, from) => {
    const result = checkEligibility(txns(...list), asOf, RULES);
    expect(result.newCustomer).toBe(isNew);
    expect(result.lastBusiness).toBe(last);
    expect(result.newCustomerFrom).toBe(from);
  });

  it('counts the samples inside the window only', () => {
    const result = checkEligibility(
      txns('2026-01-05 sample', '2023-11-23 sample', '2023-11-22 sample', '2026-11-23 sample'),
      '2026-11-23',
      RULES,
    );
    expect(result.samplesIgnored).toBe(2);
    expect(result.windowStart).toBe('2023-11-23');
  });

  it('new_customer_from really is the first day the check passes', () => {
    for (const last of ['2024-02-29', '2023-02-28', '2023-12-31', '2024-01-31', '2025-08-31']) {
      const from = newAgainFrom(last, 3);
      expect(checkEligibility(txns(`${last} sale`), from, RULES).newCustomer, `${last} → ${from}`).toBe(true);
      const dayBefore = new Date(`${from}T00:00:00Z`);
      dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
      expect(checkEligibility(txns(`${last} sale`), dayBefore.toISOString().slice(0, 10), RULES).newCustomer).toBe(false);
    }
  });

  it('honours a configured number of years', () => {
    expect(checkEligibility(txns('2024-11-23 sale'), '2026-11-23', { years: 2, dormantMonths: 6 }).newCustomer).toBe(false);
    expect(checkEligibility(txns('2024-11-22 sale'), '2026-11-23', { years: 2, dormantMonths: 6 }).newCustomer).toBe(true);
  });
});

describe('checkEligibility: development target', () => {
  it.each([
    ['never traded', [], true],
    ['business 6 months and a day ago', ['2026-05-22 sale'], true],
    ['business exactly 6 months ago is inside', ['2026-05-23 sale'], false],
    ['recent business', ['2026-11-01 sale'], false],
    ['only samples recently', ['2026-11-01 sample'], true],
  ])('%s', (_, list, target) => {
    expect(checkEligibility(txns(...list), '2026-11-23', RULES).developmentTarget).toBe(target);
  });
});

describe('relationshipStart', () => {
  it.each([
    ['no sales', ['2026-01-01 sample'], null],
    ['the very first sale', ['2026-01-10 sale', '2026-03-01 sale'], '2026-01-10'],
    ['a sale after a gap of 3 years starts again', ['2020-01-10 sale', '2023-06-01 sale'], '2023-06-01'],
    ['a sale exactly 3 years after is still the old relationship', ['2020-06-01 sale', '2023-06-01 sale'], '2020-06-01'],
    ['a return keeps the relationship going', ['2019-01-01 sale', '2021-01-01 return', '2023-06-01 sale'], '2019-01-01'],
    ['samples do not break a gap', ['2019-01-01 sale', '2021-01-01 sample', '2023-06-01 sale'], '2023-06-01'],
    ['sales after as-of are ignored', ['2027-01-01 sale'], null],
    ['a return on the same day does not hide a restart', ['2020-01-01 sale', '2024-06-01 return', '2024-06-01 sale'], '2024-06-01'],
    ['…whatever order the rows come in', ['2020-01-01 sale', '2024-06-01 sale', '2024-06-01 return'], '2024-06-01'],
    ['a first sale on the day of a return', ['2024-06-01 return', '2024-06-01 sale'], '2024-06-01'],
  ])('%s', (_, list, start) => {
    expect(relationshipStart(txns(...list), '2026-11-23', 3)).toBe(start);
  });
});

describe('relationshipStarts', () => {
  it('lists every start in order, each independent of later business', () => {
    const history = txns(
      '2010-01-01 sale',
      '2014-01-01 sale',
      '2016-12-31 sale',
      '2020-01-01 sale',
      '2025-07-01 return',
      '2026-01-01 sale',
    );
    expect(relationshipStarts(history, 3)).toEqual(['2010-01-01', '2014-01-01', '2020-01-01']);
    expect(relationshipStarts(history, 5)).toEqual(['2010-01-01']);
  });
});
