// Several custrack processes on one file at once: clerks logging visits and registering customers, a cron
// job importing invoices, a reader printing the overdue list, a backup. Shared by test/safety (small
// numbers) and test/reliability (the numbers). Every count is exact: no write may be lost.
// The backup runs on either engine (a file, or a server database whose `backup --to` writes a SQLite file).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { EngineOffice } from './engine.js';
import { generateOfficeData, runToEnd, stderrProblems, type Outcome, type StartOptions } from './processes.js';
import { databaseCounts, isServerUrl, rawState } from './rawdb.js';
import type { ScratchOffice } from './scratch.js';

export function expectClean(outcome: Outcome, what: string): void {
  expect(outcome.timedOut, `${what} timed out`).toBe(false);
  expect(outcome.code, `${what}: ${outcome.stderr}`).toBe(0);
  expect(stderrProblems(outcome.stderr), what).toEqual([]);
}

export interface Office {
  db: string;
  customers: number;
  /** Transaction files with distinct invoice numbers, `rowsPerFile` rows each. */
  files: string[];
  rowsPerFile: number;
}

/** An office with `customers` registered and `files` × `rowsPerFile` invoices ready to import. */
export async function officeWithInvoices(
  office: ScratchOffice | EngineOffice,
  customers: number,
  files: number,
  rowsPerFile: number,
): Promise<Office> {
  const db = 'dbPath' in office ? office.dbPath : office.db;
  const data = generateOfficeData(office.path('data'), customers, files * rowsPerFile);
  expectClean(await runToEnd(['import', 'customers', data.customers, '--allow-similar'], { db }), 'import customers');
  const [header, ...rows] = readFileSync(data.transactions, 'utf8').trimEnd().split('\n');
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const path = office.path(`invoices-${f}.csv`);
    writeFileSync(path, `${header}\n${rows.slice(f * rowsPerFile, (f + 1) * rowsPerFile).join('\n')}\n`);
    paths.push(path);
  }
  return { db, customers, files: paths, rowsPerFile };
}

/** Runs `commands` one after another (a clerk at the keyboard, a cron job), each checked to end cleanly. */
async function inSequence(commands: string[][], options: StartOptions, check: (outcome: Outcome, args: string[]) => void): Promise<number> {
  for (const args of commands) check(await runToEnd(args, options), args);
  return commands.length;
}

export interface LoadPlan {
  /** Visits the clerk logs, one `visit add` each. */
  visits: number;
  /** Customers a second clerk registers, one `customer add` each (0: no second clerk). */
  registrations: number;
  /** Import the invoice files one after another (the cron job). */
  imports: boolean;
  /** A reader loops over `overdue` and `db check` while the writers work. */
  reader: boolean;
  /** Environment of every process (for example a busy timeout). */
  env?: Record<string, string>;
  /** Makes the registered names of this run different from earlier runs on the same office. */
  round?: number;
}

export interface LoadResult {
  processes: number;
  writes: number;
  reads: number;
  visits: number;
  transactions: number;
  customers: number;
  lost: number;
}

/** The clerk(s), the cron job and the reader at once; then every count must be exact. */
export async function concurrentLoad(office: Office, plan: LoadPlan): Promise<LoadResult> {
  const options: StartOptions = { db: office.db, env: plan.env ?? {}, timeoutMs: 180_000 };
  const before = rawState(office.db, ['customers', 'transactions', 'visits', 'history'], 'quick_check').counts;
  const clean = (outcome: Outcome, args: string[]): void => expectClean(outcome, args.join(' '));

  const clerk = inSequence(
    Array.from({ length: plan.visits }, (_, i) => [
      'visit',
      'add',
      String((i % office.customers) + 1),
      '--method',
      'phone',
      '--summary',
      `第${i}次电话`,
      '--no-input',
    ]),
    options,
    clean,
  );
  const secondClerk = inSequence(
    Array.from({ length: plan.registrations }, (_, i) => [
      'customer',
      'add',
      '--name',
      `并发测试客户${plan.round ?? 0}-${i}号有限公司`,
      '--owner',
      '王芳',
      '--grade',
      'A',
      '--no-input',
    ]),
    options,
    clean,
  );
  const cron = plan.imports
    ? inSequence(
        office.files.map((file) => ['import', 'transactions', file]),
        options,
        clean,
      )
    : Promise.resolve(0);
  const writers = Promise.all([clerk, secondClerk, cron]);
  let writing = true;
  void writers.finally(() => (writing = false));

  let reads = 0;
  const reader = (async () => {
    if (!plan.reader) return;
    let lastVisits = before.visits!;
    // At least a few reads, then until the writers are done.
    for (let i = 0; writing || i < 4; i++) {
      const overdue = await runToEnd(['overdue', '--format', 'json'], options);
      clean(overdue, ['overdue']);
      expect(Array.isArray(JSON.parse(overdue.stdout || '[]'))).toBe(true);
      const check = await runToEnd(['db', 'check', '--format', 'json'], options);
      clean(check, ['db', 'check']);
      const report = JSON.parse(check.stdout) as { ok: boolean; counts: { transactions: number; visits: number } };
      expect(report.ok).toBe(true);
      // A reader sees each import whole or not at all, and never loses a visit it saw before.
      expect(report.counts.transactions % office.rowsPerFile, 'a reader saw part of an import').toBe(0);
      expect(report.counts.visits).toBeGreaterThanOrEqual(lastVisits);
      lastVisits = report.counts.visits;
      reads += 2;
    }
  })();
  const [done] = await Promise.all([writers, reader]);
  const [visits, registrations, imports] = done;

  const after = rawState(office.db, ['customers', 'transactions', 'visits', 'history']);
  expect(after.integrity).toBe('ok');
  const expected = {
    customers: before.customers! + plan.registrations,
    transactions: before.transactions! + (plan.imports ? office.files.length * office.rowsPerFile : 0),
    visits: before.visits! + plan.visits,
    // One history entry per command: each visit, each registration, each import.
    history: before.history! + visits + registrations + imports,
  };
  expect(after.counts).toEqual(expected);
  const lost =
    expected.customers -
    after.counts.customers! +
    (expected.transactions - after.counts.transactions!) +
    (expected.visits - after.counts.visits!);
  return {
    processes: 1 + (plan.registrations > 0 ? 1 : 0) + (plan.imports ? 1 : 0) + (plan.reader ? 1 : 0),
    writes: visits + registrations + imports,
    reads,
    visits: plan.visits,
    transactions: plan.imports ? office.files.length * office.rowsPerFile : 0,
    customers: plan.registrations,
    lost,
  };
}

