// annualReport (docs/rules.md, rule 16, §6 annual report): twelve monthly reports and the year as their sum, per
// owner and overall, worked out by hand; lastCompleteYear, parseYear and yearMonths.
import { describe, expect, it } from 'vitest';
import { annualReport, lastCompleteYear, parseYear, yearMonths } from '../../src/core/annual.js';
import { FIGURES, monthlyReport, type Figures, type MonthlyFacts } from '../../src/core/monthly.js';

const figures = (values: Partial<Figures>): Figures => ({ ...(Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures), ...values });
const none = (): MonthlyFacts => ({ customers: [], applications: [], visits: [], forms: [], overdueOwners: [] });

/**
 * 2025 in a small office; nothing happens after March.
 * - January: 张伟 registers a customer and visits customers 1 and 2; 李娜 visits customer 1.
 * - February: 张伟 visits customer 1 again; a form of 李娜's customer goes out and comes back.
 * - March: 李娜 visits customers 1 and 3; two items of 张伟 and one unassigned are overdue at the month's end.
 */
const FACTS: Record<string, MonthlyFacts> = {
  '2025-01': {
    ...none(),
    customers: [{ owner: '张伟', grade: 'A', registeredOn: '2025-01-10', closedOn: null }],
    visits: [
      { by: '张伟', customerId: 1 },
      { by: '张伟', customerId: 2 },
      { by: '李娜', customerId: 1 },
    ],
  },
  '2025-02': {
    ...none(),
    visits: [{ by: '张伟', customerId: 1 }],
    forms: [{ owner: '李娜', sentOn: '2025-02-03', returnedOn: '2025-02-20', ratings: { 质量: 4 } }],
  },
  '2025-03': {
    ...none(),
    visits: [
      { by: '李娜', customerId: 1 },
      { by: '李娜', customerId: 3 },
    ],
    overdueOwners: ['张伟', '张伟', null],
  },
};

const months = yearMonths('2025').map(({ month, from, to }) => monthlyReport(FACTS[month] ?? none(), month, from, to));
const report = annualReport('2025', months);

describe('annualReport: 2025 by hand', () => {
  it('names the year and its days, and carries every month in order', () => {
    expect(report).toMatchObject({ year: '2025', from: '2025-01-01', to: '2025-12-31' });
    expect(report.months.map((m) => m.month)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
  });

  it('each month is the monthly report’s rows and totals, as they are', () => {
    expect(report.months[0]).toEqual({ month: '2025-01', byOwner: months[0]!.byOwner, totals: months[0]!.totals });
    expect(report.months[0]!.byOwner).toEqual([
      { owner: '李娜', ...figures({ visits: 1, customers_visited: 1 }) },
      { owner: '张伟', ...figures({ new_customers: 1, new_customers_by_rule: 1, visits: 2, customers_visited: 2 }) },
    ]);
    expect(report.months[0]!.totals).toEqual(figures({ new_customers: 1, new_customers_by_rule: 1, visits: 3, customers_visited: 2 }));
    expect(report.months[11]).toEqual({ month: '2025-12', byOwner: [], totals: figures({}) });
  });

  it('the year per owner is the sum of the months', () => {
    expect(report.totalsByOwner).toEqual([
      { owner: '李娜', ...figures({ visits: 3, customers_visited: 3, forms_sent: 1, forms_returned: 1 }) }, // visits 1 + 2
      {
        owner: '张伟',
        ...figures({ new_customers: 1, new_customers_by_rule: 1, visits: 3, customers_visited: 3, overdue_at_month_end: 2 }),
      }, // visited 2 + 1
      { owner: null, ...figures({ overdue_at_month_end: 1 }) },
    ]);
  });

  it('the year overall is the sum of the monthly totals: customers_visited counts customer-months (2 + 1 + 2 = 5, not the 3 distinct customers)', () => {
    expect(report.totals).toEqual(
      figures({
        new_customers: 1,
        new_customers_by_rule: 1,
        visits: 6,
        customers_visited: 5,
        forms_sent: 1,
        forms_returned: 1,
        overdue_at_month_end: 3,
      }),
    );
  });

  it('the overall totals equal the sum of the owners’ totals for every figure but customers_visited', () => {
    for (const f of FIGURES.filter((f) => f !== 'customers_visited')) {
      expect(report.totals[f]).toBe(report.totalsByOwner.reduce((sum, o) => sum + o[f], 0));
    }
  });

  it('no months: an empty year', () => {
    expect(annualReport('2025', [])).toEqual({
      year: '2025',
      from: '2025-01-01',
      to: '2025-12-31',
      months: [],
      totalsByOwner: [],
      totals: figures({}),
    });
  });
});

describe('yearMonths', () => {
  it('twelve months with their first and last days, February of a leap year included', () => {
    const ms = yearMonths('2024');
    expect(ms).toHaveLength(12);
    expect(ms[0]).toEqual({ month: '2024-01', from: '2024-01-01', to: '2024-01-31' });
    expect(ms[1]).toEqual({ month: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    expect(yearMonths('2025')[1]).toEqual({ month: '2025-02', from: '2025-02-01', to: '2025-02-28' });
    expect(ms[11]).toEqual({ month: '2024-12', from: '2024-12-01', to: '2024-12-31' });
  });
});

describe('parseYear', () => {
  it.each([
    ['2025', { year: '2025', from: '2025-01-01', to: '2025-12-31' }],
    [' 2026 ', { year: '2026', from: '2026-01-01', to: '2026-12-31' }],
    ['２０２６', { year: '2026', from: '2026-01-01', to: '2026-12-31' }],
  ])('%j', (text, expected) => {
    expect(parseYear(text)).toEqual(expected);
  });

  it.each(['26', '20260', '2026-', '2026-01', '0000', 'year', ''])('rejects %j', (text) => {
    expect(parseYear(text)).toBeNull();
  });
});

describe('lastCompleteYear', () => {
  it.each([
    ['2026-11-23', '2025'],
    ['2026-01-01', '2025'],
    ['2026-12-31', '2025'],
    ['2027-01-01', '2026'],
  ])('as of %s → %s', (asOf, year) => {
    expect(lastCompleteYear(asOf)).toBe(year);
  });
});
