// Writing imports. Rows go straight into the real tables inside one BEGIN IMMEDIATE transaction, which
// is committed only when every row was good. A large load into a small table sets the secondary indices
// aside and rebuilds them at the end (much faster than updating them row by row).
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { SqliteCustomers } from './customers.js';
import type { ImportCounts, ImportSink, UnmatchedName } from '../../io/import.js';
import { checkCustomer, checkTransaction, checkVisit, type RawRow, type RowProblem } from '../../io/rows.js';
import { nameKey } from '../../core/names.js';
import type { ISODate } from '../../core/dates.js';
import { prepared } from './statements.js';
import { bumpGeneration } from './tx.js';
import { refreshAllTransactionFacts, refreshLastVisits, refreshTransactionFacts } from './derived.js';
import { timestamp } from '../clock.js';
import { CustomerResolver, type ResolverAlias, type ResolverCustomer } from '../customer-resolver.js';
import type { ImportedNames } from '../import-similar.js';
import { finishImportedNames } from './import-similar.js';
import type { SqliteSimilarNames } from './similar.js';

/** Bytes per row in a typical file, to guess from the file size whether a load is large. */
const BYTES_PER_ROW = 80;

/** Customers by id, USCC, name and former name, loaded once for the whole file. */
function customerResolver(db: Db): CustomerResolver {
  return new CustomerResolver(
    db.prepare('SELECT id, name_key, uscc, owner FROM customers').iterate() as Iterable<ResolverCustomer>,
    db.prepare('SELECT customer_id, name_key FROM customer_aliases').iterate() as Iterable<ResolverAlias>,
  );
}

/** The write transaction of one import, with the secondary indices of a table set aside for a bulk load. */
class ImportTransaction {
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

export class TransactionImport implements ImportSink {
  private readonly tx: ImportTransaction;
  private resolver!: CustomerResolver;
  private firstNewId = 0;
  /** Line of each row written, by insertion order, to name the earlier line of a duplicate invoice number. */
  private readonly lines: number[] = [];
  private readonly occurrences = new Map<string, number>();
  /** Invoice numbers not written by this import (skipped as known, or checked after a bad row), by line. */
  private readonly seen = new Map<string, number>();
  private added = 0;
  private skipped = 0;
  private conflicting = 0;
  private importedAt = '';
  /** Customers that got transactions: their relationship starts are derived again at the end. */
  private readonly touched = new Set<number>();
  private readonly unmatchedNames = new Map<string, UnmatchedName>();
  readonly unmatched = (): UnmatchedName[] => [...this.unmatchedNames.values()];

  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly now: () => Date,
    private readonly years: number,
  ) {
    this.tx = new ImportTransaction(db);
  }

  begin(bytes: number): void {
    this.tx.begin('transactions', bytes);
    this.resolver = customerResolver(this.db);
    this.firstNewId = ((prepared(this.db, 'SELECT max(id) AS id FROM transactions').get() as { id: number | null }).id ?? 0) + 1;
    this.importedAt = timestamp(this.now);
  }

  add(row: RawRow, line: number, validateOnly: boolean): RowProblem[] {
    const checked = checkTransaction(row);
    if (!checked.ok) return checked.problems;
    const t = checked.value;
    let ref = t.ref;
    if (ref === null) {
      // Without an invoice number, the row's content and its occurrence in the file identify it.
      const content = `${t.date}|${t.amount}|${t.kind}|${t.uscc ?? ''}|${t.name_key}`;
      const n = (this.occurrences.get(content) ?? 0) + 1;
      this.occurrences.set(content, n);
      ref = `auto:${content}#${n}`;
    }
    if (validateOnly) return this.checkOnly(ref, line);
    const customerId = this.resolver.match(t.name_key, t.uscc);
    const result = prepared(
      this.db,
      `INSERT INTO transactions (ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO NOTHING`,
    ).run(ref, t.customer_name, t.name_key, t.uscc, customerId, t.date, t.amount, t.kind, this.importedAt);
    if (result.changes === 1) {
      this.added++;
      if (customerId !== null && t.kind !== 'sample') this.touched.add(customerId);
      // docs/rules.md, rule 17: the names that match no customer are compared with the customers after the import.
      if (customerId === null)
        this.unmatchedNames.set(t.name_key, { name: t.customer_name, rows: (this.unmatchedNames.get(t.name_key)?.rows ?? 0) + 1 });
      this.lines.push(line);
      return [];
    }
    const existing = prepared(this.db, 'SELECT id, name_key, date, amount, kind FROM transactions WHERE ref = ?').get(ref) as {
      id: number;
      name_key: string;
      date: ISODate;
      amount: number;
      kind: string;
    };
    if (existing.id >= this.firstNewId) {
      return [{ key: 'row.duplicate_ref', params: { ref, first: this.lines[existing.id - this.firstNewId] ?? 0 } }];
    }
    // Imported before: skipped. A second row with it in this same file is still a duplicate.
    const earlier = this.seen.get(ref);
    if (earlier !== undefined) return [{ key: 'row.duplicate_ref', params: { ref, first: earlier } }];
    this.seen.set(ref, line);
    this.skipped++;
    if (existing.name_key !== t.name_key || existing.date !== t.date || existing.amount !== t.amount || existing.kind !== t.kind)
      this.conflicting++;
    return [];
  }

