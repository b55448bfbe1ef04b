// Customers and their former names. Registering, renaming or adding an alias matches the imported
// transactions again, so a customer's history follows it (docs/rules.md, rule 1), and indexes the name's core
// for finding similar names (rule 17).
import { prepared } from './statements.js';
import { customersOfTransactions, refreshAllTransactionFacts, refreshTransactionFacts } from './derived.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { ISODate } from '../../core/dates.js';
import { nameKey } from '../../core/names.js';
import { nameCore } from '../../core/name-core.js';
import { compareOwners } from '../../core/collation.js';
import type {
  CustomerChange,
  CustomerFields,
  CustomerFilter,
  CustomerRepository,
  CustomerRow,
  CustomerWithFacts,
} from '../../app/store.js';
import { isBusinessSql } from '../business.js';
import { CUSTOMER_COLUMNS, newCustomerRow } from '../customer-columns.js';
import { timestamp, type Actor } from '../clock.js';
import { historyValue } from '../history-values.js';
import type { SqliteSimilarNames } from './similar.js';

const COLUMNS = CUSTOMER_COLUMNS.join(', ');
const C_COLUMNS = CUSTOMER_COLUMNS.map((c) => `c.${c}`).join(', ');
/** Shell completion reads an older file as it is (src/db/open.ts): only the columns schema 1 has. */
const FIRST_COLUMNS = CUSTOMER_COLUMNS.filter((c) => c !== 'last_contact_on');
const COMPLETION_COLUMNS = FIRST_COLUMNS.join(', ');
const C_COMPLETION_COLUMNS = FIRST_COLUMNS.map((c) => `c.${c}`).join(', ');

/** A new customer, from its named fields (built once: an import runs it for every row). */
const INSERT = `INSERT INTO customers (${COLUMNS.replace('id, ', '')}, name_core)
  VALUES (${CUSTOMER_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `:${c}`)
    .join(', ')}, :name_core)`;

/** Match transactions again: USCC first, then the name key of a name or a former name. */
const RELINK = `UPDATE transactions SET customer_id = coalesce(
    (SELECT c.id FROM customers c WHERE c.uscc = transactions.uscc),
    (SELECT c.id FROM customers c WHERE c.name_key = transactions.name_key),
    (SELECT a.customer_id FROM customer_aliases a WHERE a.name_key = transactions.name_key))`;

export const escapeLike = (text: string): string => text.replace(/[\\%_]/gu, (ch) => `\\${ch}`);

