// A PostgreSQL database written out as a SQLite file (`backup` on the shared engine): one snapshot of the
// server, loaded into a private temporary file, checked with quick_check, then renamed into place.
import { renameSync, rmSync } from 'node:fs';
import { DatabaseError } from '../errors.js';
import { dirname } from 'node:path';
import { createPrivateFile, isDiskFull, removeStaleTemps, removeWithSideFiles, tempName } from '../io/files.js';
import { openDatabase } from './open.js';
import { verifyCopy } from './sqlite/copy.js';
import { loadTables } from './sqlite/tables.js';
import type { PostgresSession } from './postgres/session.js';

export async function copyToSqlite(source: PostgresSession, target: string): Promise<void> {
  removeStaleTemps(target);
  const temp = tempName(target);
  rmSync(temp, { force: true });
  createPrivateFile(temp);
  try {
    const db = openDatabase(temp, { create: true });
    try {
      await source.snapshot(() => loadTables(db, source.readTables()));
    } finally {
      db.close();
    }
    verifyCopy(temp);
    renameSync(temp, target);
  } catch (err) {
    removeWithSideFiles(temp);
    if (err instanceof DatabaseError) throw err;
    if (isDiskFull(err)) throw new DatabaseError('disk.full', { path: dirname(target) });
    throw new DatabaseError('backup.failed', { path: target, reason: (err as Error).message });
  }
}
