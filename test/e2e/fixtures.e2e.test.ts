// The demo's sample office (fixtures/): the three import files and the tour, loaded into a scratch database
// the way `custrack demo` does it (in-process, `--as-of 2026-11-20`), and every state fixtures/README.md
// promises checked against what the commands print.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCustrack, type InProcessResult } from '../helpers/cli.js';
import { parseUscc } from '../../src/core/uscc.js';
import { useDatabases } from '../helpers/engine.js';

const newDatabaseIn = useDatabases();

const AS_OF = '2026-11-20';
const FIXTURES = join(REPO_ROOT, 'fixtures');
const fixture = (name: string): string => join(FIXTURES, name);

const TOUR = JSON.parse(readFileSync(fixture('tour.json'), 'utf8')) as Array<{ args: string[] }>;

let dir: string;
let db: string;
const steps: Array<{ args: string[]; result: InProcessResult }> = [];

/** One command on the sample office, as the demo runs it: its database and its day appended. */
function custrack(args: string[]): Promise<InProcessResult> {
  return runCustrack([...args, '--db', db, '--as-of', AS_OF]);
}

async function json<T>(args: string[]): Promise<T> {
  const result = await custrack([...args, '--format', 'json']);
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-fixtures-'));
  db = (await newDatabaseIn(dir, 'demo.db')).db;
  const load: string[][] = [
    ['import', 'customers', fixture('customers.csv'), '--format', 'json'],
    ['import', 'transactions', fixture('transactions.csv'), '--encoding', 'auto', '--format', 'json'],
    ['import', 'visits', fixture('visits.csv'), '--format', 'json'],
    ...TOUR.map((step) => step.args),
  ];
  for (const args of load) steps.push({ args, result: await custrack(args) });
}, 30_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the fixture files', () => {
  it('transactions.csv is GBK with CRLF line ends, as Chinese Excel saves it', () => {
    const bytes = readFileSync(fixture('transactions.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder('gbk').decode(bytes);
    expect(text.split('\r\n')[0]).toBe('客户名称,统一社会信用代码,日期,金额,类型,单号');
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text).toMatch(/,"\d{1,3}(,\d{3})+\.\d\d",/u); // amounts with thousands separators, quoted
    expect(text).toContain(',样品,');
    expect(text).toContain(',退货,');
  });

  it('visits.csv starts with a UTF-8 BOM; customers.csv is plain UTF-8', () => {
    const visits = readFileSync(fixture('visits.csv'));
    expect([...visits.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const customers = readFileSync(fixture('customers.csv'));
    expect(customers[0]).not.toBe(0xef);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(customers)).not.toThrow();
  });

  it('every USCC in customers.csv is valid', () => {
    const lines = readFileSync(fixture('customers.csv'), 'utf8').trim().split('\n').slice(1);
    const codes = lines.map((line) => line.split(',')[1]!).filter((code) => code !== '');
    expect(codes.length).toBeGreaterThanOrEqual(5);
    for (const code of codes) expect(parseUscc(code), code).toBe(code);
  });
});

describe('loading the sample office as the demo does', () => {
  it('every import and every tour step exits 0', () => {
    expect(steps).toHaveLength(3 + TOUR.length);
    for (const { args, result } of steps) expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
  });

  it('imports every row, reading transactions.csv as GB18030', () => {
    const summaries = steps.slice(0, 3).map((s) => JSON.parse(s.result.stdout) as { rows: number; added: number; encoding: string });
    expect(summaries.map((s) => s.added)).toEqual(summaries.map((s) => s.rows));
    expect(summaries.map((s) => s.rows)).toEqual([40, 405, 136]);
    expect(summaries[1]!.encoding).toBe('gb18030');
  });

  it('matches invoices under other names by USCC and by name key', async () => {
    const transactions = await json<Array<{ customer: string; customer_id: number | null }>>(['export', 'transactions']);
    const idOf = (name: string): Set<number | null> => new Set(transactions.filter((t) => t.customer === name).map((t) => t.customer_id));
    expect(idOf('深圳市腾达集团有限公司')).toEqual(new Set([1]));
    expect(idOf('深圳市腾达(集团)有限公司')).toEqual(new Set([1]));
    expect(idOf('武汉光谷激光技术股份有限公司')).toEqual(new Set([10]));
    expect(idOf('厦门海联贸易有限公司')).toEqual(new Set([21]));
    expect(idOf('东莞市恒丰五金制品有限公司')).toEqual(new Set([null]));
  });
});

