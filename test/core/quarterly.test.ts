// quarterlyReport (docs/rules.md, rule 16, §6 quarterly report): one quarter worked out by hand, per owner and in
// total; parseQuarter and lastCompleteQuarter, at year boundaries and with bad input.
import { describe, expect, it } from 'vitest';
import {
  lastCompleteQuarter,
  parseQuarter,
  quarterlyReport,
  QUARTERLY_FIGURES,
  type QuarterlyFacts,
  type QuarterlyFigures,
} from '../../src/core/quarterly.js';

const QUARTER = '2026-Q3';
const FROM = '2026-07-01';
const TO = '2026-09-30';

const visit = (by: string | null, customerId: number) => ({ by, customerId });
const form = (owner: string | null, sentOn: string, returnedOn: string | null = null, ratings: Record<string, number> = {}) => ({
  owner,
  sentOn,
  returnedOn,
  ratings,
});
const complaint = (owner: string | null, receivedOn: string, handledOn: string | null = null, onTime: boolean | null = null) => ({
  owner,
  receivedOn,
  handledOn,
  onTime,
});

/** The third quarter of 2026: 张伟 and 李娜, their colleague 王芳 who only visits, and unassigned customers. */
const Q3: QuarterlyFacts = {
  visits: [
    visit('张伟', 1),
    visit('张伟', 1), // the same customer twice: served once
    visit('张伟', 2),
    visit('李娜', 2), // customer 2 served by both
    visit('李娜', 3),
    visit('王芳', 1), // visits count for who made them
  ],
  forms: [
    form('张伟', '2026-07-05', '2026-07-20', { 质量: 4, 服务: 3 }), // sent and returned
    form('张伟', '2026-06-20', '2026-07-02', { 质量: 2 }), // sent in Q2, returned in Q3
    form('张伟', '2026-09-25'), // sent, open
    form('张伟', '2026-09-28', '2026-10-05', { 质量: 1 }), // sent in Q3, returned in Q4: its rating is not Q3's
    form('李娜', '2026-08-01', '2026-08-15', { 质量: 4, 服务: 4, 交期: 3 }),
    form('李娜', '2026-08-10', '2026-09-30', {}), // returned on the last day, without ratings
    form(null, '2026-07-01'), // unassigned, on the first day
  ],
  complaints: [
    complaint('张伟', '2026-07-03', '2026-07-08', true),
    complaint('张伟', '2026-08-10', '2026-08-20', false),
    complaint('张伟', '2026-09-29'), // open
    complaint('张伟', '2026-06-28', '2026-07-02', true), // received in Q2, handled in Q3
    complaint('张伟', '2026-09-30', '2026-10-02', true), // received in Q3, handled in Q4
    complaint('李娜', '2026-07-15', '2026-07-15', true),
  ],
  businessCustomers: [{ owner: '张伟', count: 8 }, { owner: '李娜' }, { owner: '李娜', count: 2 }],
};

const row = (values: QuarterlyFigures): QuarterlyFigures => values;

