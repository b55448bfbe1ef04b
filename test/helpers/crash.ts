// Crash tests in the manner of SQLite's own: run a write in a child process, SIGKILL it at a chosen
// moment, then open the file directly and check that it is intact and holds all of the write or none of
// it, and that the same command run again succeeds. Shared by test/safety (few kill points, small files)
// and test/reliability (many kill points, large files).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import {
  describeKillPoint,
  generateOfficeData,
  killAt,
  runToEnd,
  seededRandom,
  startCli,
  stderrProblems,
  type KillPoint,
  type Outcome,
} from './processes.js';
import { contentDigest, copyClosedDatabase, rawQuery, rawState } from './rawdb.js';
import { buildWithExtraMigration, type MigratingBuild } from './migrating-build.js';
import type { ScratchOffice } from './scratch.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';

/** What one kill point did: for the figures of the report. */
export interface KillReport {
  label: string;
  killed: boolean;
  /** What the file held after the kill: none of the write, or all of it. */
  held: 'none' | 'all';
  ms: number;
}

// Opened read-write below: a read-only connection cannot remove the -wal/-shm files when it closes.
function indexNames(path: string): string[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
  } finally {
    db.close();
  }
}

function importEntries(path: string): Array<{ added: number }> {
  const db = new Database(path, { fileMustExist: true });
  try {
    const rows = db.prepare("SELECT new FROM history WHERE action = 'import' AND entity = 'transactions' ORDER BY id").all() as Array<{
      new: string;
    }>;
    return rows.map((r) => JSON.parse(r.new) as { added: number });
  } finally {
    db.close();
  }
}

/** Samples a file's size every millisecond while a process runs; resolves with the largest size seen. */
async function largestSize(path: string, done: Promise<unknown>): Promise<number> {
  let largest = 0;
  const timer = setInterval(() => {
    try {
      largest = Math.max(largest, statSync(path).size);
    } catch {
      // not there (yet, or any more)
    }
  }, 1);
  await done;
  clearInterval(timer);
  return largest;
}

function expectClean(outcome: Outcome, what: string): void {
  expect(outcome.timedOut, `${what} timed out`).toBe(false);
  expect(outcome.code, `${what}: ${outcome.stderr}`).toBe(0);
  expect(stderrProblems(outcome.stderr), what).toEqual([]);
}

// -------------------------------------------------------------------------------------------------
// A large `import transactions`, killed.

export interface ImportCrashPlan {
  customers: number;
  rows: number;
  /** Kill points at seeded random moments in the first three quarters of the import (each must kill). */
  randomPoints: number;
  /** Kill points inside and just after the commit, found by watching the WAL grow (they may come too late). */
  latePoints: 'few' | 'many';
  seed: number;
}

export interface ImportCrashResult {
  rows: number;
  calibrationMs: number;
  points: KillReport[];
}