  /**
   * After a bad row nothing more is written, but a repeated invoice number must still be found: against
   * the rows written so far, and against the refs remembered since (only those, so memory stays small).
   */
  private checkOnly(ref: string, line: number): RowProblem[] {
    const existing = prepared(this.db, 'SELECT id FROM transactions WHERE ref = ?').get(ref) as { id: number } | undefined;
    if (existing && existing.id >= this.firstNewId)
      return [{ key: 'row.duplicate_ref', params: { ref, first: this.lines[existing.id - this.firstNewId] ?? 0 } }];
    const earlier = this.seen.get(ref);
    if (earlier !== undefined) return [{ key: 'row.duplicate_ref', params: { ref, first: earlier } }];
    this.seen.set(ref, line);
    return [];
  }

  finish(): ImportCounts {
    this.tx.rebuild();
    // One ordered pass over the index beats a query per customer once many customers are touched.
    if (this.touched.size > 2000) refreshAllTransactionFacts(this.db, this.years);
    else refreshTransactionFacts(this.db, this.touched, this.years);
    return { added: this.added, skipped: this.skipped, conflicting: this.conflicting };
  }

  commit(file: string, counts: ImportCounts): void {
    this.history.write({ action: 'import', entity: 'transactions', new: { file, ...counts } });
    this.tx.commit();
  }

  rollback(): void {
    this.tx.rollback();
  }
}

export class CustomerImport implements ImportSink {
  private readonly tx: ImportTransaction;
  private readonly keysInFile = new Map<string, number>();
  private readonly usccsInFile = new Map<string, number>();
  private added = 0;
  private skipped = 0;
  private createdAt = '';

  constructor(
    db: Db,
    private readonly customers: SqliteCustomers,
    private readonly history: SqliteHistory,
    private readonly today: ISODate,
    private readonly skipExisting: boolean,
    private readonly now: () => Date,
    /** docs/rules.md, rule 17: names similar to a registered customer or to an earlier row. */
    private readonly names: ImportedNames,
    private readonly similarNames: SqliteSimilarNames,
  ) {
    this.tx = new ImportTransaction(db);
  }

  begin(bytes: number): void {
    this.tx.begin('customers', bytes);
    this.createdAt = timestamp(this.now);
  }

