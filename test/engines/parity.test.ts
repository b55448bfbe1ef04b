// The same commands on both engines: the demo's sample office loaded into a SQLite file and into a
// PostgreSQL database, then every reading command in every format, and a round of writes, run on both.
// Output, JSON and exit codes must be the same, byte for byte, but for where the database is.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, runCustrack, type InProcessResult } from '../helpers/cli.js';
import { freshDatabase, type FreshDatabase } from '../helpers/postgres.js';

const AS_OF = '2026-11-20';
const fixture = (name: string): string => join(REPO_ROOT, 'fixtures', name);
const TOUR = JSON.parse(readFileSync(fixture('tour.json'), 'utf8')) as Array<{ args: string[] }>;

let dir: string;
let sqlite: string;
let postgres: FreshDatabase;

function on(db: string, args: string[], options: { input?: string } = {}): Promise<InProcessResult> {
  return runCustrack([...args, '--db', db, '--as-of', AS_OF], options);
}

/** What a command printed, with the database's own name taken out. */
function seen(result: InProcessResult, db: string, shown: string): { code: number; stdout: string; stderr: string } {
  const neutral = (text: string): string => text.replaceAll(db, '<db>').replaceAll(shown, '<db>');
  return { code: result.code, stdout: neutral(result.stdout), stderr: neutral(result.stderr) };
}

const shownUrl = (url: string): string => {
  const u = new URL(url);
  u.password = '***';
  return u.toString();
};

/** Runs on both engines and expects the same. */
async function same(args: string[], options: { input?: string } = {}): Promise<InProcessResult> {
  const a = await on(sqlite, args, options);
  const b = await on(postgres.url, args, options);
  expect(seen(b, postgres.url, shownUrl(postgres.url)), `custrack ${args.join(' ')}`).toEqual(seen(a, sqlite, sqlite));
  return a;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-parity-'));
  sqlite = join(dir, 'office.db');
  postgres = await freshDatabase('parity');
  const load: string[][] = [
    ['import', 'customers', fixture('customers.csv')],
    ['import', 'transactions', fixture('transactions.csv')],
    ['import', 'visits', fixture('visits.csv')],
    ...TOUR.map((step) => step.args),
  ];
  for (const args of load) {
    for (const db of [sqlite, postgres.url]) {
      const result = await on(db, args);
      if (result.code !== 0)
        throw new Error(`loading failed on ${db === sqlite ? 'SQLite' : 'PostgreSQL'}: custrack ${args.join(' ')}\n${result.stderr}`);
    }
  }
}, 120_000);

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await postgres?.drop();
});

const READS: string[][] = [
  ['customer', 'list'],
  ['customer', 'list', '--owner', '张伟', '--grade', 'A'],
  ['customer', 'list', '--status', 'dormant'],
  ['customer', 'list', '--search', '深圳'],
  ['customer', 'show', '东莞市松湖智能装备有限公司'],
  ['customer', 'show', '厦门海联贸易有限公司'],
  ['customer', 'show', '没有这家公司'],
  ['check', '苏州吴中区金鹰光电有限公司'],
  ['check', '东莞市恒丰五金制品有限公司'],
  ['check', '从未听说过的公司'],
  ['check', '深圳市腾达（集团）有限公司', '--on', '2024-06-30'],
  // docs/rules.md, rule 17: new by its own invoices, but a similar customer had business (exit 6).
  ['check', '东莞鸿运包装材料有限公司'],
  ['check', '鸿运包装'],
  ['overdue'],
  ['overdue', '--within', '14'],
  ['overdue', '--owner', '陈静'],
  ['overdue', '--kind', 'follow-up', '--kind', 'minutes'],
  ['visit', 'sheet'],
  ['visit', 'sheet', '--date', '2026-11-23'],
  ['visit', 'list'],
  ['visit', 'list', '--planned'],
  ['visit', 'list', '--by', '李娜', '--from', '2026-10-01', '--to', '2026-10-31'],
  ['form', 'list'],
  ['form', 'list', '--open'],
  ['form', 'show', '1'],
  ['application', 'list'],
  ['application', 'show', '1'],
  ['report', 'monthly', '--month', '2026-10'],
  ['report', 'monthly', '--month', '2026-09'],
  ['report', 'quarterly', '--quarter', '2026-Q3'],
  ['report', 'annual', '--year', '2026'],
  ['complaint', 'list'],
  ['complaint', 'list', '--open'],
  ['complaint', 'show', '1'],
  ['overdue', '--kind', 'complaint'],
  ['history', '--limit', '40'],
  ['history', '深圳市腾达（集团）有限公司'],
  ['config', 'list'],
  ['config', 'get', 'cadence.B'],
  ['config', 'holiday', 'list'],
  ['config', 'workday', 'list', '--year', '2026'],
  ['export', 'customers'],
  ['export', 'transactions'],
  ['export', 'visits'],
  ['export', 'forms'],
  ['export', 'applications'],
];

