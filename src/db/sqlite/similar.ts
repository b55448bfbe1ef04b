// The similar-name index (src/db/name-index.ts) and the confirmations that similar customers are different
// companies (docs/rules.md, rule 17). The customer writes index each new core in their transaction.
import { prepared } from './statements.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { Distinction, NewDistinction, SimilarNameRepository } from '../../app/store-similar.js';
import { coreKey, coreKeyRows, INSERT_CORE_KEY } from '../name-index.js';
import { timestamp, type Actor } from '../clock.js';

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

const DISTINCTION = 'SELECT id, customer_id, other_ids, via, application_id, confirmed_by, confirmed_on FROM customer_distinctions';

export class SqliteSimilarNames implements SimilarNameRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly actor: Actor,
  ) {}

  /** Indexes a core that a name or former name has, unless it is indexed already; inside the caller's write. */
  index(core: string): void {
    if (prepared(this.db, 'SELECT 1 FROM core_bigrams WHERE bigram = ? AND key_count = ? AND core = ?').get(...coreKey(core))) return;
    this.indexNew([{ core }]);
  }

  /**
   * Indexes cores known not to be indexed yet (a bulk import knows every core, and its keys). Sorting the rows
   * first to fill the index in its order was tried: the sort cost more than it saved.
   */
  indexNew(cores: Iterable<{ core: string; keys?: Iterable<string> }>): void {
    const insert = prepared(this.db, INSERT_CORE_KEY);
    for (const { core, keys } of cores) for (const row of coreKeyRows(core, keys)) insert.run(...row);
  }

  async keyHolders(keys: readonly string[], [min, max]: readonly [number, number], cap: number): Promise<Map<string, number>> {
    const count = prepared(
      this.db,
      'SELECT count(*) FROM (SELECT 1 FROM core_bigrams WHERE bigram = ? AND key_count BETWEEN ? AND ? LIMIT ?) AS held',
    ).pluck();
    return new Map(keys.map((key) => [key, count.get(key, min, max, cap) as number]));
  }

  async coresWithKeys(keys: readonly string[], [min, max]: readonly [number, number]): Promise<string[]> {
    if (keys.length === 0) return [];
    return prepared(
      this.db,
      `SELECT DISTINCT core FROM core_bigrams WHERE bigram IN (${placeholders(keys.length)}) AND key_count BETWEEN ? AND ?`,
    )
      .pluck()
      .all(...keys, min, max) as string[];
  }

  async holdersOf(cores: readonly string[]): Promise<Array<{ customer_id: number; core: string }>> {
    if (cores.length === 0) return [];
    const list = placeholders(cores.length);
    return prepared(
      this.db,
      `SELECT id AS customer_id, name_core AS core FROM customers WHERE name_core IN (${list})
       UNION SELECT customer_id, name_core AS core FROM customer_aliases WHERE name_core IN (${list})`,
    ).all(...cores, ...cores) as Array<{ customer_id: number; core: string }>;
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

  async distinctions(filter: { customerIds?: readonly number[]; applicationId?: number }): Promise<Distinction[]> {
    const rows =
      filter.applicationId !== undefined
        ? prepared(this.db, `${DISTINCTION} WHERE application_id = ? ORDER BY id`).all(filter.applicationId)
        : filter.customerIds?.length
          ? prepared(this.db, `${DISTINCTION} WHERE customer_id IN (${placeholders(filter.customerIds.length)}) ORDER BY id`).all(
              ...filter.customerIds,
            )
          : [];
    return (rows as Array<Omit<Distinction, 'other_ids'> & { other_ids: string }>).map((r) => ({
      ...r,
      other_ids: JSON.parse(r.other_ids) as number[],
    }));
  }

  async confirmDistinct(confirmation: NewDistinction): Promise<void> {
    this.confirm(confirmation, timestamp(this.actor.now));
  }

  /**
   * One row and one history entry: who confirmed that the customer is not the same company as any of the
   * others. An import writes one history entry of its own for all its rows (`history: false`).
   */
  confirm(c: NewDistinction, createdAt: string, history = true): void {
    if (c.otherIds.length === 0) return;
    const others = JSON.stringify(c.otherIds);
    prepared(
      this.db,
      `INSERT INTO customer_distinctions (customer_id, other_ids, via, application_id, confirmed_by, confirmed_on, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.customerId, others, c.via, c.applicationId ?? null, c.by ?? this.actor.user, c.on, createdAt);
    if (!history) return;
    this.history.write({
      action: 'distinct',
      entity: c.applicationId === undefined ? 'customer' : 'application',
      entityId: c.applicationId ?? c.customerId,
      customerId: c.customerId,
      field: 'distinct_from',
      new: others,
    });
  }
}
