// monthlyReport (README, "report monthly"): one month worked out by hand, per
// salesperson and in total; lastCompleteMonth, the default month.
import { describe, expect, it } from 'vitest';
import { FIGURES, lastCompleteMonth, monthlyReport, type Figures, type MonthlyFacts } from '../../src/core/monthly.js';
import type { Grade } from '../../src/core/customer.js';
import type { ApplicationStatus } from '../../src/core/applications.js';

const MONTH = '2026-10';
const FROM = '2026-10-01';
const TO = '2026-10-31';

const customer = (owner: string | null, grade: Grade, registeredOn: string, closedOn: string | null = null) => ({
  owner,
  grade,
  registeredOn,
  closedOn,
});
const application = (
  by: string | null,
  filedOn: string,
  status: ApplicationStatus,
  verifiedOn: string | null = null,
  decidedOn: string | null = null,
) => ({
  by,
  filedOn,
  status,
  verifiedOn,
  decidedOn,
});
const visit = (by: string | null, customerId: number) => ({ by, customerId });
const form = (owner: string | null, sentOn: string, returnedOn: string | null = null, ratings: Record<string, number> = {}) => ({
  owner,
  sentOn,
  returnedOn,
  ratings,
});

/** October 2026 in a small office: 张伟 and 李娜, a visiting colleague 王芳, and unassigned customers. */
const OCTOBER: MonthlyFacts = {
  customers: [
    customer('张伟', 'A', '2026-10-05'), // new in October
    customer('张伟', 'B', '2026-09-01'),
    customer('张伟', 'C', '2026-10-31'), // new, on the month's last day
    customer('张伟', 'A', '2026-08-01', '2026-10-15'), // closed in October: not graded
    customer('张伟', 'B', '2026-07-01', '2026-11-05'), // closed only later: still graded
    customer('李娜', 'C', '2026-10-01'), // new, on the month's first day
    customer('李娜', 'B', '2026-11-01'), // registered after the month: not counted at all
    customer(null, 'A', '2026-10-20'), // new, unassigned
  ],
  applications: [
    application('张伟', '2026-10-03', 'recognized', '2026-10-05', '2026-10-10'), // filed + recognized
    application('张伟', '2026-09-20', 'recognized', '2026-09-25', '2026-10-02'), // recognized in October
    application('张伟', '2026-10-25', 'recognized', '2026-10-28', '2026-11-03'), // filed; recognized in November
    application('张伟', '2026-10-01', 'verified', '2026-10-02'), // filed
    application('李娜', '2026-10-12', 'rejected'), // late: rejected in its filing month
    application('李娜', '2026-09-28', 'rejected'), // late, September
    application('李娜', '2026-09-25', 'rejected', '2026-10-08'), // verification rejected it in October
    application('李娜', '2026-10-28', 'rejected', '2026-11-02'), // filed; verification rejected it in November
    application('李娜', '2026-10-30', 'filed'), // filed
    application(null, '2026-09-15', 'rejected', '2026-09-20', '2026-10-20'), // rejected by hand in October
    application(null, '2026-10-05', 'rejected', '2026-10-06', '2026-11-10'), // filed; verified in October, rejected by hand in November
  ],
  visits: [
    visit('张伟', 1),
    visit('张伟', 1),
    visit('张伟', 2),
    visit('张伟', 3),
    visit('李娜', 1),
    visit('李娜', 4),
    visit('王芳', 2),
    visit(null, 5),
  ],
  forms: [
    form('张伟', '2026-10-02', '2026-10-15', { 质量: 4, 交期: 3 }),
    form('张伟', '2026-09-20', '2026-10-05', { 质量: 2, 服务: 1 }), // sent before, returned in October
    form('张伟', '2026-10-20', '2026-11-02', { 质量: 1 }), // returned after: its ratings do not count
    form('李娜', '2026-10-10'),
    form('李娜', '2026-10-30', '2026-10-31', { 交期: 4, 服务: 3 }),
    form('李娜', '2026-10-05', '2026-10-06', { 质量: 4 }),
    form(null, '2026-09-01', '2026-09-15', { 质量: 1 }), // all in September
  ],
  overdueOwners: ['张伟', '李娜', null, '张伟'],
};

const figures = (values: Partial<Figures>): Figures => ({ ...(Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures), ...values });

