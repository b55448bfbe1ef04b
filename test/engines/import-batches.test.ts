// On PostgreSQL an import of transactions is moved a batch of 25,000 rows at a time while the next batch
// is read (src/db/postgres/import-base.ts), with a plain INSERT while the table was empty before. Files
// over several batches must give what SQLite gives, byte for byte: the counts, the names that match no
// customer, every row and its id, the stored facts; and an invoice number repeated in the file (in one
// batch, across batches, into an empty table or not) is a bad row with nothing written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCustrack, type InProcessResult } from '../helpers/cli.js';
import { asSuperuser, freshDatabase, type FreshDatabase } from '../helpers/postgres.js';

const AS_OF = '2026-11-20';
const ROWS = 60_000;
const CUSTOMERS = ['深圳市腾达有限公司', '广州市华信有限公司', '东莞市鸿运包装材料有限公司', '佛山市顺德瑞丰有限公司'];

let dir: string;
const databases: FreshDatabase[] = [];

/** Rows over three batches: registered customers, names that match none, samples and returns. */
function invoices(from: number, to: number, change: (i: number, line: string) => string = (_, line) => line): string {
  const lines = ['客户名称,日期,金额,类型,单号'];
  for (let i = from; i <= to; i++) {
    // Every 14th row a former name of a customer (matching none, similar to one: listed), every 14th another no one knows.
    const name = i % 14 === 0 ? '深圳腾达有限公司' : i % 14 === 7 ? `未登记客户${i % 13}有限公司` : CUSTOMERS[i % CUSTOMERS.length]!;
    const kind = i % 11 === 0 ? 'sample' : i % 17 === 0 ? 'return' : 'sale';
    const date = `202${3 + (i % 4)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(change(i, `${name},${date},${(i % 997) + 1}.${String(i % 100).padStart(2, '0')},${kind},INV-${i}`));
  }
  return `${lines.join('\n')}\n`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A fresh office on each engine: the customers registered, nothing else. */
async function offices(label: string): Promise<[string, string]> {
  const postgres = await freshDatabase(label);
  databases.push(postgres);
  const pair: [string, string] = [join(dir, `${label}.db`), postgres.url];
  const customers = file(`${label}-customers.csv`, `客户名称,负责人\n${CUSTOMERS.map((c) => `${c},张伟`).join('\n')}\n`);
  for (const db of pair) {
    const result = await on(db, ['import', 'customers', customers]);
    if (result.code !== 0) throw new Error(result.stderr);
  }
  return pair;
}

function on(db: string, args: string[]): Promise<InProcessResult> {
  return runCustrack([...args, '--db', db, '--as-of', AS_OF]);
}

/** Runs on both engines; the same exit code, output and messages but for where the database is. */
async function same([sqlite, postgres]: [string, string], args: string[]): Promise<InProcessResult> {
  const a = await on(sqlite, args);
  const b = await on(postgres, args);
  const neutral = (result: InProcessResult, db: string) => {
    const shown = db.startsWith('postgres') ? new URL(db) : undefined;
    if (shown) shown.password = '***';
    const clean = (text: string) => text.replaceAll(db, '<db>').replaceAll(shown?.toString() ?? db, '<db>');
    return { code: result.code, stdout: clean(result.stdout), stderr: clean(result.stderr) };
  };
  expect(neutral(b, postgres), `custrack ${args.join(' ')}`).toEqual(neutral(a, sqlite));
  return a;
}

/** What the office holds afterwards, the same on both engines. */
async function sameContents(pair: [string, string]): Promise<void> {
  await same(pair, ['export', 'transactions', '--format', 'csv']);
  await same(pair, ['customer', 'list', '--format', 'json']);
  await same(pair, ['overdue', '--format', 'json']);
  for (const name of CUSTOMERS.slice(0, 2)) await same(pair, ['check', name, '--format', 'json']);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-import-batches-'));
});

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

describe('an import of transactions over several batches', () => {
  it('into an empty table, then again (every row already there), then overlapping with changed details', async () => {
    const pair = await offices('batches');
    const first = await same(pair, ['import', 'transactions', file('all.csv', invoices(1, ROWS)), '--format', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: ROWS, added: ROWS, skipped: 0 });
    expect(first.stderr).toMatch(/深圳腾达有限公司/u);
    await sameContents(pair);

    const again = await same(pair, ['import', 'transactions', file('all.csv', invoices(1, ROWS)), '--format', 'json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, skipped: ROWS });

    // Half of it again (some with other amounts), half new: skipped, conflicting and added, in file order.
    const changed = invoices(ROWS / 2, ROWS + ROWS / 2, (i, line) =>
      i % 1000 === 0 ? line.replace(/,(\d+)\.(\d\d),/u, ',9$1.$2,') : line,
    );
    const overlap = await same(pair, ['import', 'transactions', file('overlap.csv', changed), '--format', 'json']);
    expect(JSON.parse(overlap.stdout)).toMatchObject({ added: ROWS / 2, skipped: ROWS / 2 + 1 });
    await sameContents(pair);
  }, 240_000);

  it.each([
    ['in one batch, into an empty table', false, [5, 6]],
    ['across batches, into an empty table', false, [10, 40_000]],
    ['across batches, into a table that holds rows', true, [10, 59_000]],
  ])(
    'an invoice number twice in the file (%s): a bad row naming the first, nothing written',
    async (_, holdsRows, [first, later]) => {
      const pair = await offices(`repeat_${first}_${later}`);
      if (holdsRows) await same(pair, ['import', 'transactions', file('before.csv', invoices(ROWS + 1, ROWS + 100))]);
      const text = invoices(1, ROWS, (i, line) => (i === later ? line.replace(`INV-${later}`, `INV-${first}`) : line));
      const result = await same(pair, ['import', 'transactions', file(`repeat-${first}-${later}.csv`, text)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`INV-${first}`);
      await sameContents(pair);
    },
    240_000,
  );

  it('a bad row in a later batch and a repeated invoice number: both listed, nothing written', async () => {
    const pair = await offices('bad_rows');
    const text = invoices(1, ROWS, (i, line) =>
      i === 30_000 ? line.replace(/,\d{4}-\d\d-\d\d,/u, ',2026-02-30,') : i === 50_000 ? line.replace('INV-50000', 'INV-49999') : line,
    );
    const result = await same(pair, ['import', 'transactions', file('bad.csv', text)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2026-02-30');
    expect(result.stderr).toContain('INV-49999');
    await sameContents(pair);
    // The rows the failed import had moved used up no id: the next import numbers its rows as SQLite does.
    expect((await same(pair, ['import', 'transactions', file('after.csv', invoices(1, 100))])).code).toBe(0);
    await sameContents(pair);
  }, 240_000);
});

describe('an import of visits', () => {
  it('numbers its rows from the largest id, as SQLite does, wherever the sequence stands', async () => {
    const pair = await offices('visits');
    const visits = (from: number, to: number) =>
      file(
        `visits-${from}.csv`,
        `customer,date,method,summary\n${Array.from({ length: to - from + 1 }, (_, i) => `${CUSTOMERS[i % CUSTOMERS.length]},2026-10-${String(1 + (i % 28)).padStart(2, '0')},phone,第${from + i}次`).join('\n')}\n`,
      );
    expect((await same(pair, ['import', 'visits', visits(1, 30)])).code).toBe(0);
    // Ids taken from the sequence by inserts that were rolled back (an import interrupted after its INSERT).
    await asSuperuser("SELECT setval(pg_get_serial_sequence('visits', 'id'), 500)", [], new URL(pair[1]).pathname.slice(1));
    expect((await same(pair, ['import', 'visits', visits(31, 40)])).code).toBe(0);
    // The next visit logged one by one goes on after them on both.
    await same(pair, ['visit', 'add', '1', '--method', 'phone', '--date', '2026-11-02', '--summary', '电话回访', '--no-input']);
    await same(pair, ['visit', 'list', '--format', 'json']);
  }, 60_000);
});
