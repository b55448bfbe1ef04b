// The import engine (README, "Importing data") in-process: encodings and delimiters, exact money, idempotent re-imports,
// all-or-nothing validation that lists every bad line, and the customer and visit imports.
// On both engines: the imports through the store of the suite's engine (useStoreOffice), the commands on a database of it.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/store.js';
import { BadRowsError } from '../../src/io/import.js';
import { UsageError } from '../../src/errors.js';
import { nameKey } from '../../src/core/names.js';
import { runCustrack } from '../helpers/cli.js';
import { openStoreOffice, registerCustomer, useStoreOffice } from '../helpers/db.js';
import { ON_POSTGRES, useEngineOffices } from '../helpers/engine.js';
import { badRows, importError, importFile, importFixture, type StoredTransaction, writeImportFile } from '../helpers/imports.js';
import { useScratchOffices } from '../helpers/scratch.js';
import { historyEntriesIn, rowCount, storedTransactionsOf, transactionsIn } from '../helpers/store-imports.js';

const TENGDA = '深圳市腾达（集团）有限公司';
const XINYUAN = '苏州新源电子有限公司';
const HUAYU = '北京华宇科技有限公司';
const MINGDA = '广州明达贸易有限公司';
const DONGFANG = '杭州东方纺织有限公司';
const TENGDA_USCC = '91440300192185379H';
const HUAYU_USCC = '91110000600037341L';

/** What every transaction fixture holds, amounts in fen. The row without an invoice number gets an `auto:` ref. */
const FIXTURE_ROWS = [
  { ref: 'INV-001', customer_name: TENGDA, uscc: TENGDA_USCC, date: '2026-01-05', amount: 1_200_050, kind: 'sale' },
  { ref: 'INV-002', customer_name: XINYUAN, uscc: null, date: '2026-01-05', amount: 80_000, kind: 'sample' },
  { ref: 'INV-003', customer_name: XINYUAN, uscc: null, date: '2025-12-20', amount: -30_025, kind: 'return' },
  { ref: 'INV-004', customer_name: HUAYU, uscc: HUAYU_USCC, date: '2023-06-30', amount: 4_567_890, kind: 'sale' },
  { ref: 'INV-005', customer_name: DONGFANG, uscc: null, date: '2024-02-29', amount: 1, kind: 'sale' },
  { ref: 'INV-006', customer_name: TENGDA, uscc: TENGDA_USCC, date: '2026-02-10', amount: 123_456_789, kind: 'sale' },
];

const TRANSACTION_FIXTURES = [
  ['UTF-8 csv', 'transactions-utf8.csv', 'utf-8', ','],
  ['UTF-8 csv with a BOM', 'transactions-bom.csv', 'utf-8', ','],
  ['GBK csv with CRLF (Chinese Excel)', 'transactions-gbk.csv', 'gb18030', ','],
  ['UTF-8 tsv with English headers', 'transactions.tsv', 'utf-8', '\t'],
] as const;

const newScratch = useScratchOffices();
// Offices of the commands run whole (runCustrack): a fresh database on the suite's engine for each.
const newEngineOffice = useEngineOffices();
// One office on the suite's engine per test (on PostgreSQL one database of the file, emptied before each test).
const office = useStoreOffice();
let repos: Store;
beforeEach(() => {
  repos = office.current.repos;
});

const stored = () => storedTransactionsOf(office.current);
const transactions = () => transactionsIn(office.current);
const history = () => historyEntriesIn(office.current);

