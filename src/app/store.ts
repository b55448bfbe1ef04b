// The engine-neutral repository interface: what the use cases in src/app/ may ask of a database, and
// nothing else. SQLite (src/db/sqlite/) and PostgreSQL (src/db/postgres/) each implement it; the use
// cases and the commands never see which one they talk to. The customer-service part is in store-service.ts.
//
// Methods return promises. Long lists are `Rows`: a plain iterable where the engine reads synchronously
// (SQLite: no promise per row on a million-row export) or an async one where it streams (PostgreSQL);
// `for await` reads both.
import type { Grade } from '../core/customer.js';
import type { ISODate } from '../core/dates.js';
import type { DatedTransaction } from '../core/eligibility.js';
import type { ApplicationRepository, FormRepository, VisitRepository } from './store-contact.js';
import type { ConfiguredDay, ConfiguredKind, WorkCalendar } from '../core/calendar.js';
import type { OfficialKind } from '../core/holidays.js';
import type { SettingKey, Settings, SettingValue } from '../core/settings.js';
import type { MonthlyFacts } from '../core/monthly.js';
import type { ImportKind } from '../io/headers.js';
import type { ImportSink } from '../io/import.js';
import type * as service from './store-service.js';

import type { SimilarImportSettings, SimilarNameStore } from './store-similar.js';
export type Rows<T> = Iterable<T> | AsyncIterable<T>;

export type * from './store-contact.js';

// --- customers

/** A customer's own fields, described once in src/core/customer.ts. */
export type { CustomerFields } from '../core/customer.js';
import type { CustomerFields } from '../core/customer.js';

export interface CustomerRow extends CustomerFields {
  id: number;
  name_key: string;
  assigned_on: ISODate;
  closed_on: ISODate | null;
  created_at: string;
}

export interface CustomerWithFacts extends CustomerRow {
  /** Latest sale/return before the as-of date. */
  last_business: ISODate | null;
  aliases: string[];
}

export interface CustomerFilter {
  owner?: string | undefined;
  grade?: Grade | undefined;
  search?: string | undefined;
  ids?: number[] | undefined;
}

export type CustomerChange = Partial<CustomerFields & { assigned_on: ISODate; closed_on: ISODate | null }>;

export interface CustomerRepository {
  byId(id: number): Promise<CustomerRow | undefined>;
  /** The customer whose name or former name has this key. */
  byNameKey(key: string): Promise<CustomerRow | undefined>;
  byUscc(uscc: string): Promise<CustomerRow | undefined>;
  /** Customers whose name key contains the text's key, for "did you mean". */
  containing(text: string, limit?: number): Promise<CustomerRow[]>;
  /** Shell completion: ids that start with the text's digits, then names or former names whose key starts with its key. */
  completions(prefix: string, limit: number): Promise<CustomerRow[]>;
  /** Customers with their last business before `asOf`, in id order. */
  list(filter: CustomerFilter, asOf: ISODate): Rows<CustomerWithFacts>;
  /** A new customer (its history entry written, its transactions matched); the registration is its first assignment. */
  insert(fields: CustomerFields): Promise<number>;
  /** Writes the changed fields, one history entry each; returns the names of those that changed. `on` dates a rename's former name. */
  update(id: number, change: CustomerChange, action: string, on?: ISODate): Promise<string[]>;
  /** Adds a former name; false when the customer already has it (as its name or a former name). */
  addAlias(id: number, name: string, addedOn: ISODate): Promise<boolean>;
  count(): Promise<number>;
  /** Every salesperson who owns a customer, in pinyin order. */
  owners(): Promise<string[]>;
}

// --- transactions

export interface TransactionRow {
  id: number;
  ref: string;
  customer_name: string;
  uscc: string | null;
  customer_id: number | null;
  date: string;
  /** Integer fen. */
  amount: number;
  kind: 'sale' | 'sample' | 'return';
  imported_at: string;
}

export interface TransactionRepository {
  /** Every transaction matched to the customer (by USCC, name or former name). */
  forCustomer(customerId: number): Promise<DatedTransaction[]>;
  /** Every transaction invoiced under this name key (names that are not registered). */
  forName(nameKey: string): Promise<DatedTransaction[]>;
  forUscc(uscc: string): Promise<DatedTransaction[]>;
  count(): Promise<number>;
}

// --- history, settings, calendar

export interface HistoryEntry {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entity_id: string | null;
  customer_id: number | null;
  field: string | null;
  old: string | null;
  new: string | null;
}

export interface NewHistoryEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  customerId?: number | null;
  field?: string | null;
  old?: unknown;
  new?: unknown;
}

export interface HistoryFilter extends service.HistoryOfEntity {
  customerId?: number;
  entity?: string;
  limit?: number;
}

export interface HistoryRepository {
  /** Written in the same transaction as the change it describes. */
  record(entry: NewHistoryEntry): Promise<void>;
  /** Newest first. */
  list(filter: HistoryFilter): Rows<HistoryEntry>;
}

export interface SettingsRepository {
  /** Every setting: stored values over the defaults. */
  all(): Promise<Settings>;
  set(key: SettingKey, value: SettingValue): Promise<void>;
}