export async function importCrashScenario(office: ScratchOffice, plan: ImportCrashPlan): Promise<ImportCrashResult> {
  const data = generateOfficeData(office.path('data'), plan.customers, plan.rows);
  // The office before the import: its customers registered, so the import matches and derives starts.
  const base = office.path('base.db');
  expectClean(await runToEnd(['import', 'customers', data.customers, '--allow-similar'], { db: base }), 'import customers');
  const baseDigest = contentDigest(base);
  const baseIndices = indexNames(base);

  // One undisturbed run: the expected end state, how long the import takes and how large its WAL grows.
  const reference = office.path('reference.db');
  copyClosedDatabase(base, reference);
  const run = startCli(['import', 'transactions', data.transactions], { db: reference });
  const largestWal = largestSize(`${reference}-wal`, run.done);
  const calibration = await run.done;
  expectClean(calibration, 'the undisturbed import');
  const walBytes = await largestWal;
  expect(rawState(reference).counts.transactions).toBe(plan.rows);
  const fullDigest = contentDigest(reference);
  expect(indexNames(reference)).toEqual(baseIndices);
  rmSync(reference, { force: true });

  const random = seededRandom(plan.seed);
  const span = calibration.ms;
  const points: Array<{ point: (db: string) => KillPoint; mustKill: boolean }> = [];
  for (let i = 0; i < plan.randomPoints; i++) {
    const at = span * (0.08 + 0.67 * random());
    points.push({ point: () => ({ afterMs: at }), mustKill: true });
  }
  // The commit: its first WAL frame, half of it written, all but the last few frames (just before the
  // commit frame), all of it (then the fsync and the checkpoint), and by time near the end.
  const late: Array<(db: string) => KillPoint> =
    plan.latePoints === 'many'
      ? [
          (db) => ({ whenSize: `${db}-wal`, bytes: 33 }),
          (db) => ({ whenSize: `${db}-wal`, bytes: Math.floor(walBytes * 0.5) }),
          (db) => ({ whenSize: `${db}-wal`, bytes: Math.floor(walBytes * 0.9) }),
          (db) => ({ whenSize: `${db}-wal`, bytes: Math.floor(walBytes * 0.98) }),
          // The whole WAL written (the commit frame is its last): killed in the fsync or the checkpoint.
          (db) => ({ whenSize: `${db}-wal`, bytes: walBytes, delayMs: 15 }),
          () => ({ afterMs: span * 0.9 }),
          () => ({ afterMs: span * 0.97 }),
        ]
      : [(db) => ({ whenSize: `${db}-wal`, bytes: Math.floor(walBytes * 0.6) })];
  for (const point of late) points.push({ point, mustKill: false });

  const reports: KillReport[] = [];
  for (const [i, { point, mustKill }] of points.entries()) {
    const dir = office.path(`kill-${i}`);
    mkdirSync(dir);
    const db = join(dir, 'custrack.db');
    let at: KillPoint;
    let result;
    // A seeded moment can come after the end when this run is faster than the undisturbed one (a busy
    // machine): then the same point is tried again at half the time, on a fresh copy, until it hits.
    for (let scale = 1; ; scale /= 2) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      copyClosedDatabase(base, db);
      at = point(db);
      if ('afterMs' in at) at = { afterMs: at.afterMs * scale };
      result = await killAt(startCli(['import', 'transactions', data.transactions], { db }), at);
      if (result.killed || !mustKill || scale < 1 / 16) break;
      expectClean(result, `the import that outran kill point ${describeKillPoint(at)}`);
    }
    const label = describeKillPoint(at);
    if (mustKill) expect(result.killed, `kill point ${label} came after the import had finished (${result.ms} ms)`).toBe(true);
    if (!result.killed) expectClean(result, `the import that outran kill point ${label}`);

    // Straight after the kill, before custrack touches the file again.
    const state = rawState(db);
    expect(state.integrity, `integrity after a kill at ${label}`).toBe('ok');
    expect([0, plan.rows], `transactions after a kill at ${label}`).toContain(state.counts.transactions);
    const held = state.counts.transactions === plan.rows ? 'all' : 'none';
    expect(contentDigest(db), `content after a kill at ${label}`).toBe(held === 'all' ? fullDigest : baseDigest);
    expect(indexNames(db), `indices after a kill at ${label}`).toEqual(baseIndices);
    expect(importEntries(db).length, `history after a kill at ${label}`).toBe(held === 'all' ? 1 : 0);

    // The clerk runs it again: it succeeds and the office holds every row exactly once.
    const rerun = await runToEnd(['import', 'transactions', data.transactions], { db });
    expectClean(rerun, `the import run again after a kill at ${label}`);
    expect(rawState(db, ['transactions'], 'quick_check')).toMatchObject({ integrity: 'ok', counts: { transactions: plan.rows } });
    expect(importEntries(db).reduce((sum, e) => sum + e.added, 0)).toBe(plan.rows);
    reports.push({ label, killed: result.killed, held, ms: result.ms });
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows: plan.rows, calibrationMs: span, points: reports };
}

// -------------------------------------------------------------------------------------------------
// Small writes killed: `init` on a fresh file, `customer add` and `customer edit` on an existing one.

export interface SmallWriteCrashPlan {
  /** Kill points per command. */
  pointsPerCommand: number;
  seed: number;
}

/** A kill point for a command of ~150 ms, before its directory is known. */
type SmallPoint = { on: 'file' | 'wal'; delayMs: number } | { on: 'time'; afterMs: number };

/**
 * When the database file or its WAL appears, plus a few ms (inside the open, the migration or the write),
 * or a moment in the start-up. Seeded: the same points on every run.
 */
function smallWritePoints(random: () => number, count: number, fresh: boolean): SmallPoint[] {
  const points: SmallPoint[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    if (kind === 0 && fresh) points.push({ on: 'file', delayMs: Math.floor(random() * 4) });
    else if (kind === 0 || kind === 1) points.push({ on: 'wal', delayMs: Math.floor(random() * 12) });
    else points.push({ on: 'time', afterMs: 40 + random() * 120 });
  }
  return points;
}

function placed(point: SmallPoint, dir: string, db: string, scale: number): KillPoint {
  if (point.on === 'time') return { afterMs: point.afterMs * scale };
  return { whenExists: point.on === 'file' ? db : `${db}-wal`, dir, delayMs: Math.floor(point.delayMs * scale) };
}