describe('the states of fixtures/README.md on 2026-11-20', () => {
  it.each([
    ['苏州吴中区金鹰光电有限公司', 0, null],
    ['佛山市顺德区美达电器有限公司', 0, null],
    ['长沙湘江机电设备有限公司', 0, null],
    ['东莞市恒丰五金制品有限公司', 1, '2027-09-27'],
    ['南京金陵电缆有限公司', 1, '2026-11-29'],
  ])('check %s exits %i', async (name, code, from) => {
    const result = await custrack(['check', name, '--format', 'json']);
    expect(result.code, result.stderr).toBe(code);
    const check = JSON.parse(result.stdout) as {
      new_customer: boolean;
      new_customer_from: string | null;
      samples_ignored: number;
      customer_id: number | null;
    };
    expect(check.new_customer).toBe(code === 0);
    expect(check.new_customer_from).toBe(from);
    if (name === '苏州吴中区金鹰光电有限公司') expect(check.samples_ignored).toBe(2);
    if (name.startsWith('东莞市恒丰') || name.startsWith('佛山市顺德')) expect(check.customer_id).toBeNull();
  });

  it('check 东莞鸿运包装材料有限公司 exits 6: new by its own invoices, but the similar #11 had business (rule 17)', async () => {
    const result = await custrack(['check', '东莞鸿运包装材料有限公司', '--format', 'json']);
    expect(result.code, result.stderr).toBe(6);
    expect(JSON.parse(result.stdout)).toMatchObject({
      customer_id: null,
      new_customer: true,
      samples_ignored: 1,
      similar: [
        { customer_id: 11, name: '东莞市鸿运包装材料有限公司', owner: '张伟', last_business: '2026-10-12', confirmed_distinct: false },
      ],
    });
    expect(result.stderr).toContain('#11 东莞市鸿运包装材料有限公司 (owner: 张伟) had business on 2026-10-12');
  });

  it('the import of transactions names the invoice name similar to a customer, and how to attach it', () => {
    const imported = steps[1]!.result.stderr;
    expect(imported).toContain('1 imported row(s) under 1 name(s) match no customer but are similar to one');
    expect(imported).toContain('custrack customer edit 11 --alias "东莞鸿运包装材料有限公司"');
  });

  it('has a recognized, a late, a rejected-at-verification and a waiting application', async () => {
    const applications = await json<
      Array<{ id: number; customer: string; by: string; status: string; reason: string | null; on_time: boolean }>
    >(['application', 'list']);
    const summary = applications.map((a) => [a.id, a.customer, a.by, a.status, a.reason, a.on_time]);
    expect(summary).toEqual([
      [1, '厦门海联供应链管理有限公司', '王芳', 'rejected', 'business on 2024-10-17', true],
      [2, '东莞市松湖智能装备有限公司', '张伟', 'recognized', null, true],
      [3, '上海浦江医疗器械有限公司', '李娜', 'rejected', 'late', false],
      [4, '天津滨海新区瑞丰电子有限公司', '刘洋', 'filed', null, true],
    ]);
  });

  it('lists exactly the overdue items of the README', async () => {
    const overdue = await json<Array<{ kind: string; customer: string; owner: string; due: string; days_overdue: number }>>(['overdue']);
    expect(overdue.map((o) => [o.kind, o.customer, o.owner, o.due, o.days_overdue])).toEqual([
      ['application', '武汉楚天新材料科技有限公司', '陈静', '2026-10-15', 36],
      ['follow-up', '青岛海润橡胶制品有限公司', '刘洋', '2026-10-26', 25],
      ['first-contact', '惠州仲恺高新区华星电池有限公司', '王芳', '2026-11-09', 11],
      ['follow-up', '上海申美日用化工有限公司', '李娜', '2026-11-12', 8],
      ['form-return', '武汉楚天新材料科技有限公司', '陈静', '2026-11-12', 8],
      ['complaint', '北京华信科技有限公司', '刘洋', '2026-11-16', 4],
      ['follow-up', '广州市穗丰塑胶制品有限公司', '王芳', '2026-11-16', 4],
      ['plan-missed', '杭州萧山宏达化纤有限公司', '李娜', '2026-11-17', 3],
      ['minutes', '武汉光谷激光技术有限公司', '陈静', '2026-11-18', 2],
    ]);
  });

  it('has a complaint closed in the third quarter and one waiting for its handling', async () => {
    const complaints = await json<
      Array<{ id: number; customer: string; owner: string; status: string; due: string; on_time: boolean | null }>
    >(['complaint', 'list']);
    expect(complaints.map((c) => [c.id, c.customer, c.owner, c.status, c.due, c.on_time])).toEqual([
      [1, '深圳市腾达（集团）有限公司', '张伟', 'closed', '2026-08-27', true],
      [2, '北京华信科技有限公司', '刘洋', 'verified', '2026-11-16', null],
    ]);
  });

  it('gives 2026-Q3, the default quarter, a quarterly report with feedback and a complaint handled on time', async () => {
    const report = await json<{ quarter: string; totals: Record<string, number | null>; by_owner: Array<{ owner: string }> }>([
      'report',
      'quarterly',
    ]);
    expect(report.quarter).toBe('2026-Q3');
    expect(report.totals).toMatchObject({
      forms_sent: 2,
      forms_returned: 1,
      return_rate: 0.5,
      satisfaction_average: 3.33,
      satisfaction_pct: 77.8,
      complaints_received: 1,
      complaints_handled: 1,
      complaints_on_time: 1,
      on_time_rate: 1,
    });
    expect(report.by_owner.map((o) => o.owner).sort()).toEqual(['刘洋', '张伟', '李娜', '王芳', '陈静'].sort());
  });

  it('shows what falls due next week with --within 7', async () => {
    const soon = await json<Array<{ kind: string; customer: string; days_overdue: number }>>(['overdue', '--within', '7']);
    const upcoming = soon.filter((o) => o.days_overdue < 0).map((o) => `${o.kind} ${o.customer}`);
    expect(upcoming).toContain('first-contact 济南齐鲁机床附件有限公司');
    expect(upcoming).toContain('minutes 重庆长江汽车配件（集团）有限公司');
    expect(upcoming).toContain('form-send 上海浦江医疗器械有限公司');
  });

  it("prints the day's plan sheet for three salespeople", async () => {
    const sheet = await json<Array<{ customer: string; by: string; planned: boolean; done: boolean }>>(['visit', 'sheet']);
    expect(sheet.map((v) => v.by).sort()).toEqual(['刘洋', '张伟', '李娜']);
    expect(sheet.every((v) => v.planned && !v.done)).toBe(true);
  });

  it('has a closed customer and the statuses of an office in use', async () => {
    const customers = await json<Array<{ name: string; status: string; grade: string }>>(['customer', 'list']);
    expect(customers).toHaveLength(40);
    const statuses = new Set(customers.map((c) => c.status));
    expect([...statuses].sort()).toEqual(['active', 'closed', 'dormant', 'prospect']);
    expect(customers.filter((c) => c.status === 'closed').map((c) => c.name)).toEqual(['福州闽江家具有限公司']);
    expect(new Set(customers.map((c) => c.grade))).toEqual(new Set(['A', 'B', 'C']));
  });

  it('gives October 2026 a monthly report with something in every column that matters', async () => {
    type Figures = Record<
      | 'new_customers'
      | 'applications_filed'
      | 'applications_recognized'
      | 'applications_rejected'
      | 'visits'
      | 'customers_visited'
      | 'forms_sent'
      | 'forms_returned',
      number
    >;
    const report = await json<{
      month: string;
      by_owner: Array<Figures & { owner: string }>;
      totals: Figures;
      feedback: { sent: number; returned: number; return_rate: number; ratings: Record<string, { count: number; average: number }> };
    }>(['report', 'monthly', '--month', '2026-10']);
    expect(report.month).toBe('2026-10');
    expect(report.totals).toMatchObject({
      new_customers: 4,
      applications_filed: 3,
      applications_recognized: 1,
      applications_rejected: 2,
      forms_sent: 5,
      forms_returned: 4,
    });
    expect(report.totals.visits).toBeGreaterThanOrEqual(20);
    expect(report.by_owner.map((o) => o.owner).sort()).toEqual(['刘洋', '张伟', '李娜', '王芳', '陈静'].sort());
    expect(report.by_owner.every((o) => o.visits > 0)).toBe(true);
    expect(
      report.by_owner
        .filter((o) => o.applications_filed > 0)
        .map((o) => o.owner)
        .sort(),
    ).toEqual(['张伟', '李娜', '王芳'].sort());
    expect(report.feedback.return_rate).toBe(0.8);
    expect(report.feedback.ratings).toEqual({
      服务: { count: 4, average: 3 },
      交期: { count: 4, average: 3 },
      质量: { count: 4, average: 3.5 },
    });
  });
});
