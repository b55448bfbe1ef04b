// Small frictions a newcomer met on the second day: dates as Excel writes them on the command line, the
// Chinese labels the help shows accepted as values, `form send --date`, salespeople in pinyin order on the
// morning sheet as in the reports, and local times in tables (UTC stays in json/csv/tsv).
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
  dir = mkdtempSync(join(tmpdir(), 'custrack-frictions-'));
  db = (await newDatabaseIn(dir, 'office.db')).db;
  for (const [name, owner] of [
    ['深圳市腾达有限公司', '张伟'],
    ['广州市华信有限公司', '李娜'],
    ['东莞市恒丰有限公司', '陈静'],
    ['佛山市顺德美的有限公司', '王芳'],
  ]) {
    expect((await runCustrack(['customer', 'add', '--name', name!, '--owner', owner!], { db })).code).toBe(0);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = async <T>(args: string[]): Promise<T> => {
  const result = await runCustrack([...args, '--format', 'json'], { db });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};

describe('values as people type them', () => {
  it.each([['2026/11/20'], ['2026年11月20日'], ['2026-11-20'], ['2026/1/5']])('visit add --date %s', async (typed) => {
    const visit = await json<{ date: string }>(['visit', 'add', '1', '--method', 'phone', '--date', typed]);
    expect(visit.date).toBe(typed === '2026/1/5' ? '2026-01-05' : '2026-11-20');
  });

  it('an impossible date is still a usage error', async () => {
    expect((await runCustrack(['visit', 'add', '1', '--method', 'phone', '--date', '2026/02/30'], { db })).code).toBe(2);
  });

  it.each([
    ['期间表', 'periodic'],
    ['初始表', 'initial'],
    ['回访', 'revisit'],
    ['Periodic', 'periodic'],
  ])('form send --kind %s', async (typed, kind) => {
    expect((await json<{ kind: string }>(['form', 'send', '2', '--kind', typed, '--sent', '2026-11-02'])).kind).toBe(kind);
  });

  it('form send --date is the day it was sent', async () => {
    expect((await json<{ sent_on: string }>(['form', 'send', '2', '--kind', 'initial', '--date', '2026/11/03'])).sent_on).toBe(
      '2026-11-03',
    );
  });
});

describe('more values as people type them', () => {
  it('customer add and edit --registered take the dates the other options take', async () => {
    const added = await json<{ id: number; registered_on: string }>([
      'customer',
      'add',
      '--name',
      '中山市明阳照明有限公司',
      '--owner',
      '张伟',
      '--registered',
      '2026/11/20',
    ]);
    expect(added.registered_on).toBe('2026-11-20');
    const edited = await json<{ registered_on: string }>(['customer', 'edit', String(added.id), '--registered', '2026年11月1日']);
    expect(edited.registered_on).toBe('2026-11-01');
  });

  it.each([['首次联系'], ['first contact'], ['First-Contact'], ['first-contact']])('overdue --kind %s', async (typed) => {
    const items = await json<Array<{ kind: string }>>(['overdue', '--kind', typed, '--within', '30']);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['first-contact']));
  });

  it.each([['潜在'], ['Prospect'], ['prospect']])('customer list --status %s', async (typed) => {
    const customers = await json<Array<{ status: string }>>(['customer', 'list', '--status', typed]);
    expect(customers.length).toBeGreaterThan(0);
    expect(new Set(customers.map((c) => c.status))).toEqual(new Set(['prospect']));
    expect((await runCustrack(['customer', 'list', '--status', '休眠'], { db })).code).toBe(0);
  });

  it.each([
    ['form return', ['form', 'return', '1'], '--returned'],
    ['visit approve', ['visit', 'approve', '1', '--by', '赵经理'], '--on'],
    ['customer close', ['customer', 'close', '1'], '--on'],
  ])('%s --date: exit 2 naming the date option it has', async (command, args, option) => {
    const result = await runCustrack([...args, '--date', '2026-11-20'], { db });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`custrack: unknown option '--date'. See \`custrack ${command} --help\`. Did you mean ${option}?\n`);
  });

  it('overdue --kind with a label of another list is still a usage error', async () => {
    const result = await runCustrack(['overdue', '--kind', '期间表'], { db });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--kind: '期间表' is not one of first-contact,");
  });
});

