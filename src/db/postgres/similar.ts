// The similar-name index (src/db/name-index.ts) and the confirmations that similar customers are different
// companies (docs/rules.md, rule 17) on PostgreSQL: the same tables and queries as src/db/sqlite/similar.ts.
import type { Distinction, NewDistinction, SimilarNameRepository } from '../../app/store-similar.js';
import { coreKeyRows } from '../name-index.js';
import { timestamp, type Actor } from '../clock.js';
import type { PostgresHistory } from './history.js';
import type { Sql } from './sql.js';

const INDEX_SLICE = 50_000;

const DISTINCTION = 'SELECT id, customer_id, other_ids, via, application_id, confirmed_by, confirmed_on FROM customer_distinctions';

export class PostgresSimilarNames implements SimilarNameRepository {
  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
    private readonly actor: Actor,
  ) {}

  /** Indexes the cores a name or former name has (a core indexed already stays); inside the caller's write. */
  async index(cores: Iterable<{ core: string; keys?: Iterable<string> }>): Promise<void> {
    const rows = [...cores].flatMap(({ core, keys }) => coreKeyRows(core, keys));
    // A bulk import's cores go in slices: one statement per slice, none with a parameter of many megabytes.
    for (let start = 0; start < rows.length; start += INDEX_SLICE) {
      const slice = rows.slice(start, start + INDEX_SLICE);
      await this.sql.run(
        `INSERT INTO core_bigrams (bigram, key_count, core)
         SELECT * FROM unnest($1::text[], $2::integer[], $3::text[]) ON CONFLICT DO NOTHING`,
        [slice.map((r) => r[0]), slice.map((r) => r[1]), slice.map((r) => r[2])],
      );
    }
  }

  async keyHolders(keys: readonly string[], [min, max]: readonly [number, number], cap: number): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await this.sql.rows<{ key: string; held: number }>(
      `SELECT k.key, (SELECT count(*) FROM (SELECT 1 FROM core_bigrams WHERE bigram = k.key AND key_count BETWEEN $2 AND $3 LIMIT $4) AS h)::integer AS held
       FROM unnest($1::text[]) AS k(key)`,
      [keys, min, max, cap],
    );
    return new Map(rows.map((r) => [r.key, r.held]));
  }

  async coresWithKeys(keys: readonly string[], [min, max]: readonly [number, number]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.sql.rows<{ core: string }>(
      'SELECT DISTINCT core FROM core_bigrams WHERE bigram = ANY($1::text[]) AND key_count BETWEEN $2 AND $3',
      [keys, min, max],
    );
    return rows.map((r) => r.core);
  }

  async holdersOf(cores: readonly string[]): Promise<Array<{ customer_id: number; core: string }>> {
    if (cores.length === 0) return [];
    return this.sql.rows(
      `SELECT id AS customer_id, name_core AS core FROM customers WHERE name_core = ANY($1::text[])
       UNION SELECT customer_id, name_core AS core FROM customer_aliases WHERE name_core = ANY($1::text[])`,
      [cores],
    );
  }

  async coresOf(customerId: number): Promise<string[]> {
    const rows = await this.sql.rows<{ core: string }>(
      'SELECT name_core AS core FROM customers WHERE id = $1 UNION SELECT name_core FROM customer_aliases WHERE customer_id = $1',
      [customerId],
    );
    return rows.map((r) => r.core);
  }

  async *allCores(): AsyncGenerator<{ customer_id: number; core: string }> {
    yield* await this.sql.rows<{ customer_id: number; core: string }>(
      '(SELECT id AS customer_id, name_core AS core FROM customers ORDER BY id) UNION ALL (SELECT customer_id, name_core FROM customer_aliases ORDER BY id)',
    );
  }

  async distinctions(filter: { customerIds?: readonly number[]; applicationId?: number }): Promise<Distinction[]> {
    const rows =
      filter.applicationId !== undefined
        ? await this.sql.rows(`${DISTINCTION} WHERE application_id = $1 ORDER BY id`, [filter.applicationId])
        : filter.customerIds?.length
          ? await this.sql.rows(`${DISTINCTION} WHERE customer_id = ANY($1::bigint[]) ORDER BY id`, [filter.customerIds])
          : [];
    return (rows as Array<Omit<Distinction, 'other_ids'> & { other_ids: string }>).map((r) => ({
      ...r,
      other_ids: JSON.parse(r.other_ids) as number[],
    }));
  }

  /** One row and one history entry: who confirmed that the customer is not the same company as any of the others. */
  async confirmDistinct(c: NewDistinction): Promise<void> {
    if (c.otherIds.length === 0) return;
    const others = JSON.stringify(c.otherIds);
    await this.sql.run(
      `INSERT INTO customer_distinctions (customer_id, other_ids, via, application_id, confirmed_by, confirmed_on, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.customerId, others, c.via, c.applicationId ?? null, c.by ?? this.actor.user, c.on, timestamp(this.actor.now)],
    );
    await this.history.record({
      action: 'distinct',
      entity: c.applicationId === undefined ? 'customer' : 'application',
      entityId: c.applicationId ?? c.customerId,
      customerId: c.customerId,
      field: 'distinct_from',
      new: others,
    });
  }
}
