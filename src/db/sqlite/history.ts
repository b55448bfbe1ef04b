// The audit trail. Repos call `record` inside their write transaction, so a rolled-back change leaves no entry.
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';

export interface Actor {
  user: string;
  /** Wall-clock time of the change (not the as-of date). */
  now: () => Date;
}

export interface HistoryEntry {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entity_id: string | null;
  customer_id: number | null;
  field: string | null;
  old: string | null;
  new: string | null;
}

export interface NewHistoryEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  customerId?: number | null;
  field?: string | null;
  old?: unknown;
  new?: unknown;
}

const asText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

export class HistoryRepo {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {
    this.insert = prepared(db, 
      `INSERT INTO history (at, actor, action, entity, entity_id, customer_id, field, old, new)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(entry: NewHistoryEntry): void {
    this.insert.run(
      this.actor.now().toISOString().replace(/\.\d{3}Z$/u, 'Z'),
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

  /** Newest first; for one customer (its own changes and those of its visits, forms, applications) or all. */
  *list(filter: { customerId?: number; entity?: string; limit?: number }): IterableIterator<HistoryEntry> {
    const { where, params } = whereClause({
      customerId: ['customer_id = :customerId', filter.customerId],
      entity: ['entity = :entity', filter.entity],
    });
    const sql = `SELECT id, at, actor AS user, action, entity, entity_id, customer_id, field, old, new FROM history
      ${where} ORDER BY id DESC ${filter.limit ? 'LIMIT :limit' : ''}`;
    if (filter.limit) params.limit = filter.limit;
    yield* prepared(this.db, sql).iterate(params) as IterableIterator<HistoryEntry>;
  }
}
