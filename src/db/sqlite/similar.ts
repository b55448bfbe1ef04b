// The similar-name index (src/db/name-index.ts) and the confirmations that two similar customers are
// different companies (docs/rules.md, rule 17). The customer writes index each name in their transaction.
import { prepared } from './statements.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { Distinction, NewDistinction, SimilarNameRepository } from '../../app/store-similar.js';
import { holderKey, INSERT_NAME_KEY, nameKeyRows } from '../name-index.js';
import { timestamp, type Actor } from '../clock.js';

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

const DISTINCTION_COLUMNS = `d.customer_id, c.name AS customer, d.other_id, o.name AS other, d.via, d.application_id, d.confirmed_by, d.confirmed_on
  FROM customer_distinctions d JOIN customers c ON c.id = d.customer_id JOIN customers o ON o.id = d.other_id`;

export class SqliteSimilarNames implements SimilarNameRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly actor: Actor,
  ) {}

  /** Indexes one name or former name of a customer by its core; inside the caller's write transaction. */
  index(customerId: number, core: string): void {
    const insert = prepared(this.db, INSERT_NAME_KEY);
    for (const row of nameKeyRows(core, customerId)) insert.run(...row);
  }

  async keyHolders(keys: readonly string[], [min, max]: readonly [number, number], cap: number): Promise<Map<string, number>> {
    const count = prepared(
      this.db,
      'SELECT count(*) FROM (SELECT 1 FROM name_bigrams WHERE bigram = ? AND key_count BETWEEN ? AND ? LIMIT ?) AS held',
    ).pluck();
    return new Map(keys.map((key) => [key, count.get(key, min, max, cap) as number]));
  }

  async coresWithKeys(keys: readonly string[], [min, max]: readonly [number, number]): Promise<string[]> {
    if (keys.length === 0) return [];
    return prepared(
      this.db,
      `SELECT DISTINCT core FROM name_bigrams WHERE bigram IN (${placeholders(keys.length)}) AND key_count BETWEEN ? AND ?`,
    )
      .pluck()
      .all(...keys, min, max) as string[];
  }

  async holdersOf(cores: readonly string[]): Promise<Array<{ customer_id: number; core: string }>> {
    const holders = prepared(this.db, 'SELECT customer_id FROM name_bigrams WHERE bigram = ? AND key_count = ? AND core = ?').pluck();
    return cores.flatMap((core) => (holders.all(...holderKey(core), core) as number[]).map((id) => ({ customer_id: id, core })));
  }

  async coresOf(customerId: number): Promise<string[]> {
    return prepared(
      this.db,
      'SELECT name_core FROM customers WHERE id = :id UNION SELECT name_core FROM customer_aliases WHERE customer_id = :id',
    )
      .pluck()
      .all({ id: customerId }) as string[];
  }

  *allCores(): IterableIterator<{ customer_id: number; core: string }> {
    yield* prepared(
      this.db,
      'SELECT id AS customer_id, name_core AS core FROM customers UNION ALL SELECT customer_id, name_core AS core FROM customer_aliases',
    ).iterate() as IterableIterator<{ customer_id: number; core: string }>;
  }

  async distinctions(filter: { customerId?: number; applicationId?: number }): Promise<Distinction[]> {
    if (filter.applicationId !== undefined) {
      return prepared(this.db, `SELECT ${DISTINCTION_COLUMNS} WHERE d.application_id = ? ORDER BY d.created_at, d.other_id`).all(
        filter.applicationId,
      ) as Distinction[];
    }
    return prepared(
      this.db,
      `SELECT ${DISTINCTION_COLUMNS} WHERE d.customer_id = :id UNION ALL SELECT ${DISTINCTION_COLUMNS} WHERE d.other_id = :id
       ORDER BY confirmed_on, customer_id, other_id`,
    ).all({ id: filter.customerId ?? null }) as Distinction[];
  }

  async confirmDistinct(confirmation: NewDistinction): Promise<void> {
    this.confirm(confirmation, timestamp(this.actor.now));
  }

  /**
   * One row per pair (a pair confirmed before keeps its first row) and one history entry: who confirmed that
   * the customer is not the same company as each of the others.
   */
  confirm(c: NewDistinction, createdAt: string): void {
    if (c.otherIds.length === 0) return;
    const insert = prepared(
      this.db,
      `INSERT INTO customer_distinctions (customer_id, other_id, via, application_id, confirmed_by, confirmed_on, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const by = c.by ?? this.actor.user;
    for (const other of c.otherIds) insert.run(c.customerId, other, c.via, c.applicationId ?? null, by, c.on, createdAt);
    this.history.write({
      action: 'distinct',
      entity: c.applicationId === undefined ? 'customer' : 'application',
      entityId: c.applicationId ?? c.customerId,
      customerId: c.customerId,
      field: 'distinct_from',
      new: c.otherIds,
    });
  }
}
