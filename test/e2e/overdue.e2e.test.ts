// `custrack overdue` and `custrack report monthly` as the cron jobs and managers run them: the real
// binary, CUSTRACK_TODAY fixed at Monday 2026-11-23, an office built with the clerk's own commands.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINARY, buildBundleIfMissing, runCli, runInTerminal, shellWord, stripAnsi, type CliResult } from '../helpers/cli.js';
import { fileMode } from '../helpers/scratch.js';
import { engineOffice, newDatabase, type TestDatabase } from '../helpers/engine.js';

const TENGDA = '深圳市腾达(集团)有限公司'; // #1 张伟, grade A
const XINYUAN = '苏州新源电子有限公司'; // #2 李娜, grade B
const YUNFAN = '杭州云帆科技有限公司'; // #3 张伟, grade C
const YUANHANG = '无锡远航贸易有限公司'; // #4 nobody's

const HEADER = ['Kind', 'Customer ID', 'Customer', 'Owner', 'Due', 'Days overdue', 'Ref ID', 'Detail'];
const OVERDUE_KEYS = ['kind', 'customer_id', 'customer', 'owner', 'due', 'days_overdue', 'ref_id', 'detail'];
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

/** What is overdue on 2026-11-23 in the office below, most overdue first: kind, customer id, owner, due, days. */
const EXPECTED_OVERDUE: Array<[string, number, string, string, number]> = [
  ['minutes', 3, '张伟', '2026-10-27', 27], // in-person visit on Sunday 2026-10-25, no minutes
  ['first-contact', 2, '李娜', '2026-11-08', 15], // registered 2026-11-01, never contacted
  ['form-return', 3, '张伟', '2026-11-16', 7], // initial form sent 2026-11-01
  ['follow-up', 1, '张伟', '2026-11-17', 6], // grade A, last contact 2026-11-10
  ['plan-missed', 2, '李娜', '2026-11-20', 3], // phone call planned for Friday
];

let officeDir: string;
let office: TestDatabase | undefined;
let db: string;

async function must(args: string[], dbPath = db, input?: string): Promise<CliResult> {
  const result = await runCli(args, { db: dbPath, ...(input === undefined ? {} : { input }) });
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

beforeAll(async () => {
  buildBundleIfMissing();
  officeDir = mkdtempSync(join(tmpdir(), 'custrack-overdue-'));
  office = await newDatabase(officeDir);
  db = office.db;
  await must(['customer', 'add', '--name', TENGDA, '--owner', '张伟', '--grade', 'A', '--registered', '2026-10-05']);
  await must(['customer', 'add', '--name', XINYUAN, '--owner', '李娜', '--grade', 'B', '--registered', '2026-11-01']);
  await must(['customer', 'add', '--name', YUNFAN, '--owner', '张伟', '--grade', 'C', '--registered', '2026-10-20']);
  await must(['customer', 'add', '--name', YUANHANG, '--registered', '2026-11-20']);
  // a sale before registration: an existing customer, no application or initial form expected
  await must(['import', 'transactions', '-'], db, `customer,date,amount,kind,ref\n${TENGDA},2026-09-28,1000.00,sale,INV-1\n`);
  await must(['visit', 'add', '1', '--date', '2026-10-10', '--method', 'phone']); // #1 by 张伟
  await must(['visit', 'add', '1', '--date', '2026-10-12', '--method', 'phone', '--by', '李娜']); // #2
  await must(['visit', 'add', '1', '--date', '2026-11-10', '--method', 'phone']); // #3
  await must(['visit', 'add', '3', '--date', '2026-10-25', '--method', 'in-person']); // #4
  await must(['visit', 'plan', '2', '--date', '2026-11-20', '--method', 'phone']); // #5
  await must(['form', 'send', '1', '--kind', 'periodic', '--sent', '2026-10-02']); // form #1
  await must(['form', 'return', '1', '--returned', '2026-10-15', '--rating', '质量=优秀', '--rating', '交期=good']);
  await must(['form', 'send', '3', '--kind', 'initial', '--sent', '2026-10-21']); // form #2
  await must(['form', 'return', '2', '--returned', '2026-11-02', '--rating', '质量=poor']);
  await must(['form', 'send', '3', '--kind', 'initial', '--sent', '2026-11-01']); // form #3, open
  await must(['apply', '1', '--filed', '2026-10-20']);
  await must(['--as-of', '2026-10-25', 'application', 'verify', '1']);
  await must(['--as-of', '2026-10-28', 'application', 'approve', '1', '--by', '王经理']);
}, 60_000);

afterAll(async () => {
  if (officeDir) rmSync(officeDir, { recursive: true, force: true });
  await office?.drop();
});

/** tsv text → rows of cells (the trailing newline gives no row). */
function tsvRows(text: string): string[][] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => line.split('\t'));
}

