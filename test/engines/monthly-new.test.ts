// The monthly report counts registrations and, beside them, those that are new by rule 2 on the day they
// were registered (no sale or return in the 3 years before; samples never count), on both engines, in
// every format, labelled in both languages.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCustrack, type InProcessResult } from '../helpers/cli.js';
import { freshDatabase, type FreshDatabase } from '../helpers/postgres.js';

let dir: string;
let postgres: FreshDatabase;
const engines: Array<[string, () => string]> = [
  ['SQLite', () => join(dir, 'office.db')],
  ['PostgreSQL', () => postgres.url],
];

const TRANSACTIONS = [
  'customer,date,amount,kind,ref',
  '深圳市老主顾有限公司,2025-03-10,1000.00,sale,INV-1', // inside the window: not new
  '广州市久违有限公司,2023-10-09,500.00,sale,INV-2', // the day before the window of 2026-10-10: new
  '东莞市样品有限公司,2026-01-05,10.00,sample,INV-3', // samples never count: new
  '佛山市退货有限公司,2024-06-01,100.00,return,INV-4', // a return is business: not new
  '珠海市新开有限公司,2026-10-25,800.00,sale,INV-5', // after registration: not looked at
].join('\n');

const CUSTOMERS: Array<[string, string, string]> = [
  ['深圳市老主顾有限公司', '张伟', '2026-10-05'],
  ['广州市久违有限公司', '张伟', '2026-10-10'],
  ['东莞市样品有限公司', '李娜', '2026-10-12'],
  ['佛山市退货有限公司', '李娜', '2026-10-15'],
  ['珠海市新开有限公司', '李娜', '2026-10-20'],
  ['中山市九月有限公司', '李娜', '2026-09-20'], // September: counts for neither
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-monthly-new-'));
  postgres = await freshDatabase('monthly_new');
  writeFileSync(join(dir, 'transactions.csv'), TRANSACTIONS);
}, 60_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await postgres?.drop();
});

describe.each(engines)('%s', (_, database) => {
  const must = async (args: string[]): Promise<InProcessResult> => {
    const result = await runCustrack([...args, '--db', database()]);
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  beforeAll(async () => {
    // Transactions first: they match their customer once it is registered.
    await must(['import', 'transactions', join(dir, 'transactions.csv')]);
    for (const [name, owner, on] of CUSTOMERS) await must(['customer', 'add', '--name', name, '--owner', owner, '--registered', on]);
  });

  it('json: new_customers counts registrations, new_customers_by_rule those new by rule 2', async () => {
    const report = JSON.parse((await must(['report', 'monthly', '--month', '2026-10', '--format', 'json'])).stdout) as {
      by_owner: Array<Record<string, unknown>>;
      totals: Record<string, number>;
    };
    expect(report.by_owner.map((o) => [o.owner, o.new_customers, o.new_customers_by_rule])).toEqual([
      ['李娜', 3, 2],
      ['张伟', 2, 1],
    ]);
    expect(report.totals).toMatchObject({ new_customers: 5, new_customers_by_rule: 3 });
    // Added after new_customers; the other keys stay where they were.
    expect(Object.keys(report.totals).slice(0, 3)).toEqual(['new_customers', 'new_customers_by_rule', 'applications_filed']);
  });

  it('csv and the terminal: both columns, labelled in English and in Chinese', async () => {
    const csv = (await must(['report', 'monthly', '--month', '2026-10', '--format', 'csv'])).stdout.split('\n');
    expect(csv[0]).toMatch(/^Owner,Registered,Of which new,Applications filed,/u);
    expect(csv.slice(1, 4).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['李娜,3,2', '张伟,2,1', 'Total,5,3']);
    const zh = (await must(['report', 'monthly', '--month', '2026-10', '--format', 'csv', '--lang', 'zh'])).stdout;
    expect(zh.split('\n')[0]).toMatch(/^责任营销员,登记客户,其中新客户,/u);
    const table = (await must(['report', 'monthly', '--month', '2026-10', '--format', 'table'])).stdout;
    expect(table).toMatch(/Owner\s+Registered\s+Of which new\s+Applications filed/u);
    expect(table).toMatch(/\nTotal\s+5\s+3\s/u);
  });

  it('the annual report sums both', async () => {
    const annual = JSON.parse((await must(['report', 'annual', '--year', '2026', '--as-of', '2027-01-05', '--format', 'json'])).stdout) as {
      totals: Record<string, number>;
    };
    expect(annual.totals).toMatchObject({ new_customers: 6, new_customers_by_rule: 4 });
  });
});
