// The SQLite engine behind the engine-neutral Store (src/app/store.ts): one local file, one connection.
import type { Db } from '../open.js';
import type { ImportSettings, Store, TableRows } from '../../app/store.js';
import type { SimilarImportSettings } from '../../app/store-similar.js';
import type { ImportSink } from '../../io/import.js';
import type { Actor } from '../clock.js';
import { bumpGeneration, inReadSnapshot } from './tx.js';
import { SqliteHistory } from './history.js';
import { SqliteSettings } from './settings.js';
import { SqliteCalendar } from './calendar.js';
import { SqliteCustomers } from './customers.js';
import { SqliteExports, SqliteTransactions } from './transactions.js';
import { SqliteVisits } from './visits.js';
import { SqliteForms } from './forms.js';
import { SqliteApplications } from './applications.js';
import { SqliteComplaints } from './complaints.js';
import { SqliteReportCache } from './reports.js';
import { SqliteFacts } from './facts.js';
import { checkHealth } from './health.js';
import { loadTables, readTables, tableCounts } from './tables.js';
import { SqliteSimilarNames } from './similar.js';

export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  readonly history: SqliteHistory;
  readonly settings: SqliteSettings;
  readonly calendar: SqliteCalendar;
  readonly customers: SqliteCustomers;
  readonly transactions: SqliteTransactions;
  readonly visits: SqliteVisits;
  readonly forms: SqliteForms;
  readonly applications: SqliteApplications;
  readonly complaints: SqliteComplaints;
  readonly reports: SqliteReportCache;
  readonly facts: SqliteFacts;
  readonly exports: SqliteExports;
  readonly similarNames: SqliteSimilarNames;

  constructor(
    /** The connection, for the tests of this engine and for nothing above src/db. */
    readonly db: Db,
    private readonly actor: Actor,
    readonly location: string,
  ) {
    this.history = new SqliteHistory(db, actor);
    this.settings = new SqliteSettings(db, this.history);
    this.calendar = new SqliteCalendar(db, this.history);
    this.similarNames = new SqliteSimilarNames(db, this.history, actor);
    this.customers = new SqliteCustomers(db, this.history, actor, () => this.settings.current()['eligibility.years'], this.similarNames);
    this.transactions = new SqliteTransactions(db);
    this.visits = new SqliteVisits(db, this.history, actor);
    this.forms = new SqliteForms(db, this.history, actor);
    this.applications = new SqliteApplications(db, this.history, actor);
    this.complaints = new SqliteComplaints(db, this.history, actor);
    this.reports = new SqliteReportCache(db);
    this.facts = new SqliteFacts(db);
    this.exports = new SqliteExports(db);
  }

  /**
   * BEGIN IMMEDIATE takes the write lock first, so a cron job and a clerk writing at once wait for each
   * other (busy timeout) instead of failing halfway with SQLITE_BUSY. The commit moves the data generation
   * on, which tells stored reports they are out of date. One connection and one command per process: no
   * other work runs on it while `work` awaits.
   */
  async write<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      bumpGeneration(this.db);
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  snapshot<T>(work: () => Promise<T>): Promise<T> {
    return inReadSnapshot(this.db, work);
  }

  async importer(settings: ImportSettings & SimilarImportSettings): Promise<ImportSink> {
    const [{ CustomerImport, TransactionImport, VisitImport }, { sqliteImportedNames }] = await Promise.all([
      import('./imports.js'),
      import('./import-similar.js'),
    ]);
    const { now } = this.actor;
    switch (settings.kind) {
      case 'transactions':
        return new TransactionImport(this.db, this.history, now, this.settings.current()['eligibility.years']);
      case 'visits':
        return new VisitImport(this.db, this.history, now);
      case 'customers':
        return new CustomerImport(
          this.db,
          this.customers,
          this.history,
          settings.today,
          settings.skipExisting,
          now,
          sqliteImportedNames(this.customers, this.similarNames, {
            allowSimilar: settings.allowSimilar === true,
            threshold: this.settings.current()['similar.threshold'],
          }),
          this.similarNames,
          settings.update === true,
        );
    }
  }

  async health(full: boolean) {
    return { engine: this.engine, ...checkHealth(this.db, full) };
  }

  async backup(target: string): Promise<void> {
    const { copyDatabase } = await import('./copy.js');
    copyDatabase(this.db, target);
  }

  async tableCounts(): Promise<Record<string, number>> {
    return tableCounts(this.db);
  }

  readTables(): AsyncIterable<TableRows> {
    return readTables(this.db);
  }

  loadTables(tables: AsyncIterable<TableRows>, progress?: (table: string, rows: number) => void): Promise<Record<string, number>> {
    return loadTables(this.db, tables, progress);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  abandon(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}
