// docs/rules.md, "Data safety": every file custrack creates is 0600 (and every directory 0700), whatever the umask it runs
// under. Shared by test/safety/files.test.ts (umask 000) and test/reliability/files.test.ts (several).
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { generateOfficeData, runToEnd, startCli, type StartOptions } from './processes.js';
import { expectClean } from './load.js';
import { modesBelow } from './rawdb.js';
import type { ScratchOffice } from './scratch.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

export interface FileModesResult {
  /** Every path custrack created, relative to the scratch directory, with its mode. */
  created: Map<string, number>;
  /** Whether the stdin spool was caught while it existed (it lives only as long as the import). */
  spoolSeen: boolean;
}

/** Polls until every path exists while the process runs; returns their modes as seen then (null: never seen). */
async function modesWhileRunning(paths: Array<string | (() => string | undefined)>, done: Promise<unknown>): Promise<Array<number | null>> {
  const seen: Array<number | null> = paths.map(() => null);
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished && seen.some((m) => m === null)) {
    for (const [i, p] of paths.entries()) {
      if (seen[i] !== null) continue;
      const path = typeof p === 'function' ? p() : p;
      try {
        if (path) seen[i] = mode(path);
      } catch {
        // not there yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return seen;
}

export async function fileModesScenario(
  office: ScratchOffice,
  umask: string,
  rows: number,
  formats = ['tsv', 'csv', 'json', 'ndjson'],
): Promise<FileModesResult> {
  const inputs = join(office.dir, 'inputs');
  const data = generateOfficeData(inputs, 40, rows);
  const tmp = office.path('tmp');
  const options: StartOptions = { umask, env: { TMPDIR: tmp } };
  mkdirSync(tmp, { mode: 0o700 });

  // init on a path whose directories do not exist yet.
  const db = office.path('office/data/custrack.db');
  expectClean(await runToEnd(['init'], { ...options, db }), 'init');
  expect(mode(db)).toBe(0o600);
  expect(mode(office.path('office'))).toBe(0o700);
  expect(mode(office.path('office/data'))).toBe(0o700);

  // A long import on a fresh database: its -wal and -shm, looked at while the import runs.
  const fresh = office.path('fresh/custrack.db');
  const importing = startCli(['import', 'transactions', data.transactions], { ...options, db: fresh });
  const [dbMode, walMode, shmMode] = await modesWhileRunning([fresh, `${fresh}-wal`, `${fresh}-shm`], importing.done);
  expectClean(await importing.done, 'import transactions');
  expect({ db: dbMode, wal: walMode, shm: shmMode }).toEqual({ db: 0o600, wal: 0o600, shm: 0o600 });

  // An import from stdin is spooled to a private file first: looked at while it exists.
  const spoolDir = (): string | undefined => readdirSync(tmp).find((n) => n.startsWith('custrack-import-'));
  const fromStdin = startCli(['import', 'customers', '-', '--allow-similar'], { ...options, db, input: readFileSync(data.customers) });
  const [dirMode, spoolMode] = await modesWhileRunning(
    [() => (spoolDir() ? join(tmp, spoolDir()!) : undefined), () => (spoolDir() ? join(tmp, spoolDir()!, 'stdin') : undefined)],
    fromStdin.done,
  );
  expectClean(await fromStdin.done, 'import customers -');
  // The spool may come and go faster than the poll: judge only what was seen.
  if (dirMode !== null) expect(dirMode).toBe(0o700);
  if (spoolMode !== null) expect(spoolMode).toBe(0o600);
  expect(readdirSync(tmp), 'the spool is removed after the import').toEqual([]);

  // Work for the overdue list: customers registered long ago and never contacted.
  for (const [name, owner] of [
    ['深圳市腾达有限公司', '张伟'],
    ['广州市华信有限公司', '李娜'],
    ['东莞市新源有限公司', ''],
  ] as const) {
    const args = ['customer', 'add', '--name', name, '--registered', '2026-10-01', '--no-input'];
    expectClean(await runToEnd(owner ? [...args, '--owner', owner] : args, { ...options, db }), `customer add ${name}`);
  }

  // Backups: to a file, and beside the database.
  const copy = office.path('backups/copy.db');
  mkdirSync(office.path('backups'));
  expectClean(await runToEnd(['backup', '--to', copy], { ...options, db }), 'backup --to');
  expect(mode(copy)).toBe(0o600);
  const beside = await runToEnd(['backup'], { ...options, db });
  expectClean(beside, 'backup');
  expect(mode(beside.stdout.trim())).toBe(0o600);

  // The cron job's files, one per salesperson, in every file format, into directories made for them.
  for (const format of formats) {
    const dir = office.path(`out/${format}`);
    const written = await runToEnd(['overdue', '--out-dir', dir, '--format', format], { ...options, db });
    expectClean(written, `overdue --out-dir --format ${format}`);
    const files = written.stdout.trim().split('\n');
    expect(files.length, `overdue --out-dir --format ${format}`).toBeGreaterThanOrEqual(3);
    for (const file of files) expect(mode(file), file).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  }
  const excel = await runToEnd(['overdue', '--out-dir', office.path('out/excel'), '--excel'], { ...options, db });
  expectClean(excel, 'overdue --out-dir --excel');
  for (const file of excel.stdout.trim().split('\n')) expect(mode(file), file).toBe(0o600);

  // Everything custrack made: files 0600, directories 0700; no temporary file left behind.
  const created = modesBelow(office.dir);
  for (const path of [...created.keys()]) if (path === 'inputs' || path.startsWith('inputs/') || path === 'backups') created.delete(path);
  for (const [path, bits] of created) {
    const isDir = statSync(join(office.dir, path)).isDirectory();
    expect(bits, `${path} under umask ${umask}`).toBe(isDir ? 0o700 : 0o600);
    expect(path, 'a temporary file was left behind').not.toMatch(/\.tmp-\d+$/u);
  }
  expect(existsSync(`${db}-wal`) || existsSync(`${db}-shm`), 'the last process closed the database').toBe(false);
  return { created, spoolSeen: spoolMode !== null };
}
