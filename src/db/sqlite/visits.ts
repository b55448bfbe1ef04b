// Visits and visit plans (a plan is a visit row with planned = 1 that is not done yet).
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import { noteVisit } from './derived.js';
import type { ISODate } from '../../core/dates.js';
import { compareNames } from '../../core/collation.js';
import type { SheetRow, VisitFields, VisitFilter, VisitRepository, VisitRow } from '../../app/store.js';
import type { PlanDecision } from '../../app/store-service.js';
import { timestamp, type Actor } from '../clock.js';

const SELECT = `SELECT v.id, v.customer_id, c.name AS customer, c.owner, v.date, v.method, v.salesperson, v.purpose, v.topic,
  v.location, v.summary, v.intent, v.next, v.planned, v.planned_for, v.done, v.minutes, v.minutes_on,
  v.approval, v.approval_by, v.approval_on, v.approval_note
  FROM visits v JOIN customers c ON c.id = v.customer_id`;

export class SqliteVisits implements VisitRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly actor: Actor,
  ) {}

  async byId(id: number): Promise<VisitRow | undefined> {
    return this.row(id);
  }

  private row(id: number): VisitRow | undefined {
    return prepared(this.db, `${SELECT} WHERE v.id = ?`).get(id) as VisitRow | undefined;
  }

  async insert(fields: VisitFields, planned: boolean): Promise<number> {
    const createdAt = timestamp(this.actor.now);
    const result = prepared(
      this.db,
      `INSERT INTO visits (customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, planned, planned_for, done, created_at)
         VALUES (:customer_id, :date, :method, :salesperson, :purpose, :topic, :location, :summary, :intent, :next, :planned, :planned_for, :done, :created_at)`,
    ).run({ ...fields, planned: planned ? 1 : 0, planned_for: planned ? fields.date : null, done: planned ? 0 : 1, created_at: createdAt });
    const id = Number(result.lastInsertRowid);
    this.history.write({ action: planned ? 'plan' : 'create', entity: 'visit', entityId: id, customerId: fields.customer_id, new: fields });
    if (!planned) noteVisit(this.db, { id, customer_id: fields.customer_id, date: fields.date, next: fields.next });
    return id;
  }

  async complete(id: number, changes: { date: ISODate; summary?: string | null; next?: ISODate | null }): Promise<void> {
    const before = this.row(id)!;
    prepared(
      this.db,
      'UPDATE visits SET done = 1, date = :date, summary = coalesce(:summary, summary), next = coalesce(:next, next) WHERE id = :id',
    ).run({ id, date: changes.date, summary: changes.summary ?? null, next: changes.next ?? null });
    const after = this.row(id)!;
    noteVisit(this.db, after);
    for (const field of ['done', 'date', 'summary', 'next'] as const) {
      if (before[field] !== after[field]) {
        this.history.write({
          action: 'done',
          entity: 'visit',
          entityId: id,
          customerId: before.customer_id,
          field,
          old: before[field],
          new: after[field],
        });
      }
    }
  }

  async recordMinutes(id: number, text: string, on: ISODate): Promise<void> {
    const before = this.row(id)!;
    prepared(this.db, 'UPDATE visits SET minutes = ?, minutes_on = ? WHERE id = ?').run(text, on, id);
    this.history.write({
      action: 'minutes',
      entity: 'visit',
      entityId: id,
      customerId: before.customer_id,
      field: 'minutes',
      old: before.minutes,
      new: text,
    });
  }

  async setApproval(id: number, decision: PlanDecision, action: string): Promise<void> {
    const before = this.row(id)!;
    const after = { approval: decision.approval, approval_by: decision.by, approval_on: decision.on, approval_note: decision.note };
    prepared(
      this.db,
      'UPDATE visits SET approval = :approval, approval_by = :approval_by, approval_on = :approval_on, approval_note = :approval_note WHERE id = :id',
    ).run({ ...after, id });
    for (const field of ['approval', 'approval_by', 'approval_on', 'approval_note'] as const) {
      if (before[field] !== after[field]) {
        this.history.write({
          action,
          entity: 'visit',
          entityId: id,
          customerId: before.customer_id,
          field,
          old: before[field],
          new: after[field],
        });
      }
    }
  }

  *list(filter: VisitFilter): IterableIterator<VisitRow> {
    const { where, params } = whereClause({
      customerId: ['v.customer_id = :customerId', filter.customerId],
      by: ['v.salesperson = :by', filter.by],
      from: ['v.date >= :from', filter.from],
      to: ['v.date <= :to', filter.to],
      planned: [filter.planned ? 'v.done = 0' : 'v.done = 1', filter.planned],
    });
    yield* prepared(this.db, `${SELECT} ${where} ORDER BY v.date, v.id`).iterate(params) as IterableIterator<VisitRow>;
  }

  async sheet(date: ISODate, by?: string): Promise<SheetRow[]> {
    return prepared(
      this.db,
      `SELECT v.id, v.customer_id, c.name AS customer, c.owner, c.contact, c.phone, c.address, v.date, v.method, v.salesperson, v.purpose,
           v.topic, v.location, v.summary, v.intent, v.next, v.planned, v.planned_for, v.done, v.minutes, v.minutes_on,
           v.approval, v.approval_by, v.approval_on, v.approval_note
         FROM visits v JOIN customers c ON c.id = v.customer_id
         WHERE v.planned = 1 AND v.planned_for = :date AND (:by IS NULL OR v.salesperson = :by)
         ORDER BY v.salesperson, v.id`,
    ).all({ date, by: by ?? null }) as SheetRow[];
  }

  async recent(customerId: number, limit: number): Promise<VisitRow[]> {
    return prepared(this.db, `${SELECT} WHERE v.customer_id = ? AND v.done = 1 ORDER BY v.date DESC, v.id DESC LIMIT ?`).all(
      customerId,
      limit,
    ) as VisitRow[];
  }

  async count(): Promise<number> {
    return (prepared(this.db, 'SELECT count(*) AS n FROM visits').get() as { n: number }).n;
  }

  async salespeople(): Promise<string[]> {
    // Read from the visits_salesperson index.
    const names = prepared(this.db, 'SELECT DISTINCT salesperson FROM visits WHERE salesperson IS NOT NULL').pluck().all() as string[];
    return names.sort(compareNames);
  }
}
