// Finished reports, stored with the data generation they were computed at (migration 2). A report is
// served from here only while no write has happened since and the same program computed it.
import type { Db } from '../open.js';
import { prepared } from './statements.js';
import { currentGeneration, tryQuickWrite } from './tx.js';
import type { ReportCache, ReportKey } from '../../app/store.js';

export class SqliteReportCache implements ReportCache {
  constructor(private readonly db: Db) {}

  async generation(): Promise<number> {
    return currentGeneration(this.db);
  }

  async lookup(key: ReportKey, generation: number): Promise<unknown> {
    const body = prepared(this.db, 'SELECT body FROM report_cache WHERE report = ? AND period = ? AND program = ? AND generation = ?')
      .pluck()
      .get(key.report, key.period, key.program, generation) as string | undefined;
    return body === undefined ? undefined : JSON.parse(body);
  }

  /** Storing is a help, never a reason to wait or fail: given up when the lock is held or the file is read-only. */
  async store(key: ReportKey, generation: number, report: unknown): Promise<boolean> {
    return tryQuickWrite(this.db, () => {
      if (currentGeneration(this.db) !== generation) return false;
      prepared(
        this.db,
        `INSERT INTO report_cache (report, period, program, generation, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (report, period, program) DO UPDATE SET generation = excluded.generation, body = excluded.body`,
      ).run(key.report, key.period, key.program, generation, JSON.stringify(report));
      return true;
    });
  }
}
