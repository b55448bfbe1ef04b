// Results written to a file (--output) and Excel workbooks (--format xlsx; README, "Excel"). Every workbook is
// read back with exceljs: the types of its cells, its sheets and their names in --lang, the file's mode, and
// nothing left behind when a command fails.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli, runCustrack, type InProcessResult } from '../helpers/cli.js';
import { writeImportFile } from '../helpers/imports.js';
import { fileDigest, fileMode } from '../helpers/scratch.js';
import { useEngineOffices, type EngineOffice } from '../helpers/engine.js';

const newScratch = useEngineOffices();

const TENGDA = '深圳市腾达(集团)有限公司';
const USCC = '91110000600037341L';

async function read(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** A sheet's rows as the values exceljs reads (index 0 is the header). */
function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const cell = (sheet: ExcelJS.Worksheet, row: number, header: string): ExcelJS.Cell => {
  const column = (sheet.getRow(1).values as unknown[]).indexOf(header);
  if (column < 1) throw new Error(`no column ${header} in ${sheet.name}`);
  return sheet.getRow(row).getCell(column);
};

/** A directory's files other than the database: what a command left behind. */
const leftovers = (office: EngineOffice): string[] => readdirSync(office.dir).filter((name) => !name.startsWith('custrack.db'));

/** An office with one customer (phone and USCC with digits Excel would mangle), two invoices and a visit. */
async function office(): Promise<{ office: EngineOffice; run: (...args: string[]) => Promise<InProcessResult> }> {
  const scratch = await newScratch();
  const run = (...args: string[]) => runCustrack(args, { db: scratch.db });
  const added = await run(
    'customer',
    'add',
    '--name',
    TENGDA,
    '--owner',
    '张伟',
    '--grade',
    'A',
    '--phone',
    '13800138000',
    '--uscc',
    USCC,
    '--monthly-volume',
    '12345.6',
  );
  expect(added.code, added.stderr).toBe(0);
  const invoices = writeImportFile(
    scratch.path('txns.csv'),
    `customer,date,amount,kind,ref\n${TENGDA},2026-10-15,1234.5,sale,00012345678901234567\n${TENGDA},2026-10-20,-20,return,00012345678901234568\n`,
  );
  expect((await run('import', 'transactions', invoices)).code).toBe(0);
  expect((await run('visit', 'add', TENGDA, '--date', '2026-11-20', '--method', 'in-person', '--topic', '=SUM(A1)')).code).toBe(0);
  return { office: scratch, run };
}

describe('--format xlsx --output: typed cells', () => {
  it('export customers: ids, phones and USCCs as text, money as yuan with two decimals, dates as dates', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('客户.xlsx');
    const result = await run('export', 'customers', '--output', path);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(fileMode(path)).toBe(0o600);
    const [sheet] = (await read(path)).worksheets;
    expect(sheet!.name).toBe('Customers');
    expect(values(sheet!)[0]!.slice(0, 3)).toEqual(['ID', 'Name', 'Grade']);
    expect(cell(sheet!, 2, 'ID')).toMatchObject({ type: ExcelJS.ValueType.String, value: '1' });
    expect(cell(sheet!, 2, 'Phone')).toMatchObject({ type: ExcelJS.ValueType.String, value: '13800138000' });
    expect(cell(sheet!, 2, 'USCC')).toMatchObject({ type: ExcelJS.ValueType.String, value: USCC });
    expect(cell(sheet!, 2, 'Monthly volume')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 12345.6 });
    expect(cell(sheet!, 2, 'Monthly volume').numFmt).toBe('#,##0.00');
    const registered = cell(sheet!, 2, 'Registered');
    expect(registered.type).toBe(ExcelJS.ValueType.Date);
    expect((registered.value as Date).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(registered.numFmt).toBe('yyyy-mm-dd');
    expect(cell(sheet!, 2, 'Last business').type).toBe(ExcelJS.ValueType.Date);
  });

  it('export transactions: a 20-digit invoice number stays text, negative money stays a number', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('txns.xlsx');
    expect((await run('export', 'transactions', '-o', path)).code).toBe(0);
    const [sheet] = (await read(path)).worksheets;
    expect(sheet!.name).toBe('Transactions');
    expect(values(sheet!)).toHaveLength(3);
    expect(cell(sheet!, 2, 'Invoice no.')).toMatchObject({ type: ExcelJS.ValueType.String, value: '00012345678901234567' });
    expect(cell(sheet!, 3, 'Amount')).toMatchObject({ type: ExcelJS.ValueType.Number, value: -20 });
    expect(cell(sheet!, 2, 'Amount').numFmt).toBe('#,##0.00');
    expect(cell(sheet!, 2, 'Customer ID')).toMatchObject({ type: ExcelJS.ValueType.String, value: '1' });
    expect(cell(sheet!, 2, 'Kind').value).toBe('sale');
  });

  it('visits: yes/no in the --lang language (no TRUE/FALSE cell), a formula-looking topic kept as plain text', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('visits.xlsx');
    expect((await run('--lang', 'zh', 'export', 'visits', '-o', path)).code).toBe(0);
    const [sheet] = (await read(path)).worksheets;
    expect(sheet!.name).toBe('拜访记录');
    expect(cell(sheet!, 2, '已完成')).toMatchObject({ type: ExcelJS.ValueType.String, value: '是' });
    expect(cell(sheet!, 2, '主题')).toMatchObject({ type: ExcelJS.ValueType.String, value: '=SUM(A1)' });
    expect(cell(sheet!, 2, '纪要截止')).toMatchObject({ type: ExcelJS.ValueType.Date });
    expect(sheet!.getCell('A1').font?.bold).toBe(true);
  });

  it('an empty result still gets its header row', async () => {
    const scratch = await newScratch();
    expect((await runCustrack(['init'], { db: scratch.db })).code).toBe(0);
    const path = scratch.path('empty.xlsx');
    const result = await runCustrack(['form', 'list', '-o', path], { db: scratch.db });
    expect(result.code).toBe(0);
    const [sheet] = (await read(path)).worksheets;
    expect(values(sheet!)).toEqual([['ID', 'Customer', 'Kind', 'Sent', 'Via', 'Due', 'Returned', 'Ratings', 'Customer ID']]);
  });

  it('a record (customer show) is a one-row sheet, its profile a second sheet', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('profile.xlsx');
    expect((await run('customer', 'show', '1', '-o', path)).code).toBe(0);
    const workbook = await read(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Customers', 'Details']);
    expect(values(workbook.worksheets[0]!)).toHaveLength(2);
    expect(values(workbook.worksheets[1]!)[0]).toEqual(['Section', 'Item', 'Value']);
  });
});