describe('reading commands print the same on SQLite and PostgreSQL', () => {
  for (const format of ['tsv', 'json', 'csv', 'table'] as const) {
    it.each(READS.map((args) => [args.join(' '), args]))(`%s (${format})`, async (_, args) => {
      await same([...args, '--format', format]);
    });
  }

  it('--excel and ndjson too', async () => {
    await same(['export', 'customers', '--excel']);
    await same(['overdue', '--format', 'ndjson']);
    await same(['report', 'monthly', '--month', '2026-10', '--excel']);
  });
});

describe('writing commands change both the same way', () => {
  const WRITES: string[][] = [
    [
      'customer',
      'add',
      '--name',
      '成都高新区星辰软件有限公司',
      '--grade',
      'B',
      '--owner',
      '刘洋',
      '--phone',
      '13912345678',
      '--monthly-volume',
      '12000.50',
    ],
    ['customer', 'add', '--name', '成都高新区星辰软件有限公司'],
    ['customer', 'edit', '成都高新区星辰软件有限公司', '--grade', 'A', '--alias', '星辰软件'],
    ['customer', 'assign', '星辰软件', '--owner', '王芳', '--on', '2026-11-18'],
    ['visit', 'add', '星辰软件', '--method', 'in-person', '--date', '2026-11-19', '--summary', '首次拜访', '--next', '2026-11-26'],
    ['visit', 'plan', '星辰软件', '--date', '2026-11-25', '--method', 'phone'],
    ['visit', 'done', '9999'],
    ['form', 'send', '星辰软件', '--kind', 'initial', '--sent', '2026-11-19'],
    ['form', 'return', '1', '--rating', '质量=优秀'],
    ['application', 'verify', '1'],
    ['application', 'approve', '2', '--by', '刘总'],
    ['customer', 'close', '星辰软件', '--on', '2026-11-20'],
    ['customer', 'close', '星辰软件'],
    ['customer', 'reopen', '星辰软件'],
    ['config', 'set', 'cadence.B', '21'],
    ['config', 'set', 'cadence.B', '0'],
    ['complaint', 'add', '星辰软件', '--received', '2026-11-18', '--content', '交期延误', '--channel', '电话'],
    ['complaint', 'verify', '3', '--by', '王芳', '--finding', '属实'],
    ['complaint', 'handle', '3', '--by', '王芳', '--result', '补发并致歉'],
    ['complaint', 'followup', '3', '--outcome', 'unsatisfied'],
    ['complaint', 'followup', '3', '--outcome', 'satisfied'],
    ['config', 'set', 'plan.approval', 'on'],
    ['visit', 'plan', '星辰软件', '--date', '2026-11-27'],
    ['visit', 'approve', '99', '--by', '刘总'],
    ['config', 'holiday', 'add', '2026-12-31', '--note', '试'],
    ['config', 'holiday', 'remove', '2026-12-31'],
    // An official holiday removed: stored as `ordinary` (schema 5), and the list says where each day comes from.
    ['config', 'holiday', 'remove', '2026-10-01'],
    ['config', 'holiday', 'list', '--year', '2026'],
    // Rule 17: the same core under another name is refused (exit 4), then registered with the confirmation.
    ['customer', 'add', '--name', '成都市高新区星辰软件集团有限公司', '--owner', '王芳'],
    ['customer', 'add', '--name', '成都市高新区星辰软件集团有限公司', '--owner', '王芳', '--distinct'],
    ['import', 'customers', '-'],
    ['import', 'customers', '-', '--allow-similar'],
    ['import', 'transactions', '-'],
  ];

  const INPUT: Record<string, string> = {
    transactions:
      '客户名称,日期,金额,单号\n成都高新区星辰软件有限公司,2026-11-02,"1,234.00",XC-1\n东莞市鸿运包装材料集团有限公司,2026-11-03,500.00,XC-2\n',
    customers: '客户名称,负责人\n星辰软件（成都）有限公司,刘洋\n重庆市渝北区星辰软件有限公司,陈静\n',
  };

  /** Rule 17's steps, whose outcome the comparison alone would not show. */
  const OUTCOME: Record<string, number> = {
    '成都市高新区星辰软件集团有限公司 --owner 王芳': 4,
    '成都市高新区星辰软件集团有限公司 --owner 王芳 --distinct': 0,
    'customers -': 2,
    'customers - --allow-similar': 0,
  };

  it.each(WRITES.map((args) => [args.join(' '), args]))('%s', async (_, args) => {
    const input = args.includes('-') ? INPUT[args[1]!] : undefined;
    const result = await same([...args, '--format', 'json'], input === undefined ? {} : { input });
    const outcome = OUTCOME[args.slice(args[0] === 'import' ? 1 : 3).join(' ')];
    if (outcome !== undefined) expect(result.code, result.stderr).toBe(outcome);
  });

  it('the state afterwards is the same', async () => {
    await same(['customer', 'show', '星辰软件', '--format', 'json']);
    await same(['customer', 'show', '成都市高新区星辰软件集团有限公司', '--format', 'json']);
    await same(['customer', 'show', '重庆市渝北区星辰软件有限公司']);
    await same(['overdue', '--format', 'json']);
    await same(['report', 'monthly', '--month', '2026-11', '--format', 'json']);
    await same(['history', '--limit', '60', '--format', 'tsv']);
    await same(['visit', 'sheet', '--date', '2026-11-27', '--format', 'json']);
    await same(['report', 'quarterly', '--quarter', '2026-Q4', '--format', 'json']);
  });
});