  add(row: RawRow, line: number, validateOnly: boolean): RowProblem[] | Promise<RowProblem[]> {
    const checked = checkCustomer(row);
    if (!checked.ok) return checked.problems;
    const v = checked.value;
    const key = nameKey(v.name);
    const earlier = this.keysInFile.get(key) ?? (v.uscc ? this.usccsInFile.get(v.uscc) : undefined);
    if (earlier !== undefined) return [{ key: 'row.duplicate_in_file', params: { first: earlier } }];
    this.keysInFile.set(key, line);
    if (v.uscc) this.usccsInFile.set(v.uscc, line);
    const existing = this.customers.named(key) ?? (v.uscc ? this.customers.withUscc(v.uscc) : undefined);
    if (existing && existing.id < (this.firstNewId ?? Infinity)) {
      if (this.skipExisting) {
        this.skipped++;
        return [];
      }
      return [{ key: 'row.customer_exists', params: { id: existing.id, name: existing.name, owner: existing.owner ?? '-' } }];
    }
    const { core, others, problems } = this.names.check(v.name);
    if (problems instanceof Promise || problems.length > 0 || validateOnly) {
      this.names.added(core, line, null, others, false);
      return problems;
    }
    const id = this.customers.insertRow(
      {
        name: v.name,
        uscc: v.uscc ?? null,
        grade: v.grade ?? 'C',
        owner: v.owner ?? null,
        source: v.source ?? null,
        region: v.region ?? null,
        industry: v.industry ?? null,
        contact: v.contact ?? null,
        phone: v.phone ?? null,
        email: v.email ?? null,
        address: v.address ?? null,
        monthly_volume: v.monthly_volume ?? null,
        note: v.note ?? null,
        registered_on: v.registered_on ?? this.today,
        ...(v.last_contact_on ? { last_contact_on: v.last_contact_on } : {}),
      },
      this.createdAt,
      false,
      core,
      true,
    );
    this.names.added(core, line, id, others, true);
    this.firstNewId ??= id;
    this.added++;
    return [];
  }

  private firstNewId: number | undefined;

  finish(): ImportCounts {
    const similar = finishImportedNames(this.similarNames, this.names, this.today, this.createdAt);
    this.tx.rebuild();
    if (this.firstNewId !== undefined) this.customers.relinkAfterImport(this.firstNewId);
    return { added: this.added, skipped: this.skipped, ...(similar > 0 ? { similar } : {}) };
  }

  commit(file: string, counts: ImportCounts): void {
    this.history.write({ action: 'import', entity: 'customers', new: { file, ...counts } });
    this.tx.commit();
  }

  rollback(): void {
    this.tx.rollback();
  }
}

export class VisitImport implements ImportSink {
  private readonly tx: ImportTransaction;
  private resolver!: CustomerResolver;
  /** When the table had visits already, each row is checked against them so a re-import adds nothing. */
  private checkExisting = false;
  private readonly touched = new Set<number>();
  private added = 0;
  private skipped = 0;
  private createdAt = '';

  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly now: () => Date,
  ) {
    this.tx = new ImportTransaction(db);
  }

  begin(bytes: number): void {
    this.tx.begin('visits', bytes);
    this.resolver = customerResolver(this.db);
    this.checkExisting = prepared(this.db, 'SELECT 1 FROM visits LIMIT 1').get() !== undefined;
    this.createdAt = timestamp(this.now);
  }

  add(row: RawRow, _line: number, validateOnly: boolean): RowProblem[] {
    const checked = checkVisit(row);
    if (!checked.ok) return checked.problems;
    const v = checked.value;
    const customerId = this.resolver.resolve(v.customer);
    if (customerId === undefined) return [{ key: 'row.unknown_customer', params: { customer: v.customer } }];
    if (validateOnly) return [];
    const by = v.by ?? this.resolver.owner(customerId);
    if (this.checkExisting) {
      // A visit already recorded (same customer, day, method, salesperson, topic and summary) is not added twice.
      const same = prepared(
        this.db,
        `SELECT 1 FROM visits WHERE customer_id = ? AND done = 1 AND date = ? AND method = ? AND salesperson IS ? AND topic IS ? AND summary IS ? LIMIT 1`,
      ).get(customerId, v.date, v.method, by, v.topic, v.summary);
      if (same) {
        this.skipped++;
        return [];
      }
    }
    prepared(
      this.db,
      `INSERT INTO visits (customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, minutes, minutes_on, planned, done, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?)`,
    ).run(
      customerId,
      v.date,
      v.method,
      by,
      v.purpose,
      v.topic,
      v.location,
      v.summary,
      v.intent,
      v.next,
      v.minutes,
      v.minutes_on,
      this.createdAt,
    );
    this.added++;
    this.touched.add(customerId);
    return [];
  }

  finish(): ImportCounts {
    this.tx.rebuild();
    if (this.touched.size > 2000) refreshLastVisits(this.db);
    else if (this.touched.size > 0) refreshLastVisits(this.db, this.touched);
    return { added: this.added, skipped: this.skipped };
  }

  commit(file: string, counts: ImportCounts): void {
    this.history.write({ action: 'import', entity: 'visits', new: { file, ...counts } });
    this.tx.commit();
  }

  rollback(): void {
    this.tx.rollback();
  }
}