// -------------------------------------------------------------------------------------------------
// Backup while others write.

export interface BackupUnderLoadPlan {
  visits: number;
  /** At least this many backups, one after another from the start. */
  backups: number;
  /** Go on backing up until the writers are done. */
  untilDone: boolean;
  /** Each backup must finish within this many milliseconds. */
  limitMs: number;
}

export interface BackupUnderLoadResult {
  backups: number;
  /** Backups that started and ended while the writers were still at work. */
  underLoad: number;
  slowestMs: number;
  /** What each copy held (a consistent snapshot: all of an import or none). */
  snapshots: Array<{ transactions: number; visits: number }>;
}

export async function backupUnderLoad(
  office: Office,
  plan: BackupUnderLoadPlan,
  copyPath: (i: number) => string,
): Promise<BackupUnderLoadResult> {
  const options: StartOptions = { db: office.db, timeoutMs: 180_000 };
  const base = await databaseCounts(office.db);
  const clean = (outcome: Outcome, args: string[]): void => expectClean(outcome, args.join(' '));
  const clerk = inSequence(
    Array.from({ length: plan.visits }, (_, i) => ['visit', 'add', String((i % office.customers) + 1), '--method', 'email', '--no-input']),
    options,
    clean,
  );
  const cron = inSequence(
    office.files.map((file) => ['import', 'transactions', file]),
    options,
    clean,
  );
  let writing = true;
  const writers = Promise.all([clerk, cron]).finally(() => (writing = false));

  const snapshots: Array<{ transactions: number; visits: number; path: string }> = [];
  let underLoad = 0;
  let slowestMs = 0;
  for (let i = 0; (plan.untilDone && writing) || i < plan.backups; i++) {
    const target = copyPath(i);
    const startedWhileWriting = writing;
    const backup = await runToEnd(['backup', '--to', target], options);
    expectClean(backup, `backup ${i}`);
    expect(backup.ms, `backup ${i} took too long`).toBeLessThan(plan.limitMs);
    slowestMs = Math.max(slowestMs, backup.ms);
    if (startedWhileWriting && writing) underLoad++;
    expect(backup.stdout).toBe(`${target}\n`);
    // The copy is intact, is a custrack database, and is one consistent moment of the office.
    const copy = rawState(target, ['customers', 'transactions', 'visits', 'history'], 'quick_check');
    expect(copy).toMatchObject({ integrity: 'ok', applicationId: 0x4373546b });
    const imported = copy.counts.transactions! - base.transactions!;
    expect(imported % office.rowsPerFile, `backup ${i} holds part of an import`).toBe(0);
    const imports = imported / office.rowsPerFile;
    expect(copy.counts.history, `backup ${i}: history and data of one moment`).toBe(
      base.history! + (copy.counts.visits! - base.visits!) + imports,
    );
    snapshots.push({ transactions: copy.counts.transactions!, visits: copy.counts.visits!, path: target });
  }
  await writers;
  // custrack opens every copy as its own database.
  for (const snapshot of snapshots) {
    const check = await runToEnd(['db', 'check', '--format', 'json'], { db: snapshot.path });
    expectClean(check, `db check of ${snapshot.path}`);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, counts: { transactions: snapshot.transactions, visits: snapshot.visits } });
  }
  // The office's file passes its integrity check (the server has none to run).
  if (!isServerUrl(office.db)) expect(rawState(office.db, []).integrity).toBe('ok');
  expect(await databaseCounts(office.db)).toEqual({
    customers: base.customers,
    transactions: base.transactions! + office.files.length * office.rowsPerFile,
    visits: base.visits! + plan.visits,
    history: base.history! + plan.visits + office.files.length,
  });
  return {
    backups: snapshots.length,
    underLoad,
    slowestMs,
    snapshots: snapshots.map(({ transactions, visits }) => ({ transactions, visits })),
  };
}