export interface SmallWriteCrashResult {
  /** Every attempt: a point whose command finished first is tried again sooner (and reported both times). */
  points: KillReport[];
  /** Planned points that ended in a kill. */
  killedPoints: number;
}

const ATTEMPTS = 5;

export async function initCrashScenario(office: ScratchOffice, plan: SmallWriteCrashPlan): Promise<SmallWriteCrashResult> {
  const random = seededRandom(plan.seed);
  const reports: KillReport[] = [];
  let killedPoints = 0;
  for (const [i, point] of smallWritePoints(random, plan.pointsPerCommand, true).entries()) {
    for (let attempt = 0, scale = 1; attempt < ATTEMPTS; attempt++, scale /= 2) {
      const dir = office.path(`init-${i}-${attempt}`);
      mkdirSync(dir);
      const db = join(dir, 'custrack.db');
      const at = placed(point, dir, db, scale);
      const label = `init, ${describeKillPoint(at)}`;
      const result = await killAt(startCli(['init'], { db }), at);
      if (!result.killed) expectClean(result, label);
      let held: 'none' | 'all' = 'none';
      if (existsSync(db) && statSync(db).size > 0) {
        const state = rawState(db, []);
        expect(state.integrity, label).toBe('ok');
        // Either nothing of the schema, or all of it with the custrack marks.
        if (state.userVersion === 0) {
          expect(state.tables, label).toEqual([]);
          expect(state.applicationId, label).toBe(0);
        } else {
          held = 'all';
          // Migrations commit one at a time: a kill between two leaves a complete earlier version,
          // which the next open migrates on.
          expect(state.userVersion, label).toBeGreaterThanOrEqual(1);
          expect(state.userVersion, label).toBeLessThanOrEqual(SCHEMA_VERSION);
          expect(state.applicationId, label).toBe(0x4373546b);
          expect(state.tables, label).toEqual(expect.arrayContaining(['customers', 'transactions', 'visits', 'history', 'settings']));
          if (state.userVersion >= 2) expect(state.tables, label).toEqual(expect.arrayContaining(['data_generation', 'report_cache']));
        }
      }
      // Run again: init succeeds, and the database is complete, checked and usable.
      expectClean(await runToEnd(['init'], { db }), `init again after ${label}`);
      const check = await runToEnd(['db', 'check', '--full', '--format', 'json'], { db });
      expectClean(check, `db check after ${label}`);
      expect(JSON.parse(check.stdout)).toMatchObject({
        ok: true,
        integrity: ['ok'],
        schema_version: SCHEMA_VERSION,
        counts: { customers: 0, history: 0 },
      });
      reports.push({ label, killed: result.killed, held, ms: result.ms });
      rmSync(dir, { recursive: true, force: true });
      if (result.killed) {
        killedPoints++;
        break;
      }
    }
  }
  return { points: reports, killedPoints };
}

export async function customerWriteCrashScenario(office: ScratchOffice, plan: SmallWriteCrashPlan): Promise<SmallWriteCrashResult> {
  const random = seededRandom(plan.seed);
  const db = office.dbPath;
  expectClean(await runToEnd(['customer', 'add', '--name', '深圳市腾达（集团）有限公司', '--owner', '张伟'], { db }), 'setup');
  const reports: KillReport[] = [];
  let killedPoints = 0;
  const count = (): { customers: number; history: number; grade: string } => {
    const state = rawState(db, ['customers', 'history']);
    expect(state.integrity).toBe('ok');
    const [{ grade }] = rawQuery<{ grade: string }>(db, 'SELECT grade FROM customers WHERE id = 1') as [{ grade: string }];
    return { customers: state.counts.customers!, history: state.counts.history!, grade };
  };
  let n = 0;
  for (const [i, point] of smallWritePoints(random, plan.pointsPerCommand * 2, false).entries()) {
    const adding = i % 2 === 0;
    for (let attempt = 0, scale = 1; attempt < ATTEMPTS; attempt++, scale /= 2) {
      const before = count();
      const name = `新客户${n++}号有限公司`;
      const grade = before.grade === 'A' ? 'B' : 'A';
      const args = adding ? ['customer', 'add', '--name', name, '--owner', '李娜'] : ['customer', 'edit', '1', '--grade', grade];
      const at = placed(point, office.dir, db, scale);
      const label = `${args.slice(0, 2).join(' ')}, ${describeKillPoint(at)}`;
      const result = await killAt(startCli(args, { db }), at);
      if (!result.killed) expectClean(result, label);
      const after = count();
      // The change and its history entry together, or neither.
      const changed = adding ? after.customers === before.customers + 1 : after.grade === grade;
      if (adding) expect([before.customers, before.customers + 1], label).toContain(after.customers);
      else expect([before.grade, grade], label).toContain(after.grade);
      expect(after.history, `history after ${label}`).toBe(before.history + (changed ? 1 : 0));
      // Run again: the customer is there exactly once (a second add is a duplicate: exit 4), the grade is set.
      const rerun = await runToEnd(args, { db });
      if (adding && changed) expect(rerun.code, label).toBe(4);
      else expectClean(rerun, `${label}, run again`);
      const final = count();
      if (adding) expect(final.customers).toBe(before.customers + 1);
      else expect(final.grade).toBe(grade);
      expect(final.history).toBe(before.history + 1);
      reports.push({ label, killed: result.killed, held: changed ? 'all' : 'none', ms: result.ms });
      if (result.killed) {
        killedPoints++;
        break;
      }
    }
  }
  return { points: reports, killedPoints };
}