/** Stored rows without the generated ref of the row that has none, for comparing across files. */
async function comparable(rows?: StoredTransaction[]) {
  return (rows ?? (await stored()))
    .map(({ customer_id: _id, ...rest }) => ({ ...rest, ref: rest.ref.startsWith('auto:') ? 'auto' : rest.ref }))
    .sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

describe('transactions: the same rows from every encoding and delimiter', () => {
  it.each(TRANSACTION_FIXTURES)('%s', async (_label, file, encoding, delimiter) => {
    const result = await importFile(repos, 'transactions', importFixture(file));
    expect(result).toMatchObject({ rows: 7, added: 7, skipped: 0, encoding, delimiter, dryRun: false });
    expect(await comparable()).toEqual(
      [...FIXTURE_ROWS, { ref: 'auto', customer_name: MINGDA, uscc: null, date: '2026-03-15', amount: 150_000, kind: 'sale' }].sort(
        (a, b) => (a.ref < b.ref ? -1 : 1),
      ),
    );
  });

  it('every fixture gives exactly the rows of the UTF-8 one, generated refs included', async () => {
    const byFile: Record<string, unknown> = {};
    for (const [, file] of TRANSACTION_FIXTURES) {
      // On PostgreSQL each opening empties the file's one database: the rows are read before the next.
      const other = await openStoreOffice();
      try {
        await importFile(other.repos, 'transactions', importFixture(file));
        byFile[file] = await storedTransactionsOf(other);
      } finally {
        await other.close();
      }
    }
    for (const [, file] of TRANSACTION_FIXTURES) expect(byFile[file]).toEqual(byFile['transactions-utf8.csv']);
  });

  it('keeps full-width brackets in the stored name but matches by name key', async () => {
    await importFile(repos, 'transactions', importFixture('transactions-gbk.csv'));
    const [row] = await office.current.query("SELECT customer_name, name_key FROM transactions WHERE ref = 'INV-001'");
    expect(row).toEqual({ customer_name: TENGDA, name_key: '深圳市腾达(集团)有限公司' });
  });

  it('stores amounts exactly as integer fen (no floating point)', async () => {
    await importFile(repos, 'transactions', importFixture('transactions-utf8.csv'));
    // The stored type of each value: SQLite's typeof (a column may hold any); the server's column type.
    const [typeOf, integer] = ON_POSTGRES ? ['pg_typeof(amount)::text', 'bigint'] : ['typeof(amount)', 'integer'];
    const rows = await office.current.query<{ ref: string; amount: number; type: string }>(
      `SELECT ref, amount, ${typeOf} AS type FROM transactions ORDER BY ref`,
    );
    for (const row of rows) {
      expect(row.type).toBe(integer);
      expect(Number.isSafeInteger(row.amount)).toBe(true);
    }
    expect(Object.fromEntries(rows.map((r) => [r.ref, r.amount]))).toMatchObject({
      'INV-001': 1_200_050, // "12,000.50"
      'INV-003': -30_025, // "-300.25"
      'INV-004': 4_567_890, // "45678.9"
      'INV-005': 1, // "0.01"
      'INV-006': 123_456_789, // "1,234,567.89"
    });
  });

  it('--encoding gbk and stdin (`-`) read the GBK file the same way', async () => {
    await importFile(repos, 'transactions', importFixture('transactions-gbk.csv'), { encoding: 'gbk' });
    const viaOption = await comparable();
    // On PostgreSQL this empties the file's one database: the rows above were read first.
    const other = await openStoreOffice();
    try {
      const result = await importFile(other.repos, 'transactions', '-', { stdin: readFileSync(importFixture('transactions-gbk.csv')) });
      expect(result).toMatchObject({ rows: 7, added: 7, encoding: 'gb18030' });
      expect(await comparable(await storedTransactionsOf(other))).toEqual(viaOption);
    } finally {
      await other.close();
    }
  });

  it('a missing kind means sale; English and Chinese kind words and spreadsheet dates are accepted', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('kinds.csv'),
      'customer,date,amount,kind,ref\nA公司,2026年1月5日,1,,K1\nA公司,2026.1.6,1,sample,K2\nA公司,2026-01-07,1,RETURN,K3\nA公司,2026/01/08,1,退货,K4\n',
    );
    await importFile(repos, 'transactions', file);
    expect((await stored()).map((t) => [t.ref, t.date, t.kind])).toEqual([
      ['K1', '2026-01-05', 'sale'],
      ['K2', '2026-01-06', 'sample'],
      ['K3', '2026-01-07', 'return'],
      ['K4', '2026-01-08', 'return'],
    ]);
  });
});

