// Complaints (客户投诉, docs/rules.md, rule 14) on PostgreSQL: one row each, holding its latest state; every step in the history.
import type { ComplaintChange, ComplaintFilter, ComplaintRepository, ComplaintRow, NewComplaint } from '../../app/store-service.js';
import { timestamp, type Actor } from '../clock.js';
import type { PostgresHistory } from './history.js';
import type { Sql } from './sql.js';

const SELECT = `SELECT k.id, k.customer_id, c.name AS customer, c.owner, k.received_on, k.channel, k.received_by, k.content, k.status,
  k.due, k.verified_on, k.verified_by, k.finding, k.handled_on, k.handled_by, k.result, k.on_time, k.followup_due, k.followup_on,
  k.outcome, k.followup_note
  FROM complaints k JOIN customers c ON c.id = k.customer_id`;

/** The columns an update may set (ComplaintChange): names never come from input text. */
const CHANGEABLE = new Set([
  'status',
  'due',
  'verified_on',
  'verified_by',
  'finding',
  'handled_on',
  'handled_by',
  'result',
  'on_time',
  'followup_due',
  'followup_on',
  'outcome',
  'followup_note',
]);

export class PostgresComplaints implements ComplaintRepository {
  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
    private readonly actor: Actor,
  ) {}

  byId(id: number): Promise<ComplaintRow | undefined> {
    return this.sql.row<ComplaintRow>(`${SELECT} WHERE k.id = $1`, [id]);
  }

  async insert(complaint: NewComplaint): Promise<number> {
    const id = (await this.sql.value<number>(
      `INSERT INTO complaints (customer_id, received_on, channel, received_by, content, status, due, created_at)
       VALUES ($1, $2, $3, $4, $5, 'received', $6, $7) RETURNING id`,
      [
        complaint.customer_id,
        complaint.received_on,
        complaint.channel,
        complaint.received_by,
        complaint.content,
        complaint.due,
        timestamp(this.actor.now),
      ],
    ))!;
    await this.history.record({
      action: 'receive',
      entity: 'complaint',
      entityId: id,
      customerId: complaint.customer_id,
      new: { ...complaint, status: 'received' },
    });
    return id;
  }

  async update(id: number, change: ComplaintChange, action: string): Promise<void> {
    const before = (await this.byId(id))! as unknown as Record<string, unknown>;
    const entries = Object.entries(change).filter(
      ([field, value]) => CHANGEABLE.has(field) && value !== undefined && before[field] !== value,
    );
    if (entries.length === 0) return;
    const values: unknown[] = [id];
    await this.sql.run(
      `UPDATE complaints SET ${entries.map(([field, value]) => `${field} = $${values.push(value)}`).join(', ')} WHERE id = $1`,
      values,
    );
    for (const [field, value] of entries) {
      await this.history.record({
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

  async *list(filter: ComplaintFilter): AsyncGenerator<ComplaintRow> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.customerId !== undefined) where.push(`k.customer_id = $${values.push(filter.customerId)}`);
    if (filter.owner !== undefined) where.push(`c.owner = $${values.push(filter.owner)}`);
    if (filter.open !== undefined) where.push(filter.open ? "k.status <> 'closed'" : "k.status = 'closed'");
    yield* await this.sql.rows<ComplaintRow>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY k.received_on, k.id`,
      values,
    );
  }
}
