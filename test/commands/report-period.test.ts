// A report of a month or quarter that is not over, or has not begun, counts only what is recorded so far:
// people are told so on stderr; json, for programs, keeps its shape and gets no note.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCustrack } from '../helpers/cli.js';
import { useDatabases } from '../helpers/engine.js';

const newDatabaseIn = useDatabases();

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-report-period-'));
  db = (await newDatabaseIn(dir, 'office.db')).db;
  expect((await runCustrack(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'], { db })).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Today is 2026-11-23 in every test.
const report = (args: string[], lang = 'en') => runCustrack(['report', ...args, '--lang', lang], { db });

describe('report monthly', () => {
  it('the month under way says it is not over', async () => {
    const result = await report(['monthly', '--month', '2026-11', '--format', 'table']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      '2026-11 is not over on 2026-11-23: its figures count what is recorded so far, and overdue at month end is what falls due by 2026-11-30 as known today.\n',
    );
    expect(result.stdout).toContain('Monthly report 2026-11');
  });

  it('json is for programs: the same keys, and no note', async () => {
    const result = await report(['monthly', '--month', '2026-11', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['month', 'from', 'to', 'by_owner', 'totals', 'feedback', 'grades']);
  });

  it('a month ahead says it has not begun, in csv too and in Chinese', async () => {
    const ahead = await report(['monthly', '--month', '2026-12', '--format', 'csv']);
    expect(ahead.code).toBe(0);
    expect(ahead.stderr).toContain('2026-12 has not begun on 2026-11-23: nothing in it has happened yet');
    const zh = await report(['monthly', '--month', '2027-01', '--format', 'table'], 'zh');
    expect(zh.stderr).toContain('2027-01 在 2026-11-23 尚未开始');
  });

  it('a month that is over, and the default month, say nothing of the kind', async () => {
    for (const args of [['monthly', '--month', '2026-10'], ['monthly']]) {
      const result = await report([...args, '--format', 'table']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    }
  });
});

describe('report quarterly', () => {
  it('the quarter under way, and one ahead, say so; a past one does not', async () => {
    expect((await report(['quarterly', '--quarter', '2026-Q4', '--format', 'table'])).stderr).toBe(
      '2026-Q4 is not over on 2026-11-23: its figures count what is recorded so far.\n',
    );
    expect((await report(['quarterly', '--quarter', '2027-Q1', '--format', 'tsv'])).stderr).toBe(
      '2027-Q1 has not begun on 2026-11-23: nothing in it has happened yet.\n',
    );
    expect((await report(['quarterly', '--quarter', '2026-Q3', '--format', 'table'])).stderr).toBe('');
    expect((await report(['quarterly', '--quarter', '2026-Q4', '--format', 'json'])).stderr).toBe('');
  });
});