export type DayKind = OfficialKind;
export type CalendarDay = ConfiguredDay; // a difference from the official calendar (`ordinary`: an official day removed)

export interface CalendarRepository {
  all(kind?: ConfiguredKind): Promise<CalendarDay[]>;
  /** The working-day calendar the rules use: the stored days over the official one (createWorkCalendar). */
  workCalendar(): Promise<WorkCalendar>;
  /** The years the calendars made so far needed that the official calendar does not know (rule 13; shared by them). */
  readonly unknownYears: Set<number>;
  get(date: ISODate): Promise<CalendarDay | undefined>;
  /** Adds or re-marks a day; returns what it was before. */
  put(day: CalendarDay): Promise<CalendarDay | undefined>;
  remove(date: ISODate): Promise<CalendarDay | undefined>;
}

// --- what the lists and reports read

export interface FactsRepository extends service.AssessmentFacts {
  /** What the overdue rules need on `asOf`, read with a few set-based queries; customers streamed. */
  overdue(asOf: ISODate, scope?: service.OverdueScope): Promise<service.StoredOverdueFacts>;
  /** The month's facts for the monthly report. */
  monthly(from: ISODate, to: ISODate): Promise<Omit<MonthlyFacts, 'overdueOwners'>>;
}

export interface ReportKey {
  /** Which report: 'monthly'. */
  report: string;
  /** Its period: '2026-10'. */
  period: string;
  /** The program and report format that computed it: a new version recomputes. */
  program: string;
}

export interface ReportCache {
  /** Read this first, then the data: a report computed from it is stored under this generation. */
  generation(): Promise<number>;
  lookup(key: ReportKey, generation: number): Promise<unknown>;
  /** Stores a report unless the data moved on, another writer holds the lock, or the database is read-only. */
  store(key: ReportKey, generation: number, report: unknown): Promise<boolean>;
}

// --- bulk paths, kept inside the engine: each knows its fastest way

export interface ImportSettings {
  kind: ImportKind;
  /** Customers: a name already registered is skipped instead of being a bad row. */
  skipExisting: boolean;
  /** Customers: the registration date of rows without one. */
  today: ISODate;
  /** Customers: rows that match a registered customer (id, USCC, name key) change its fields (README, "Importing data"). */
  update?: boolean | undefined;
}

/**
 * Rows read packed (one string per row) for csv/tsv, and the typed row of a line that cannot be trusted
 * (at least its id and the columns the lines were asked for).
 */
export interface PackedRows<R> {
  lines: Rows<string>;
  row(line: string): Promise<R> | R;
}

export interface ExportRepository {
  transactions(): Rows<TransactionRow>;
  /** The same rows packed; `columns` are stored transaction columns. Undefined where the engine has no packed path. */
  packedTransactions?(columns: string[]): PackedRows<TransactionRow>;
}

export interface Health {
  engine: 'sqlite' | 'postgres';
  integrity: string[];
  foreignKeyProblems: number;
  schemaVersion: number;
  supportedVersion: number;
  /** SQLite's journal mode; the server version on PostgreSQL. */
  journalMode: string;
  counts: Record<string, number>;
}

/** One table's stored rows, as `db copy` moves them between engines. */
export interface TableRows {
  table: string;
  columns: string[];
  rows: Rows<unknown[]>;
}

export interface Store extends service.ServiceRepositories, SimilarNameStore {
  readonly engine: 'sqlite' | 'postgres';
  /** The file path, or the URL with its password replaced by `***`. */
  readonly location: string;
  readonly customers: CustomerRepository;
  readonly transactions: TransactionRepository;
  readonly visits: VisitRepository;
  readonly forms: FormRepository;
  readonly applications: ApplicationRepository;
  readonly history: HistoryRepository;
  readonly settings: SettingsRepository;
  readonly calendar: CalendarRepository;
  readonly facts: FactsRepository;
  readonly reports: ReportCache;
  readonly exports: ExportRepository;
  /**
   * Runs `work` as one write transaction, serialized against every other custrack writer (waiting up to
   * the busy timeout): all of it is written, or none.
   */
  write<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` on one consistent snapshot: a write committed meanwhile shows in all of it or none. */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  /** Where an import's rows go: one transaction, committed only when every row was good. */
  importer(settings: ImportSettings & SimilarImportSettings): Promise<ImportSink>;
  health(full: boolean): Promise<Health>;
  /** A verified copy of the whole database as a SQLite file at `target` (which must not exist). */
  backup(target: string): Promise<void>;
  /** Rows per table (every table `db copy` moves). */
  tableCounts(): Promise<Record<string, number>>;
  /** Every table's rows in insert order, to be read inside `snapshot` (db copy). */
  readTables(): AsyncIterable<TableRows>;
  /**
   * Loads every table into this empty database in one write transaction; `progress` hears the rows
   * loaded so far. Returns the rows loaded per table.
   */
  loadTables(tables: AsyncIterable<TableRows>, progress?: (table: string, rows: number) => void): Promise<Record<string, number>>;
  close(): Promise<void>;
  /**
   * The process is going down (Ctrl-C): roll back whatever is open and let go, synchronously, best effort.
   * A server rolls back an uncommitted transaction by itself when the connection drops.
   */
  abandon(): void;
}
