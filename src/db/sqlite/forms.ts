// Feedback forms (反馈意见表): sent, due back, returned once with ratings and a confidential comment.
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';
import type { SqliteHistory } from './history.js';
import type { ISODate } from '../../core/dates.js';
import type { FormFilter, FormRepository, FormRow, NewForm } from '../../app/store.js';
import { timestamp, type Actor } from '../clock.js';

const SELECT = `SELECT f.id, f.customer_id, c.name AS customer, c.owner, f.kind, f.sent_on, f.via, f.due, f.returned_on, f.comment,
  (SELECT json_group_object(r.indicator, r.level) FROM form_ratings r WHERE r.form_id = f.id) AS ratings_json
  FROM forms f JOIN customers c ON c.id = f.customer_id`;

type Raw = Omit<FormRow, 'ratings'> & { ratings_json: string };
const toRow = ({ ratings_json, ...rest }: Raw): FormRow => ({ ...rest, ratings: JSON.parse(ratings_json) as Record<string, number> });

export class SqliteForms implements FormRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
    private readonly actor: Actor,
  ) {}

  async byId(id: number): Promise<FormRow | undefined> {
    return this.row(id);
  }

  private row(id: number): FormRow | undefined {
    const raw = prepared(this.db, `${SELECT} WHERE f.id = ?`).get(id) as Raw | undefined;
    return raw && toRow(raw);
  }

  async send(form: NewForm): Promise<number> {
    const createdAt = timestamp(this.actor.now);
    const result = prepared(
      this.db,
      'INSERT INTO forms (customer_id, kind, sent_on, via, due, created_at) VALUES (:customer_id, :kind, :sent_on, :via, :due, :created_at)',
    ).run({ ...form, created_at: createdAt });
    const id = Number(result.lastInsertRowid);
    this.history.write({ action: 'send', entity: 'form', entityId: id, customerId: form.customer_id, new: form });
    return id;
  }

  async markReturned(id: number, returnedOn: ISODate, ratings: Record<string, number>, comment: string | null): Promise<void> {
    const form = this.row(id)!;
    prepared(this.db, 'UPDATE forms SET returned_on = ?, comment = ? WHERE id = ?').run(returnedOn, comment, id);
    const insert = prepared(this.db, 'INSERT INTO form_ratings (form_id, indicator, level) VALUES (?, ?, ?)');
    for (const [indicator, level] of Object.entries(ratings)) insert.run(id, indicator, level);
    this.history.write({
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
    const form = this.row(id)!;
    this.history.write({ action: 'reveal', entity: 'form', entityId: id, customerId: form.customer_id, field: 'comment' });
  }

  *list(filter: FormFilter): IterableIterator<FormRow> {
    const { where, params } = whereClause({
      customerId: ['f.customer_id = :customerId', filter.customerId],
      open: ['f.returned_on IS NULL', filter.open ? true : undefined],
    });
    for (const raw of prepared(this.db, `${SELECT} ${where} ORDER BY f.sent_on, f.id`).iterate(params) as IterableIterator<Raw>) {
      yield toRow(raw);
    }
  }
}
