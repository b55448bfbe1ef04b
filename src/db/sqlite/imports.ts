// Writing imports. Rows go straight into the real tables inside one BEGIN IMMEDIATE transaction, which
// is committed only when every row was good. A large load into a small table sets the secondary indices
// aside and rebuilds them at the end (much faster than updating them row by row). Customers: customer-import.ts.
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { ImportCounts, ImportSink, UnmatchedName } from '../../io/import.js';
import { checkTransaction, checkVisit, type RawRow, type RowProblem } from '../../io/rows.js';
import type { ISODate } from '../../core/dates.js';
import { prepared } from './statements.js';
import { ImportTransaction } from './import-transaction.js';
import { refreshAllTransactionFacts, refreshLastVisits, refreshTransactionFacts } from './derived.js';
import { timestamp } from '../clock.js';
export { CustomerImport } from './customer-import.js';
import { CustomerResolver, type ResolverAlias, type ResolverCustomer } from '../customer-resolver.js';

/** Customers by id, USCC, name and former name, loaded once for the whole file. */
function customerResolver(db: Db): CustomerResolver {
  return new CustomerResolver(
    db.prepare('SELECT id, name_key, uscc, owner FROM customers').iterate() as Iterable<ResolverCustomer>,
    db.prepare('SELECT customer_id, name_key FROM customer_aliases').iterate() as Iterable<ResolverAlias>,
  );
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
