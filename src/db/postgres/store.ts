// The PostgreSQL engine behind the engine-neutral Store (src/app/store.ts): one shared database for every
// office, one connection per command.
import type { Health, ImportSettings, Store, TableRows } from '../../app/store.js';
import type { SimilarImportSettings } from '../../app/store-similar.js';
import type { ImportSink } from '../../io/import.js';
import type { Actor } from '../clock.js';
import { connectClient, parsePostgresUrl, postgresError, type PostgresTarget } from './connection.js';
import { WRITE_LOCK } from './locks.js';
import { POSTGRES_SCHEMA_VERSION, prepareSchema } from './migrate.js';
import { Sql } from './sql.js';
import { PostgresHistory } from './history.js';
import { PostgresSettings } from './settings.js';
import { PostgresCalendar } from './calendar.js';
import { PostgresCustomers } from './customers.js';
import { PostgresExports, PostgresTransactions } from './transactions.js';
import { PostgresVisits } from './visits.js';
import { PostgresForms } from './forms.js';
import { PostgresApplications } from './applications.js';
import { PostgresReportCache } from './reports.js';
import { PostgresFacts } from './facts.js';
import { PostgresComplaints } from './complaints.js';
import { PostgresSimilarNames } from './similar.js';
import { loadTables, readTables, tableCounts } from './tables.js';
import { DATA_TABLES } from '../tables.js';

export interface PostgresOptions {
  create: boolean;
  actor: Actor;
  userGiven: boolean;
  busyTimeoutMs: number;
  env: NodeJS.ProcessEnv;
}

