// `overdue --out-dir` mails each salesperson their own list: the owner → file name mapping is one-to-one,
// so owners whose names would clean up to the same file (a/b and a_b; "." and nobody; an owner literally
// called "unassigned" and the customers without one) never share a file.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCustrack } from '../helpers/cli.js';
import { useDatabases } from '../helpers/engine.js';

const newDatabaseIn = useDatabases();
import { ownerFileName } from '../../src/commands/overdue.js';

const OWNERS: Array<string | null> = ['a/b', 'a_b', 'a%2Fb', '.', 'unassigned', '(unassigned)', null, '张伟', '..', ' 李娜 '];

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-outdir-'));
  db = (await newDatabaseIn(dir, 'office.db')).db;
  for (const [i, owner] of OWNERS.entries()) {
    const args = ['customer', 'add', '--name', `客户${i}有限公司`, '--registered', '2026-10-01'];
    if (owner !== null) args.push('--owner', owner);
    expect((await runCustrack(args, { db })).code).toBe(0);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('owner file names', () => {
  it('are one-to-one over owners that used to collide', () => {
    const names = OWNERS.map(ownerFileName);
    expect(new Set(names).size).toBe(OWNERS.length);
  });

  it.each([
    ['张伟', '张伟'],
    ['a_b', 'a_b'],
    ['a/b', 'a%2Fb'],
    ['a%2Fb', 'a%252Fb'],
    ['.', '%2E'],
    ['..', '%2E%2E'],
    [null, '(unassigned)'],
    ['(unassigned)', '%28unassigned%29'],
  ])('%s → %s', (owner, file) => {
    expect(ownerFileName(owner)).toBe(file);
  });

  it('keep every path inside the folder', () => {
    for (const owner of ['../../etc/passwd', '/abs', 'C:\\x', 'a\u0000b']) expect(ownerFileName(owner)).not.toMatch(/[/\\\u0000]/u);
  });
});

describe('overdue --out-dir', () => {
  it("writes one file per owner, each holding only that owner's customers", async () => {
    const out = join(dir, 'lists');
    const result = await runCustrack(['overdue', '--out-dir', out, '--format', 'json', '--as-of', '2026-11-23'], { db });
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(OWNERS.length);
    for (const owner of OWNERS) {
      const items = JSON.parse(readFileSync(join(out, `${ownerFileName(owner?.trim() ?? null)}.json`), 'utf8')) as Array<{
        owner: string | null;
      }>;
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.map((i) => i.owner))).toEqual(new Set([owner === null ? null : owner.trim()]));
    }
  });
});