type OnFinished = (cleanup: () => Promise<void> | void) => void;

/** An office where nothing is overdue: one customer registered today. */
async function quietOffice(onTestFinished: OnFinished) {
  const office = await engineOffice(onTestFinished);
  await must(['customer', 'add', '--name', TENGDA, '--owner', '张伟'], office.db);
  return office;
}

describe.concurrent('custrack overdue, piped', () => {
  it('tsv: a header, then one row per item, most overdue first', async () => {
    const result = await must(['overdue']);
    const [header, ...rows] = tsvRows(result.stdout);
    expect(header).toEqual(HEADER);
    expect(rows.map((r) => [r[0], Number(r[1]), r[3], r[4], Number(r[5])])).toEqual(EXPECTED_OVERDUE);
    expect(rows.every((r) => r.length === HEADER.length)).toBe(true);
    const days = rows.map((r) => Number(r[5]));
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(rows[0]).toEqual(['minutes', '3', YUNFAN, '张伟', '2026-10-27', '27', '4', 'in-person visit on 2026-10-25 has no minutes']);
    expect(result.stdout).not.toContain('\r');
  });

  it('--format json: an array of rows with the fixed keys', async () => {
    const rows = JSON.parse((await must(['overdue', '--format', 'json'])).stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(EXPECTED_OVERDUE.length);
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(OVERDUE_KEYS));
    expect(rows.map((r) => [r.kind, r.customer_id, r.owner, r.due, r.days_overdue])).toEqual(EXPECTED_OVERDUE);
    expect(rows[1]).toMatchObject({
      kind: 'first-contact',
      customer_id: 2,
      customer: XINYUAN,
      owner: '李娜',
      due: '2026-11-08',
      days_overdue: 15,
      ref_id: 2,
    });
    expect(rows[2]).toMatchObject({ kind: 'form-return', customer: YUNFAN, ref_id: 3 });
    expect(rows[3]).toMatchObject({ kind: 'follow-up', customer: TENGDA, ref_id: 3 });
    expect(rows[4]).toMatchObject({ kind: 'plan-missed', ref_id: 5 });
    for (const row of rows) expect(typeof row.detail).toBe('string');
  });

  it('--owner keeps one salesperson’s items', async () => {
    const rows = tsvRows((await must(['overdue', '--owner', '李娜'])).stdout).slice(1);
    expect(rows.map((r) => [r[0], r[3]])).toEqual([
      ['first-contact', '李娜'],
      ['plan-missed', '李娜'],
    ]);
  });

  it('--kind is repeatable', async () => {
    const rows = tsvRows((await must(['overdue', '--kind', 'follow-up', '--kind', 'minutes'])).stdout).slice(1);
    expect(rows.map((r) => r[0])).toEqual(['minutes', 'follow-up']);
    const one = tsvRows((await must(['overdue', '--kind', 'plan-missed'])).stdout).slice(1);
    expect(one.map((r) => r[0])).toEqual(['plan-missed']);
  });

  it('--kind bogus → exit 2, nothing on stdout, the flag named on stderr', async () => {
    const result = await runCli(['overdue', '--kind', 'bogus'], { db });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--kind');
    expect(result.stderr).toContain('bogus');
  });

  it('--within 7 adds what falls due by 2026-11-30, with negative days overdue', async () => {
    const rows = JSON.parse((await must(['overdue', '--within', '7', '--format', 'json'])).stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.kind, r.customer_id, r.owner, r.due, r.days_overdue])).toEqual([
      ...EXPECTED_OVERDUE,
      ['first-contact', 4, null, '2026-11-27', -4],
    ]);
  });

  it('--as-of moves the whole list (a week earlier: the plan not missed, the form not due)', async () => {
    const rows = tsvRows((await must(['--as-of', '2026-11-16', 'overdue'])).stdout).slice(1);
    expect(rows.map((r) => [r[0], Number(r[1]), Number(r[5])])).toEqual([
      ['minutes', 3, 20],
      ['first-contact', 2, 8],
    ]);
  });
});

