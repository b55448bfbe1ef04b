// The SQLite file itself, through the real binary: created private (0600), named by --db over CUSTRACK_DB,
// backed up into a verified private copy, checked with PRAGMAs, and a file that is not a custrack database left
// alone. The same commands on the server are in test/engines/postgres.e2e.test.ts.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli } from '../helpers/cli.js';
import { countCustomersIn } from '../helpers/db.js';
import { fileDigest, fileMode, scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 60_000);

const TENGDA = '深圳市腾达（集团）有限公司';

async function addTengda(db: string, ...more: string[]) {
  const result = await runCli(['customer', 'add', '--name', TENGDA, '--owner', '张伟', ...more], { db });
  expect(result.code).toBe(0);
  return result;
}

describe.concurrent('custrack init', () => {
  it('creates the database 0600 and prints its path on stdout', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const result = await runCli(['init'], { db: office.dbPath });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${office.dbPath}\n`);
    expect(result.stderr).toContain(office.dbPath);
    expect(fileMode(office.dbPath)).toBe(0o600);
  });

  it('--db wins over CUSTRACK_DB', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const other = office.path('other.db');
    const result = await runCli(['--db', other, 'init'], { db: office.dbPath });
    expect(result.stdout).toBe(`${other}\n`);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(office.dbPath)).toBe(false);
  });
});

describe.concurrent('custrack backup', () => {
  it('writes a private, verified copy that holds the customers, and never overwrites it', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    await addTengda(office.dbPath);
    const target = office.path('copy.db');
    const first = await runCli(['backup', '--to', target], { db: office.dbPath });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${target}\n`);
    expect(fileMode(target)).toBe(0o600);
    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT name, owner FROM customers').all()).toEqual([{ name: TENGDA, owner: '张伟' }]);
      expect(copy.pragma('application_id', { simple: true })).toBe(0x4373546b);
    } finally {
      copy.close();
    }
    const digest = fileDigest(target);
    const second = await runCli(['backup', '--to', target], { db: office.dbPath });
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(target);
    expect(fileDigest(target)).toBe(digest);
  });

  it('without --to writes a timestamped copy beside the database', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    await addTengda(office.dbPath);
    const result = await runCli(['backup'], { db: office.dbPath });
    expect(result.code).toBe(0);
    const name = result.stdout.trim();
    expect(name.startsWith(`${office.dbPath}.backup-`)).toBe(true);
    expect(fileMode(name)).toBe(0o600);
    expect(await countCustomersIn(name)).toBe(1);
  });
});

describe.concurrent('custrack db check', () => {
  it('exit 0, and json says ok with the schema version and row counts', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    await addTengda(office.dbPath);
    const [plain, json] = await Promise.all([
      runCli(['db', 'check'], { db: office.dbPath }),
      runCli(['db', 'check', '--full', '--format', 'json'], { db: office.dbPath }),
    ]);
    expect(plain.code).toBe(0);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: true, integrity: ['ok'], foreign_key_problems: 0, journal_mode: 'wal' });
    expect(report.schema_version).toBe(report.supported_version);
    expect(report.counts).toMatchObject({ customers: 1, history: 1 });
  });
});

describe.concurrent('a file that is not a custrack database', () => {
  it('→ exit 5 for reads and writes, and the file is left unchanged', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    writeFileSync(office.dbPath, randomBytes(8192));
    const digest = fileDigest(office.dbPath);
    const results = [
      await runCli(['customer', 'list'], { db: office.dbPath }),
      await runCli(['customer', 'add', '--name', TENGDA], { db: office.dbPath }),
      await runCli(['init'], { db: office.dbPath }),
      await runCli(['db', 'check'], { db: office.dbPath }),
    ];
    for (const result of results) {
      expect(result.code).toBe(5);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('not a custrack database');
    }
    expect(fileDigest(office.dbPath)).toBe(digest);
    expect(readdirSync(office.dir)).toEqual(['custrack.db']);
  });
});