describe('transactions: a re-import adds nothing', () => {
  it.each(TRANSACTION_FIXTURES)('after the UTF-8 file, the %s adds 0 and skips 7', async (_label, file) => {
    await importFile(repos, 'transactions', importFixture('transactions-utf8.csv'));
    const before = await stored();
    const result = await importFile(repos, 'transactions', importFixture(file));
    expect(result).toMatchObject({ rows: 7, added: 0, skipped: 7, conflicting: 0 });
    expect(await transactions()).toBe(7);
    expect(await stored()).toEqual(before);
    // The row without an invoice number is recognized by its content, not added again.
    expect(await rowCount(office.current, 'transactions', 'name_key = ?', [nameKey(MINGDA)])).toBe(1);
  });

  it('two identical rows without an invoice number are two invoices; a re-import adds neither again', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('twice.csv'),
      'customer,date,amount\nA公司,2026-01-05,100\nA公司,2026-01-05,100\nA公司,2026-01-06,100\n',
    );
    expect(await importFile(repos, 'transactions', file)).toMatchObject({ added: 3, skipped: 0 });
    expect(await importFile(repos, 'transactions', file)).toMatchObject({ added: 0, skipped: 3 });
    expect(await transactions()).toBe(3);
  });

  it('an invoice number imported before with other details is skipped, counted as conflicting, and left as it was', async () => {
    await importFile(repos, 'transactions', importFixture('transactions-utf8.csv'));
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('changed.csv'),
      '客户名称,日期,金额,单号\n深圳市腾达（集团）有限公司,2026-01-05,99,INV-001\n新客户公司,2026-05-01,10,INV-100\n',
    );
    expect(await importFile(repos, 'transactions', file)).toMatchObject({ added: 1, skipped: 1, conflicting: 1 });
    expect((await stored()).find((t) => t.ref === 'INV-001')!.amount).toBe(1_200_050);
    expect(await transactions()).toBe(8);
  });
});