describe.concurrent('custrack overdue, nothing due (the cron case)', () => {
  it('tsv and csv print nothing at all, exit 0, never prompt', async ({ onTestFinished }) => {
    const office = await quietOffice(onTestFinished);
    for (const format of ['tsv', 'csv'] as const) {
      const result = await runCli(['overdue', ...(format === 'tsv' ? [] : ['--format', 'csv'])], { db: office.db, timeoutMs: 5_000 });
      expect(result.timedOut).toBe(false);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      if (format === 'tsv') expect(result.stderr).toBe('');
    }
  });

  it('--out-dir writes no file and prints nothing', async ({ onTestFinished }) => {
    const office = await quietOffice(onTestFinished);
    const dir = office.path('spool');
    const result = await runCli(['overdue', '--out-dir', dir], { db: office.db, timeoutMs: 5_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe.concurrent('custrack overdue --out-dir', () => {
  it('one tsv file per salesperson, mode 0600, paths on stdout, each with only that owner’s rows', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const dir = office.path('spool');
    const result = await must(['overdue', '--out-dir', dir]);
    const zhang = join(dir, '张伟.tsv');
    const li = join(dir, '李娜.tsv');
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual([zhang, li].sort());
    expect(readdirSync(dir).sort()).toEqual(['张伟.tsv', '李娜.tsv'].sort());
    for (const [path, owner, count] of [
      [zhang, '张伟', 3],
      [li, '李娜', 2],
    ] as const) {
      expect(fileMode(path)).toBe(0o600);
      const [header, ...rows] = tsvRows(readFileSync(path, 'utf8'));
      expect(header).toEqual(HEADER);
      expect(rows).toHaveLength(count);
      expect(rows.every((r) => r[3] === owner)).toBe(true);
      expect(rows.map((r) => [r[0], Number(r[1]), r[3], r[4], Number(r[5])])).toEqual(EXPECTED_OVERDUE.filter((e) => e[2] === owner));
    }
  });

  it('--format csv writes .csv files; an unassigned item goes to a file of its own', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const dir = office.path('spool');
    const result = await must(['overdue', '--format', 'csv', '--within', '7', '--out-dir', dir]);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(expect.arrayContaining(['张伟.csv', '李娜.csv']));
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.endsWith('.csv'))).toBe(true);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(files.map((f) => join(dir, f)).sort());
    for (const file of files) expect(fileMode(join(dir, file))).toBe(0o600);
    const zhang = readFileSync(join(dir, '张伟.csv'), 'utf8');
    expect(zhang.split('\n')[0]).toBe(HEADER.join(','));
    expect(zhang).not.toContain(XINYUAN);
    expect(zhang).not.toContain(YUANHANG);
    const li = readFileSync(join(dir, '李娜.csv'), 'utf8');
    expect(li).not.toContain(YUNFAN);
    expect(li).not.toContain(YUANHANG);
    const other = files.find((f) => f !== '张伟.csv' && f !== '李娜.csv')!;
    const unassigned = readFileSync(join(dir, other), 'utf8').trimEnd().split('\n');
    expect(unassigned).toHaveLength(2);
    expect(unassigned[1]).toContain(YUANHANG);
    expect(unassigned[1]).toContain('-4');
  });

  it('--owner with --out-dir writes only that salesperson’s file', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const dir = office.path('spool');
    const result = await must(['overdue', '--owner', '张伟', '--out-dir', dir]);
    expect(result.stdout).toBe(`${join(dir, '张伟.tsv')}\n`);
    expect(readdirSync(dir)).toEqual(['张伟.tsv']);
  });

  it('--format table with --out-dir is a usage error (exit 2), and no file is written', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const dir = office.path('spool');
    const result = await runCli(['overdue', '--format', 'table', '--out-dir', dir], { db });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe.concurrent('custrack report monthly', () => {
  it('--format json: the October figures of the office', async () => {
    const report = JSON.parse((await must(['report', 'monthly', '--month', '2026-10', '--format', 'json'])).stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['month', 'from', 'to', 'by_owner', 'totals', 'feedback', 'grades']));
    expect(report).toMatchObject({ month: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    for (const row of [...report.by_owner, report.totals]) expect(Object.keys(row)).toEqual(expect.arrayContaining(FIGURE_KEYS));
    expect(report.by_owner).toEqual([
      {
        owner: '李娜', // visited 腾达 once for 张伟
        new_customers: 0,
        new_customers_by_rule: 0,
        applications_filed: 0,
        applications_recognized: 0,
        applications_rejected: 0,
        visits: 1,
        customers_visited: 1,
        forms_sent: 0,
        forms_returned: 0,
        overdue_at_month_end: 0,
      },
      {
        owner: '张伟',
        new_customers: 2, // 腾达 2026-10-05, 云帆 2026-10-20
        new_customers_by_rule: 1, // 云帆: 腾达 had a sale on 2026-09-28, before it was registered
        applications_filed: 1, // filed 2026-10-20
        applications_recognized: 1, // approved 2026-10-28
        applications_rejected: 0,
        visits: 2, // 10-10 腾达, 10-25 云帆
        customers_visited: 2,
        forms_sent: 2, // 10-02, 10-21
        forms_returned: 1, // 10-15 (the other came back in November)
        overdue_at_month_end: 2, // 腾达 follow-up due 10-19, 云帆 minutes due 10-27
      },
    ]);
    expect(report.totals).toEqual({
      new_customers: 2,
      new_customers_by_rule: 1,
      applications_filed: 1,
      applications_recognized: 1,
      applications_rejected: 0,
      visits: 3,
      customers_visited: 2, // 腾达 visited by both: distinct customers, not 1 + 2
      forms_sent: 2,
      forms_returned: 1,
      overdue_at_month_end: 2,
    });
    expect(report.feedback).toEqual({
      sent: 2,
      returned: 1,
      return_rate: 0.5,
      ratings: { 质量: { count: 1, average: 4 }, 交期: { count: 1, average: 3 } },
    });
    expect(report.grades).toEqual({ A: 1, B: 0, C: 1 });
  });

  it('the default month is the last complete one (2026-10 on 2026-11-23)', async () => {
    const report = JSON.parse((await must(['report', 'monthly', '--format', 'json'])).stdout);
    expect(report).toMatchObject({ month: '2026-10', from: '2026-10-01', to: '2026-10-31' });
  });

  it('November: the customers registered and the form returned in November', async () => {
    const report = JSON.parse((await must(['report', 'monthly', '--month', '2026-11', '--format', 'json'])).stdout);
    expect(report).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(report.totals).toMatchObject({ new_customers: 2, visits: 1, customers_visited: 1, forms_sent: 1, forms_returned: 1 });
    expect(report.feedback).toEqual({ sent: 1, returned: 1, return_rate: 1, ratings: { 质量: { count: 1, average: 1 } } });
    expect(report.grades).toEqual({ A: 1, B: 1, C: 2 });
  });

  it('--excel: UTF-8 BOM, CRLF line ends, a row per salesperson and a totals row', async () => {
    const result = await must(['report', 'monthly', '--month', '2026-10', '--excel']);
    expect(result.stdout.startsWith('\uFEFF')).toBe(true);
    const text = result.stdout.slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines[0]!.split(',')[0]).toBe('Owner');
    expect(lines[0]!.split(',')).toHaveLength(1 + FIGURE_KEYS.length);
    expect(lines.slice(1)).toEqual(['李娜,0,0,0,0,0,1,1,0,0,0', '张伟,2,1,1,1,0,2,2,2,1,2', 'Total,2,1,1,1,0,3,2,2,1,2']);
  });

  it('--month 2026-13 → exit 2, nothing on stdout', async () => {
    for (const month of ['2026-13', '2026-00', '2026-1', 'October']) {
      const result = await runCli(['report', 'monthly', '--month', month], { db });
      expect(result.code, month).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('--month');
    }
  });

  it('table on a terminal: the figures and the bar charts', async () => {
    const result = await runInTerminal(`${shellWord(process.execPath)} ${shellWord(BINARY)} report monthly --month 2026-10`, { db });
    expect(result.code).toBe(0);
    const screen = stripAnsi(result.stdout);
    expect(screen).toContain('Monthly report 2026-10 (2026-10-01 – 2026-10-31)');
    expect(screen).toContain('█');
    expect(screen).toContain('Visits per salesperson');
    expect(screen).toMatch(/张伟\s+█+ 2/u);
    expect(screen).toMatch(/Return rate\s+50\.0%/u);
  });
});
