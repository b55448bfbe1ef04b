// The audit trail on PostgreSQL: written in the transaction of the change it describes; append-only by trigger.
import type { HistoryEntry, HistoryFilter, HistoryRepository, NewHistoryEntry } from '../../app/store.js';
import { timestamp, type Actor } from '../clock.js';
import type { Sql } from './sql.js';

const asText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

export class PostgresHistory implements HistoryRepository {
  constructor(
    private readonly sql: Sql,
    private readonly actor: Actor,
  ) {}

  async record(entry: NewHistoryEntry): Promise<void> {
    await this.sql.run(
      `INSERT INTO history (at, actor, action, entity, entity_id, customer_id, field, old, new) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        timestamp(this.actor.now),
        this.actor.user,
        entry.action,
        entry.entity,
        entry.entityId === null || entry.entityId === undefined ? null : String(entry.entityId),
        entry.customerId ?? null,
        entry.field ?? null,
        asText(entry.old),
        asText(entry.new),
      ],
    );
  }

  async *list(filter: HistoryFilter): AsyncGenerator<HistoryEntry> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.customerId !== undefined) where.push(`customer_id = $${values.push(filter.customerId)}`);
    if (filter.entity !== undefined) where.push(`entity = $${values.push(filter.entity)}`);
    if (filter.entityId !== undefined) where.push(`entity_id = $${values.push(String(filter.entityId))}`);
    const limit = filter.limit ? `LIMIT $${values.push(filter.limit)}` : '';
    yield* await this.sql.rows<HistoryEntry>(
      `SELECT id, at, actor AS user, action, entity, entity_id, customer_id, field, old, new FROM history
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC ${limit}`,
      values,
    );
  }
}