describe('the morning sheet', () => {
  it('lists salespeople in pinyin order, as the reports do', async () => {
    for (const id of ['1', '2', '3', '4']) {
      expect((await runCustrack(['visit', 'plan', id, '--date', '2026-11-25', '--method', 'phone'], { db })).code).toBe(0);
    }
    const sheet = await json<Array<{ by: string }>>(['visit', 'sheet', '--date', '2026-11-25']);
    expect(sheet.map((v) => v.by)).toEqual(['陈静', '李娜', '王芳', '张伟']);
    const table = await runCustrack(['visit', 'sheet', '--date', '2026-11-25', '--format', 'table'], { db, env: { NO_COLOR: '1' } });
    const headings = table.stdout.split('\n').filter((line) => /^\S+\s+\(\d+\)$/u.test(line));
    expect(headings.map((h) => h.split(' ')[0])).toEqual(['陈静', '李娜', '王芳', '张伟']);
  });
});

describe('salespeople in pinyin order everywhere', () => {
  it('overdue --out-dir lists its files in the same order as the reports', async () => {
    const out = join(dir, 'lists');
    const result = await runCustrack(['overdue', '--out-dir', out, '--format', 'csv', '--as-of', '2026-12-31'], { db });
    expect(result.code, result.stderr).toBe(0);
    const names = result.stdout
      .trim()
      .split('\n')
      .map((path) => path.slice(out.length + 1));
    expect(names).toEqual(['陈静.csv', '李娜.csv', '王芳.csv', '张伟.csv']);
  });
});

describe('times', () => {
  it('tables show local time; json keeps ISO 8601 with its offset', async () => {
    // The tests run with TZ=Asia/Shanghai; the wall clock of in-process runs is 02:03:04 UTC.
    const table = await runCustrack(['history', '--limit', '1', '--format', 'table'], { db, env: { NO_COLOR: '1' } });
    expect(table.stdout).toContain('2026-11-23 10:03');
    const entries = await json<Array<{ at: string }>>(['history', '--limit', '1']);
    expect(entries[0]!.at).toBe('2026-11-23T02:03:04Z');
    const profile = await runCustrack(['customer', 'show', '1', '--format', 'table'], { db, env: { NO_COLOR: '1' } });
    expect(profile.stdout).toMatch(/^\s*2026-11-23 10:03 /mu);
  });
});

describe('a salesperson typed wrong', () => {
  it('overdue --owner that no customer has: exit 3 naming the closest owners; the real owner still works', async () => {
    const typo = await runCustrack(['overdue', '--owner', '张玮'], { db });
    expect(typo.code).toBe(3);
    expect(typo.stderr).toContain('Did you mean 张伟?');
    expect(typo.stdout).toBe('');
    const far = await runCustrack(['overdue', '--owner', '赵六'], { db });
    expect(far.code).toBe(3);
    expect((await runCustrack(['overdue', '--owner', '张伟'], { db })).code).toBe(0);
  });

  it('visit add --by and visit sheet --by warn about a salesperson who owns no customer, and go on', async () => {
    const visit = await runCustrack(['visit', 'add', '1', '--method', 'phone', '--by', '张玮'], { db });
    expect(visit.code).toBe(0);
    expect(visit.stderr).toContain('"张玮" does not own any customer yet');
    const sheet = await runCustrack(['visit', 'sheet', '--by', '张玮'], { db });
    expect(sheet.code).toBe(0);
    expect(sheet.stderr).toContain('"张玮" does not own any customer yet');
    const known = await runCustrack(['visit', 'add', '1', '--method', 'phone', '--by', '李娜'], { db });
    expect(known.stderr).not.toContain('does not own');
  });
});