describe('transactions: all or nothing', () => {
  const BAD_FILE = [
    'customer,uscc,date,amount,kind,ref', // 1
    'A公司,,2026-01-05,100,sale,R1', // 2 good
    'B公司,,2026-02-30,100,sale,R2', // 3 impossible date
    'C公司,,2026-01-05,12.345,sale,R3', // 4 three decimals
    'D公司,,2026-01-05,100,gift,R4', // 5 unknown kind
    ',,2026-01-05,100,sale,R5', // 6 empty customer
    'E公司,,2026-01-05,100,sale', // 7 five fields of six
    '', // 8 an empty line: skipped, but counted
    'G公司,,2026-01-05,100,sale,R7', // 9 good
    'H公司,123,2026-13-01,abc,sale,R8', // 10 three problems on one line
    'I公司,,2026-01-05,,sale,R9', // 11 no amount
  ].join('\n');

  it('lists every bad line with its reason and writes nothing', async () => {
    await importFile(repos, 'transactions', importFixture('transactions-utf8.csv'));
    const [countBefore, historyBefore] = [await transactions(), await history()];
    const scratch = newScratch();
    const err = await importError(importFile(repos, 'transactions', writeImportFile(scratch.path('bad.csv'), BAD_FILE)));
    expect(err).toBeInstanceOf(BadRowsError);
    expect(err).toBeInstanceOf(UsageError);
    const problems = (err as BadRowsError).problems;
    expect(problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'row.bad_date'],
      [4, 'row.bad_amount'],
      [5, 'row.bad_kind'],
      [6, 'row.required'],
      [7, 'row.fields'],
      [10, 'row.bad_uscc'],
      [10, 'row.bad_date'],
      [10, 'row.bad_amount'],
      [11, 'row.required'],
    ]);
    expect(problems.find((p) => p.line === 6)!.params).toMatchObject({ field: 'customer' });
    expect(problems.find((p) => p.line === 7)!.params).toMatchObject({ expected: 6, got: 5 });
    expect(problems.find((p) => p.line === 11)!.params).toMatchObject({ field: 'amount' });
    expect(err.params).toMatchObject({ count: 7, rows: 9 });
    expect(err.details).toHaveLength(problems.length);
    expect(await transactions()).toBe(countBefore);
    expect(await history()).toBe(historyBefore);
  });

  it('one bad row at the end keeps every good row before it out', async () => {
    const scratch = newScratch();
    const good = Array.from({ length: 200 }, (_, i) => `客户${i},2026-01-05,${i}.5,销售,N${i}`);
    const file = writeImportFile(
      scratch.path('late-bad.csv'),
      ['客户名称,日期,金额,类型,单号', ...good, '坏客户,2026-02-29,1,销售,N999'].join('\r\n'),
    );
    expect((await badRows(importFile(repos, 'transactions', file))).map((p) => [p.line, p.key])).toEqual([[202, 'row.bad_date']]);
    expect(await transactions()).toBe(0);
    expect(await history()).toBe(0);
  });

  it('the same invoice number twice in the file is a bad row naming the first line, even when both rows are equal', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('dup.csv'),
      'customer,date,amount,ref\nA,2026-01-05,1,X\nB,2026-01-06,2,Y\nA,2026-01-05,1,X\n',
    );
    const problems = await badRows(importFile(repos, 'transactions', file));
    expect(problems).toEqual([{ line: 4, key: 'row.duplicate_ref', params: { ref: 'X', first: 2 } }]);
    expect(await transactions()).toBe(0);
    expect(await history()).toBe(0);
  });

  it('line numbers count empty lines, CRLF line ends and line breaks inside quoted fields', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('lines.csv'),
      'customer,date,amount,ref\r\nA,2026-01-05,1,L1\r\n\r\nB,2026-02-30,1,L2\r\n"C\r\n公司",2026-01-05,1,L3\r\nD,2026-01-05,x,L4\r\n',
    );
    expect((await badRows(importFile(repos, 'transactions', file))).map((p) => [p.line, p.key])).toEqual([
      [4, 'row.bad_date'],
      [5, 'row.bad_name'], // a line break in a name
      [7, 'row.bad_amount'],
    ]);
  });

  it('--dry-run validates and counts but writes nothing', async () => {
    const dry = await importFile(repos, 'transactions', importFixture('transactions-gbk.csv'), { dryRun: true });
    expect(dry).toMatchObject({ rows: 7, added: 7, skipped: 0, dryRun: true, encoding: 'gb18030' });
    expect(await transactions()).toBe(0);
    expect(await history()).toBe(0);
    await importFile(repos, 'transactions', importFixture('transactions-utf8.csv'));
    const historyAfterImport = await history();
    expect(await importFile(repos, 'transactions', importFixture('transactions.tsv'), { dryRun: true })).toMatchObject({
      added: 0,
      skipped: 7,
      dryRun: true,
    });
    expect(await history()).toBe(historyAfterImport);
  });

  it('--dry-run still reports every bad row', async () => {
    const scratch = newScratch();
    const file = writeImportFile(scratch.path('bad.csv'), 'customer,date,amount\nA,2026-01-05,x\nB,2026-02-30,1\n');
    expect((await badRows(importFile(repos, 'transactions', file, { dryRun: true }))).map((p) => [p.line, p.key])).toEqual([
      [2, 'row.bad_amount'],
      [3, 'row.bad_date'],
    ]);
  });
});