export class SqliteCustomers implements CustomerRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly actor: Actor,
    /** eligibility.years, which relationship starts depend on. */
    private readonly years: () => number,
    private readonly names: SqliteSimilarNames,
  ) {}

  async byId(id: number): Promise<CustomerRow | undefined> {
    return this.row(id);
  }

  /** The row of a customer, for the other repositories inside their own statements. */
  row(id: number): CustomerRow | undefined {
    return prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE id = ?`).get(id) as CustomerRow | undefined;
  }

  async byNameKey(key: string): Promise<CustomerRow | undefined> {
    return this.named(key);
  }

  /** The customer whose name or former name has this key. */
  named(key: string): CustomerRow | undefined {
    return (prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE name_key = ?`).get(key) ??
      prepared(this.db, `SELECT ${C_COLUMNS} FROM customer_aliases a JOIN customers c ON c.id = a.customer_id WHERE a.name_key = ?`).get(
        key,
      )) as CustomerRow | undefined;
  }

  async byUscc(uscc: string): Promise<CustomerRow | undefined> {
    return this.withUscc(uscc);
  }

  withUscc(uscc: string): CustomerRow | undefined {
    return prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE uscc = ?`).get(uscc) as CustomerRow | undefined;
  }

  async completions(prefix: string, limit: number): Promise<CustomerRow[]> {
    const found = new Map<number, CustomerRow>();
    const text = prefix.trim();
    if (/^[1-9]\d{0,14}$/u.test(text)) {
      // Ids that start with these digits: n, n0–n9, n00–n99 … up to the largest id, each a range of the primary key.
      const first = Number(text);
      const largest = (prepared(this.db, 'SELECT max(id) FROM customers').pluck().get() as number | null) ?? 0;
      const range = prepared(this.db, `SELECT ${COMPLETION_COLUMNS} FROM customers WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?`);
      for (let scale = 1; first * scale <= largest && found.size < limit; scale *= 10) {
        for (const row of range.all(first * scale, (first + 1) * scale - 1, limit - found.size) as CustomerRow[]) found.set(row.id, row);
      }
    }
    // Every key that starts with `key` sorts from `key` up to `key` followed by the last code point: a range of the index.
    const key = nameKey(text);
    const bounds = [key, `${key}\u{10FFFF}`, limit] as const;
    const byName = prepared(
      this.db,
      `SELECT ${COMPLETION_COLUMNS} FROM customers WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?`,
    );
    const byAlias = prepared(
      this.db,
      `SELECT ${C_COMPLETION_COLUMNS} FROM customer_aliases a JOIN customers c ON c.id = a.customer_id
       WHERE a.name_key >= ? AND a.name_key < ? ORDER BY a.name_key LIMIT ?`,
    );
    for (const row of [...byName.all(...bounds), ...byAlias.all(...bounds)] as CustomerRow[]) {
      if (found.size >= limit) break;
      if (!found.has(row.id)) found.set(row.id, row);
    }
    return [...found.values()];
  }

  async containing(text: string, limit = 5): Promise<CustomerRow[]> {
    return prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key LIMIT ?`).all(
      `%${escapeLike(nameKey(text))}%`,
      limit,
    ) as CustomerRow[];
  }

  async owners(): Promise<string[]> {
    return (prepared(this.db, 'SELECT DISTINCT owner FROM customers WHERE owner IS NOT NULL').pluck().all() as string[]).sort(
      compareOwners,
    );
  }

  async count(): Promise<number> {
    return (prepared(this.db, 'SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  }

  *list(filter: CustomerFilter, asOf: ISODate): IterableIterator<CustomerWithFacts> {
    const where: string[] = [];
    const params: Record<string, unknown> = { asOf };
    if (filter.owner !== undefined) {
      where.push('c.owner = :owner');
      params.owner = filter.owner;
    }
    if (filter.grade !== undefined) {
      where.push('c.grade = :grade');
      params.grade = filter.grade;
    }
    if (filter.search !== undefined) {
      // Name by name key (full-width and spaces do not matter); other text fields as typed.
      where.push(`(c.name_key LIKE :key ESCAPE '\\' OR c.contact LIKE :text ESCAPE '\\' OR c.phone LIKE :text ESCAPE '\\'
        OR c.region LIKE :text ESCAPE '\\' OR c.industry LIKE :text ESCAPE '\\' OR c.uscc LIKE :key ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM customer_aliases a WHERE a.customer_id = c.id AND a.name_key LIKE :key ESCAPE '\\'))`);
      params.key = `%${escapeLike(nameKey(filter.search))}%`;
      params.text = `%${escapeLike(filter.search.trim())}%`;
    }
    if (filter.ids !== undefined) {
      where.push(`c.id IN (SELECT value FROM json_each(:ids))`);
      params.ids = JSON.stringify(filter.ids);
    }
    const sql = `SELECT ${C_COLUMNS},
        CASE WHEN f.last_business IS NULL OR f.last_business < :asOf THEN f.last_business
          ELSE (SELECT max(t.date) FROM transactions t WHERE t.customer_id = c.id AND ${isBusinessSql('t')} AND t.date < :asOf) END AS last_business,
        (SELECT json_group_array(a.name) FROM (SELECT name FROM customer_aliases WHERE customer_id = c.id ORDER BY id) a) AS aliases_json
      FROM customers c LEFT JOIN customer_facts f ON f.customer_id = c.id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`;
    for (const row of prepared(this.db, sql).iterate(params) as IterableIterator<
      CustomerRow & { last_business: ISODate | null; aliases_json: string }
    >) {
      const { aliases_json, ...rest } = row;
      yield { ...rest, aliases: JSON.parse(aliases_json) as string[] };
    }
  }

  async insert(fields: CustomerFields): Promise<number> {
    return this.insertRow(fields, timestamp(this.actor.now));
  }

  /**
   * `relink: false` leaves matching transactions to the caller (a bulk import matches them all at once);
   * `coreIndexed`: the caller indexes the name's core itself (a bulk import knows which cores are new); `key`: the
   * name's key, when known.
   */
  insertRow(
    fields: CustomerFields,
    createdAt: string,
    relink = true,
    core = nameCore(fields.name),
    coreIndexed = false,
    key = nameKey(fields.name),
  ): number {
    const result = prepared(this.db, INSERT).run(newCustomerRow(fields, key, createdAt, core));
    const id = Number(result.lastInsertRowid);
    if (!coreIndexed) this.names.index(core);
    this.history.write({
      action: 'create',
      entity: 'customer',
      entityId: id,
      customerId: id,
      new: { ...fields, monthly_volume: historyValue('monthly_volume', fields.monthly_volume) },
    });
    if (relink) this.relink(id, [key], fields.uscc ? [fields.uscc] : []);
    return id;
  }

  async update(id: number, change: CustomerChange, action: string, on?: ISODate): Promise<string[]> {
    const before = this.row(id);
    if (!before) return [];
    const changed = Object.entries(change).filter(
      ([field, value]) => value !== undefined && (before as unknown as Record<string, unknown>)[field] !== value,
    );
    if (changed.length === 0) return [];
    const assignments = changed.map(([field]) => `${field} = :${field}`);
    const params: Record<string, unknown> = Object.fromEntries(changed);
    if (params.name !== undefined) {
      assignments.push('name_key = :name_key', 'name_core = :name_core');
      params.name_key = nameKey(params.name as string);
      params.name_core = nameCore(params.name as string);
      this.names.index(params.name_core as string);
    }
    prepared(this.db, `UPDATE customers SET ${assignments.join(', ')} WHERE id = :id`).run({ ...params, id });
    for (const [field, value] of changed) {
      const old = (before as unknown as Record<string, unknown>)[field];
      this.history.write({
        action,
        entity: 'customer',
        entityId: id,
        customerId: id,
        field,
        old: historyValue(field, old),
        new: historyValue(field, value),
      });
    }
    if (params.name !== undefined) {
      // The new name is no longer a former name; the old one becomes one, so its transactions keep matching.
      prepared(this.db, 'DELETE FROM customer_aliases WHERE customer_id = ? AND name_key = ?').run(id, params.name_key);
      if (before.name_key !== params.name_key) this.alias(id, before.name, on ?? before.registered_on, true);
      this.relink(id, [before.name_key, params.name_key as string], []);
    }
    if ('uscc' in params)
      this.relink(
        id,
        [],
        [before.uscc, params.uscc as string | null].filter((u): u is string => !!u),
      );
    return changed.map(([field]) => field);
  }

  async addAlias(id: number, name: string, addedOn: ISODate): Promise<boolean> {
    return this.alias(id, name, addedOn, false);
  }

  private alias(id: number, name: string, addedOn: ISODate, quiet: boolean): boolean {
    const key = nameKey(name);
    const known = prepared(
      this.db,
      'SELECT 1 FROM customers WHERE id = :id AND name_key = :key UNION ALL SELECT 1 FROM customer_aliases WHERE customer_id = :id AND name_key = :key',
    ).get({ id, key });
    if (known) return false;
    const core = nameCore(name);
    prepared(this.db, 'INSERT INTO customer_aliases (customer_id, name, name_key, added_on, name_core) VALUES (?, ?, ?, ?, ?)').run(
      id,
      name,
      key,
      addedOn,
      core,
    );
    this.names.index(core);
    if (!quiet) this.history.write({ action: 'alias', entity: 'customer', entityId: id, customerId: id, field: 'aliases', new: name });
    this.relink(id, [key], []);
    return true;
  }

  /**
   * After a bulk registration: matches every transaction that is unmatched or whose USCC belongs to a
   * customer registered from `firstId` on, then derives the relationship starts again if anything moved.
   */
  relinkAfterImport(firstId: number): void {
    const moved = prepared(
      this.db,
      `${RELINK} WHERE customer_id IS NULL OR uscc IN (SELECT uscc FROM customers WHERE id >= :firstId AND uscc IS NOT NULL)`,
    ).run({
      firstId,
    }).changes;
    if (moved > 0) refreshAllTransactionFacts(this.db, this.years());
  }

  /** Matches again the transactions a change of names or USCC can affect. */
  private relink(id: number, keys: string[], usccs: string[]): void {
    const scope = `customer_id = :id OR name_key IN (SELECT value FROM json_each(:keys)) OR uscc IN (SELECT value FROM json_each(:usccs))`;
    const params = { id, keys: JSON.stringify(keys), usccs: JSON.stringify(usccs) };
    // Transactions can move between customers (a USCC wins over a name): both sides get their starts again.
    const before = customersOfTransactions(this.db, scope, params);
    prepared(this.db, `${RELINK} WHERE ${scope}`).run(params);
    const after = customersOfTransactions(this.db, scope, params);
    refreshTransactionFacts(this.db, new Set([id, ...before, ...after]), this.years());
  }
}
