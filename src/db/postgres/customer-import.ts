// `import customers` on PostgreSQL: new rows staged by COPY and registered set-based at the end; with
// --update (src/db/import-update.ts) the rows that match a customer change it afterwards, one customer at a
// time as `customer edit` does (what they compare with is read before the COPY takes the connection).
import { CUSTOMER_FIELD_NAMES, registrationFields } from '../../core/customer.js';
import type { ImportCounts } from '../../io/import.js';
import { checkCustomer, type RawRow, type RowProblem } from '../../io/rows.js';
import { nameKey } from '../../core/names.js';
import type { ISODate } from '../../core/dates.js';
import type { CustomerChange, CustomerRow } from '../../app/store.js';
import type { Actor } from '../clock.js';
import { historyValue } from '../history-values.js';
import { ImportedNames } from '../import-similar.js';
import { inWriteOrder, relinks, UpdateMatcher, type PendingChange } from '../import-update.js';
import { CUSTOMER_COLUMNS } from '../customer-columns.js';
import { PostgresImport } from './import-base.js';
import type { PostgresSession } from './session.js';

/** The column types of the fields an update writes set-based; the rest are text. */
const FIELD_TYPES: Record<string, string> = { monthly_volume: 'bigint', registered_on: 'date', last_contact_on: 'date' };

/** The fields staged after the name and its key, in the order of the staging table's columns. */
const FIELDS_AFTER_NAME = CUSTOMER_FIELD_NAMES.slice(1);

export class CustomerImport extends PostgresImport {
  private readonly keysInFile = new Map<string, number>();
  private readonly usccsInFile = new Map<string, number>();
  private skipped = 0;
  /** docs/rules.md, rule 17: names similar to a registered customer or to an earlier row. */
  private names!: ImportedNames;
  private readonly registered = new Map<number, { name: string; owner: string | null }>();
  /** --update (src/db/import-update.ts): the customers as read before the COPY, and what rows change, in file order. */
  private matcher: UpdateMatcher | undefined;
  private readonly changes: PendingChange[] = [];
  private unchanged = 0;

  constructor(
    store: PostgresSession,
    actor: Actor,
    private readonly today: ISODate,
    private readonly skipExisting: boolean,
    private readonly allowSimilar: boolean,
    private readonly update: boolean,
  ) {
    super(
      store,
      actor,
      'customers',
      `name text, name_key text, ${FIELDS_AFTER_NAME.map((f) => `${f} ${FIELD_TYPES[f] ?? 'text'}`).join(', ')}, history text, name_core text`,
    );
  }

  /** The registered customers' names and cores: no query can run once the COPY has the connection. */
  protected override async prepare(): Promise<void> {
    const customers = await this.sql.rows<{ id: number; name: string; owner: string | null; core: string }>(
      'SELECT id, name, owner, name_core AS core FROM customers ORDER BY id',
    );
    const aliases = await this.sql.rows<{ customer_id: number; core: string }>(
      'SELECT customer_id, name_core AS core FROM customer_aliases ORDER BY id',
    );
    for (const c of customers) this.registered.set(c.id, c);
    const cores = [...customers.map((c) => ({ customer_id: c.id, core: c.core })), ...aliases];
    this.names = new ImportedNames(
      () => cores,
      (id) => this.customer(id),
      { allowSimilar: this.allowSimilar, threshold: (await this.store.settings.all())['similar.threshold'] },
    );
    if (this.update) this.matcher = await this.updateMatcher();
  }

