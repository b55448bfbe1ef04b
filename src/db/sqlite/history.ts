// The audit trail. Repositories record inside their write transaction, so a rolled-back change leaves no entry.
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';
import type { HistoryEntry, HistoryFilter, HistoryRepository, NewHistoryEntry } from '../../app/store.js';
import { timestamp, type Actor } from '../clock.js';

const asText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

export class SqliteHistory implements HistoryRepository {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {
    this.insert = prepared(
      db,
      `INSERT INTO history (at, actor, action, entity, entity_id, customer_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async record(entry: NewHistoryEntry): Promise<void> {
    this.write(entry);
  }

  /** For the other repositories, inside their own synchronous statements. */
  write(entry: NewHistoryEntry): void {
    this.insert.run(
      timestamp(this.actor.now),
      this.actor.user,
      entry.action,
      entry.entity,
      entry.entityId === null || entry.entityId === undefined ? null : String(entry.entityId),
      entry.customerId ?? null,
      entry.field ?? null,
      asText(entry.old),
      asText(entry.new),
    );
  }

  *list(filter: HistoryFilter): IterableIterator<HistoryEntry> {
    const { where, params } = whereClause({
      customerId: ['customer_id = :customerId', filter.customerId],
      entity: ['entity = :entity', filter.entity],
      entityId: ['entity_id = :entityId', filter.entityId === undefined ? undefined : String(filter.entityId)],
    });
    const sql = `SELECT id, at, actor AS user, action, entity, entity_id, customer_id, field, old, new FROM history
      ${where} ORDER BY id DESC ${filter.limit ? 'LIMIT :limit' : ''}`;
    if (filter.limit) params.limit = filter.limit;
    yield* prepared(this.db, sql).iterate(params) as IterableIterator<HistoryEntry>;
  }
}