describe('report monthly as a workbook', () => {
  it('a sheet per section, sheet names and headers in --lang, figures as numbers', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('月报.xlsx');
    const result = await run('--lang', 'zh', 'report', 'monthly', '--month', '2026-11', '-o', path);
    expect(result.code, result.stderr).toBe(0);
    const workbook = await read(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['按营销员', '反馈', '评分', '客户分级']);
    const [byOwner, feedback, , grades] = workbook.worksheets;
    expect(values(byOwner!)[0]![0]).toBe('责任营销员');
    const visits = cell(byOwner!, 2, '拜访次数');
    expect(visits).toMatchObject({ type: ExcelJS.ValueType.Number, value: 1 });
    expect(values(byOwner!).at(-1)![0]).toBe('合计');
    expect(values(feedback!).map((r) => r[0])).toEqual(['项目', '寄出反馈表', '收回反馈表', '收回率']);
    expect(values(grades!)).toEqual([
      ['等级', '客户数'],
      ['A', 1],
      ['B', 0],
      ['C', 0],
    ]);
  });

  it('report quarterly and report annual read back: their sheets, owners down, figures as numbers', async () => {
    const { office: scratch, run } = await office();
    const quarterly = scratch.path('quarter.xlsx');
    expect((await run('report', 'quarterly', '--quarter', '2026-Q4', '-o', quarterly)).code).toBe(0);
    const q = await read(quarterly);
    expect(q.worksheets.map((s) => s.name)).toEqual(['Service assessment']);
    expect(values(q.worksheets[0]!).map((r) => r[0])).toEqual(['Owner', '张伟', 'Total']);
    expect(cell(q.worksheets[0]!, 2, 'Customers served')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 1 });
    expect(cell(q.worksheets[0]!, 2, 'Customers with business')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 1 });
    const annual = scratch.path('year.xlsx');
    expect((await run('--lang', 'zh', 'report', 'annual', '--year', '2026', '-o', annual)).code).toBe(0);
    const a = await read(annual);
    expect(a.worksheets.map((s) => s.name)).toEqual(['全年按营销员合计', '各月按营销员']);
    const [year, months] = a.worksheets;
    expect(values(year!)).toEqual([
      [
        '责任营销员',
        '登记客户',
        '其中新客户',
        '提交申请',
        '认定',
        '驳回',
        '拜访次数',
        '拜访客户数',
        '寄出反馈表',
        '收回反馈表',
        '月末逾期',
      ],
      ['张伟', 1, 0, 0, 0, 0, 1, 1, 0, 0, 2],
      ['合计', 1, 0, 0, 0, 0, 1, 1, 0, 0, 2],
    ]);
    // Twelve months would be the year; 2026-11-20 is today, so January to November, each with its total.
    expect(
      values(months!)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((m) => `2026-${m}`), '2026-11', '2026-11']);
    expect(values(months!).at(-2)).toEqual(['2026-11', '张伟', 1, 0, 0, 0, 0, 1, 1, 0, 0, 2]);
  });

  it('csv prints the main table and says on stderr which sections only json and xlsx carry', async () => {
    const { run } = await office();
    const result = await run('report', 'monthly', '--month', '2026-11', '--format', 'csv');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^Owner,Registered,Of which new,/u);
    expect(result.stderr).toContain('csv carries the main table only; Feedback, Ratings, Grades');
  });
});

