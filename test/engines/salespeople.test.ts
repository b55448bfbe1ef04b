// A salesperson's name typed wrong, on both engines: an owner or a salesperson that custrack never saw is
// exit 3 naming the closest known names (a cron line's typo must not stay silent); registering a visit by
// someone never seen before is a warning, not an error.
import { mkdtempSync, rmSync } from 'node:fs';
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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-salespeople-'));
  postgres = await freshDatabase('salespeople');
}, 60_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await postgres?.drop();
});

describe.each(engines)('%s', (_, database) => {
  const run = (args: string[]): Promise<InProcessResult> => runCustrack([...args, '--db', database()]);
  const must = async (args: string[]): Promise<InProcessResult> => {
    const result = await run(args);
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  beforeAll(async () => {
    await must(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '黄丽']);
    await must(['customer', 'add', '--name', '广州市华信有限公司', '--owner', '张伟']);
  });

  it('a visit by someone never seen before is registered with a warning; the second one is not warned about', async () => {
    const first = await must(['visit', 'add', '1', '--method', 'phone', '--by', '王芳', '--date', '2026-11-20']);
    expect(first.stderr).toContain('"王芳" does not own any customer yet and made no visit before');
    const second = await must(['visit', 'plan', '2', '--method', 'phone', '--by', '王芳', '--date', '2026-11-25']);
    expect(second.stderr).not.toContain('王芳');
    const owner = await must(['visit', 'add', '2', '--method', 'phone', '--by', '张伟']);
    expect(owner.stderr).not.toContain('张伟');
  });

  it('overdue --owner that no customer has: exit 3 naming the closest owner', async () => {
    const typo = await run(['overdue', '--owner', '黄利']);
    expect(typo.code).toBe(3);
    expect(typo.stderr).toContain('Did you mean 黄丽?');
    expect(typo.stdout).toBe('');
    const far = await run(['overdue', '--owner', 'Zhang Wei']);
    expect(far.code).toBe(3);
    expect(far.stderr).toBe('custrack: no customer has the owner "Zhang Wei". The owners are: 黄丽, 张伟.\n');
  });

  it('visit list --by a name never seen: exit 3 naming the closest salespeople', async () => {
    const typo = await run(['visit', 'list', '--by', '黄利']);
    expect(typo.code).toBe(3);
    expect(typo.stderr).toBe('custrack: nobody called "黄利" owns a customer or made a visit. Did you mean 黄丽?\n');
    expect(typo.stdout).toBe('');
    const far = await run(['visit', 'list', '--by', '赵六']);
    expect(far.code).toBe(3);
    // Nobody close: a short list of salespeople is named whole, in pinyin order.
    expect(far.stderr).toBe('custrack: nobody called "赵六" owns a customer or made a visit. The salespeople are: 黄丽, 王芳, 张伟.\n');
    // Someone who made visits but owns no customer is known.
    const visitor = await must(['visit', 'list', '--by', '王芳', '--format', 'json']);
    expect((JSON.parse(visitor.stdout) as Array<{ by: string }>).map((v) => v.by)).toEqual(['王芳', '王芳']);
  });

  it('visit sheet --by a name never seen: exit 3; a known name with nothing planned is an empty sheet', async () => {
    const typo = await run(['visit', 'sheet', '--date', '2026-11-25', '--by', '王方']);
    expect(typo.code).toBe(3);
    expect(typo.stderr).toContain('Did you mean 王芳?');
    const empty = await must(['visit', 'sheet', '--date', '2026-11-25', '--by', '黄丽']);
    expect(empty.stdout).toBe('');
    const zh = await run(['visit', 'sheet', '--by', '黄利', '--lang', 'zh']);
    expect(zh.code).toBe(3);
    expect(zh.stderr).toContain('是否要找：黄丽？');
  });
});
