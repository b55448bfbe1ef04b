import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from './statements.js';

type Db = BetterSqlite3.Database;

/**
 * Every write is one transaction that starts with BEGIN IMMEDIATE, so a cron job and a clerk writing
 * at once wait for each other (busy timeout) instead of failing halfway with SQLITE_BUSY. It also moves
 * the data generation on, which tells stored reports that they are out of date.
 */
export function inWriteTransaction<T>(db: Db, work: () => T): T {
  const workThenBump = (): T => {
    const result = work();
    bumpGeneration(db);
    return result;
  };
  return db.transaction(workThenBump).immediate();
}

/** Schema migrations: one BEGIN IMMEDIATE transaction each, before the generation exists. */
export function inSchemaTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}

/** For writers that run their own BEGIN IMMEDIATE … COMMIT (bulk imports): call just before COMMIT. */
export function bumpGeneration(db: Db): void {
  prepared(db, 'UPDATE data_generation SET value = value + 1 WHERE id = 1').run();
}

/** The generation of the data as this connection sees it now. */
export function currentGeneration(db: Db): number {
  return (prepared(db, 'SELECT value FROM data_generation WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

/**
 * A read of many statements (an export, a page at a time) from one snapshot: a write committed while it
 * runs is seen entirely or not at all, never half. In WAL mode a reader blocks no writer.
 */
export async function inReadSnapshot<T>(db: Db, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN DEFERRED');
  try {
    return await work();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}

/**
 * A write nobody waits for (storing a finished report): BEGIN IMMEDIATE without the busy timeout,
 * given up when another process holds the lock or the file is read-only. Leaves the generation alone.
 * True when `work` says it wrote.
 */
export function tryQuickWrite(db: Db, work: () => boolean): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return db.transaction(work).immediate();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|READONLY)/u.test(code)) return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
