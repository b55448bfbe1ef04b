// Complaints (客户投诉, docs/rules.md, rule 14): one row each, holding its latest state; every step in the history.
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { ComplaintChange, ComplaintFilter, ComplaintRepository, ComplaintRow, NewComplaint } from '../../app/store-service.js';
import { timestamp, type Actor } from '../clock.js';

const SELECT = `SELECT k.id, k.customer_id, c.name AS customer, c.owner, k.received_on, k.channel, k.received_by, k.content, k.status,
  k.due, k.verified_on, k.verified_by, k.finding, k.handled_on, k.handled_by, k.result, k.on_time, k.followup_due, k.followup_on,
  k.outcome, k.followup_note
  FROM complaints k JOIN customers c ON c.id = k.customer_id`;

export class SqliteComplaints implements ComplaintRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly actor: Actor,
  ) {}

  async byId(id: number): Promise<ComplaintRow | undefined> {
    return this.row(id);
  }

  private row(id: number): ComplaintRow | undefined {
    return prepared(this.db, `${SELECT} WHERE k.id = ?`).get(id) as ComplaintRow | undefined;
  }

  async insert(complaint: NewComplaint): Promise<number> {
    const result = prepared(
      this.db,
      `INSERT INTO complaints (customer_id, received_on, channel, received_by, content, status, due, created_at)
         VALUES (:customer_id, :received_on, :channel, :received_by, :content, 'received', :due, :created_at)`,
    ).run({ ...complaint, created_at: timestamp(this.actor.now) });
    const id = Number(result.lastInsertRowid);
    this.history.write({
      action: 'receive',
      entity: 'complaint',
      entityId: id,
      customerId: complaint.customer_id,
      new: { ...complaint, status: 'received' },
    });
    return id;
  }

  async update(id: number, change: ComplaintChange, action: string): Promise<void> {
    const before = this.row(id)! as unknown as Record<string, unknown>;
    const entries = Object.entries(change).filter(([field, value]) => value !== undefined && before[field] !== value);
    if (entries.length === 0) return;
    // The field names come from ComplaintChange (columns), never from input text.
    prepared(this.db, `UPDATE complaints SET ${entries.map(([f]) => `${f} = :${f}`).join(', ')} WHERE id = :id`).run({
      ...Object.fromEntries(entries),
      id,
    });
    for (const [field, value] of entries) {
      this.history.write({
        action,
        entity: 'complaint',
        entityId: id,
        customerId: before.customer_id as number,
        field,
        old: before[field],
        new: value,
      });
    }
  }

  *list(filter: ComplaintFilter): IterableIterator<ComplaintRow> {
    const { where, params } = whereClause({
      customerId: ['k.customer_id = :customerId', filter.customerId],
      owner: ['c.owner = :owner', filter.owner],
      open: [filter.open ? "k.status <> 'closed'" : "k.status = 'closed'", filter.open],
    });
    yield* prepared(this.db, `${SELECT} ${where} ORDER BY k.received_on, k.id`).iterate(params) as IterableIterator<ComplaintRow>;
  }
}
