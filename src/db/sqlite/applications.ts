// New-customer applications (新客户开发申请表) and their status flow.
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { ApplicationChange, ApplicationFields, ApplicationFilter, ApplicationRepository, ApplicationRow } from '../../app/store.js';
import { timestamp, type Actor } from '../clock.js';

const SELECT = `SELECT a.id, a.customer_id, c.name AS customer, c.owner, a.salesperson, a.first_txn, a.filed_on, a.deadline, a.on_time,
  a.status, a.reason, a.process, a.evaluation, a.support, a.verified_by, a.verified_on, a.decided_by, a.decided_on, a.note
  FROM applications a JOIN customers c ON c.id = a.customer_id`;

export class SqliteApplications implements ApplicationRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly actor: Actor,
  ) {}

  async byId(id: number): Promise<ApplicationRow | undefined> {
    return this.row(id);
  }

  private row(id: number): ApplicationRow | undefined {
    return prepared(this.db, `${SELECT} WHERE a.id = ?`).get(id) as ApplicationRow | undefined;
  }

  async forCustomer(customerId: number): Promise<ApplicationRow[]> {
    return prepared(this.db, `${SELECT} WHERE a.customer_id = ? ORDER BY a.filed_on, a.id`).all(customerId) as ApplicationRow[];
  }

  async insert(fields: ApplicationFields): Promise<number> {
    const createdAt = timestamp(this.actor.now);
    const result = prepared(
      this.db,
      `INSERT INTO applications (customer_id, salesperson, first_txn, filed_on, deadline, on_time, status, reason, process, evaluation, support, created_at)
         VALUES (:customer_id, :salesperson, :first_txn, :filed_on, :deadline, :on_time, :status, :reason, :process, :evaluation, :support, :created_at)`,
    ).run({ ...fields, on_time: fields.on_time ? 1 : 0, created_at: createdAt });
    const id = Number(result.lastInsertRowid);
    this.history.write({ action: 'file', entity: 'application', entityId: id, customerId: fields.customer_id, new: fields });
    return id;
  }

  async update(id: number, change: ApplicationChange, action: string): Promise<void> {
    const before = this.row(id)!;
    const entries = Object.entries(change).filter(([field, value]) => (before as unknown as Record<string, unknown>)[field] !== value);
    if (entries.length === 0) return;
    prepared(this.db, `UPDATE applications SET ${entries.map(([f]) => `${f} = :${f}`).join(', ')} WHERE id = :id`).run({
      ...Object.fromEntries(entries),
      id,
    });
    for (const [field, value] of entries) {
      this.history.write({
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

  *list(filter: ApplicationFilter): IterableIterator<ApplicationRow> {
    const { where, params } = whereClause({
      customerId: ['a.customer_id = :customerId', filter.customerId],
      status: ['a.status = :status', filter.status],
      by: ['a.salesperson = :by', filter.by],
      from: ['a.filed_on >= :from', filter.from],
      to: ['a.filed_on <= :to', filter.to],
    });
    yield* prepared(this.db, `${SELECT} ${where} ORDER BY a.filed_on, a.id`).iterate(params) as IterableIterator<ApplicationRow>;
  }
}
