// The quarterly service assessment, the annual report and the csv of the monthly report (docs/rules.md, rule
// 16) as managers run them: the real binary, CUSTRACK_TODAY fixed at Monday 2026-11-23, on two small offices
// built in-process whose figures are counted by hand below.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBundleIfMissing, runCli, runCustrack, type CliResult } from '../helpers/cli.js';
import { useDatabases } from '../helpers/engine.js';

const newDatabaseIn = useDatabases();

// Each test runs several processes one after the other: on a busy shared machine that takes a while.
vi.setConfig({ testTimeout: 60_000 });

const TENGDA = '深圳市腾达(集团)有限公司'; // #1 张伟, grade A
const XINYUAN = '苏州新源电子有限公司'; // #2 李娜, grade B
const YUNFAN = '杭州云帆科技有限公司'; // #3 张伟, grade C

const QUARTERLY_KEYS = [
  'customers_served',
  'forms_sent',
  'forms_returned',
  'return_rate',
  'satisfaction_average',
  'satisfaction_pct',
  'complaints_received',
  'complaints_handled',
  'complaints_on_time',
  'on_time_rate',
  'complaint_rate',
];
const FIGURE_KEYS = [
  'new_customers',
  'new_customers_by_rule',
  'applications_filed',
  'applications_recognized',
  'applications_rejected',
  'visits',
  'customers_visited',
  'forms_sent',
  'forms_returned',
  'overdue_at_month_end',
];

let dir: string;
/** The third quarter of 2026, built to be counted by hand (below). */
let quarterDb: string;
/** A quiet year 2025 of two customers, for the annual report. */
let yearDb: string;

async function given(db: string, args: string[], input?: string): Promise<void> {
  const result = await runCustrack(args, { db, ...(input === undefined ? {} : { input }) });
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
}

