// New-customer applications (新客户开发申请表) and their status flow.
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';
import type { HistoryRepo } from './history.js';
import type { ISODate } from '../../core/dates.js';
import type { ApplicationStatus } from '../../core/applications.js';

export interface ApplicationFields {
  customer_id: number;
  salesperson: string | null;
  first_txn: ISODate;
  filed_on: ISODate;
  deadline: ISODate;
  on_time: boolean;
  status: ApplicationStatus;
  reason: string | null;
  process: string | null;
  evaluation: string | null;
  support: string | null;
}

export interface ApplicationRow extends Omit<ApplicationFields, 'on_time'> {
  id: number;
  customer: string;
  owner: string | null;
  on_time: 0 | 1;
  verified_by: string | null;
  verified_on: ISODate | null;
  decided_by: string | null;
  decided_on: ISODate | null;
  note: string | null;
}

export interface ApplicationFilter {
  customerId?: number | undefined;
  status?: ApplicationStatus | undefined;
  by?: string | undefined;
  from?: ISODate | undefined;
  to?: ISODate | undefined;
}

export type ApplicationChange = Partial<Pick<ApplicationRow, 'status' | 'reason' | 'verified_by' | 'verified_on' | 'decided_by' | 'decided_on' | 'note'>>;

const SELECT = `SELECT a.id, a.customer_id, c.name AS customer, c.owner, a.salesperson, a.first_txn, a.filed_on, a.deadline, a.on_time,
  a.status, a.reason, a.process, a.evaluation, a.support, a.verified_by, a.verified_on, a.decided_by, a.decided_on, a.note
  FROM applications a JOIN customers c ON c.id = a.customer_id`;

export class ApplicationRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepo,
  ) {}

  byId(id: number): ApplicationRow | undefined {
    return prepared(this.db, `${SELECT} WHERE a.id = ?`).get(id) as ApplicationRow | undefined;
  }

  forCustomer(customerId: number): ApplicationRow[] {
    return prepared(this.db, `${SELECT} WHERE a.customer_id = ? ORDER BY a.filed_on, a.id`).all(customerId) as ApplicationRow[];
  }

  insert(fields: ApplicationFields, createdAt: string): number {
    const result = prepared(this.db, 
        `INSERT INTO applications (customer_id, salesperson, first_txn, filed_on, deadline, on_time, status, reason, process, evaluation, support, created_at)
         VALUES (:customer_id, :salesperson, :first_txn, :filed_on, :deadline, :on_time, :status, :reason, :process, :evaluation, :support, :created_at)`,
      )
      .run({ ...fields, on_time: fields.on_time ? 1 : 0, created_at: createdAt });
    const id = Number(result.lastInsertRowid);
    this.history.record({ action: 'file', entity: 'application', entityId: id, customerId: fields.customer_id, new: fields });
    return id;
  }

  update(id: number, change: ApplicationChange, action: string): void {
    const before = this.byId(id)!;
    const entries = Object.entries(change).filter(([field, value]) => (before as unknown as Record<string, unknown>)[field] !== value);
    if (entries.length === 0) return;
    prepared(this.db, `UPDATE applications SET ${entries.map(([f]) => `${f} = :${f}`).join(', ')} WHERE id = :id`).run({ ...Object.fromEntries(entries), id });
    for (const [field, value] of entries) {
      this.history.record({ action, entity: 'application', entityId: id, customerId: before.customer_id, field, old: (before as unknown as Record<string, unknown>)[field], new: value });
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
