// The overdue table a clerk reads in the morning: it shows the id the next command takes (visit done,
// form return …), and on a wide terminal it does not cut names that fit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCustrack } from '../helpers/cli.js';
import { useDatabases } from '../helpers/engine.js';

const newDatabaseIn = useDatabases();

const LONG_NAME = '惠州仲恺高新技术产业开发区华星新能源电池有限公司';

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-overdue-table-'));
  db = (await newDatabaseIn(dir, 'office.db')).db;
  const add = await runCustrack(['customer', 'add', '--name', LONG_NAME, '--owner', '张伟', '--registered', '2026-11-01'], { db });
  expect(add.code, add.stderr).toBe(0);
  // Plans 1 and 2; the second one, missed, is what `visit done 2` would close.
  for (const date of ['2026-12-01', '2026-11-20']) {
    const plan = await runCustrack(['visit', 'plan', '1', '--date', date, '--method', 'phone'], { db });
    expect(plan.code, plan.stderr).toBe(0);
  }
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = (columns: number) =>
  runCustrack(['overdue', '--kind', 'plan-missed', '--format', 'table'], { db, tty: true, columns, env: { NO_COLOR: '1' } });

describe('overdue as a table', () => {
  it('shows the ref id the next command needs', async () => {
    const result = await table(200);
    expect(result.code, result.stderr).toBe(0);
    const [header, row] = result.stdout.split('\n');
    expect(header).toMatch(/\bRef ID\b/u);
    // Kind, customer id, customer, owner, due, days overdue, ref id, detail.
    expect(row).toMatch(/^missed plan\s+1\s+\S+\s+张伟\s+2026-11-20\s+3\s+2\s+planned visit for 2026-11-20/u);
  });

  it('does not cut a long name on a wide terminal', async () => {
    const result = await table(200);
    expect(result.stdout).toContain(LONG_NAME);
    expect(result.stdout).not.toContain('…');
  });

  it('cuts it on a narrow terminal, and when piped with --format table, as before', async () => {
    const narrow = await table(80);
    expect(narrow.stdout).not.toContain(LONG_NAME);
    expect(narrow.stdout).toContain(`${LONG_NAME.slice(0, 14)}…`);
    const piped = await runCustrack(['overdue', '--kind', 'plan-missed', '--format', 'table'], { db, env: { NO_COLOR: '1' } });
    expect(piped.stdout).toContain(`${LONG_NAME.slice(0, 14)}…`);
    expect(piped.stdout).toMatch(/\bRef ID\b/u);
  });

  it('csv keeps every column whole', async () => {
    const csv = await runCustrack(['overdue', '--kind', 'plan-missed', '--format', 'csv'], { db });
    expect(csv.stdout.split('\n')[1]).toBe(`plan-missed,1,${LONG_NAME},张伟,2026-11-20,3,2,planned visit for 2026-11-20 not done`);
  });
});
