// Feedback forms (反馈意见表): sent, due back, returned once with ratings and a confidential comment.
import { prepared, whereClause } from './statements.js';
import type { Db } from '../open.js';
import type { HistoryRepo } from './history.js';
import type { ISODate } from '../../core/dates.js';
import type { FormKind } from '../../core/forms.js';

export interface FormRow {
  id: number;
  customer_id: number;
  customer: string;
  owner: string | null;
  kind: FormKind;
  sent_on: ISODate;
  via: string | null;
  due: ISODate;
  returned_on: ISODate | null;
  comment: string | null;
  ratings: Record<string, number>;
}

export interface FormFilter {
  customerId?: number | undefined;
  open?: boolean | undefined;
}

const SELECT = `SELECT f.id, f.customer_id, c.name AS customer, c.owner, f.kind, f.sent_on, f.via, f.due, f.returned_on, f.comment,
  (SELECT json_group_object(r.indicator, r.level) FROM form_ratings r WHERE r.form_id = f.id) AS ratings_json
  FROM forms f JOIN customers c ON c.id = f.customer_id`;

type Raw = Omit<FormRow, 'ratings'> & { ratings_json: string };
const toRow = ({ ratings_json, ...rest }: Raw): FormRow => ({ ...rest, ratings: JSON.parse(ratings_json) as Record<string, number> });

export class FormRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepo,
  ) {}

  byId(id: number): FormRow | undefined {
    const raw = prepared(this.db, `${SELECT} WHERE f.id = ?`).get(id) as Raw | undefined;
    return raw && toRow(raw);
  }

  send(form: { customer_id: number; kind: FormKind; sent_on: ISODate; via: string | null; due: ISODate }, createdAt: string): number {
    const result = prepared(this.db, 'INSERT INTO forms (customer_id, kind, sent_on, via, due, created_at) VALUES (:customer_id, :kind, :sent_on, :via, :due, :created_at)')
      .run({ ...form, created_at: createdAt });
    const id = Number(result.lastInsertRowid);
    this.history.record({ action: 'send', entity: 'form', entityId: id, customerId: form.customer_id, new: form });
    return id;
  }

  /** Records the return; the comment is kept out of the history (it is confidential). */
  markReturned(id: number, returnedOn: ISODate, ratings: Record<string, number>, comment: string | null): void {
    const form = this.byId(id)!;
    prepared(this.db, 'UPDATE forms SET returned_on = ?, comment = ? WHERE id = ?').run(returnedOn, comment, id);
    const insert = prepared(this.db, 'INSERT INTO form_ratings (form_id, indicator, level) VALUES (?, ?, ?)');
    for (const [indicator, level] of Object.entries(ratings)) insert.run(id, indicator, level);
    this.history.record({
      action: 'return',
      entity: 'form',
      entityId: id,
      customerId: form.customer_id,
      field: 'returned_on',
      old: null,
      new: { returned_on: returnedOn, ratings, comment: comment === null ? null : '(confidential)' },
    });
  }

  /** Writes who read a confidential comment, in the same transaction as the read. */
  recordReveal(id: number): void {
    const form = this.byId(id)!;
    this.history.record({ action: 'reveal', entity: 'form', entityId: id, customerId: form.customer_id, field: 'comment' });
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