  /** Every customer's stored fields and former names, for --update to match rows with and compare. */
  private async updateMatcher(): Promise<UpdateMatcher> {
    const rows = await this.sql.rows<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS.join(', ')} FROM customers`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byKey = new Map(rows.map((r) => [r.name_key, r]));
    const byUscc = new Map(rows.filter((r) => r.uscc !== null).map((r) => [r.uscc!, r]));
    const aliases = new Map(
      (await this.sql.rows<{ customer_id: number; name_key: string }>('SELECT customer_id, name_key FROM customer_aliases')).map((a) => [
        a.name_key,
        a.customer_id,
      ]),
    );
    return new UpdateMatcher({
      byId: (id) => byId.get(id),
      byKey: (key) => {
        const own = byKey.get(key);
        if (own) return { row: own, alias: false };
        const alias = aliases.get(key);
        return alias === undefined ? undefined : { row: byId.get(alias)!, alias: true };
      },
      byUscc: (uscc) => byUscc.get(uscc),
    });
  }

  add(row: RawRow, line: number): RowProblem[] | Promise<RowProblem[]> {
    const checked = checkCustomer(row);
    if (!checked.ok) return checked.problems;
    const v = checked.value;
    const key = nameKey(v.name);
    const uscc = v.uscc ?? null;
    const earlier = this.keysInFile.get(key) ?? (uscc ? this.usccsInFile.get(uscc) : undefined);
    if (earlier !== undefined) return [{ key: 'row.duplicate_in_file', params: { first: earlier } }];
    this.keysInFile.set(key, line);
    if (uscc) this.usccsInFile.set(uscc, line);
    if (this.matcher) {
      const match = this.matcher.match(row, v, key, line);
      if (match.kind === 'bad') return match.problems;
      if (match.kind === 'update') return this.changeOf(match.row, match.change, line);
    }
    if (this.resolver.has(key, uscc)) {
      if (this.skipExisting) {
        this.skipped++;
        return [];
      }
      const c = this.customer(this.resolver.registered(key, uscc)!);
      return [{ key: 'row.customer_exists', params: { id: c.id, name: c.name, owner: c.owner ?? '-' } }];
    }
    const { core, others, problems } = this.names.check(v.name, undefined, key);
    if (problems instanceof Promise || problems.length > 0) {
      this.names.added(core, line, null, others, false);
      return problems;
    }
    this.names.added(core, line, null, others, true);
    const fields = { ...registrationFields({ ...v, name: v.name }, this.today), last_contact_on: v.last_contact_on ?? null };
    // The history entry is the same text a registration writes on either engine (a last contact only when given).
    const { last_contact_on, ...registered } = fields;
    const history = JSON.stringify({
      ...registered,
      monthly_volume: historyValue('monthly_volume', fields.monthly_volume),
      ...(last_contact_on ? { last_contact_on } : {}),
    });
    return this.stage(line, [fields.name, key, ...FIELDS_AFTER_NAME.map((f) => fields[f]), history, core]);
  }

  /** A row that matched a customer: its changes kept for the end; a rename follows rule 17 like `customer edit --name`. */
  private changeOf(before: CustomerRow, change: CustomerChange, line: number): RowProblem[] | Promise<RowProblem[]> {
    const { id } = before;
    if (Object.keys(change).length === 0) {
      this.unchanged++;
      return [];
    }
    if (change.name !== undefined) {
      const { core, others, problems } = this.names.check(change.name, id);
      if (problems instanceof Promise || problems.length > 0) return problems;
      this.names.renamed(core, line, id, others);
    }
    this.changes.push({ id, before, change });
    return [];
  }

  /**
   * Changes that touch only a customer's own fields: one UPDATE per field and one history INSERT, the entries
   * those `customer edit` writes (src/db/postgres/customers.ts), in the same order. The values they replace
   * were read before the COPY, under the write lock, so they are the stored ones.
   */
  private async writeFields(changes: readonly PendingChange[]): Promise<void> {
    if (changes.length === 0) return;
    const { sql } = this;
    const byField = new Map<string, { ids: number[]; values: Array<string | null> }>();
    const history = { ids: [] as number[], fields: [] as string[], old: [] as Array<string | null>, new: [] as Array<string | null> };
    const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
    for (const { id, before, change } of changes) {
      for (const [field, value] of Object.entries(change)) {
        const column = byField.get(field) ?? { ids: [], values: [] };
        byField.set(field, column);
        column.ids.push(id);
        column.values.push(text(value));
        history.ids.push(id);
        history.fields.push(field);
        history.old.push(text(historyValue(field, (before as unknown as Record<string, unknown>)[field])));
        history.new.push(text(historyValue(field, value)));
      }
    }
    for (const [field, { ids, values }] of byField) {
      // Field names come from the import's own list (src/db/import-update.ts), never from the file.
      const type = FIELD_TYPES[field] ?? 'text';
      await sql.run(`UPDATE customers c SET ${field} = u.v::${type} FROM unnest($1::bigint[], $2::text[]) AS u(id, v) WHERE c.id = u.id`, [
        ids,
        values,
      ]);
    }
    await sql.run(
      `INSERT INTO history (at, actor, action, entity, entity_id, customer_id, field, old, new)
       SELECT $1, $2, 'update', 'customer', h.id::text, h.id, h.field, h.old, h.new
       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS h(id, field, old, new, n) ORDER BY h.n`,
      [this.createdAt, this.actor.user, history.ids, history.fields, history.old, history.new],
    );
  }

  /** A registered customer by id, for a bad row's message (read before the COPY took the connection). */
  private customer(id: number): { id: number; name: string; owner: string | null } {
    const c = this.registered.get(id)!;
    return { id, name: c.name, owner: c.owner };
  }

  /** Rows already bad: nothing is inserted (an identity value taken would be lost to the rollback). */
  protected async move(badRows: boolean): Promise<ImportCounts> {
    if (badRows) return { added: 0, skipped: this.skipped };
    const { sql } = this;
    const inserted = await sql.rows<{ id: number; line: number; history: string }>(
      `WITH added AS (
         INSERT INTO customers (name, name_key, ${FIELDS_AFTER_NAME.join(', ')}, assigned_on, created_at, name_core)
         SELECT name, name_key, ${FIELDS_AFTER_NAME.join(', ')}, registered_on, $1, name_core FROM staging ORDER BY line
         RETURNING id, name_key)
       SELECT a.id, s.line, s.history FROM added a JOIN staging s ON s.name_key = a.name_key ORDER BY a.id`,
      [this.createdAt],
    );
    await this.store.similarNames.index(this.names.coresToIndex());
    const idOfLine = new Map(inserted.map((r) => [r.line, r.id]));
    const confirmations = this.names.confirmations((line) => idOfLine.get(line));
    if (confirmations.length > 0)
      await sql.run(
        `INSERT INTO customer_distinctions (customer_id, other_ids, via, confirmed_by, confirmed_on, created_at)
         SELECT c.id, c.others, 'import', $3, $4, $5 FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS c(id, others, n) ORDER BY c.n`,
        [
          confirmations.map((c) => c.customerId),
          confirmations.map((c) => JSON.stringify(c.otherIds)),
          this.actor.user,
          this.today,
          this.createdAt,
        ],
      );
    await sql.run(
      `INSERT INTO history (at, actor, action, entity, entity_id, customer_id, new)
       SELECT $1, $2, 'create', 'customer', id::text, id, history FROM unnest($3::bigint[], $4::text[]) AS h(id, history) ORDER BY h.id`,
      [this.createdAt, this.actor.user, inserted.map((r) => r.id), inserted.map((r) => r.history)],
    );
    if (inserted.length > 0) await this.store.customers.relinkAfterImport(Math.min(...inserted.map((r) => r.id)));
    // --update, after the new ones (as on SQLite): the customers' own fields set-based, then renames and new
    // USCCs one customer at a time as `customer edit` changes them (they match transactions again).
    const ordered = inWriteOrder(this.changes);
    await this.writeFields(ordered.filter((c) => !relinks(c)));
    for (const { id, change } of ordered.filter(relinks)) await this.store.customers.update(id, change, 'update', this.today);
    return {
      added: inserted.length,
      skipped: this.skipped,
      ...(this.matcher ? { changed: this.changes.length, unchanged: this.unchanged } : {}),
      ...(confirmations.length > 0 ? { similar: confirmations.length } : {}),
    };
  }
}