describe('transactions: headers and file structure', () => {
  it('a file with an unknown column is refused (exit 2) and nothing is written', async () => {
    const scratch = newScratch();
    const file = writeImportFile(scratch.path('extra.csv'), '客户名称,日期,金额,单号,备注栏\n甲公司,2026-01-05,100,U1,随便\n');
    const err = await importError(importFile(repos, 'transactions', file));
    expect(err).toBeInstanceOf(UsageError);
    expect(await transactions()).toBe(0);
    expect(await history()).toBe(0);
  });

  it('--ignore-unknown imports the file without the unknown column', async () => {
    const scratch = newScratch();
    const file = writeImportFile(scratch.path('extra.csv'), '客户名称,日期,金额,单号,备注栏\n甲公司,2026-01-05,100,U1,随便\n');
    expect(await importFile(repos, 'transactions', file, { ignoreUnknown: true })).toMatchObject({ added: 1 });
    expect((await stored()).map((t) => [t.ref, t.customer_name, t.amount])).toEqual([['U1', '甲公司', 10_000]]);
  });

  it('a file without a required column, or with one twice, is refused and nothing is written', async () => {
    const scratch = newScratch();
    const missing = writeImportFile(scratch.path('noamount.csv'), '客户名称,日期,单号\n甲公司,2026-01-05,M1\n');
    const twice = writeImportFile(scratch.path('twice.csv'), '客户名称,日期,金额,价税合计\n甲公司,2026-01-05,1,1\n');
    for (const file of [missing, twice]) expect(await importError(importFile(repos, 'transactions', file))).toBeInstanceOf(UsageError);
    expect(await transactions()).toBe(0);
  });

  it('a header without rows imports nothing', async () => {
    const scratch = newScratch();
    const file = writeImportFile(scratch.path('header.csv'), '客户名称,日期,金额\n');
    expect(await importFile(repos, 'transactions', file)).toMatchObject({ rows: 0, added: 0, skipped: 0 });
    expect(await transactions()).toBe(0);
  });

  it('accepts the invoicing system spellings of the headers', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('erp.csv'),
      '购买方名称,纳税人识别号,开票日期,价税合计,业务类型,发票号码\n甲公司,,2026-01-05,"1,000",销售,E1\n',
    );
    expect(await importFile(repos, 'transactions', file)).toMatchObject({ added: 1 });
    expect((await stored())[0]).toMatchObject({ ref: 'E1', customer_name: '甲公司', amount: 100_000 });
  });

  it('an unclosed quote is import.malformed at the line where it opens, and nothing is written', async () => {
    const scratch = newScratch();
    const rest = Array.from({ length: 20 }, (_, i) => `C${i},2026-01-05,1,Q${i + 10}`);
    const file = writeImportFile(
      scratch.path('quote.csv'),
      `${['customer,date,amount,ref', 'A,2026-01-05,1,Q1', '"B,2026-01-05,1,Q2', ...rest].join('\n')}\n`,
    );
    const err = await importError(importFile(repos, 'transactions', file));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.key).toBe('import.malformed');
    // The line where the unclosed quote opens, not the end of the file.
    expect(err.params.line).toBe(3);
    expect(await transactions()).toBe(0);
    expect(await history()).toBe(0);
  });

  it('GB18030 bytes forced through --encoding utf-8 make every such row row.undecodable; nothing is written', async () => {
    const scratch = newScratch();
    const text =
      'customer,date,amount,ref\n苏州新源电子有限公司,2026-01-05,1,G1\nPlain Co,2026-01-05,1,G2\n深圳市腾达（集团）有限公司,2026-01-06,1,G3\n';
    const file = writeImportFile(scratch.path('gbk-rows.csv'), iconv.encode(text, 'gbk'));
    const problems = await badRows(importFile(repos, 'transactions', file, { encoding: 'utf-8' }));
    expect(problems.map((p) => [p.line, p.key, p.params.encoding])).toEqual([
      [2, 'row.undecodable', 'utf-8'],
      [4, 'row.undecodable', 'utf-8'],
    ]);
    expect(await transactions()).toBe(0);
    // Detected automatically, the same file is fine.
    expect(await importFile(repos, 'transactions', file)).toMatchObject({ added: 3, encoding: 'gb18030' });
    expect((await stored()).find((t) => t.ref === 'G3')!.customer_name).toBe(TENGDA);
  });
});

