// A consistent copy of the open database: VACUUM INTO a private temporary file, verify it, then rename.
// VACUUM INTO reads one snapshot, so writers in other processes go on and the copy ends in bounded time.
import { renameSync, rmSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseError } from '../../errors.js';
import { dirname } from 'node:path';
import { createPrivateFile, isDiskFull, removeStaleTemps, removeWithSideFiles, tempName } from '../../io/files.js';
import { connect } from '../driver.js';

export function copyDatabase(db: BetterSqlite3.Database, target: string): void {
  removeStaleTemps(target);
  const temp = tempName(target);
  rmSync(temp, { force: true });
  createPrivateFile(temp);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    verifyCopy(temp);
    renameSync(temp, target);
  } catch (err) {
    removeWithSideFiles(temp);
    if (err instanceof DatabaseError) throw err;
    if (isDiskFull(err)) throw new DatabaseError('disk.full', { path: dirname(target) });
    throw new DatabaseError('backup.failed', { path: target, reason: (err as Error).message });
  }
}

/** `PRAGMA quick_check` on the copy must say ok. */
export function verifyCopy(path: string): void {
  const copy = connect(path, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new DatabaseError('backup.unverified', { path, reason: String(result) });
  } finally {
    copy.close();
  }
}