describe('--output in any format', () => {
  it('-o report.csv writes csv to the file, 0600, and nothing to stdout', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('report.csv');
    const result = await run('report', 'monthly', '--month', '2026-11', '-o', path);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(fileMode(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8').split('\n')[1]).toMatch(/^张伟,1,/u);
    expect(leftovers(scratch).sort()).toEqual(['report.csv', 'txns.csv']);
  });

  it('the name chooses the format (.json, .tsv); --format wins over another text name; `-` is stdout', async () => {
    const { office: scratch, run } = await office();
    expect((await run('customer', 'list', '-o', scratch.path('c.json'))).code).toBe(0);
    expect(JSON.parse(readFileSync(scratch.path('c.json'), 'utf8'))[0]).toMatchObject({ id: 1, name: TENGDA });
    expect((await run('customer', 'list', '-o', scratch.path('c.tsv'))).code).toBe(0);
    expect(readFileSync(scratch.path('c.tsv'), 'utf8').split('\n')[0]).toMatch(/^ID\tName\t/u);
    expect((await run('customer', 'list', '--format', 'ndjson', '-o', scratch.path('c.txt'))).code).toBe(0);
    expect(JSON.parse(readFileSync(scratch.path('c.txt'), 'utf8'))).toMatchObject({ id: 1 });
    const dash = await run('customer', 'list', '--format', 'csv', '-o', '-');
    expect(dash.stdout).toMatch(/^ID,Name,/u);
  });

  it('a file that exists is replaced only when the command succeeds', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('out.csv');
    writeFileSync(path, 'yesterday\n');
    const before = fileDigest(path);
    const failed = await run('customer', 'show', '不存在的公司', '-o', path);
    expect(failed.code).toBe(3);
    expect(fileDigest(path)).toBe(before);
    expect(leftovers(scratch).sort()).toEqual(['out.csv', 'txns.csv']);
    expect((await run('customer', 'show', '1', '--format', 'csv', '-o', path)).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain(TENGDA);
  });

  it('a failed command leaves no workbook and no temporary file', async () => {
    const { office: scratch, run } = await office();
    const path = scratch.path('show.xlsx');
    const result = await run('customer', 'show', '不存在的公司', '-o', path);
    expect(result.code).toBe(3);
    expect(existsSync(path)).toBe(false);
    expect(leftovers(scratch)).toEqual(['txns.csv']);
  });

  it('a directory that does not exist → exit 2 naming the file, nothing written', async () => {
    const { office: scratch, run } = await office();
    for (const name of ['missing/out.xlsx', 'missing/out.csv']) {
      const result = await run('customer', 'list', '-o', scratch.path(name));
      expect(result.code, name).toBe(2);
      expect(result.stderr).toContain(join(scratch.dir, name));
    }
    expect(leftovers(scratch)).toEqual(['txns.csv']);
  });
});

describe('exit 2 before anything is read or written', () => {
  it.each([
    ['xlsx to a pipe', ['--format', 'xlsx'], false, 'give --output <file>.xlsx'],
    ['xlsx to a terminal', ['--format', 'xlsx'], true, 'give --output <file>.xlsx'],
    ['xlsx to stdout by name', ['--format', 'xlsx', '-o', '-'], false, 'give --output <file>.xlsx'],
    ['a .xlsx name with another format', ['--format', 'csv', '-o', 'x.xlsx'], false, 'the name says xlsx but the format is csv'],
    ['a .xlsx name with --excel', ['--excel', '-o', 'x.xlsx'], false, 'the name says xlsx but the format is csv'],
    ['xlsx into a .csv name', ['--format', 'xlsx', '-o', 'x.csv'], false, 'the name says csv but the format is xlsx'],
  ])('%s', async (_, options, tty, message) => {
    const scratch = await newScratch();
    const args = options.map((o) => (o.startsWith('x.') ? scratch.path(o) : o));
    // A write command: refused before the customer is registered, and before the database is created.
    const result = await runCustrack([...args, 'customer', 'add', '--name', TENGDA], { db: scratch.db, tty });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(readdirSync(scratch.dir)).toEqual([]);
  });

  it('check (its own fast path) refuses xlsx without a file too', async () => {
    const scratch = await newScratch();
    expect((await runCustrack(['init'], { db: scratch.db })).code).toBe(0);
    const result = await runCustrack(['check', TENGDA, '--format', 'xlsx'], { db: scratch.db });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('the real binary (exceljs loaded from node_modules, outside the bundle)', () => {
  beforeAll(buildBundleIfMissing);

  it('export customers -o x.xlsx, then overdue --out-dir with --format xlsx: a workbook per salesperson', async () => {
    const scratch = await newScratch();
    const cli = (...args: string[]) => runCli(args, { db: scratch.db });
    expect((await cli('customer', 'add', '--name', TENGDA, '--owner', '张伟', '--registered', '2026-11-01')).code).toBe(0);
    expect((await cli('customer', 'add', '--name', '苏州新源电子有限公司', '--owner', '李娜', '--registered', '2026-11-01')).code).toBe(0);
    const exported = await cli('export', 'customers', '-o', scratch.path('c.xlsx'));
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).not.toContain('DEP0005');
    expect(values((await read(scratch.path('c.xlsx'))).worksheets[0]!)).toHaveLength(3);

    const dir = scratch.path('cron');
    const overdue = await cli('overdue', '--format', 'xlsx', '--out-dir', dir);
    expect(overdue.code, overdue.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['张伟.xlsx', '李娜.xlsx']);
    expect(overdue.stdout.trim().split('\n').sort()).toEqual([join(dir, '张伟.xlsx'), join(dir, '李娜.xlsx')]);
    for (const name of ['张伟.xlsx', '李娜.xlsx']) {
      expect(fileMode(join(dir, name))).toBe(0o600);
      const [sheet] = (await read(join(dir, name))).worksheets;
      expect(sheet!.name).toBe('Overdue');
      const rows = values(sheet!);
      expect(rows).toHaveLength(2);
      expect(rows[1]![0]).toBe('first-contact');
      expect(cell(sheet!, 2, 'Days overdue')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 15 });
    }
    const both = await cli('overdue', '--format', 'xlsx', '--out-dir', dir, '-o', scratch.path('all.xlsx'));
    expect(both.code).toBe(2);
  });
});