describe('transactions of names that are not registered', () => {
  it('are kept unmatched, and matched when the customer registers (name key, alias, USCC)', async () => {
    const { db } = await newEngineOffice();
    const run = (...args: string[]) => runCustrack(args, { db });
    expect((await run('import', 'transactions', importFixture('transactions-utf8.csv'))).code).toBe(0);
    const owners = async () => {
      const out = await run('export', 'transactions', '--format', 'json');
      expect(out.code).toBe(0);
      return Object.fromEntries(
        (JSON.parse(out.stdout) as Array<{ ref: string; customer_id: number | null }>).map((t) => [t.ref, t.customer_id]),
      );
    };
    expect(Object.values(await owners()).every((id) => id === null)).toBe(true);

    // Name key: half-width brackets and a space are the same name.
    expect((await run('customer', 'add', '--name', '深圳市 腾达(集团)有限公司', '--owner', '张伟')).code).toBe(0);
    // A customer renamed: its former invoicing name becomes an alias.
    expect((await run('customer', 'add', '--name', '苏州新源科技有限公司', '--owner', '李娜')).code).toBe(0);
    // Only the USCC is the same.
    expect((await run('customer', 'add', '--name', '华宇集团北京分公司', '--uscc', HUAYU_USCC)).code).toBe(0);
    let ids = await owners();
    expect(ids).toMatchObject({ 'INV-001': 1, 'INV-006': 1, 'INV-002': null, 'INV-003': null, 'INV-004': 3, 'INV-005': null });

    const alias = await run('customer', 'edit', '苏州新源科技有限公司', '--alias', XINYUAN);
    expect(alias.code).toBe(0);
    ids = await owners();
    expect(ids).toMatchObject({ 'INV-002': 2, 'INV-003': 2, 'INV-005': null });
    const unmatched = Object.entries(ids)
      .filter(([, id]) => id === null)
      .map(([ref]) => ref);
    expect(unmatched.sort()).toEqual(['INV-005', expect.stringMatching(/^auto:/u)].sort());
  });

  it('are matched at import time when the customer is already registered (USCC, alias, name key)', async () => {
    const tengda = await registerCustomer(repos, '深圳市腾达科技有限公司', { uscc: TENGDA_USCC });
    const xinyuan = await registerCustomer(repos, '苏州新源科技有限公司');
    await repos.write(() => repos.customers.addAlias(xinyuan, XINYUAN, '2026-11-23'));
    const dongfang = await registerCustomer(repos, ' 杭州东方纺织有限公司 ');
    await importFile(repos, 'transactions', importFixture('transactions-gbk.csv'));
    const ids = Object.fromEntries((await stored()).map((t) => [t.ref, t.customer_id]));
    expect(ids).toMatchObject({
      'INV-001': tengda,
      'INV-006': tengda,
      'INV-002': xinyuan,
      'INV-003': xinyuan,
      'INV-005': dongfang,
      'INV-004': null,
    });
  });
});

