// Visits and visit plans on PostgreSQL (a plan is a visit with planned = 1 that is not done yet).
import type { ISODate } from '../../core/dates.js';
import { compareNames } from '../../core/collation.js';
import type { SheetRow, VisitFields, VisitFilter, VisitRepository, VisitRow } from '../../app/store.js';
import type { PlanDecision } from '../../app/store-service.js';
import { timestamp, type Actor } from '../clock.js';
import { noteVisit } from './derived.js';
import type { PostgresHistory } from './history.js';
import type { Sql } from './sql.js';

const SELECT = `SELECT v.id, v.customer_id, c.name AS customer, c.owner, v.date, v.method, v.salesperson, v.purpose, v.topic,
  v.location, v.summary, v.intent, v.next, v.planned, v.planned_for, v.done, v.minutes, v.minutes_on,
  v.approval, v.approval_by, v.approval_on, v.approval_note
  FROM visits v JOIN customers c ON c.id = v.customer_id`;

export class PostgresVisits implements VisitRepository {
  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
    private readonly actor: Actor,
  ) {}

  byId(id: number): Promise<VisitRow | undefined> {
    return this.sql.row<VisitRow>(`${SELECT} WHERE v.id = $1`, [id]);
  }

  async insert(fields: VisitFields, planned: boolean): Promise<number> {
    const id = (await this.sql.value<number>(
      `INSERT INTO visits (customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, planned, planned_for, done, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        fields.customer_id,
        fields.date,
        fields.method,
        fields.salesperson,
        fields.purpose,
        fields.topic,
        fields.location,
        fields.summary,
        fields.intent,
        fields.next,
        planned ? 1 : 0,
        planned ? fields.date : null,
        planned ? 0 : 1,
        timestamp(this.actor.now),
      ],
    ))!;
    await this.history.record({
      action: planned ? 'plan' : 'create',
      entity: 'visit',
      entityId: id,
      customerId: fields.customer_id,
      new: fields,
    });
    if (!planned) await noteVisit(this.sql, { id, customer_id: fields.customer_id, date: fields.date, next: fields.next });
    return id;
  }

  async complete(id: number, changes: { date: ISODate; summary?: string | null; next?: ISODate | null }): Promise<void> {
    const before = (await this.byId(id))!;
    await this.sql.run(
      'UPDATE visits SET done = 1, date = $2, summary = coalesce($3, summary), next = coalesce($4::date, next) WHERE id = $1',
      [id, changes.date, changes.summary ?? null, changes.next ?? null],
    );
    const after = (await this.byId(id))!;
    await noteVisit(this.sql, after);
    for (const field of ['done', 'date', 'summary', 'next'] as const) {
      if (before[field] !== after[field]) {
        await this.history.record({
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
    const before = (await this.byId(id))!;
    await this.sql.run('UPDATE visits SET minutes = $2, minutes_on = $3 WHERE id = $1', [id, text, on]);
    await this.history.record({
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
    const before = (await this.byId(id))!;
    const after = { approval: decision.approval, approval_by: decision.by, approval_on: decision.on, approval_note: decision.note };
    await this.sql.run('UPDATE visits SET approval = $2, approval_by = $3, approval_on = $4, approval_note = $5 WHERE id = $1', [
      id,
      after.approval,
      after.approval_by,
      after.approval_on,
      after.approval_note,
    ]);
    for (const field of ['approval', 'approval_by', 'approval_on', 'approval_note'] as const) {
      if (before[field] !== after[field]) {
        await this.history.record({
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

  async *list(filter: VisitFilter): AsyncGenerator<VisitRow> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.customerId !== undefined) where.push(`v.customer_id = $${values.push(filter.customerId)}`);
    if (filter.by !== undefined) where.push(`v.salesperson = $${values.push(filter.by)}`);
    if (filter.from !== undefined) where.push(`v.date >= $${values.push(filter.from)}`);
    if (filter.to !== undefined) where.push(`v.date <= $${values.push(filter.to)}`);
    if (filter.planned !== undefined) where.push(filter.planned ? 'v.done = 0' : 'v.done = 1');
    yield* await this.sql.rows<VisitRow>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY v.date, v.id`, values);
  }

  sheet(date: ISODate, by?: string): Promise<SheetRow[]> {
    return this.sql.rows<SheetRow>(
      `SELECT v.id, v.customer_id, c.name AS customer, c.owner, c.contact, c.phone, c.address, v.date, v.method, v.salesperson, v.purpose,
         v.topic, v.location, v.summary, v.intent, v.next, v.planned, v.planned_for, v.done, v.minutes, v.minutes_on,
         v.approval, v.approval_by, v.approval_on, v.approval_note
       FROM visits v JOIN customers c ON c.id = v.customer_id
       WHERE v.planned = 1 AND v.planned_for = $1 AND ($2::text IS NULL OR v.salesperson = $2)
       ORDER BY v.salesperson COLLATE "C" NULLS FIRST, v.id`,
      [date, by ?? null],
    );
  }

  recent(customerId: number, limit: number): Promise<VisitRow[]> {
    return this.sql.rows<VisitRow>(`${SELECT} WHERE v.customer_id = $1 AND v.done = 1 ORDER BY v.date DESC, v.id DESC LIMIT $2`, [
      customerId,
      limit,
    ]);
  }

  async count(): Promise<number> {
    return (await this.sql.value<number>('SELECT count(*) FROM visits')) ?? 0;
  }

  async salespeople(): Promise<string[]> {
    const rows = await this.sql.rows<{ salesperson: string }>('SELECT DISTINCT salesperson FROM visits WHERE salesperson IS NOT NULL');
    return rows.map((r) => r.salesperson).sort(compareNames);
  }
}
