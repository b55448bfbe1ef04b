// Regressions found while testing imports and contact commands (each once a product bug). On both engines:
// the imports through the store of the suite's engine, the commands on a fresh database of it.
import { beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/app/store.js';
import { UsageError } from '../../src/errors.js';
import { nameKey } from '../../src/core/names.js';
import { useStoreOffice } from '../helpers/db.js';
import { runCustrack } from '../helpers/cli.js';
import { useEngineOffices } from '../helpers/engine.js';
import { badRows, importError, importFile, writeImportFile } from '../helpers/imports.js';
import { useScratchOffices } from '../helpers/scratch.js';
const newScratch = useScratchOffices();
const newEngineOffice = useEngineOffices();
const office = useStoreOffice();
let repos: Store;
beforeEach(() => {
  repos = office.current.repos;
});

it('unknown column key', async () => {
  const s = newScratch();
  const file = writeImportFile(s.path('extra.csv'), '客户名称,日期,金额,单号,备注栏\n甲公司,2026-01-05,100,U1,随便\n');
  const err = await importError(importFile(repos, 'transactions', file));
  expect(err.key).toBe('import.unknown_columns');
  expect(err.params.columns).toBe('备注栏');
});
it('missing column key', async () => {
  const s = newScratch();
  const file = writeImportFile(s.path('noamount.csv'), '客户名称,日期,单号\n甲公司,2026-01-05,M1\n');
  const err = await importError(importFile(repos, 'transactions', file));
  expect(err.key).toBe('import.missing_columns');
  expect(err.params.columns).toBe('amount');
});
it('duplicate column key', async () => {
  const s = newScratch();
  const file = writeImportFile(s.path('twice.csv'), '客户名称,日期,金额,价税合计\n甲公司,2026-01-05,1,1\n');
  expect((await importError(importFile(repos, 'transactions', file))).key).toBe('import.duplicate_columns');
});
it('empty file', async () => {
  const s = newScratch();
  const err = await importError(importFile(repos, 'transactions', writeImportFile(s.path('empty.csv'), ''))).catch((e) => e);
  expect(err).toBeInstanceOf(UsageError);
  expect(err.key).toBe('import.empty');
});
it('duplicate refs after another bad row are listed too', async () => {
  const s = newScratch();
  const file = writeImportFile(
    s.path('dup.csv'),
    'customer,date,amount,ref\nA,2026-01-05,1,X\nB,2026-02-30,2,Y\nA,2026-01-05,1,X\nC,2026-01-07,3,X\n',
  );
  const problems = await badRows(importFile(repos, 'transactions', file));
  expect(problems.map((p) => [p.line, p.key, p.params.first ?? null])).toEqual([
    [3, 'row.bad_date', null],
    [4, 'row.duplicate_ref', 2],
    [5, 'row.duplicate_ref', 2],
  ]);
});
it('empty grade and registration cells take the defaults', async () => {
  const s = newScratch();
  const file = writeImportFile(s.path('c.csv'), '客户名称,等级,登记日期\n甲公司,,\n');
  expect(await importFile(repos, 'customers', file, { today: '2026-11-23' })).toMatchObject({ added: 1 });
  expect(await repos.customers.byNameKey(nameKey('甲公司'))).toMatchObject({ grade: 'C', registered_on: '2026-11-23' });
});
it('`today` is accepted as a date (README, "Commands")', async () => {
  const { db } = await newEngineOffice();
  const run = (...a: string[]) => runCustrack(a, { db });
  expect((await run('customer', 'add', '--name', '甲公司')).code).toBe(0);
  const check = await run('check', '甲公司', '--on', 'today', '--format', 'json');
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);
  expect(JSON.parse(check.stdout).as_of).toBe('2026-11-23');
  const visit = await run('visit', 'add', '甲公司', '--date', 'today', '--method', 'phone', '--format', 'json');
  expect(visit.code).toBe(0);
});
it('--lang zh unknown column message', async () => {
  const { db } = await newEngineOffice();
  const r = await runCustrack(['--lang', 'zh', 'import', 'transactions', '-'], {
    db,
    input: '客户名称,日期,金额,备注栏\n甲公司,2026-01-05,1,x\n',
  });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('无法识别的列：备注栏');
});
it('a re-imported file with an invoice number twice is still a bad row', async () => {
  const s = newScratch();
  await importFile(repos, 'transactions', writeImportFile(s.path('a.csv'), 'customer,date,amount,ref\nA,2026-01-05,1,X\n'));
  const file = writeImportFile(s.path('b.csv'), 'customer,date,amount,ref\nA,2026-01-05,1,X\nZ,2026-03-05,9,X\n');
  const problems = await badRows(importFile(repos, 'transactions', file));
  expect(problems.map((p) => [p.line, p.key])).toEqual([[3, 'row.duplicate_ref']]);
});
it('form show --reveal shows the comment in tsv/csv too', async () => {
  const { db } = await newEngineOffice();
  const run = (...a: string[]) => runCustrack(a, { db });
  await run('customer', 'add', '--name', '甲公司');
  await run('form', 'send', '1', '--kind', 'initial', '--sent', '2026-11-01');
  await run('form', 'return', '1', '--returned', '2026-11-05', '--comment', '交期偶有延误');
  for (const format of ['tsv', 'csv']) {
    const r = await run('form', 'show', '1', '--reveal', '--format', format);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('交期偶有延误');
  }
});
it('rows of empty cells (left by spreadsheets) are skipped like empty lines', async () => {
  const s = newScratch();
  const file = writeImportFile(s.path('blank.csv'), 'customer,date,amount,ref\nA,2026-01-05,1,X\n,,,\n , , ,\nB,2026-01-06,2,Y\n');
  const result = await importFile(repos, 'transactions', file);
  expect(result.rows).toBe(2);
  expect(result.added).toBe(2);
});