describe('shell completion, through the real binary', () => {
  // The completion bundle hands a postgres:// database to the whole program (bin/custrack.js).
  it.each([['深'], ['星辰'], ['1'], ['2'], ['xyz']])('__complete customers %j: the same candidates', async (prefix) => {
    const [a, b] = await Promise.all([sqlite, postgres.url].map((db) => runCli(['__complete', 'customers', prefix, '--db', db])));
    expect(b).toEqual(a);
    expect(a!.code).toBe(0);
    if (prefix !== 'xyz') expect(a!.stdout).not.toBe('');
    else expect(a!.stdout).toBe('');
  });
});

describe('existing customers brought in: last contact', () => {
  it('an import with last_contact, then overdue: the cadence runs from it on both engines', async () => {
    const input =
      '客户名称,等级,责任营销员,登记日期,最近联系日期\n哈尔滨北极星冷链物流有限公司,A,陈静,2026-03-01,2026-11-10\n乌鲁木齐天山棉纺有限公司,B,陈静,2026-03-01,2026/10/1\n拉萨雪域青稞食品有限公司,C,陈静,2026-03-01,\n';
    await same(['config', 'set', 'cadence.B', '30']); // whatever the writes above left
    const imported = await same(['import', 'customers', '-', '--format', 'json'], { input });
    expect(imported.code, imported.stderr).toBe(0);
    const overdue = await same(['overdue', '--owner', '陈静', '--within', '30', '--format', 'json']);
    const items = (JSON.parse(overdue.stdout) as Array<{ kind: string; customer: string; due: string }>).filter((i) =>
      ['哈尔滨北极星冷链物流有限公司', '乌鲁木齐天山棉纺有限公司', '拉萨雪域青稞食品有限公司'].includes(i.customer),
    );
    expect(items.map((i) => [i.kind, i.customer, i.due])).toEqual([
      ['first-contact', '拉萨雪域青稞食品有限公司', '2026-03-08'],
      ['follow-up', '乌鲁木齐天山棉纺有限公司', '2026-10-31'],
      ['follow-up', '哈尔滨北极星冷链物流有限公司', '2026-11-17'],
    ]);
    const shown = await same(['customer', 'show', '哈尔滨北极星冷链物流有限公司', '--format', 'json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ last_contact: '2026-11-10' });
    await same(['customer', 'show', '乌鲁木齐天山棉纺有限公司']);
    await same(['export', 'customers', '--format', 'csv']);
  });
});

describe('export, edit, import back: import customers --update', () => {
  it('changed, unchanged, renamed and new rows change both engines the same way', async () => {
    const customers = JSON.parse((await same(['export', 'customers', '--format', 'json'])).stdout) as Array<{
      id: number;
      name: string;
      grade: string;
      phone: string | null;
      uscc: string | null;
      monthly_volume: number | null;
      registered_on: string;
    }>;
    const [one, two, three] = customers;
    const csv = (v: string | null): string => v ?? '';
    const input = [
      'id,name,grade,phone,uscc,monthly_volume,registered_on,last_contact',
      `${one!.id},${one!.name},${one!.grade},${csv(one!.phone)},${csv(one!.uscc)},${one!.monthly_volume ?? ''},${one!.registered_on},`, // unchanged
      // renamed, regraded
      `${two!.id},北京华信通信技术有限公司,${two!.grade === 'A' ? 'B' : 'A'},${csv(two!.phone)},${csv(two!.uscc)},${two!.monthly_volume ?? ''},,`,
      `,${three!.name},C,010-12345678,,1234.56,2025-02-03,2026-11-01`, // matched by name: every kind of column written set-based
      ',西宁昆仑高原牧业有限公司,B,,,,,', // new
    ].join('\n');
    const imported = await same(['import', 'customers', '-', '--update', '--format', 'json'], { input });
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 1, changed: 2, unchanged: 1 });
    await same(['import', 'customers', '-', '--update'], {
      input: input.replace('西宁昆仑高原牧业有限公司,B', '西宁昆仑高原牧业有限公司,A'),
    });
    await same(['customer', 'show', String(two!.id), '--format', 'json']);
    await same(['customer', 'show', '西宁昆仑高原牧业有限公司', '--format', 'json']);
    await same(['history', '--limit', '20', '--format', 'tsv']);
    await same(['export', 'customers', '--format', 'csv']);
    // a bad row: nothing written on either engine
    const bad = await same(['import', 'customers', '-', '--update'], { input: 'id,name\n99999,不存在\n' });
    expect(bad.code).toBe(2);
  });
});
