// Finished reports, stored with the data generation they were computed at (migration 2). A report is
// served from here only while no write has happened since and the same program computed it.
import type { Db } from '../open.js';
import { prepared } from './statements.js';
import { currentGeneration, tryQuickWrite } from './tx.js';

export interface ReportKey {
  /** Which report: 'monthly'. */
  report: string;
  /** Its period: '2026-10'. */
  period: string;
  /** The program and report format that computed it: a new version recomputes. */
  program: string;
}

export class ReportCacheRepo {
  constructor(private readonly db: Db) {}

  /** Read this first, then the data: a report computed from it is stored under this generation. */
  generation(): number {
    return currentGeneration(this.db);
  }

  /** The stored report for this key at this generation, or undefined. */
  lookup(key: ReportKey, generation: number): unknown {
    const body = prepared(this.db, 'SELECT body FROM report_cache WHERE report = ? AND period = ? AND program = ? AND generation = ?')
      .pluck()
      .get(key.report, key.period, key.program, generation) as string | undefined;
    return body === undefined ? undefined : JSON.parse(body);
  }

  /**
   * Stores a report computed at `generation`, unless the data has moved on since, another process
   * holds the write lock, or the file is read-only: storing is a help, never a reason to wait or fail.
   */
  store(key: ReportKey, generation: number, report: unknown): boolean {
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
