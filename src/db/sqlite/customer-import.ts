// `import customers` on SQLite: new rows are registered as they are read, inside the import's one BEGIN
// IMMEDIATE transaction; with --update (src/db/import-update.ts) the rows that match a customer change it,
// after the new ones, as on PostgreSQL (so that both engines write the history in the same order).
import { registrationFields } from '../../core/customer.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { SqliteCustomers } from './customers.js';
import type { ImportCounts, ImportSink } from '../../io/import.js';
import { checkCustomer, type RawRow, type RowProblem } from '../../io/rows.js';
import { nameKey } from '../../core/names.js';
import type { ISODate } from '../../core/dates.js';
import type { CustomerChange, CustomerRow } from '../../app/store.js';
import { prepared } from './statements.js';
import { ImportTransaction } from './import-transaction.js';
import { timestamp } from '../clock.js';
import type { ImportedNames } from '../import-similar.js';
import { inWriteOrder, UpdateMatcher, type PendingChange } from '../import-update.js';
import { finishImportedNames } from './import-similar.js';
import type { SqliteSimilarNames } from './similar.js';

export class CustomerImport implements ImportSink {
  private readonly tx: ImportTransaction;
  private readonly keysInFile = new Map<string, number>();
  private readonly usccsInFile = new Map<string, number>();
  private added = 0;
  private skipped = 0;
  private createdAt = '';
  private firstNewId: number | undefined;
  /** --update: the customers to change once the new rows are in, in file order. */
  private readonly changes: PendingChange[] = [];
  private unchanged = 0;
  private readonly matcher: UpdateMatcher | undefined;

  constructor(
    private readonly db: Db,
    private readonly customers: SqliteCustomers,
    private readonly history: SqliteHistory,
    private readonly today: ISODate,
    private readonly skipExisting: boolean,
    private readonly now: () => Date,
    /** docs/rules.md, rule 17: names similar to a registered customer or to an earlier row. */
    private readonly names: ImportedNames,
    private readonly similarNames: SqliteSimilarNames,
    update = false,
  ) {
    this.tx = new ImportTransaction(db);
    // Customers registered by this import are rows of the file, not customers to update.
    const registered = (row: CustomerRow | undefined): CustomerRow | undefined =>
      row && row.id < (this.firstNewId ?? Number.POSITIVE_INFINITY) ? row : undefined;
    this.matcher = update
      ? new UpdateMatcher({
          byId: (id) => registered(this.customers.row(id)),
          byKey: (key) => {
            const own = registered(prepared(this.db, 'SELECT * FROM customers WHERE name_key = ?').get(key) as CustomerRow | undefined);
            if (own) return { row: own, alias: false };
            const alias = registered(this.customers.named(key));
            return alias ? { row: alias, alias: true } : undefined;
          },
          byUscc: (uscc) => registered(this.customers.withUscc(uscc)),
        })
      : undefined;
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
    if (this.matcher) {
      const match = this.matcher.match(row, v, key, line);
      if (match.kind === 'bad') return match.problems;
      if (match.kind === 'update') return this.update(match.row, match.change, line);
    }
    const existing = this.customers.named(key) ?? (v.uscc ? this.customers.withUscc(v.uscc) : undefined);
    if (existing && existing.id < (this.firstNewId ?? Number.POSITIVE_INFINITY)) {
      if (this.skipExisting) {
        this.skipped++;
        return [];
      }
      return [{ key: 'row.customer_exists', params: { id: existing.id, name: existing.name, owner: existing.owner ?? '-' } }];
    }
    const { core, others, problems } = this.names.check(v.name, undefined, key);
    if (problems instanceof Promise || problems.length > 0 || validateOnly) {
      this.names.added(core, line, null, others, false);
      return problems;
    }
    const id = this.customers.insertRow(registrationFields({ ...v, name: v.name }, this.today), this.createdAt, false, core, true, key);
    this.names.added(core, line, id, others, true);
    this.firstNewId ??= id;
    this.added++;
    return [];
  }

  /** A row that matched a customer: its changes kept for the end; a rename follows rule 17 like `customer edit --name`. */
  private update(customer: CustomerRow, change: CustomerChange, line: number): RowProblem[] | Promise<RowProblem[]> {
    if (Object.keys(change).length === 0) {
      this.unchanged++;
      return [];
    }
    if (change.name !== undefined) {
      const { core, others, problems } = this.names.check(change.name, customer.id);
      if (problems instanceof Promise || problems.length > 0) return problems;
      this.names.renamed(core, line, customer.id, others);
    }
    this.changes.push({ id: customer.id, before: customer, change });
    return [];
  }

  async finish(badRows = false): Promise<ImportCounts> {
    const similar = finishImportedNames(this.similarNames, this.names, this.today, this.createdAt);
    this.tx.rebuild();
    if (this.firstNewId !== undefined) this.customers.relinkAfterImport(this.firstNewId);
    if (!badRows) for (const { id, change } of inWriteOrder(this.changes)) await this.customers.update(id, change, 'update', this.today);
    return {
      added: this.added,
      skipped: this.skipped,
      ...(this.matcher ? { changed: this.changes.length, unchanged: this.unchanged } : {}),
      ...(similar > 0 ? { similar } : {}),
    };
  }

  commit(file: string, counts: ImportCounts): void {
    this.history.write({ action: 'import', entity: 'customers', new: { file, ...counts } });
    this.tx.commit();
  }

  rollback(): void {
    this.tx.rollback();
  }
}
