// Customers and their former names. Registering, renaming or adding an alias re-matches the
// imported transactions, so a customer's history follows it (SPEC §3.1).
import { prepared } from './statements.js';
import { customersOfTransactions, refreshAllTransactionFacts, refreshTransactionFacts } from './derived.js';
import type { Db } from '../open.js';
import type { HistoryRepo } from './history.js';
import type { ISODate } from '../../core/dates.js';
import type { Grade } from '../../core/customer.js';
import { nameKey } from '../../core/names.js';
import { formatYuan } from '../../core/money.js';
import { ConflictError } from '../../errors.js';

export interface CustomerFields {
  name: string;
  uscc: string | null;
  grade: Grade;
  owner: string | null;
  source: string | null;
  region: string | null;
  industry: string | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  monthly_volume: number | null;
  note: string | null;
  registered_on: ISODate;
}

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

const COLUMNS = `id, name, name_key, uscc, grade, owner, source, region, industry, contact, phone, email, address,
  monthly_volume, note, registered_on, assigned_on, closed_on, created_at`;

/** Re-match transactions: USCC first, then the name key of a name or a former name. */
const RELINK = `UPDATE transactions SET customer_id = coalesce(
    (SELECT c.id FROM customers c WHERE c.uscc = transactions.uscc),
    (SELECT c.id FROM customers c WHERE c.name_key = transactions.name_key),
    (SELECT a.customer_id FROM customer_aliases a WHERE a.name_key = transactions.name_key))`;

/** Money goes into the history as yuan text, as the clerk typed it, not as fen. */
function historyValue(field: string, value: unknown): unknown {
  return field === 'monthly_volume' && typeof value === 'number' ? formatYuan(value) : value;
}

export const escapeLike = (text: string): string => text.replace(/[\\%_]/gu, (ch) => `\\${ch}`);

