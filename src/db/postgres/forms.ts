// Feedback forms (反馈意见表) on PostgreSQL.
import type { ISODate } from '../../core/dates.js';
import type { FormFilter, FormRepository, FormRow, NewForm } from '../../app/store.js';
import { timestamp, type Actor } from '../clock.js';
import type { PostgresHistory } from './history.js';
import type { Sql } from './sql.js';

const SELECT = `SELECT f.id, f.customer_id, c.name AS customer, c.owner, f.kind, f.sent_on, f.via, f.due, f.returned_on, f.comment,
  coalesce((SELECT json_object_agg(r.indicator, r.level ORDER BY r.indicator COLLATE "C") FROM form_ratings r WHERE r.form_id = f.id), '{}') AS ratings
  FROM forms f JOIN customers c ON c.id = f.customer_id`;

export class PostgresForms implements FormRepository {
  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
    private readonly actor: Actor,
  ) {}

  byId(id: number): Promise<FormRow | undefined> {
    return this.sql.row<FormRow>(`${SELECT} WHERE f.id = $1`, [id]);
  }

  async send(form: NewForm): Promise<number> {
    const id = (await this.sql.value<number>(
      'INSERT INTO forms (customer_id, kind, sent_on, via, due, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [form.customer_id, form.kind, form.sent_on, form.via, form.due, timestamp(this.actor.now)],
    ))!;
    await this.history.record({ action: 'send', entity: 'form', entityId: id, customerId: form.customer_id, new: form });
    return id;
  }

  async markReturned(id: number, returnedOn: ISODate, ratings: Record<string, number>, comment: string | null): Promise<void> {
    const form = (await this.byId(id))!;
    await this.sql.run('UPDATE forms SET returned_on = $2, comment = $3 WHERE id = $1', [id, returnedOn, comment]);
    const entries = Object.entries(ratings);
    await this.sql.run('INSERT INTO form_ratings (form_id, indicator, level) SELECT $1, * FROM unnest($2::text[], $3::smallint[])', [
      id,
      entries.map(([indicator]) => indicator),
      entries.map(([, level]) => level),
    ]);
    await this.history.record({
      action: 'return',
      entity: 'form',
      entityId: id,
      customerId: form.customer_id,
      field: 'returned_on',
      old: null,
      new: { returned_on: returnedOn, ratings, comment: comment === null ? null : '(confidential)' },
    });
  }

  async recordReveal(id: number): Promise<void> {
    const form = (await this.byId(id))!;
    await this.history.record({ action: 'reveal', entity: 'form', entityId: id, customerId: form.customer_id, field: 'comment' });
  }

  async *list(filter: FormFilter): AsyncGenerator<FormRow> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.customerId !== undefined) where.push(`f.customer_id = $${values.push(filter.customerId)}`);
    if (filter.open) where.push('f.returned_on IS NULL');
    yield* await this.sql.rows<FormRow>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.sent_on, f.id`, values);
  }
}