describe('monthlyReport: October 2026 by hand', () => {
  const report = monthlyReport(OCTOBER, MONTH, FROM, TO);
  const rowOf = (owner: string | null) => report.byOwner.find((r) => r.owner === owner);

  it('names the month and its range', () => {
    expect(report).toMatchObject({ month: MONTH, from: FROM, to: TO });
  });

  it('one row per salesperson (pinyin order), the unassigned last', () => {
    expect(report.byOwner.map((r) => r.owner)).toEqual(['李娜', '王芳', '张伟', null]);
  });

  it('张伟', () => {
    expect(rowOf('张伟')).toEqual({
      owner: '张伟',
      ...figures({
        new_customers: 2,
        new_customers_by_rule: 2,
        applications_filed: 3,
        applications_recognized: 2,
        applications_rejected: 0,
        visits: 4,
        customers_visited: 3,
        forms_sent: 2,
        forms_returned: 2,
        overdue_at_month_end: 2,
      }),
    });
  });

  it('李娜', () => {
    expect(rowOf('李娜')).toEqual({
      owner: '李娜',
      ...figures({
        new_customers: 1,
        new_customers_by_rule: 1,
        applications_filed: 3,
        applications_rejected: 2,
        visits: 2,
        customers_visited: 2,
        forms_sent: 3,
        forms_returned: 2,
        overdue_at_month_end: 1,
      }),
    });
  });

  it('王芳 visited but owns nothing', () => {
    expect(rowOf('王芳')).toEqual({ owner: '王芳', ...figures({ visits: 1, customers_visited: 1 }) });
  });

  it('the unassigned', () => {
    expect(rowOf(null)).toEqual({
      owner: null,
      ...figures({
        new_customers: 1,
        new_customers_by_rule: 1,
        applications_filed: 1,
        applications_rejected: 1,
        visits: 1,
        customers_visited: 1,
        overdue_at_month_end: 1,
      }),
    });
  });

  it('totals: sums, except customers visited, which counts distinct customers (5, not 3 + 2 + 1 + 1)', () => {
    expect(report.totals).toEqual(
      figures({
        new_customers: 4,
        new_customers_by_rule: 4,
        applications_filed: 7,
        applications_recognized: 2,
        applications_rejected: 3,
        visits: 8,
        customers_visited: 5,
        forms_sent: 5,
        forms_returned: 4,
        overdue_at_month_end: 4,
      }),
    );
    const summed = report.byOwner.reduce((n, r) => n + r.customers_visited, 0);
    expect(summed).toBe(7);
    for (const f of FIGURES.filter((f) => f !== 'customers_visited')) {
      expect(
        report.byOwner.reduce((n, r) => n + r[f], 0),
        f,
      ).toBe(report.totals[f]);
    }
  });

  it('feedback: forms sent and returned in the month, the return rate, average ratings of the forms returned in the month', () => {
    expect(report.feedback).toEqual({
      sent: 5,
      returned: 4,
      returnRate: 0.8,
      ratings: {
        质量: { count: 3, average: 3.33 }, // 4, 2, 4
        交期: { count: 2, average: 3.5 }, // 3, 4
        服务: { count: 2, average: 2 }, // 1, 3
      },
    });
  });

  it('grades: customers registered by the month’s end and not closed by then', () => {
    expect(report.grades).toEqual({ A: 2, B: 2, C: 2 });
  });
});

describe('monthlyReport: application decisions land in the right month', () => {
  const one = (a: MonthlyFacts['applications'][number]) =>
    monthlyReport({ customers: [], applications: [a], visits: [], forms: [], overdueOwners: [] }, MONTH, FROM, TO).totals;

  it.each([
    [
      'late filing → counted in its filing month (October)',
      application('甲', '2026-10-31', 'rejected'),
      { applications_filed: 1, applications_rejected: 1 },
    ],
    ['late filing in November → not October', application('甲', '2026-11-01', 'rejected'), {}],
    [
      'verification rejection → its verified_on month',
      application('甲', '2026-09-30', 'rejected', '2026-10-01'),
      { applications_rejected: 1 },
    ],
    [
      'verification rejection in November → filed only',
      application('甲', '2026-10-30', 'rejected', '2026-11-01'),
      { applications_filed: 1 },
    ],
    [
      'manual rejection → its decided_on month, not the verification month',
      application('甲', '2026-09-01', 'rejected', '2026-09-10', '2026-10-10'),
      { applications_rejected: 1 },
    ],
    [
      'manual rejection in November, verified in October → not rejected in October',
      application('甲', '2026-09-01', 'rejected', '2026-10-10', '2026-11-10'),
      {},
    ],
    ['recognized in October', application('甲', '2026-09-01', 'recognized', '2026-09-10', '2026-10-31'), { applications_recognized: 1 }],
    ['recognized in September', application('甲', '2026-09-01', 'recognized', '2026-09-10', '2026-09-30'), {}],
    ['verified, undecided', application('甲', '2026-10-01', 'verified', '2026-10-02'), { applications_filed: 1 }],
  ] as const)('%s', (_label, a, expected) => {
    expect(one(a)).toEqual(figures(expected));
  });
});