describe('customers import', () => {
  it('registers the rows of a file with Chinese headers', async () => {
    const result = await importFile(repos, 'customers', importFixture('customers-zh.csv'));
    expect(result).toMatchObject({ rows: 3, added: 3, skipped: 0 });
    expect(await repos.customers.count()).toBe(3);
    expect(await repos.customers.byNameKey(nameKey(TENGDA))).toMatchObject({
      name: TENGDA,
      uscc: TENGDA_USCC,
      grade: 'A',
      owner: '张伟',
      source: '展会',
      region: '深圳',
      industry: '电子',
      contact: '陈经理',
      registered_on: '2026-10-08',
      assigned_on: '2026-10-08',
    });
    expect(await repos.customers.byNameKey(nameKey(XINYUAN))).toMatchObject({ grade: 'B', owner: '李娜', registered_on: '2026-09-01' });
  });

  it('registers imported customers and matches their transactions already imported', async () => {
    await importFile(repos, 'transactions', importFixture('transactions-utf8.csv'));
    await importFile(repos, 'customers', importFixture('customers-zh.csv'));
    const tengda = (await repos.customers.byNameKey(nameKey(TENGDA)))!.id;
    expect(await repos.transactions.forCustomer(tengda)).toEqual([
      { date: '2026-01-05', kind: 'sale' },
      { date: '2026-02-10', kind: 'sale' },
    ]);
  });

  it('a name already registered is a bad row (naming the customer and owner) unless skipExisting', async () => {
    const id = await registerCustomer(repos, '深圳市腾达(集团)有限公司', { owner: '王芳' });
    const historyBefore = await history();
    const problems = await badRows(importFile(repos, 'customers', importFixture('customers-zh.csv')));
    expect(problems).toEqual([{ line: 2, key: 'row.customer_exists', params: { id, name: '深圳市腾达(集团)有限公司', owner: '王芳' } }]);
    expect(await repos.customers.count()).toBe(1);
    expect(await history()).toBe(historyBefore);

    const result = await importFile(repos, 'customers', importFixture('customers-zh.csv'), { skipExisting: true });
    expect(result).toMatchObject({ added: 2, skipped: 1 });
    expect((await repos.customers.byId(id))!.owner).toBe('王芳'); // the first to register keeps it
    expect(await importFile(repos, 'customers', importFixture('customers-zh.csv'), { skipExisting: true })).toMatchObject({
      added: 0,
      skipped: 3,
    });
    expect(await repos.customers.count()).toBe(3);
  });

  it('a USCC or former name already registered is a bad row too', async () => {
    await registerCustomer(repos, '另一个名字有限公司', { uscc: HUAYU_USCC });
    const renamed = await registerCustomer(repos, '苏州新源科技有限公司');
    await repos.write(() => repos.customers.addAlias(renamed, XINYUAN, '2026-11-23'));
    const problems = await badRows(importFile(repos, 'customers', importFixture('customers-zh.csv')));
    expect(problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'row.customer_exists'],
      [4, 'row.customer_exists'],
    ]);
  });

  it('two rows with the same name key in the file: the later one is a bad row naming the first line', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('dup.csv'),
      '客户名称,等级\n深圳市腾达（集团）有限公司,A\n苏州新源电子有限公司,B\n深圳市 腾达(集团)有限公司,C\n',
    );
    const problems = await badRows(importFile(repos, 'customers', file));
    expect(problems).toEqual([{ line: 4, key: 'row.duplicate_in_file', params: { first: 2 } }]);
    expect(await repos.customers.count()).toBe(0);
  });

  it('lists bad grades, phones, USCCs and empty names by line', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('bad.csv'),
      '客户名称,等级,电话,统一社会信用代码\n好公司,A,13800138000,\n甲公司,D,,\n乙公司,B,12345,\n,C,,\n丙公司,C,,91440300192185379X\n',
    );
    const problems = await badRows(importFile(repos, 'customers', file));
    expect(problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'problem.grade'],
      [4, 'problem.phone'],
      [5, 'row.required'],
      [6, 'problem.uscc'],
    ]);
    expect(await repos.customers.count()).toBe(0);
  });

  it('a dry run counts what would be added and registers nobody', async () => {
    expect(await importFile(repos, 'customers', importFixture('customers-zh.csv'), { dryRun: true })).toMatchObject({
      added: 3,
      dryRun: true,
    });
    expect(await repos.customers.count()).toBe(0);
    expect(await history()).toBe(0);
  });
});