describe('quarterlyReport: 2026-Q3 by hand', () => {
  const report = quarterlyReport(Q3, QUARTER, FROM, TO);

  it('names the quarter and its days', () => {
    expect(report).toMatchObject({ quarter: '2026-Q3', from: '2026-07-01', to: '2026-09-30' });
  });

  it('per owner, sorted by name (pinyin), no owner last', () => {
    expect(report.byOwner.map((r) => r.owner)).toEqual(['李娜', '王芳', '张伟', null]);
  });

  it('李娜: every form back, ratings 4 4 3, one complaint handled the day it came', () => {
    expect(report.byOwner[0]).toEqual({
      owner: '李娜',
      ...row({
        customers_served: 2, // customers 2 and 3
        forms_sent: 2,
        forms_returned: 2,
        return_rate: 1,
        satisfaction_average: 3.67, // 11 / 3
        satisfaction_pct: 88.9, // (3.667 − 1) / 3
        complaints_received: 1,
        complaints_handled: 1,
        complaints_on_time: 1,
        on_time_rate: 1,
        complaint_rate: 0.3333, // 1 complaint / 3 customers with business
        business_customers: 3,
      }),
    });
  });

  it('王芳 only visits: served one customer, every rate 0 and no satisfaction', () => {
    expect(report.byOwner[1]).toEqual({
      owner: '王芳',
      ...row({
        customers_served: 1,
        forms_sent: 0,
        forms_returned: 0,
        return_rate: 0,
        satisfaction_average: null,
        satisfaction_pct: null,
        complaints_received: 0,
        complaints_handled: 0,
        complaints_on_time: 0,
        on_time_rate: 0,
        complaint_rate: 0,
        business_customers: 0,
      }),
    });
  });

  it('张伟: forms across the quarter’s edges, complaints handled late and across quarters', () => {
    expect(report.byOwner[2]).toEqual({
      owner: '张伟',
      ...row({
        customers_served: 2, // customers 1 and 2
        forms_sent: 3, // 07-05, 09-25, 09-28
        forms_returned: 2, // 07-20, 07-02
        return_rate: 0.6667,
        satisfaction_average: 3, // (4 + 3 + 2) / 3
        satisfaction_pct: 66.7,
        complaints_received: 4, // 07-03, 08-10, 09-29, 09-30
        complaints_handled: 3, // 07-08, 08-20, 07-02
        complaints_on_time: 2,
        on_time_rate: 0.6667,
        complaint_rate: 0.5, // 4 / 8
        business_customers: 8,
      }),
    });
  });

  it('unassigned: one form sent on the first day', () => {
    expect(report.byOwner[3]).toMatchObject({
      owner: null,
      forms_sent: 1,
      forms_returned: 0,
      return_rate: 0,
      satisfaction_average: null,
      customers_served: 0,
    });
  });

  it('totals: customers served are distinct over everyone, the rest are sums, the rates are worked out again', () => {
    expect(report.totals).toEqual(
      row({
        customers_served: 3, // 1, 2, 3 — not 2 + 2 + 1
        forms_sent: 6,
        forms_returned: 4,
        return_rate: 0.6667,
        satisfaction_average: 3.33, // (9 + 11) / 6
        satisfaction_pct: 77.8, // from 3.333…, not from the rounded 3.33 (77.7)
        complaints_received: 5,
        complaints_handled: 4,
        complaints_on_time: 3,
        on_time_rate: 0.75,
        complaint_rate: 0.4545, // 5 / 11
        business_customers: 11,
      }),
    );
  });

  it('every figure of docs/rules.md, "Output" is there', () => {
    for (const f of QUARTERLY_FIGURES) expect(report.totals).toHaveProperty(f);
    expect(Object.keys(report.totals).sort()).toEqual([...QUARTERLY_FIGURES].sort());
  });

  it('satisfaction: all excellent is 100%, all poor 0%', () => {
    const all = (level: number) =>
      quarterlyReport({ ...empty(), forms: [form('张伟', '2026-07-01', '2026-07-02', { a: level, b: level })] }, QUARTER, FROM, TO).totals;
    expect(all(4)).toMatchObject({ satisfaction_average: 4, satisfaction_pct: 100 });
    expect(all(1)).toMatchObject({ satisfaction_average: 1, satisfaction_pct: 0 });
  });

  it('an empty quarter: no rows, zeros, and no satisfaction', () => {
    const r = quarterlyReport(empty(), QUARTER, FROM, TO);
    expect(r.byOwner).toEqual([]);
    expect(r.totals).toMatchObject({
      customers_served: 0,
      return_rate: 0,
      on_time_rate: 0,
      complaint_rate: 0,
      satisfaction_average: null,
      satisfaction_pct: null,
    });
  });
});

function empty(): QuarterlyFacts {
  return { visits: [], forms: [], complaints: [], businessCustomers: [] };
}

describe('parseQuarter', () => {
  it.each([
    ['2026-Q1', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['2024-Q1', '2024-Q1', '2024-01-01', '2024-03-31'],
    ['2026-q4', '2026-Q4', '2026-10-01', '2026-12-31'],
    [' 2026-Q2 ', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['２０２６－Ｑ３', '2026-Q3', '2026-07-01', '2026-09-30'],
  ])('%j → %s, %s..%s', (text, quarter, from, to) => {
    expect(parseQuarter(text)).toEqual({ quarter, from, to });
  });

  it.each(['2026-Q5', '2026-Q0', '2026Q1', '26-Q1', '2026-Q', '2026-Q12', '2026-3', '2026-Q1-', 'Q1-2026', '0000-Q1', ''])(
    'rejects %j',
    (text) => {
      expect(parseQuarter(text)).toBeNull();
    },
  );
});

describe('lastCompleteQuarter', () => {
  it.each([
    ['2026-11-23', '2026-Q3'],
    ['2026-10-01', '2026-Q3'], // the first day of Q4: Q3 is complete
    ['2026-09-30', '2026-Q2'], // the last day of Q3: Q3 is not complete yet
    ['2026-12-31', '2026-Q3'],
    ['2026-04-01', '2026-Q1'],
    ['2026-03-31', '2025-Q4'], // across the year boundary
    ['2026-01-01', '2025-Q4'],
    ['2026-02-15', '2025-Q4'],
  ])('as of %s → %s', (asOf, quarter) => {
    expect(lastCompleteQuarter(asOf)).toBe(quarter);
  });
});
