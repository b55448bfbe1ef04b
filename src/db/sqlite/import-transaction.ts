// The write transaction of an import on SQLite: one BEGIN IMMEDIATE, committed only when every row was good.
import type { Db } from '../open.js';
import { prepared } from './statements.js';
import { bumpGeneration } from './tx.js';

/** Bytes per row in a typical file, to guess from the file size whether a load is large. */
const BYTES_PER_ROW = 80;

/** The write transaction of one import, with the secondary indices of a table set aside for a bulk load. */
export class ImportTransaction {
  private open = false;
  private setAside: Array<{ name: string; sql: string }> = [];

  constructor(private readonly db: Db) {}

  begin(table: string, bytes: number): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    // A bigger page cache keeps a large load from spilling half-built pages to the WAL.
    this.db.pragma('cache_size = -65536');
    const existing = (prepared(this.db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    if (bytes / BYTES_PER_ROW > 50_000 && bytes / BYTES_PER_ROW > existing) {
      this.setAside = prepared(
        this.db,
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
      ).all(table) as Array<{
        name: string;
        sql: string;
      }>;
      for (const index of this.setAside) this.db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
    }
  }

  rebuild(): void {
    for (const index of this.setAside) this.db.exec(index.sql);
    this.setAside = [];
  }

  commit(): void {
    if (!this.open) return;
    bumpGeneration(this.db);
    this.db.exec('COMMIT');
    this.open = false;
  }

  rollback(): void {
    if (!this.open) return;
    this.open = false;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