describe('visits import', () => {
  beforeEach(async () => {
    await importFile(repos, 'customers', importFixture('customers-zh.csv'));
  });

  const visits = () =>
    office.current.query(
      'SELECT c.name AS customer, v.date, v.method, v.salesperson, v.intent, v.next, v.planned, v.done FROM visits v JOIN customers c ON c.id = v.customer_id ORDER BY v.date',
    );

  it('records the visits, reading the method and intent words clerks type', async () => {
    expect(await importFile(repos, 'visits', importFixture('visits.csv'))).toMatchObject({ rows: 3, added: 3, skipped: 0 });
    expect(await visits()).toEqual([
      { customer: XINYUAN, date: '2026-11-18', method: 'phone', salesperson: '李娜', intent: 'medium', next: null, planned: 0, done: 1 },
      // By USCC; no salesperson given → the owner.
      { customer: HUAYU, date: '2026-11-19', method: 'email', salesperson: '张伟', intent: 'low', next: null, planned: 0, done: 1 },
      // By name key (half-width brackets in the file).
      {
        customer: TENGDA,
        date: '2026-11-20',
        method: 'in-person',
        salesperson: '张伟',
        intent: 'high',
        next: '2026-11-27',
        planned: 0,
        done: 1,
      },
    ]);
  });

  it('a re-import adds nothing', async () => {
    await importFile(repos, 'visits', importFixture('visits.csv'));
    const historyBefore = await history();
    expect(await importFile(repos, 'visits', importFixture('visits.csv'))).toMatchObject({ rows: 3, added: 0, skipped: 3 });
    expect(await visits()).toHaveLength(3);
    expect(await history()).toBe(historyBefore + 1); // the import itself, nothing else
  });

  it('an unknown customer, a bad method or intent and a next date before the visit are bad rows; nothing is written', async () => {
    const scratch = newScratch();
    const file = writeImportFile(
      scratch.path('bad.csv'),
      [
        'customer,date,method,intent,next',
        '苏州新源电子有限公司,2026-11-18,电话,,', // 2 good
        '没登记的公司,2026-11-18,面谈,,', // 3
        '苏州新源电子有限公司,2026-11-18,飞鸽传书,,', // 4
        '苏州新源电子有限公司,2026-11-18,phone,maybe,', // 5
        '苏州新源电子有限公司,2026-11-18,phone,,2026-11-01', // 6
        '苏州新源电子有限公司,2026-11-31,phone,,', // 7
        '苏州新源电子有限公司,2026-11-18,,,', // 8
      ].join('\n'),
    );
    const problems = await badRows(importFile(repos, 'visits', file));
    expect(problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'row.unknown_customer'],
      [4, 'row.bad_method'],
      [5, 'row.bad_intent'],
      [6, 'row.next_before_date'],
      [7, 'row.bad_date'],
      [8, 'row.required'],
    ]);
    expect(problems[0]!.params).toEqual({ customer: '没登记的公司' });
    expect(await visits()).toHaveLength(0);
  });
});

describe('the import command, in-process', () => {
  it('--dry-run prints the counts and leaves the database empty', async () => {
    const { db } = await newEngineOffice();
    const result = await runCustrack(['import', 'transactions', importFixture('transactions-gbk.csv'), '--dry-run', '--format', 'json'], {
      db,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      kind: 'transactions',
      rows: 7,
      added: 7,
      skipped: 0,
      encoding: 'gb18030',
      dry_run: true,
    });
    expect(result.stderr).toContain('Dry run');
    const exported = await runCustrack(['export', 'transactions', '--format', 'csv'], { db });
    expect(exported).toMatchObject({ code: 0, stdout: '' });
  });

  it('bad rows exit 2 and list every line on stderr', async () => {
    const { db, path } = await newEngineOffice();
    const file = writeImportFile(path('bad.csv'), 'customer,date,amount\nA,2026-02-30,1\nB,2026-01-01,1.234\n');
    const result = await runCustrack(['import', 'transactions', file], { db });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('2 of 2 rows are bad; nothing was imported');
    expect(result.stderr).toContain("line 2: date: '2026-02-30' is not a real date");
    expect(result.stderr).toContain("line 3: amount: '1.234' is not an amount");
  });

  it('--delimiter tab reads a tsv piped on stdin', async () => {
    const { db } = await newEngineOffice();
    const tsv = readFileSync(importFixture('transactions.tsv'), 'utf8');
    const result = await runCustrack(['import', 'transactions', '-', '--delimiter', 'tab', '--format', 'json'], {
      db,
      input: tsv,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: 'stdin', rows: 7, added: 7 });
  });
});