describe('monthlyReport: edges', () => {
  it('an empty month: no rows, zeros, return rate 0 (nothing sent), no ratings', () => {
    const report = monthlyReport({ customers: [], applications: [], visits: [], forms: [], overdueOwners: [] }, MONTH, FROM, TO);
    expect(report.byOwner).toEqual([]);
    expect(report.totals).toEqual(figures({}));
    expect(report.feedback).toEqual({ sent: 0, returned: 0, returnRate: 0, ratings: {} });
    expect(report.grades).toEqual({ A: 0, B: 0, C: 0 });
  });

  it('forms returned but none sent in the month: return rate 0, not Infinity', () => {
    const report = monthlyReport(
      { customers: [], applications: [], visits: [], forms: [form('甲', '2026-09-01', '2026-10-02', { 质量: 3 })], overdueOwners: [] },
      MONTH,
      FROM,
      TO,
    );
    expect(report.feedback).toEqual({ sent: 0, returned: 1, returnRate: 0, ratings: { 质量: { count: 1, average: 3 } } });
  });

  it('the return rate is rounded to 4 decimals (2 of 3 → 0.6667)', () => {
    const forms = [form('甲', '2026-10-01', '2026-10-02'), form('甲', '2026-10-03', '2026-10-04'), form('甲', '2026-10-05')];
    expect(
      monthlyReport({ customers: [], applications: [], visits: [], forms, overdueOwners: [] }, MONTH, FROM, TO).feedback.returnRate,
    ).toBe(0.6667);
  });

  it('rating averages are rounded to 2 decimals (excellent 4, good 3, poor 1 → 2.67)', () => {
    const forms = [
      form('甲', '2026-10-01', '2026-10-02', { 服务: 4 }),
      form('甲', '2026-10-01', '2026-10-02', { 服务: 3 }),
      form('甲', '2026-10-01', '2026-10-03', { 服务: 1 }),
    ];
    expect(
      monthlyReport({ customers: [], applications: [], visits: [], forms, overdueOwners: [] }, MONTH, FROM, TO).feedback.ratings,
    ).toEqual({ 服务: { count: 3, average: 2.67 } });
  });

  it('a customer closed on the month’s last day is not graded; closed the day after, it is', () => {
    const customers = [customer('甲', 'A', '2026-01-01', '2026-10-31'), customer('甲', 'B', '2026-01-01', '2026-11-01')];
    expect(monthlyReport({ customers, applications: [], visits: [], forms: [], overdueOwners: [] }, MONTH, FROM, TO).grades).toEqual({
      A: 0,
      B: 1,
      C: 0,
    });
  });

  it('February of a leap year: the range is passed through', () => {
    const report = monthlyReport(
      { customers: [customer('甲', 'C', '2028-02-29')], applications: [], visits: [], forms: [], overdueOwners: [] },
      '2028-02',
      '2028-02-01',
      '2028-02-29',
    );
    expect(report).toMatchObject({ month: '2028-02', from: '2028-02-01', to: '2028-02-29', totals: { new_customers: 1 } });
  });
});

describe('lastCompleteMonth', () => {
  it.each([
    ['2026-11-23', '2026-10'],
    ['2026-01-05', '2025-12'],
    ['2026-12-01', '2026-11'],
    ['2026-12-31', '2026-11'],
    ['2026-03-01', '2026-02'],
    ['2026-10-31', '2026-09'],
    ['2000-01-01', '1999-12'],
  ])('%s → %s', (asOf, month) => {
    expect(lastCompleteMonth(asOf)).toBe(month);
  });
});

describe('registered, and of them new by rule 2 on the day they were registered', () => {
  const registered = (lastBusiness: string | null, registeredOn = '2026-10-15', count?: number) => ({
    ...customer('张伟', 'C', registeredOn),
    lastBusiness,
    ...(count === undefined ? {} : { count }),
  });
  const facts = (customers: MonthlyFacts['customers']): MonthlyFacts => ({
    customers,
    applications: [],
    visits: [],
    forms: [],
    overdueOwners: [],
  });
  it.each([
    ['no business ever', null, 1],
    ['business one day before the window', '2023-10-14', 1],
    ['business on the window’s first day', '2023-10-15', 0],
    ['business the day before registration', '2026-10-14', 0],
  ])('%s', (_, lastBusiness, isNew) => {
    const report = monthlyReport(facts([registered(lastBusiness)]), MONTH, FROM, TO);
    expect(report.totals).toMatchObject({ new_customers: 1, new_customers_by_rule: isNew });
  });

  it('the window follows eligibility.years', () => {
    const report = monthlyReport(facts([registered('2024-10-14')]), MONTH, FROM, TO, 2);
    expect(report.totals).toMatchObject({ new_customers: 1, new_customers_by_rule: 1 });
  });

  it('grouped rows count as many as they stand for; customers registered before the month count for neither', () => {
    const report = monthlyReport(
      facts([registered(null, '2026-10-15', 3), registered('2026-01-01', '2026-10-15', 2), registered(null, '2026-09-30')]),
      MONTH,
      FROM,
      TO,
    );
    expect(report.byOwner).toEqual([{ owner: '张伟', ...figures({ new_customers: 5, new_customers_by_rule: 3 }) }]);
  });
});