export class CustomerRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepo,
    /** eligibility.years, which relationship starts depend on. */
    private readonly years: () => number,
  ) {}

  byId(id: number): CustomerRow | undefined {
    return prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE id = ?`).get(id) as CustomerRow | undefined;
  }

  /** The customer whose name or former name has this key. */
  byNameKey(key: string): CustomerRow | undefined {
    return (prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE name_key = ?`).get(key) ??
      prepared(this.db, `SELECT ${COLUMNS.replace(/(\w+)/gu, 'c.$1')} FROM customer_aliases a JOIN customers c ON c.id = a.customer_id WHERE a.name_key = ?`)
        .get(key)) as CustomerRow | undefined;
  }

  byUscc(uscc: string): CustomerRow | undefined {
    return prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE uscc = ?`).get(uscc) as CustomerRow | undefined;
  }

  /** Customers whose name contains the text (by name key), for "did you mean". */
  similar(text: string, limit = 5): CustomerRow[] {
    return prepared(this.db, `SELECT ${COLUMNS} FROM customers WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key LIMIT ?`)
      .all(`%${escapeLike(nameKey(text))}%`, limit) as CustomerRow[];
  }

  aliases(id: number): string[] {
    return (prepared(this.db, 'SELECT name FROM customer_aliases WHERE customer_id = ? ORDER BY id').all(id) as Array<{ name: string }>).map((r) => r.name);
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  }

  /** Customers with their last business before `asOf`, in id order, streamed. */
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
    const sql = `SELECT ${COLUMNS.replace(/(\w+)/gu, 'c.$1')},
        CASE WHEN f.last_business IS NULL OR f.last_business < :asOf THEN f.last_business
          ELSE (SELECT max(t.date) FROM transactions t WHERE t.customer_id = c.id AND t.kind IN ('sale', 'return') AND t.date < :asOf) END AS last_business,
        (SELECT json_group_array(a.name) FROM (SELECT name FROM customer_aliases WHERE customer_id = c.id ORDER BY id) a) AS aliases_json
      FROM customers c LEFT JOIN customer_facts f ON f.customer_id = c.id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`;
    for (const row of prepared(this.db, sql).iterate(params) as IterableIterator<CustomerRow & { last_business: ISODate | null; aliases_json: string }>) {
      const { aliases_json, ...rest } = row;
      yield { ...rest, aliases: JSON.parse(aliases_json) as string[] };
    }
  }

  /** A name (or former name) already registered to another customer → exit 4 naming it and its owner. */
  assertNameFree(name: string, exceptId?: number): void {
    const existing = this.byNameKey(nameKey(name));
    if (existing && existing.id !== exceptId) {
      throw new ConflictError('customer.duplicate_name', { name, id: existing.id, existing: existing.name, owner: existing.owner ?? '-' });
    }
  }

  assertUsccFree(uscc: string | null | undefined, exceptId?: number): void {
    if (!uscc) return;
    const existing = this.byUscc(uscc);
    if (existing && existing.id !== exceptId) {
      throw new ConflictError('customer.duplicate_uscc', { uscc, id: existing.id, existing: existing.name, owner: existing.owner ?? '-' });
    }
  }

  /** Registers a new customer after the duplicate checks; the registration is its first assignment. */
  register(fields: CustomerFields, now: string): number {
    this.assertNameFree(fields.name);
    this.assertUsccFree(fields.uscc);
    return this.insert(fields, fields.registered_on, now);
  }

  /** `relink: false` leaves matching transactions to the caller (a bulk import matches them all at once). */
  insert(fields: CustomerFields, assignedOn: ISODate, now: string, relink = true): number {
    const key = nameKey(fields.name);
    const result = prepared(this.db, 
        `INSERT INTO customers (name, name_key, uscc, grade, owner, source, region, industry, contact, phone, email, address,
           monthly_volume, note, registered_on, assigned_on, created_at)
         VALUES (:name, :key, :uscc, :grade, :owner, :source, :region, :industry, :contact, :phone, :email, :address,
           :monthly_volume, :note, :registered_on, :assigned_on, :created_at)`,
      )
      .run({ ...fields, key, assigned_on: assignedOn, created_at: now });
    const id = Number(result.lastInsertRowid);
    this.history.record({ action: 'create', entity: 'customer', entityId: id, customerId: id, new: { ...fields, monthly_volume: historyValue('monthly_volume', fields.monthly_volume) } });
    if (relink) this.relink(id, [key], fields.uscc ? [fields.uscc] : []);
    return id;
  }

  /** Writes the changed fields, one history entry per field. Returns the names of the fields that changed. */
  update(
    id: number,
    changes: Partial<CustomerFields & { assigned_on: ISODate; closed_on: ISODate | null }>,
    action = 'update',
    /** The date of the change, recorded on the former name a rename leaves behind. */
    on?: ISODate,
  ): string[] {
    const before = this.byId(id);
    if (!before) return [];
    const changed = Object.entries(changes).filter(([field, value]) => value !== undefined && (before as unknown as Record<string, unknown>)[field] !== value);
    if (changed.length === 0) return [];
    const assignments = changed.map(([field]) => `${field} = :${field}`);
    const params: Record<string, unknown> = Object.fromEntries(changed);
    if (params.name !== undefined) {
      assignments.push('name_key = :name_key');
      params.name_key = nameKey(params.name as string);
    }
    prepared(this.db, `UPDATE customers SET ${assignments.join(', ')} WHERE id = :id`).run({ ...params, id });
    for (const [field, value] of changed) {
      const old = (before as unknown as Record<string, unknown>)[field];
      this.history.record({ action, entity: 'customer', entityId: id, customerId: id, field, old: historyValue(field, old), new: historyValue(field, value) });
    }
    if (params.name !== undefined) {
      // The new name is no longer a former name; the old one becomes one, so its transactions keep matching.
      prepared(this.db, 'DELETE FROM customer_aliases WHERE customer_id = ? AND name_key = ?').run(id, params.name_key);
      if (before.name_key !== params.name_key) this.addAlias(id, before.name, on ?? before.registered_on, true);
      this.relink(id, [before.name_key, params.name_key as string], []);
    }
    if ('uscc' in params) this.relink(id, [], [before.uscc, params.uscc as string | null].filter((u): u is string => !!u));
    return changed.map(([field]) => field);
  }

  /** Adds a former name; false when the customer already has it (by name key) as its name or a former name. */
  addAlias(id: number, name: string, addedOn: ISODate, quiet = false): boolean {
    const key = nameKey(name);
    const known = prepared(this.db, 'SELECT 1 FROM customers WHERE id = :id AND name_key = :key UNION ALL SELECT 1 FROM customer_aliases WHERE customer_id = :id AND name_key = :key')
      .get({ id, key });
    if (known) return false;
    prepared(this.db, 'INSERT INTO customer_aliases (customer_id, name, name_key, added_on) VALUES (?, ?, ?, ?)').run(id, name, key, addedOn);
    if (!quiet) this.history.record({ action: 'alias', entity: 'customer', entityId: id, customerId: id, field: 'aliases', new: name });
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
    ).run({ firstId }).changes;
    if (moved > 0) refreshAllTransactionFacts(this.db, this.years());
  }

  /** Re-matches the transactions a change of names or USCC can affect. */
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
