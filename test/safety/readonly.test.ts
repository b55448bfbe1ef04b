// A manager reading a copy of the office's database from a read-only share: every reading command works,
// every writing command exits 5 saying the file or its folder is read-only, and the file stays as it was.
// As root (CI) the folder is a real read-only bind mount; otherwise write permission is taken away.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli } from '../helpers/cli.js';
import { fileDigest } from '../helpers/scratch.js';

const isRoot = process.getuid?.() === 0;
let dir: string;
let source: string;
let shared: string;

/** The folder as a read-only share: a read-only bind mount as root, no write permission otherwise. */
function makeReadOnly(from: string, to: string): () => void {
  if (isRoot) {
    mkdirSync(to, { recursive: true });
    execFileSync('mount', ['--bind', from, to]);
    execFileSync('mount', ['-o', 'remount,ro,bind', to]);
    return () => execFileSync('umount', [to]);
  }
  chmodSync(join(from, 'office.db'), 0o400);
  chmodSync(from, 0o500);
  return () => chmodSync(from, 0o700);
}

let undo: () => void = () => {};

beforeAll(async () => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-readonly-'));
  source = join(dir, 'src');
  mkdirSync(source);
  const db = join(source, 'office.db');
  const invoices = join(dir, 'invoices.csv');
  writeFileSync(invoices, '客户名称,日期,金额,单号\n深圳市腾达有限公司,2026-06-01,1000.00,A-1\n');
  for (const args of [
    ['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'],
    ['import', 'transactions', invoices],
    ['visit', 'add', '深圳市腾达有限公司', '--method', 'in-person', '--date', '2026-11-02'],
    ['form', 'send', '深圳市腾达有限公司', '--kind', 'periodic', '--sent', '2026-11-03'],
  ]) {
    expect((await runCli(args, { db })).code, args.join(' ')).toBe(0);
  }
  shared = isRoot ? join(dir, 'share') : source;
  undo = makeReadOnly(source, shared);
});

afterAll(() => {
  undo();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database on a read-only share', () => {
  it.each([
    ['customer', 'list'],
    ['customer', 'show', '1'],
    ['check', '深圳市腾达有限公司'],
    ['overdue', '--within', '30'],
    ['visit', 'list'],
    ['form', 'list'],
    ['report', 'monthly', '--month', '2026-11'],
    ['export', 'transactions'],
    ['history'],
    ['db', 'check'],
  ])('reading: %s … works', async (...args) => {
    const db = join(shared, 'office.db');
    const before = fileDigest(db);
    const result = await runCli(args, { db });
    expect(result.code === 0 || (args[0] === 'check' && result.code === 1), result.stderr).toBe(true);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(fileDigest(db)).toBe(before);
    expect(existsSync(`${db}-wal`) || existsSync(`${db}-shm`)).toBe(false);
  });

  it.each([
    ['customer', 'add', '--name', '广州市华信有限公司'],
    ['visit', 'add', '1', '--method', 'phone'],
    ['form', 'show', '1', '--reveal'],
    ['config', 'set', 'cadence.A', '10'],
  ])('writing: %s … exits 5, says read-only, writes nothing', async (...args) => {
    const db = join(shared, 'office.db');
    const before = fileDigest(db);
    const result = await runCli(args, { db });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/is read-only \(the file or its folder\)/u);
    expect(fileDigest(db)).toBe(before);
  });
});

describe('files that are not databases', () => {
  it('an empty file: a reading command says to run init and does not write a schema into it', async () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '', { mode: 0o644 });
    const result = await runCli(['overdue'], { db: empty });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/custrack init/u);
    expect(execFileSync('stat', ['-c', '%s', empty]).toString().trim()).toBe('0');
  });

  it('a directory: says it is a directory', async () => {
    const result = await runCli(['customer', 'list'], { db: dir });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/is a directory/u);
  });
});
