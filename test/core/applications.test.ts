// docs/rules.md, rule 5: the application deadline (addMonths, month ends and leap years), late filing, verification
// against the 3-year window, and which status each decision needs.
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FROM,
  APPLICATION_STATUSES,
  fileApplication,
  LATE,
  verifyApplication,
  type ApplicationStatus,
} from '../../src/core/applications.js';
import type { DatedTransaction } from '../../src/core/eligibility.js';

const txns = (...specs: string[]): DatedTransaction[] =>
  specs.map((s) => {
    const [date, kind] = s.split(' ');
    return { date: date!, kind: (kind ?? 'sale') as DatedTransaction['kind'] };
  });

describe('fileApplication: the deadline is addMonths(first transaction, months)', () => {
  it.each([
    // first txn, filed on, months, deadline, on time
    ['month end into a short month', '2026-01-31', '2026-02-28', 1, '2026-02-28', true],
    ['month end, one day late', '2026-01-31', '2026-03-01', 1, '2026-02-28', false],
    ['leap year: 2024-01-31 → 2024-02-29', '2024-01-31', '2024-02-29', 1, '2024-02-29', true],
    ['leap year, one day late', '2024-01-31', '2024-03-01', 1, '2024-02-29', false],
    ['a leap day start → the 29th of the next month', '2024-02-29', '2024-03-29', 1, '2024-03-29', true],
    ['mid-month, filed on the deadline', '2026-03-15', '2026-04-15', 1, '2026-04-15', true],
    ['mid-month, filed the day after', '2026-03-15', '2026-04-16', 1, '2026-04-15', false],
    ['filed on the day of the first transaction', '2026-03-15', '2026-03-15', 1, '2026-04-15', true],
    ['across the year end', '2026-12-15', '2027-01-15', 1, '2027-01-15', true],
    ['30th into February', '2026-01-30', '2026-02-28', 1, '2026-02-28', true],
    ['a two-month setting at a year end', '2026-12-31', '2027-02-28', 2, '2027-02-28', true],
    ['a two-month setting, one day late', '2026-12-31', '2027-03-01', 2, '2027-02-28', false],
  ])('%s', (_label, first, filed, months, deadline, onTime) => {
    expect(fileApplication(first, filed, months)).toEqual({
      deadline,
      onTime,
      status: onTime ? 'filed' : 'rejected',
      reason: onTime ? null : LATE,
    });
  });

  it('late is recorded with the reason `late`', () => {
    expect(LATE).toBe('late');
    expect(fileApplication('2026-01-31', '2026-06-30', 1)).toMatchObject({ status: 'rejected', reason: 'late', onTime: false });
  });
});

describe('verifyApplication: rule 2 with D = the first transaction', () => {
  it.each([
    // label, transactions, first txn, status, last business, reason
    ['no earlier business at all', ['2026-01-31 sale'], '2026-01-31', 'verified', null, null],
    [
      'business inside the window names its date',
      ['2024-05-10 sale', '2026-01-31 sale'],
      '2026-01-31',
      'rejected',
      '2024-05-10',
      'business on 2024-05-10',
    ],
    [
      'several inside: the latest is named',
      ['2023-06-01 sale', '2025-07-01 sale', '2024-01-01 sale', '2026-01-31 sale'],
      '2026-01-31',
      'rejected',
      '2025-07-01',
      'business on 2025-07-01',
    ],
    [
      'a return counts as business',
      ['2025-12-01 return', '2026-01-31 sale'],
      '2026-01-31',
      'rejected',
      '2025-12-01',
      'business on 2025-12-01',
    ],
    [
      'exactly 3 years before is inside',
      ['2023-01-31 sale', '2026-01-31 sale'],
      '2026-01-31',
      'rejected',
      '2023-01-31',
      'business on 2023-01-31',
    ],
    ['one day earlier passes', ['2023-01-30 sale', '2026-01-31 sale'], '2026-01-31', 'verified', '2023-01-30', null],
    ['samples are ignored', ['2025-06-01 sample', '2024-02-02 sample', '2026-01-31 sale'], '2026-01-31', 'verified', null, null],
    [
      'business after the first transaction is ignored',
      ['2026-01-31 sale', '2026-03-01 sale', '2026-01-31 return'],
      '2026-01-31',
      'verified',
      null,
      null,
    ],
    ['leap day inside the window of 2027-02-28', ['2024-02-29 sale'], '2027-02-28', 'rejected', '2024-02-29', 'business on 2024-02-29'],
    ['leap day outside the window of 2027-03-01', ['2024-02-29 sale'], '2027-03-01', 'verified', '2024-02-29', null],
  ])('%s', (_label, list, first, status, last, reason) => {
    const result = verifyApplication(txns(...list), first, 3);
    expect(result.status).toBe(status);
    expect(result.lastBusiness).toBe(last);
    expect(result.reason).toBe(reason);
  });

  it('reports the window it checked', () => {
    expect(verifyApplication([], '2026-01-31', 3)).toEqual({
      status: 'verified',
      lastBusiness: null,
      windowStart: '2023-01-31',
      reason: null,
    });
    expect(verifyApplication([], '2027-02-28', 3).windowStart).toBe('2024-02-28');
  });

  it('follows the eligibility.years setting', () => {
    const history = txns('2024-06-01 sale');
    expect(verifyApplication(history, '2026-07-01', 3).status).toBe('rejected');
    expect(verifyApplication(history, '2026-07-01', 2).status).toBe('verified');
    expect(verifyApplication(history, '2026-06-01', 2)).toMatchObject({ status: 'rejected', reason: 'business on 2024-06-01' });
  });
});

describe('ALLOWED_FROM: the status flow filed → verified → recognized, or rejected', () => {
  const allowed = (action: keyof typeof ALLOWED_FROM, status: ApplicationStatus) => ALLOWED_FROM[action].includes(status);

  it.each([
    ['verify', 'filed', true],
    ['verify', 'verified', false],
    ['verify', 'recognized', false],
    ['verify', 'rejected', false],
    ['approve', 'filed', false],
    ['approve', 'verified', true],
    ['approve', 'recognized', false],
    ['approve', 'rejected', false],
    ['reject', 'filed', true],
    ['reject', 'verified', true],
    ['reject', 'recognized', false],
    ['reject', 'rejected', false],
  ] as const)('%s from %s: %s', (action, status, expected) => {
    expect(allowed(action, status)).toBe(expected);
  });

  it('knows the four statuses and nothing leaves recognized or rejected', () => {
    expect([...APPLICATION_STATUSES].sort()).toEqual(['filed', 'recognized', 'rejected', 'verified']);
    for (const list of Object.values(ALLOWED_FROM)) {
      expect(list).not.toContain('recognized');
      expect(list).not.toContain('rejected');
    }
  });
});
