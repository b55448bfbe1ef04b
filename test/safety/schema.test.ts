// docs/rules.md, "Exit codes" and "Data safety": a database from a newer custrack and a file that is not a custrack database are refused with
// exit 5 and never changed (sha256 before and after), by every command — reads such as `overdue`,
// `customer list` and `db check` as much as writes. Fast version: every command in-process, the cron
// reads through the real binary. (The migration that keeps every row with its backup beside the file is
// in crash.test.ts: the undisturbed run of the migration scenario.) Network paths: refused with the reason.
import { readdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCustrack, buildBundleIfMissing } from '../helpers/cli.js';
import { runToEnd, stackLines } from '../helpers/processes.js';
import { INVOICES_CSV, REFUSABLE, everyCommand } from '../helpers/refusals.js';
import { fileDigest, scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 60_000);

describe.concurrent('refused with exit 5 and left byte-for-byte unchanged', () => {
  it.for(REFUSABLE)('$name: by every command (in-process)', async (file, { onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const elsewhere = scratchOffice(onTestFinished);
    const input = elsewhere.path('invoices.csv');
    writeFileSync(input, INVOICES_CSV);
    await file.make(office.dbPath);
    const digest = fileDigest(office.dbPath);
    const listing = readdirSync(office.dir);
    for (const args of everyCommand(input, office.path('copy.db'))) {
      const what = `${file.name}: custrack ${args.join(' ')}`;
      const result = await runCustrack(args, { db: office.dbPath });
      expect(result.code, `${what}\n${result.stderr}`).toBe(5);
      expect(result.stdout, what).toBe('');
      expect(result.stderr, what).toMatch(file.message);
      expect(result.stderr, what).toContain('left untouched');
      expect(result.stderr.trimEnd().split('\n'), what).toHaveLength(1);
      expect(fileDigest(office.dbPath), what).toBe(digest);
      expect(readdirSync(office.dir), what).toEqual(listing);
    }
  });

  it.for([REFUSABLE[0]!, REFUSABLE[1]!, REFUSABLE[4]!])(
    '$name: by the cron job’s reads through the real binary',
    async (file, { onTestFinished }) => {
      const office = scratchOffice(onTestFinished);
      await file.make(office.dbPath);
      const digest = fileDigest(office.dbPath);
      const listing = readdirSync(office.dir);
      for (const args of [['overdue'], ['customer', 'list'], ['db', 'check']]) {
        const what = `${file.name}: custrack ${args.join(' ')}`;
        const result = await runToEnd(args, { db: office.dbPath });
        expect(result.code, `${what}\n${result.stderr}`).toBe(5);
        expect(result.stdout, what).toBe('');
        expect(result.stderr, what).toMatch(file.message);
        expect(stackLines(result.stderr), what).toEqual([]);
        expect(fileDigest(office.dbPath), what).toBe(digest);
        expect(readdirSync(office.dir), what).toEqual(listing);
      }
    },
  );
});

describe.concurrent('a database path on a network file system is refused with an explanation (exit 5)', () => {
  it.for(['//server/share/custrack.db', '\\\\server\\share\\custrack.db'])(
    'UNC path %s, through the real binary, for a read and a write',
    async (path) => {
      for (const args of [['overdue'], ['customer', 'add', '--name', '深圳市腾达有限公司']]) {
        const result = await runToEnd(args, { db: path });
        expect(result.code, result.stderr).toBe(5);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/is on a network file system \(UNC\); SQLite cannot lock files safely there/u);
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      }
    },
  );

  it.for([
    [0x6969, 'NFS'],
    [0xff534d42, 'CIFS'],
    [0xfe534d42, 'SMB2'],
    [0x517b, 'SMB'],
  ] as const)('a directory on %s (%s): nothing is created', async ([type, name], { onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    for (const args of [['init'], ['customer', 'list'], ['import', 'transactions', '-']]) {
      const result = await runCustrack(args, { db: office.dbPath, fsType: () => type, input: INVOICES_CSV });
      expect(result.code, result.stderr).toBe(5);
      expect(result.stderr).toContain(`is on a network file system (${name}); SQLite cannot lock files safely there`);
    }
    expect(readdirSync(office.dir)).toEqual([]);
  });
});
