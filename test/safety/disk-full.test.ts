// A full disk, on a 3 MiB tmpfs (mounting needs root, which CI has): a large import, a backup, overdue
// --out-dir, export --output and db copy each exit 5 saying the disk is full and where, leave the database passing
// integrity_check with not one row of the failed command, leave no temporary or partial file, and the
// next small write works once there is room again.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli } from '../helpers/cli.js';
import { rawQuery } from '../helpers/rawdb.js';

let dir: string;
let full: string;
/** An office too large for the small disk: 20k customers and 120k invoices. */
let large: string;
let invoices: string;

beforeAll(async () => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-full-'));
  invoices = join(dir, 'invoices.csv');
  const lines = ['客户名称,日期,金额,单号'];
  for (let i = 1; i <= 120_000; i++)
    lines.push(`深圳市客户${i % 40_000}贸易有限公司,2026-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 1}.00,INV-${i}`);
  writeFileSync(invoices, `${lines.join('\n')}\n`);
  large = join(dir, 'large.db');
  const customers = join(dir, 'customers.csv');
  writeFileSync(
    customers,
    ['客户名称,责任营销员', ...Array.from({ length: 20_000 }, (_, i) => `深圳市客户${i}贸易有限公司,营销员${i % 12}`)].join('\n'),
  );
  expect((await runCli(['import', 'customers', customers], { db: large, timeoutMs: 60_000 })).code).toBe(0);
  expect((await runCli(['import', 'transactions', invoices], { db: large, timeoutMs: 120_000 })).code).toBe(0);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a full disk', () => {
  beforeAll(() => {
    // Not skipped without root: a run that cannot mount the small disk fails and says so.
    if (process.getuid?.() !== 0) throw new Error('the full-disk tests mount a 3 MiB tmpfs, which needs root (CI runs as root)');
    full = join(dir, 'small-disk');
    mkdirSync(full);
  });
  afterEach(() => {
    // Each test gets an empty small disk; unmounted even when the test failed.
    try {
      execFileSync('umount', [full]);
    } catch {
      // not mounted
    }
  });
  const mountSmallDisk = (): void => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', full]);
  };
  const diskFull = (stderr: string, where: string): void => {
    expect(stderr).toContain(`the disk is full at ${where}`);
    expect(stderr).not.toMatch(/bug/u);
  };

  it('import transactions: exit 5, not one row, integrity ok, and the next small write works', async () => {
    mountSmallDisk();
    const db = join(full, 'office.db');
    expect((await runCli(['customer', 'add', '--name', '深圳市腾达有限公司'], { db })).code).toBe(0);
    const result = await runCli(['import', 'transactions', invoices], { db, timeoutMs: 120_000 });
    expect(result.code).toBe(5);
    diskFull(result.stderr, full);
    expect(rawQuery<{ n: number }>(db, 'SELECT count(*) AS n FROM transactions')[0]!.n).toBe(0);
    expect(rawQuery<{ integrity_check: string }>(db, 'PRAGMA integrity_check')[0]!.integrity_check).toBe('ok');
    expect(readdirSync(full).sort()).toEqual(['office.db', 'office.db-shm', 'office.db-wal'].filter((f) => readdirSync(full).includes(f)));
    // Room again (the failed load's WAL pages were given back): a small write goes through.
    expect((await runCli(['customer', 'add', '--name', '广州市华信有限公司'], { db })).code).toBe(0);
  });

  it('backup --to: exit 5, no temporary file or journal left', async () => {
    mountSmallDisk();
    const result = await runCli(['backup', '--to', join(full, 'backup.db')], { db: large, timeoutMs: 60_000 });
    expect(result.code).toBe(5);
    diskFull(result.stderr, full);
    expect(readdirSync(full)).toEqual([]);
  });

  it('overdue --out-dir: exit 5, no list written at all (all or nothing)', async () => {
    mountSmallDisk();
    const out = join(full, 'lists');
    const result = await runCli(['overdue', '--within', '365', '--out-dir', out, '--format', 'json'], { db: large, timeoutMs: 60_000 });
    expect(result.code).toBe(5);
    diskFull(result.stderr, out);
    expect(result.stdout).toBe('');
    expect(readdirSync(out)).toEqual([]);
  });

  it.each(['csv', 'xlsx'])('export --output (%s): exit 5, no partial or temporary file', async (format) => {
    mountSmallDisk();
    const target = join(full, `transactions.${format}`);
    const result = await runCli(['export', 'transactions', '--format', format, '--output', target], { db: large, timeoutMs: 60_000 });
    expect(result.code).toBe(5);
    diskFull(result.stderr, full);
    expect(readdirSync(full)).toEqual([]);
  });

  it('db copy to a file: exit 5, the half-made copy removed', async () => {
    mountSmallDisk();
    const result = await runCli(['db', 'copy', '--from', large, '--to', join(full, 'copy.db')], { timeoutMs: 60_000 });
    expect(result.code).toBe(5);
    diskFull(result.stderr, full);
    expect(readdirSync(full)).toEqual([]);
  });
});
