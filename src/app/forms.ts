// Feedback forms (反馈意见表): sent, due back, returned once with ratings and a confidential comment.
import { ConflictError, NotFoundError, UsageError } from '../errors.js';
import { plusDays, type ISODate } from '../core/dates.js';
import type { FormKind } from '../core/forms.js';
import { customerIdOf, resolveCustomer } from './resolve.js';
import type { FormRow, Rows, Store } from './store.js';

export async function formById(store: Store, id: number): Promise<FormRow> {
  const form = await store.forms.byId(id);
  if (!form) throw new NotFoundError('form.not_found', { id });
  return form;
}

/** Sends a form; due back `form.return_days` after sending unless a due date is given (rule 10). */
export async function sendForm(
  store: Store,
  query: string,
  form: { kind: FormKind; sent: ISODate; via: string | null; due?: ISODate | undefined },
): Promise<FormRow> {
  const id = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    const due = form.due ?? plusDays(form.sent, (await store.settings.all())['form.return_days']);
    if (due < form.sent) throw new UsageError('form.due_before_sent', { due, sent: form.sent });
    return store.forms.send({ customer_id: customer.id, kind: form.kind, sent_on: form.sent, via: form.via, due });
  });
  return formById(store, id);
}

/** A form returns once (else exit 4), never before it was sent. */
export async function returnForm(
  store: Store,
  id: number,
  back: { returned: ISODate; ratings: Record<string, number>; comment: string | null },
): Promise<FormRow> {
  await store.write(async () => {
    const form = await formById(store, id);
    if (form.returned_on) throw new ConflictError('form.already_returned', { id: form.id, date: form.returned_on });
    if (back.returned < form.sent_on) throw new UsageError('form.returned_before_sent', { returned: back.returned, sent: form.sent_on });
    await store.forms.markReturned(form.id, back.returned, back.ratings, back.comment);
  });
  return formById(store, id);
}

export async function listForms(store: Store, filter: { open: boolean; customer?: string | undefined }): Promise<Rows<FormRow>> {
  return store.forms.list({ customerId: await customerIdOf(store, filter.customer), open: filter.open });
}

/** Comments are confidential: reading one with `reveal` writes who read it to the history, in the same transaction. */
export async function showForm(store: Store, id: number, reveal: boolean): Promise<FormRow> {
  if (!reveal) return formById(store, id);
  return store.write(async () => {
    const form = await formById(store, id);
    await store.forms.recordReveal(form.id);
    return form;
  });
}
