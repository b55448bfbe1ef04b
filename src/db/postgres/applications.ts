// New-customer applications (新客户开发申请表) on PostgreSQL.
import type { ApplicationChange, ApplicationFields, ApplicationFilter, ApplicationRepository, ApplicationRow } from '../../app/store.js';
import { timestamp, type Actor } from '../clock.js';
import type { PostgresHistory } from './history.js';
import type { Sql } from './sql.js';

const SELECT = `SELECT a.id, a.customer_id, c.name AS customer, c.owner, a.salesperson, a.first_txn, a.filed_on, a.deadline, a.on_time,
  a.status, a.reason, a.process, a.evaluation, a.support, a.verified_by, a.verified_on, a.decided_by, a.decided_on, a.note
  FROM applications a JOIN customers c ON c.id = a.customer_id`;

const CHANGEABLE = new Set(['status', 'reason', 'verified_by', 'verified_on', 'decided_by', 'decided_on', 'note']);

export class PostgresApplications implements ApplicationRepository {
  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
    private readonly actor: Actor,
  ) {}

  byId(id: number): Promise<ApplicationRow | undefined> {
    return this.sql.row<ApplicationRow>(`${SELECT} WHERE a.id = $1`, [id]);
  }

  forCustomer(customerId: number): Promise<ApplicationRow[]> {
    return this.sql.rows<ApplicationRow>(`${SELECT} WHERE a.customer_id = $1 ORDER BY a.filed_on, a.id`, [customerId]);
  }

  async insert(fields: ApplicationFields): Promise<number> {
    const id = (await this.sql.value<number>(
      `INSERT INTO applications (customer_id, salesperson, first_txn, filed_on, deadline, on_time, status, reason, process, evaluation, support, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        fields.customer_id,
        fields.salesperson,
        fields.first_txn,
        fields.filed_on,
        fields.deadline,
        fields.on_time ? 1 : 0,
        fields.status,
        fields.reason,
        fields.process,
        fields.evaluation,
        fields.support,
        timestamp(this.actor.now),
      ],
    ))!;
    await this.history.record({ action: 'file', entity: 'application', entityId: id, customerId: fields.customer_id, new: fields });
    return id;
  }

  async update(id: number, change: ApplicationChange, action: string): Promise<void> {
    const before = (await this.byId(id))!;
    const entries = Object.entries(change).filter(
      ([field, value]) => CHANGEABLE.has(field) && (before as unknown as Record<string, unknown>)[field] !== value,
    );
    if (entries.length === 0) return;
    const values: unknown[] = [id];
    await this.sql.run(
      `UPDATE applications SET ${entries.map(([field, value]) => `${field} = $${values.push(value)}`).join(', ')} WHERE id = $1`,
      values,
    );
    for (const [field, value] of entries) {
      await this.history.record({
        action,
        entity: 'application',
        entityId: id,
        customerId: before.customer_id,
        field,
        old: (before as unknown as Record<string, unknown>)[field],
        new: value,
      });
    }
  }

  async *list(filter: ApplicationFilter): AsyncGenerator<ApplicationRow> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.customerId !== undefined) where.push(`a.customer_id = $${values.push(filter.customerId)}`);
    if (filter.status !== undefined) where.push(`a.status = $${values.push(filter.status)}`);
    if (filter.by !== undefined) where.push(`a.salesperson = $${values.push(filter.by)}`);
    if (filter.from !== undefined) where.push(`a.filed_on >= $${values.push(filter.from)}`);
    if (filter.to !== undefined) where.push(`a.filed_on <= $${values.push(filter.to)}`);
    yield* await this.sql.rows<ApplicationRow>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.filed_on, a.id`,
      values,
    );
  }
}
