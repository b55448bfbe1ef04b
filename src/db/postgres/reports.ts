// Finished reports on PostgreSQL, stored with the data generation they were computed at (as on SQLite:
// src/db/sqlite/reports.ts). Every write transaction moves the generation on (store.ts).
import type { ReportCache, ReportKey } from '../../app/store.js';
import { WRITE_LOCK } from './locks.js';
import type { Sql } from './sql.js';

export class PostgresReportCache implements ReportCache {
  constructor(private readonly sql: Sql) {}

  async generation(): Promise<number> {
    return (await this.sql.value<number>('SELECT value FROM data_generation WHERE id = 1')) ?? 0;
  }

  async lookup(key: ReportKey, generation: number): Promise<unknown> {
    const body = await this.sql.value<string>(
      'SELECT body FROM report_cache WHERE report = $1 AND period = $2 AND program = $3 AND generation = $4',
      [key.report, key.period, key.program, generation],
    );
    return body === undefined ? undefined : JSON.parse(body);
  }

  /**
   * Storing is a help, never a reason to wait or fail: given up when another custrack writer holds the
   * write lock, the data moved on, or the login may not write.
   */
  async store(key: ReportKey, generation: number, report: unknown): Promise<boolean> {
    if (this.sql.inTransaction) return false;
    try {
      await this.sql.run('BEGIN');
      if (!(await this.sql.value<boolean>('SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK]))) {
        await this.sql.run('ROLLBACK');
        return false;
      }
      if ((await this.generation()) !== generation) {
        await this.sql.run('ROLLBACK');
        return false;
      }
      await this.sql.run(
        `INSERT INTO report_cache (report, period, program, generation, body) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (report, period, program) DO UPDATE SET generation = excluded.generation, body = excluded.body`,
        [key.report, key.period, key.program, generation, JSON.stringify(report)],
      );
      await this.sql.run('COMMIT');
      return true;
    } catch (err) {
      await this.sql.run('ROLLBACK').catch(() => {});
      const reason = (err as { key?: string }).key;
      if (reason === 'pg.read_only' || reason === 'pg.permission') return false;
      throw err;
    }
  }
}
