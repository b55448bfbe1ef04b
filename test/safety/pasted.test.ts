// Text pasted from Excel or WeChat on Windows ends its lines in CRLF (or a lone CR): accepted in every
// free-text field and stored with LF. The control characters that have no business there (NUL, an ESC
// sequence that would repaint a terminal) are still refused, and a table never prints a CR or an ESC.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCustrack } from '../helpers/cli.js';
import { useDatabases } from '../helpers/engine.js';

const newDatabaseIn = useDatabases();

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-pasted-'));
  db = (await newDatabaseIn(dir, 'office.db')).db;
  expect((await runCustrack(['customer', 'add', '--name', '深圳市腾达有限公司'], { db })).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = async (args: string[]): Promise<Record<string, unknown>> => {
  const result = await runCustrack([...args, '--format', 'json'], { db });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

describe('line ends pasted from Windows', () => {
  it.each([
    ['CRLF', '深圳市南山区\r\n科技园', '深圳市南山区\n科技园'],
    ['a lone CR', '深圳市南山区\r科技园', '深圳市南山区\n科技园'],
    ['CRLF at the end', '深圳市南山区科技园\r\n', '深圳市南山区科技园'],
  ])('customer add --address with %s: stored with LF', async (label, typed, stored) => {
    const customer = await json(['customer', 'add', '--name', `广州${label}公司`, '--address', typed]);
    expect(customer.address).toBe(stored);
  });

  it('customer edit --note and visit add --summary too', async () => {
    expect((await json(['customer', 'edit', '1', '--note', '第一行\r\n第二行'])).note).toBe('第一行\n第二行');
    expect((await json(['visit', 'add', '1', '--method', 'phone', '--summary', '报价\r\n已确认'])).summary).toBe('报价\n已确认');
  });

  it('an import of visits with CRLF inside a quoted cell', async () => {
    const file = join(dir, 'visits.csv');
    writeFileSync(file, '客户名称,拜访日期,方式,摘要\r\n深圳市腾达有限公司,2026-11-02,电话,"第一行\r\n第二行"\r\n');
    expect((await runCustrack(['import', 'visits', file], { db })).code).toBe(0);
    const visits = JSON.parse((await runCustrack(['visit', 'list', '--format', 'json'], { db })).stdout) as Array<{ summary: string }>;
    expect(visits.map((v) => v.summary)).toContain('第一行\n第二行');
  });
});

describe('control characters that are refused', () => {
  it.each([
    ['NUL', '深圳\u0000市'],
    ['an ESC sequence that clears the screen', '深圳\u001b[2J市'],
    ['a C1 control', '深圳\u009b31m市'],
    ['a bell', '深圳\u0007市'],
  ])('%s in --address: exit 2, nothing written', async (_, typed) => {
    const result = await runCustrack(['customer', 'edit', '1', '--address', typed], { db });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--address/u);
  });

  it('an ESC in a visit summary: exit 2', async () => {
    const result = await runCustrack(['visit', 'add', '1', '--method', 'phone', '--summary', '\u001b]0;pwned\u0007'], { db });
    expect(result.code).toBe(2);
  });
});

describe('what a terminal shows', () => {
  it('customer show and tables print line ends as spaces, never a CR or an ESC', async () => {
    await runCustrack(['customer', 'edit', '1', '--address', '南山区\r\n科技园'], { db });
    for (const args of [
      ['customer', 'show', '1'],
      ['customer', 'list'],
      ['visit', 'list'],
    ]) {
      const result = await runCustrack([...args, '--format', 'table'], { db, tty: true, env: { NO_COLOR: '1' } });
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(/[\r\u001b]/u);
    }
    expect((await runCustrack(['customer', 'show', '1', '--format', 'table'], { db, tty: true, env: { NO_COLOR: '1' } })).stdout).toContain(
      '南山区 科技园',
    );
  });
});