export async function openPostgresStore(location: string, options: PostgresOptions): Promise<PostgresStore> {
  const target = parsePostgresUrl(location, options.env);
  const client = await connectClient(target, options.env);
  const sql = new Sql(client, target);
  // A session ended by the server while idle (a restart) surfaces on the next query; keep the process alive until then.
  client.on('error', () => {});
  try {
    await prepareSchema(sql, { create: options.create, schema: target.schema, location: target.shown });
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  // The history names --user / CUSTRACK_USER, else the database login (shared by people on many machines).
  const actor = options.userGiven ? options.actor : { ...options.actor, user: target.user };
  return new PostgresStore(sql, target, { ...options, actor });
}

export class PostgresStore implements Store {
  readonly engine = 'postgres' as const;
  readonly location: string;
  readonly history: PostgresHistory;
  readonly settings: PostgresSettings;
  readonly calendar: PostgresCalendar;
  readonly customers: PostgresCustomers;
  readonly transactions: PostgresTransactions;
  readonly visits: PostgresVisits;
  readonly forms: PostgresForms;
  readonly applications: PostgresApplications;
  readonly complaints: PostgresComplaints;
  readonly reports: PostgresReportCache;
  readonly facts: PostgresFacts;
  readonly exports: PostgresExports;
  readonly similarNames: PostgresSimilarNames;

  constructor(
    /** The connection, for this engine's own modules and tests. */
    readonly sql: Sql,
    readonly target: PostgresTarget,
    private readonly options: PostgresOptions,
  ) {
    this.location = target.shown;
    const { actor } = options;
    this.history = new PostgresHistory(sql, actor);
    this.settings = new PostgresSettings(sql, this.history);
    this.calendar = new PostgresCalendar(sql, this.history);
    this.similarNames = new PostgresSimilarNames(sql, this.history, actor);
    this.customers = new PostgresCustomers(
      sql,
      this.history,
      actor,
      async () => (await this.settings.all())['eligibility.years'],
      this.similarNames,
    );
    this.transactions = new PostgresTransactions(sql);
    this.visits = new PostgresVisits(sql, this.history, actor);
    this.forms = new PostgresForms(sql, this.history, actor);
    this.applications = new PostgresApplications(sql, this.history, actor);
    this.complaints = new PostgresComplaints(sql, this.history, actor);
    this.reports = new PostgresReportCache(sql);
    this.facts = new PostgresFacts(sql);
    this.exports = new PostgresExports(sql);
  }

  /**
   * Takes the transaction-level write lock first, the counterpart of SQLite's BEGIN IMMEDIATE: every
   * custrack writer waits for the one before it (up to the busy timeout, then exit 5) instead of two
   * clerks interleaving half-checked writes. Readers never wait: they read the last committed snapshot.
   * The commit moves the data generation on, which tells stored reports they are out of date.
   */
  async write<T>(work: () => Promise<T>): Promise<T> {
    const { sql } = this;
    await sql.run('BEGIN');
    sql.inTransaction = true;
    try {
      await sql.run(`SET LOCAL lock_timeout = ${this.busyTimeoutMs}`);
      await sql.value('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
      const result = await work();
      await sql.run('UPDATE data_generation SET value = value + 1 WHERE id = 1');
      await sql.run('COMMIT');
      return result;
    } catch (err) {
      await sql.run('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      sql.inTransaction = false;
    }
  }

  /** How long a writer waits for another's lock before giving up (exit 5). */
  get busyTimeoutMs(): number {
    return Math.max(1, Math.round(this.options.busyTimeoutMs));
  }

  /** One snapshot for a read of many statements (an export's pages): REPEATABLE READ, read only. */
  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    const { sql } = this;
    await sql.run('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    sql.inTransaction = true;
    try {
      const result = await work();
      await sql.run('COMMIT');
      return result;
    } catch (err) {
      await sql.run('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      sql.inTransaction = false;
    }
  }

  async importer(settings: ImportSettings & SimilarImportSettings): Promise<ImportSink> {
    const { postgresImport } = await import('./imports.js');
    return postgresImport(this, settings, this.options.actor);
  }

  async health(_full: boolean): Promise<Health> {
    const counts: Record<string, number> = {};
    for (const table of DATA_TABLES) counts[table] = (await this.sql.value<number>(`SELECT count(*) FROM ${table}`)) ?? 0;
    const problems: string[] = [];
    // What PostgreSQL does not enforce by itself: the append-only history and the data generation row.
    const triggers =
      (await this.sql.value<number>("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'history'::regclass AND NOT tgisinternal")) ?? 0;
    if (triggers < 2) problems.push('the history is missing its append-only triggers');
    if ((await this.sql.value<number>('SELECT count(*) FROM data_generation')) !== 1) problems.push('data_generation must hold one row');
    const unmatched =
      (await this.sql.value<number>(
        'SELECT count(*) FROM customer_facts f LEFT JOIN customers c ON c.id = f.customer_id WHERE c.id IS NULL',
      )) ?? 0;
    if (unmatched > 0) problems.push(`${unmatched} stored fact row(s) without their customer`);
    const version = (await this.sql.value<number>('SELECT max(version) FROM custrack_schema_version')) ?? 0;
    return {
      engine: this.engine,
      integrity: problems.length ? problems : ['ok'],
      foreignKeyProblems: 0,
      schemaVersion: version,
      supportedVersion: POSTGRES_SCHEMA_VERSION,
      journalMode: `PostgreSQL ${(await this.sql.value<string>('SHOW server_version')) ?? ''}`.trim(),
      counts,
    };
  }

  async backup(target: string): Promise<void> {
    const { copyToSqlite } = await import('../copy-between.js');
    await copyToSqlite(this, target);
  }

  tableCounts(): Promise<Record<string, number>> {
    return tableCounts(this.sql);
  }

  readTables(): AsyncIterable<TableRows> {
    return readTables(this.sql);
  }

  loadTables(tables: AsyncIterable<TableRows>, progress?: (table: string, rows: number) => void): Promise<Record<string, number>> {
    return loadTables(this, tables, progress);
  }

  abandon(): void {
    // Dropping the connection is the rollback: the server undoes what this session had not committed.
    this.sql.client.end().catch(() => {});
  }

  async close(): Promise<void> {
    await this.sql.client.end().catch((err: unknown) => {
      throw postgresError(err, this.target);
    });
  }
}
