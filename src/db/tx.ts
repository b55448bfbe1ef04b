import type BetterSqlite3 from 'better-sqlite3';

/**
 * Every write is one transaction that starts with BEGIN IMMEDIATE, so a cron job and a clerk writing
 * at once wait for each other (busy timeout) instead of failing halfway with SQLITE_BUSY.
 */
export function inWriteTransaction<T>(db: BetterSqlite3.Database, work: () => T): T {
  return db.transaction(work).immediate();
}