// -------------------------------------------------------------------------------------------------
// A migration killed halfway (a test build with one more migration; see migrating-build.ts).

export interface MigrationCrashPlan {
  customers: number;
  rows: number;
  /** Rows the test migration generates into a new table (makes it long enough to kill inside). */
  extraRows: number;
  randomPoints: number;
  latePoints: 'few' | 'many';
  seed: number;
}

export interface MigrationCrashResult {
  calibrationMs: number;
  points: KillReport[];
  /** Files other than the database and its backups that a killed migration left behind. */
  leftovers: string[];
}

/** The test migration: a large new table filled in the migration, and an UPDATE of every transaction. */
export function testMigrationSql(extraRows: number): string {
  return `
    CREATE TABLE reliability_extra (n INTEGER PRIMARY KEY, filler TEXT NOT NULL);
    INSERT INTO reliability_extra (n, filler)
      WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${extraRows})
      SELECT n, hex(randomblob(40)) FROM seq;
    ALTER TABLE transactions ADD COLUMN reliability_mark TEXT;
    UPDATE transactions SET reliability_mark = 'migrated';
    CREATE INDEX transactions_reliability_mark ON transactions (reliability_mark, date);
  `;
}

export async function migrationCrashScenario(office: ScratchOffice, plan: MigrationCrashPlan): Promise<MigrationCrashResult> {
  const build: MigratingBuild = await buildWithExtraMigration(office.path('build'), testMigrationSql(plan.extraRows));
  const data = generateOfficeData(office.path('data'), plan.customers, plan.rows);
  const base = office.path('base.db');
  expectClean(await runToEnd(['import', 'customers', data.customers, '--allow-similar'], { db: base }), 'import customers');
  expectClean(await runToEnd(['import', 'transactions', data.transactions], { db: base }), 'import transactions');
  const before = rawState(base, ['customers', 'transactions', 'history']);
  expect(before.userVersion).toBe(build.version - 1);

  const expectMigrated = (db: string, label: string): void => {
    const state = rawState(db, ['customers', 'transactions', 'history', 'reliability_extra']);
    expect(state, label).toMatchObject({ integrity: 'ok', userVersion: build.version, applicationId: 0x4373546b });
    expect(state.counts, label).toEqual({ ...before.counts, reliability_extra: plan.extraRows });
    const [{ n }] = rawQuery<{ n: number }>(db, "SELECT count(*) AS n FROM transactions WHERE reliability_mark = 'migrated'") as [
      { n: number },
    ];
    expect(n, label).toBe(plan.rows);
  };
  const expectOld = (db: string, label: string): void => {
    const state = rawState(db, ['customers', 'transactions', 'history', 'reliability_extra']);
    expect(state, label).toMatchObject({ integrity: 'ok', userVersion: build.version - 1, applicationId: 0x4373546b });
    expect(state.counts, label).toEqual(before.counts);
    expect(state.tables, label).not.toContain('reliability_extra');
  };
  /** Verified backups beside the file: each a complete copy of the old version. */
  const expectBackups = (dir: string, label: string): string[] => {
    const backups = readdirSync(dir).filter((f) => /^custrack\.db\.v\d+-\d{8}T\d{6}\.bak$/u.test(f));
    for (const name of backups) {
      const copy = rawState(join(dir, name), ['customers', 'transactions', 'history'], 'quick_check');
      expect(copy, `${label}: backup ${name}`).toMatchObject({ integrity: 'ok', userVersion: build.version - 1, counts: before.counts });
      expect(statSync(join(dir, name)).mode & 0o777, `${label}: backup ${name}`).toBe(0o600);
    }
    return backups;
  };

  // Undisturbed: the migration keeps every row, and leaves a verified backup beside the file.
  const reference = office.path('reference');
  mkdirSync(reference);
  const refDb = join(reference, 'custrack.db');
  copyClosedDatabase(base, refDb);
  const run = startCli(['db', 'check'], { db: refDb, binary: build.binary, umask: '000' });
  const largestWal = largestSize(`${refDb}-wal`, run.done);
  const calibration = await run.done;
  expectClean(calibration, 'the undisturbed migration');
  const walBytes = await largestWal;
  expectMigrated(refDb, 'the undisturbed migration');
  expect(expectBackups(reference, 'the undisturbed migration')).toHaveLength(1);
  rmSync(reference, { recursive: true, force: true });

  const random = seededRandom(plan.seed);
  const span = calibration.ms;
  const points: Array<(dir: string, db: string) => KillPoint> = [];
  for (let i = 0; i < plan.randomPoints; i++) {
    const at = span * (0.1 + 0.85 * random());
    points.push(() => ({ afterMs: at }));
  }
  // While the backup is written, right after it is in place, and inside the migration transaction.
  points.push((dir) => ({ whenExists: /\.bak\.tmp-\d+$/u, dir, delayMs: 5 }));
  points.push((dir) => ({ whenExists: /\.bak$/u, dir }));
  points.push((_dir, db) => ({ whenSize: `${db}-wal`, bytes: Math.floor(walBytes * 0.5) }));
  if (plan.latePoints === 'many') {
    points.push((dir) => ({ whenExists: /\.bak\.tmp-\d+$/u, dir }));
    points.push((_dir, db) => ({ whenSize: `${db}-wal`, bytes: 33 }));
    points.push((_dir, db) => ({ whenSize: `${db}-wal`, bytes: Math.floor(walBytes * 0.95) }));
    // Just before the end, by time: the commit or the close (not retried: it may come too late).
    points.push(() => ({ afterMs: span * 0.98, late: true }) as KillPoint);
  }

  const reports: KillReport[] = [];
  const leftovers: string[] = [];
  for (const [i, point] of points.entries()) {
    const dir = office.path(`kill-${i}`);
    const db = join(dir, 'custrack.db');
    let at: KillPoint;
    let result;
    // A seeded moment that comes after the end (a faster run than the undisturbed one) is tried again at
    // half the time on a fresh copy, until it hits.
    for (let scale = 1; ; scale /= 2) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      copyClosedDatabase(base, db);
      at = point(dir, db);
      if ('afterMs' in at && !('late' in at)) at = { afterMs: at.afterMs * scale };
      result = await killAt(startCli(['db', 'check'], { db, binary: build.binary }), at);
      if (result.killed || !('afterMs' in at) || 'late' in at || scale < 1 / 16) break;
    }
    const label = `migration, ${describeKillPoint(at)}`;
    if (!result.killed) expectClean(result, label);
    const version = rawState(db, []).userVersion;
    if (version === build.version) expectMigrated(db, label);
    else expectOld(db, label);
    expectBackups(dir, label);
    for (const name of readdirSync(dir)) {
      if (!/^custrack\.db(\.v\d+-\d{8}T\d{6}\.bak)?$/u.test(name)) {
        leftovers.push(`${label}: ${name}`);
        expect(statSync(join(dir, name)).mode & 0o777, `${label}: ${name}`).toBe(0o600);
      }
    }
    // custrack (the new build) opens it again: it migrates or has migrated, with every row.
    const again = await runToEnd(['db', 'check', '--format', 'json'], { db, binary: build.binary });
    expectClean(again, `${label}, opened again`);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, schema_version: build.version });
    expectMigrated(db, `${label}, opened again`);
    expect(expectBackups(dir, `${label}, opened again`).length).toBeGreaterThanOrEqual(1);
    reports.push({ label, killed: result.killed, held: version === build.version ? 'all' : 'none', ms: result.ms });
    rmSync(dir, { recursive: true, force: true });
  }
  return { calibrationMs: span, points: reports, leftovers };
}

/** One line per kill point, for the test's console output (the figures of the report). */
export function summarize(title: string, points: KillReport[]): string {
  const killed = points.filter((p) => p.killed).length;
  const all = points.filter((p) => p.held === 'all').length;
  return [
    `${title}: ${killed}/${points.length} kill points hit (${all} left all of the write, ${points.length - all} none of it)`,
    ...points.map((p) => `  ${p.killed ? 'killed' : 'finished'} @ ${p.label} → ${p.held}`),
  ].join('\n');
}