async function must(db: string, args: string[]): Promise<CliResult> {
  const result = await runCli(args, { db });
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

const json = async <T = Record<string, unknown>>(db: string, args: string[]): Promise<T> =>
  JSON.parse((await must(db, [...args, '--format', 'json'])).stdout) as T;

beforeAll(async () => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-reports-'));

  // The quarter 2026-Q3 (07-01 … 09-30), by owner:
  //   张伟 (腾达, 云帆): visits to 腾达 twice and 云帆 once → 2 customers served; forms sent 07-05 (腾达, back 07-20 rated
  //     4 and 3) and 09-20 (云帆, not back) → 2 sent, 1 returned; complaints: 腾达 07-06 (handled 07-10, on time), 云帆 09-28
  //     (not handled) → 2 received, 1 handled, 1 on time; business: 腾达 (sale 07-15) → 1 customer.
  //   李娜 (新源): one visit, to 腾达 (张伟's customer) → 1 customer served; a form sent 06-20 and back 07-02 rated 2 → 0 sent,
  //     1 returned; a complaint 08-03 (due 08-10) handled 08-12, late; business: 新源 (sale 08-01; the sample of 09-01 does
  //     not count) → 1 customer.
  //   云帆's only sale, 06-30, is before the quarter.
  quarterDb = (await newDatabaseIn(dir, 'quarter.db')).db;
  const q = quarterDb;
  await given(q, ['customer', 'add', '--name', TENGDA, '--owner', '张伟', '--grade', 'A', '--registered', '2026-06-01']);
  await given(q, ['customer', 'add', '--name', XINYUAN, '--owner', '李娜', '--grade', 'B', '--registered', '2026-06-01']);
  await given(q, ['customer', 'add', '--name', YUNFAN, '--owner', '张伟', '--grade', 'C', '--registered', '2026-06-01']);
  await given(
    q,
    ['import', 'transactions', '-'],
    [
      'customer,date,amount,kind,ref',
      `${TENGDA},2026-07-15,1000.00,sale,Q-1`,
      `${XINYUAN},2026-08-01,500.00,sale,Q-2`,
      `${XINYUAN},2026-09-01,0.00,sample,Q-3`,
      `${YUNFAN},2026-06-30,800.00,sale,Q-4`,
    ].join('\n'),
  );
  await given(q, ['visit', 'add', '1', '--date', '2026-07-10', '--method', 'phone']);
  await given(q, ['visit', 'add', '1', '--date', '2026-07-20', '--method', 'phone']);
  await given(q, ['visit', 'add', '3', '--date', '2026-08-05', '--method', 'phone']);
  await given(q, ['visit', 'add', '1', '--date', '2026-09-01', '--method', 'phone', '--by', '李娜']);
  await given(q, ['form', 'send', '1', '--kind', 'periodic', '--sent', '2026-07-05']); // form 1
  await given(q, ['form', 'return', '1', '--returned', '2026-07-20', '--rating', '质量=4', '--rating', '交期=3']);
  await given(q, ['form', 'send', '3', '--kind', 'periodic', '--sent', '2026-09-20']); // form 2
  await given(q, ['form', 'send', '2', '--kind', 'initial', '--sent', '2026-06-20']); // form 3
  await given(q, ['form', 'return', '3', '--returned', '2026-07-02', '--rating', '服务=2']);
  await given(q, ['complaint', 'add', '1', '--received', '2026-07-06', '--content', '包装破损']); // Monday: due 07-13
  await given(q, ['complaint', 'verify', '1', '--by', '周敏', '--finding', '属实', '--on', '2026-07-07']);
  await given(q, ['complaint', 'handle', '1', '--by', '张伟', '--result', '补发', '--on', '2026-07-10']);
  await given(q, ['complaint', 'followup', '1', '--outcome', 'satisfied', '--on', '2026-07-20']);
  await given(q, ['complaint', 'add', '2', '--received', '2026-08-03', '--content', '交期延误']); // Monday: due 08-10
  await given(q, ['complaint', 'verify', '2', '--by', '周敏', '--finding', '属实', '--on', '2026-08-04']);
  await given(q, ['complaint', 'handle', '2', '--by', '李娜', '--result', '加急发货', '--on', '2026-08-12']);
  await given(q, ['complaint', 'add', '3', '--received', '2026-09-28', '--content', '报价错误']);

  // The year 2025: 腾达 (张伟, grade C) registered 03-10, called 03-12 and 09-01 (follow-up due 06-10, then 11-30);
  // 新源 (李娜) registered 07-01 and never contacted (first contact due 07-08).
  yearDb = (await newDatabaseIn(dir, 'year.db')).db;
  const y = yearDb;
  await given(y, ['customer', 'add', '--name', TENGDA, '--owner', '张伟', '--grade', 'C', '--registered', '2025-03-10']);
  await given(y, ['customer', 'add', '--name', XINYUAN, '--owner', '李娜', '--grade', 'C', '--registered', '2025-07-01']);
  await given(y, ['visit', 'add', '1', '--date', '2025-03-12', '--method', 'phone']);
  await given(y, ['visit', 'add', '1', '--date', '2025-09-01', '--method', 'phone']);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('report quarterly', () => {
  it('--format json: the hand-counted third quarter', async () => {
    const report = await json<{
      quarter: string;
      from: string;
      to: string;
      by_owner: Array<Record<string, unknown>>;
      totals: Record<string, unknown>;
    }>(quarterDb, ['report', 'quarterly', '--quarter', '2026-Q3']);
    expect(Object.keys(report)).toEqual(['quarter', 'from', 'to', 'by_owner', 'totals']);
    expect(report).toMatchObject({ quarter: '2026-Q3', from: '2026-07-01', to: '2026-09-30' });
    for (const row of [...report.by_owner, report.totals]) expect(Object.keys(row)).toEqual(expect.arrayContaining(QUARTERLY_KEYS));
    expect(report.by_owner).toEqual([
      {
        owner: '李娜',
        customers_served: 1,
        forms_sent: 0,
        forms_returned: 1,
        return_rate: 0,
        satisfaction_average: 2,
        satisfaction_pct: 33.3,
        complaints_received: 1,
        complaints_handled: 1,
        complaints_on_time: 0,
        on_time_rate: 0,
        complaint_rate: 1,
        business_customers: 1,
      },
      {
        owner: '张伟',
        customers_served: 2,
        forms_sent: 2,
        forms_returned: 1,
        return_rate: 0.5,
        satisfaction_average: 3.5,
        satisfaction_pct: 83.3,
        complaints_received: 2,
        complaints_handled: 1,
        complaints_on_time: 1,
        on_time_rate: 1,
        complaint_rate: 2,
        business_customers: 1,
      },
    ]);
    expect(report.totals).toEqual({
      customers_served: 2, // 腾达 (by both) and 云帆: distinct customers
      forms_sent: 2,
      forms_returned: 2,
      return_rate: 1,
      satisfaction_average: 3,
      satisfaction_pct: 66.7,
      complaints_received: 3,
      complaints_handled: 2,
      complaints_on_time: 1,
      on_time_rate: 0.5,
      complaint_rate: 1.5,
      business_customers: 2,
    });
  });

  it('the default quarter is the last complete one (2026-Q3 on 2026-11-23); csv is the whole report, no note', async () => {
    expect(await json(quarterDb, ['report', 'quarterly'])).toMatchObject({ quarter: '2026-Q3' });
    const csv = await must(quarterDb, ['report', 'quarterly', '--format', 'csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'Owner,Customers served,Forms sent,Forms returned,Return rate,Satisfaction (1–4),Satisfaction %,Complaints,Handled,On time,On-time rate,Complaint rate,Customers with business',
    );
    expect(lines.slice(1)).toEqual([
      '李娜,1,0,1,0,2,33.3,1,1,0,0,1,1',
      '张伟,2,2,1,0.5,3.5,83.3,2,1,1,1,2,1',
      'Total,2,2,2,1,3,66.7,3,2,1,0.5,1.5,2',
    ]);
    expect(csv.stderr).toBe('');
  });

  it('a bad quarter → exit 2, nothing on stdout', async () => {
    const quarters = ['2026-Q5', '2026Q1', 'Q3', '2026-07'];
    const results = await Promise.all(quarters.map((quarter) => runCli(['report', 'quarterly', '--quarter', quarter], { db: quarterDb })));
    results.forEach((result, i) => {
      expect(result.code, quarters[i]).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('--quarter');
    });
  });

  it('on a terminal: a title and the table with rates as percentages', async () => {
    const result = await must(quarterDb, ['report', 'quarterly', '--format', 'table']);
    expect(result.stdout).toContain('Quarterly service assessment 2026-Q3 (2026-07-01 – 2026-09-30)');
    expect(result.stdout).toMatch(/张伟\s+2\s+2\s+1\s+50\.0%\s+3\.50\s+83\.3%\s+2\s+1\s+1\s+100\.0%\s+200\.0%/u);
  });
});

describe.concurrent('report annual', () => {
  it('--format json: each month per owner and the year, the year as the sum of its months', async () => {
    const report = await json<{
      year: string;
      months: Array<{ month: string; by_owner: Array<Record<string, number | string>>; totals: Record<string, number> }>;
      totals_by_owner: Array<Record<string, number | string>>;
      totals: Record<string, number>;
    }>(yearDb, ['report', 'annual']);
    expect(Object.keys(report)).toEqual(['year', 'from', 'to', 'months', 'totals_by_owner', 'totals']);
    expect(report.year).toBe('2025');
    expect(report.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    for (const m of report.months) expect(Object.keys(m)).toEqual(['month', 'by_owner', 'totals']);
    for (const row of [...report.totals_by_owner, report.totals]) expect(Object.keys(row)).toEqual(expect.arrayContaining(FIGURE_KEYS));
    // Overdue at month end: 张伟's follow-up due 06-10 (June, July, August ends) and 11-30 (November and December
    // ends; due on the last day counts); 李娜's first contact due 07-08 (July to December).
    const overdue = (owner: string) => report.months.map((m) => m.by_owner.find((o) => o.owner === owner)?.overdue_at_month_end ?? 0);
    expect(overdue('张伟')).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1]);
    expect(overdue('李娜')).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(report.totals_by_owner).toEqual([
      { owner: '李娜', ...zero(), new_customers: 1, new_customers_by_rule: 1, overdue_at_month_end: 6 },
      { owner: '张伟', ...zero(), new_customers: 1, new_customers_by_rule: 1, visits: 2, customers_visited: 2, overdue_at_month_end: 5 },
    ]);
    expect(report.totals).toEqual({
      ...zero(),
      new_customers: 2,
      new_customers_by_rule: 2,
      visits: 2,
      customers_visited: 2,
      overdue_at_month_end: 11,
    });
    // Each month is the monthly report of that month.
    const june = await json<{ by_owner: unknown; totals: unknown }>(yearDb, ['report', 'monthly', '--month', '2025-06']);
    expect(report.months[5]).toEqual({ month: '2025-06', by_owner: june.by_owner, totals: june.totals });
  });

  it('csv: the year per owner only, and stderr says the months are in json and xlsx', async () => {
    const csv = await must(yearDb, ['report', 'annual', '--year', '2025', '--format', 'csv']);
    expect(csv.stdout).toBe(
      [
        'Owner,Registered,Of which new,Applications filed,Recognized,Rejected,Visits,Customers visited,Forms sent,Forms returned,Overdue at month end',
        '李娜,1,1,0,0,0,0,0,0,0,6',
        '张伟,1,1,0,0,0,2,2,0,0,5',
        'Total,2,2,0,0,0,2,2,0,0,11',
        '',
      ].join('\n'),
    );
    expect(csv.stderr).toBe('csv carries the main table only; Each month per owner: see --format json or xlsx.\n');
  });

  it('on a terminal: the year per owner, then owners down and months across', async () => {
    const result = await must(yearDb, ['report', 'annual', '--format', 'table']);
    expect(result.stdout).toContain('Annual report 2025 (2025-01-01 – 2025-12-31)');
    expect(result.stdout).toMatch(
      /Overdue at month end by month\nOwner\s+Jan\s+Feb.*Dec\s+Year\n李娜(\s+0){6}(\s+1){6}\s+6\n张伟(\s+0){5}(\s+1){3}(\s+0){2}(\s+1){2}\s+5\nTotal/u,
    );
    const zhTable = await must(yearDb, ['report', 'annual', '--format', 'table', '--lang', 'zh']);
    expect(zhTable.stdout).toMatch(/各月月末逾期\n责任营销员\s+1月\s+2月/u);
  });

  it('this year so far, with a note; a year not begun or not a year → exit 2', async () => {
    const partial = await must(yearDb, ['report', 'annual', '--year', '2026', '--format', 'json']);
    expect((JSON.parse(partial.stdout) as { months: unknown[] }).months).toHaveLength(11);
    expect(partial.stderr).toContain('2026 is not over on 2026-11-23: its months up to 2026-11 only.');
    for (const year of ['2027', '26', '2026-01']) {
      const result = await runCli(['report', 'annual', '--year', year], { db: yearDb });
      expect(result.code, year).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('--year');
    }
  });
});

describe.concurrent('report monthly: complaints are overdue at month end too', () => {
  it("新源's complaint, handled on 08-12 and never followed up, counts for 李娜 at the end of September", async () => {
    const overdue = await json<Array<{ kind: string; owner: string; ref_id: number; due: string }>>(quarterDb, [
      'overdue',
      '--as-of',
      '2026-09-30',
      '--within',
      '0',
    ]);
    expect(overdue.filter((i) => i.kind === 'complaint').map((i) => [i.owner, i.ref_id, i.due])).toEqual([['李娜', 2, '2026-09-11']]);
    const report = await json<{ by_owner: Array<{ owner: string; overdue_at_month_end: number }> }>(quarterDb, [
      'report',
      'monthly',
      '--month',
      '2026-09',
    ]);
    expect(report.by_owner.find((o) => o.owner === '李娜')?.overdue_at_month_end).toBe(overdue.filter((i) => i.owner === '李娜').length);
  });
});

describe.concurrent('report monthly in csv and tsv', () => {
  it('prints the same table as before, and says on stderr that feedback, ratings and grades are in json and xlsx', async () => {
    for (const format of ['csv', 'tsv']) {
      const result = await must(yearDb, ['report', 'monthly', '--month', '2025-07', '--format', format]);
      const sep = format === 'csv' ? ',' : '\t';
      expect(result.stdout.split('\n')[1]).toBe(['李娜', 1, 1, 0, 0, 0, 0, 0, 0, 0, 1].join(sep));
      expect(result.stderr).toBe(`${format} carries the main table only; Feedback, Ratings, Grades: see --format json or xlsx.\n`);
    }
    const json = await runCli(['report', 'monthly', '--month', '2025-07', '--format', 'json'], { db: yearDb });
    expect(json.stderr).toBe('');
  });
});

function zero(): Record<string, number> {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0]));
}
