// Customers and their former names on PostgreSQL. Registering, renaming or adding an alias matches the
// imported transactions again, so a customer's history follows it (docs/rules.md, rule 1).
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
import { customersOfTransactions, refreshAllTransactionFacts, refreshTransactionFacts } from './derived.js';
import type { PostgresHistory } from './history.js';
import type { PostgresSimilarNames } from './similar.js';
import type { Sql } from './sql.js';

const COLUMNS = CUSTOMER_COLUMNS.join(', ');
const C_COLUMNS = CUSTOMER_COLUMNS.map((c) => `c.${c}`).join(', ');

/** Match transactions again: USCC first, then the name key of a name or a former name. */
const RELINK = `UPDATE transactions t SET customer_id = coalesce(
    (SELECT c.id FROM customers c WHERE c.uscc = t.uscc),
    (SELECT c.id FROM customers c WHERE c.name_key = t.name_key),
    (SELECT a.customer_id FROM customer_aliases a WHERE a.name_key = t.name_key))`;

export const escapeLike = (text: string): string => text.replace(/[\\%_]/gu, (ch) => `\\${ch}`);

export class PostgresCustomers implements CustomerRepository {
  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
    private readonly actor: Actor,
    /** eligibility.years, which relationship starts depend on. */
    private readonly years: () => Promise<number>,
    private readonly names: PostgresSimilarNames,
  ) {}

  byId(id: number): Promise<CustomerRow | undefined> {
    return this.sql.row<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = $1`, [id]);
  }

  async byNameKey(key: string): Promise<CustomerRow | undefined> {
    return (
      (await this.sql.row<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE name_key = $1`, [key])) ??
      (await this.sql.row<CustomerRow>(
        `SELECT ${C_COLUMNS} FROM customer_aliases a JOIN customers c ON c.id = a.customer_id WHERE a.name_key = $1`,
        [key],
      ))
    );
  }

  byUscc(uscc: string): Promise<CustomerRow | undefined> {
    return this.sql.row<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE uscc = $1`, [uscc]);
  }

  /** Shell completion, as on SQLite: ids that start with the digits, then names and former names whose key starts with the text's. */
  async completions(prefix: string, limit: number): Promise<CustomerRow[]> {
    const found = new Map<number, CustomerRow>();
    const text = prefix.trim();
    if (/^[1-9]\d{0,14}$/u.test(text)) {
      for (const row of await this.sql.rows<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id::text LIKE $1 ORDER BY id LIMIT $2`, [
        `${text}%`,
        limit,
      ]))
        found.set(row.id, row);
    }
    const key = nameKey(text);
    const byName = await this.sql.rows<CustomerRow>(
      `(SELECT ${COLUMNS}, name_key AS k FROM customers WHERE starts_with(name_key, $1) ORDER BY name_key COLLATE "C" LIMIT $2)
       UNION ALL
       (SELECT ${C_COLUMNS}, a.name_key AS k FROM customer_aliases a JOIN customers c ON c.id = a.customer_id
        WHERE starts_with(a.name_key, $1) ORDER BY a.name_key COLLATE "C" LIMIT $2)`,
      [key, limit],
    );
    for (const { k: _, ...row } of byName as Array<CustomerRow & { k: string }>) {
      if (found.size >= limit) break;
      if (!found.has(row.id)) found.set(row.id, row);
    }
    return [...found.values()];
  }

  containing(text: string, limit = 5): Promise<CustomerRow[]> {
    return this.sql.rows<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE name_key LIKE $1 ORDER BY name_key COLLATE "C" LIMIT $2`, [
      `%${escapeLike(nameKey(text))}%`,
      limit,
    ]);
  }

  async owners(): Promise<string[]> {
    return (await this.sql.rows<{ owner: string }>('SELECT DISTINCT owner FROM customers WHERE owner IS NOT NULL'))
      .map((r) => r.owner)
      .sort(compareOwners);
  }

  async count(): Promise<number> {
    return (await this.sql.value<number>('SELECT count(*) FROM customers')) ?? 0;
  }

  async *list(filter: CustomerFilter, asOf: ISODate): AsyncGenerator<CustomerWithFacts> {
    const values: unknown[] = [asOf];
    const where: string[] = [];
    if (filter.owner !== undefined) where.push(`c.owner = $${values.push(filter.owner)}`);
    if (filter.grade !== undefined) where.push(`c.grade = $${values.push(filter.grade)}`);
    if (filter.search !== undefined) {
      // Name by name key (full-width and spaces do not matter); other text fields as typed.
      const key = `$${values.push(`%${escapeLike(nameKey(filter.search))}%`)}`;
      const text = `$${values.push(`%${escapeLike(filter.search.trim())}%`)}`;
      where.push(`(c.name_key LIKE ${key} OR c.contact LIKE ${text} OR c.phone LIKE ${text} OR c.region LIKE ${text}
        OR c.industry LIKE ${text} OR c.uscc LIKE ${key}
        OR EXISTS (SELECT 1 FROM customer_aliases a WHERE a.customer_id = c.id AND a.name_key LIKE ${key}))`);
    }
    if (filter.ids !== undefined) where.push(`c.id = ANY($${values.push(filter.ids)}::bigint[])`);
    const sql = `SELECT ${C_COLUMNS},
        CASE WHEN f.last_business IS NULL OR f.last_business < $1 THEN f.last_business
          ELSE (SELECT max(t.date) FROM transactions t WHERE t.customer_id = c.id AND ${isBusinessSql('t')} AND t.date < $1) END AS last_business,
        coalesce((SELECT json_agg(a.name ORDER BY a.id) FROM customer_aliases a WHERE a.customer_id = c.id), '[]') AS aliases
      FROM customers c LEFT JOIN customer_facts f ON f.customer_id = c.id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`;
    yield* await this.sql.rows<CustomerWithFacts>(sql, values);
  }

  async insert(fields: CustomerFields): Promise<number> {
    return this.insertRow(fields, timestamp(this.actor.now));
  }

  /** `relink: false` leaves matching transactions to the caller (a bulk import matches them all at once). */
  async insertRow(fields: CustomerFields, createdAt: string, relink = true): Promise<number> {
    const key = nameKey(fields.name);
    const columns = CUSTOMER_COLUMNS.filter((c) => c !== 'id');
    const row = newCustomerRow(fields, key, createdAt);
    const core = nameCore(fields.name);
    const id = (await this.sql.value<number>(
      `INSERT INTO customers (${columns.join(', ')}, name_core) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, $${columns.length + 1}) RETURNING id`,
      [...columns.map((c) => row[c]), core],
    ))!;
    await this.names.index([{ core }]);
    await this.history.record({
      action: 'create',
      entity: 'customer',
      entityId: id,
      customerId: id,
      new: { ...fields, monthly_volume: historyValue('monthly_volume', fields.monthly_volume) },
    });
    if (relink) await this.relink(id, [key], fields.uscc ? [fields.uscc] : []);
    return id;
  }

  async update(id: number, change: CustomerChange, action: string, on?: ISODate): Promise<string[]> {
    const before = await this.byId(id);
    if (!before) return [];
    const changed = Object.entries(change).filter(
      ([field, value]) => value !== undefined && (before as unknown as Record<string, unknown>)[field] !== value,
    );
    if (changed.length === 0) return [];
    const values: unknown[] = [];
    const assignments = changed.map(([field, value]) => `${field} = $${values.push(value)}`);
    const newName = change.name !== undefined && changed.some(([field]) => field === 'name') ? change.name : undefined;
    const newKey = newName === undefined ? undefined : nameKey(newName);
    if (newKey !== undefined) {
      const core = nameCore(newName!);
      assignments.push(`name_key = $${values.push(newKey)}`, `name_core = $${values.push(core)}`);
      await this.names.index([{ core }]);
    }
    await this.sql.run(`UPDATE customers SET ${assignments.join(', ')} WHERE id = $${values.push(id)}`, values);
    for (const [field, value] of changed) {
      const old = (before as unknown as Record<string, unknown>)[field];
      await this.history.record({
        action,
        entity: 'customer',
        entityId: id,
        customerId: id,
        field,
        old: historyValue(field, old),
        new: historyValue(field, value),
      });
    }
    if (newKey !== undefined) {
      // The new name is no longer a former name; the old one becomes one, so its transactions keep matching.
      await this.sql.run('DELETE FROM customer_aliases WHERE customer_id = $1 AND name_key = $2', [id, newKey]);
      if (before.name_key !== newKey) await this.alias(id, before.name, on ?? before.registered_on, true);
      await this.relink(id, [before.name_key, newKey], []);
    }
    if (changed.some(([field]) => field === 'uscc')) {
      await this.relink(
        id,
        [],
        [before.uscc, change.uscc ?? null].filter((u): u is string => !!u),
      );
    }
    return changed.map(([field]) => field);
  }

  addAlias(id: number, name: string, addedOn: ISODate): Promise<boolean> {
    return this.alias(id, name, addedOn, false);
  }

  private async alias(id: number, name: string, addedOn: ISODate, quiet: boolean): Promise<boolean> {
    const key = nameKey(name);
    const known = await this.sql.row(
      'SELECT 1 FROM customers WHERE id = $1 AND name_key = $2 UNION ALL SELECT 1 FROM customer_aliases WHERE customer_id = $1 AND name_key = $2',
      [id, key],
    );
    if (known) return false;
    const core = nameCore(name);
    await this.sql.run('INSERT INTO customer_aliases (customer_id, name, name_key, added_on, name_core) VALUES ($1, $2, $3, $4, $5)', [
      id,
      name,
      key,
      addedOn,
      core,
    ]);
    await this.names.index([{ core }]);
    if (!quiet)
      await this.history.record({ action: 'alias', entity: 'customer', entityId: id, customerId: id, field: 'aliases', new: name });
    await this.relink(id, [key], []);
    return true;
  }

  /**
   * After a bulk registration: matches every transaction that is unmatched or whose USCC belongs to a
   * customer registered from `firstId` on, then derives the relationship starts again if anything moved.
   */
  async relinkAfterImport(firstId: number): Promise<void> {
    const moved = await this.sql.run(
      `${RELINK} WHERE t.customer_id IS NULL OR t.uscc IN (SELECT uscc FROM customers WHERE id >= $1 AND uscc IS NOT NULL)`,
      [firstId],
    );
    if (moved > 0) await refreshAllTransactionFacts(this.sql, await this.years());
  }

  /** Matches again the transactions a change of names or USCC can affect. */
  private async relink(id: number, keys: string[], usccs: string[]): Promise<void> {
    const scope = 'customer_id = $1 OR name_key = ANY($2::text[]) OR uscc = ANY($3::text[])';
    const values = [id, keys, usccs];
    // Transactions can move between customers (a USCC wins over a name): both sides get their starts again.
    const before = await customersOfTransactions(this.sql, scope, values);
    await this.sql.run(`${RELINK} WHERE t.customer_id = $1 OR t.name_key = ANY($2::text[]) OR t.uscc = ANY($3::text[])`, values);
    const after = await customersOfTransactions(this.sql, scope, values);
    await refreshTransactionFacts(this.sql, new Set([id, ...before, ...after]), await this.years());
  }
}
