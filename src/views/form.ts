import type { ListSpec } from '../cli/output.js';
import type { FormRow } from '../app/store.js';

const ratingsText = (ratings: Record<string, number>): string =>
  Object.entries(ratings)
    .map(([indicator, level]) => `${indicator}=${level}`)
    .join('; ');

export function formJson(f: FormRow): Record<string, unknown> {
  return {
    id: f.id,
    customer_id: f.customer_id,
    customer: f.customer,
    kind: f.kind,
    sent_on: f.sent_on,
    via: f.via,
    due: f.due,
    returned_on: f.returned_on,
    ratings: f.ratings,
  };
}

/** With --reveal, csv and tsv carry the confidential comment too. */
export const revealedFormSpec = (): ListSpec<FormRow> => ({
  ...formSpec,
  columns: [...formSpec.columns, { header: 'col.comment', value: (f) => f.comment }],
  json: (f) => ({ ...formJson(f), comment: f.comment }),
});

export const formSpec: ListSpec<FormRow> = {
  columns: [
    { header: 'col.id', type: 'int', value: (f) => f.id, text: true },
    { header: 'col.customer', value: (f) => f.customer, maxWidth: 30 },
    { header: 'col.kind', type: 'code', value: (f) => f.kind, label: (f, t) => t(`formkind.${f.kind}`) },
    { header: 'col.sent_on', type: 'date', value: (f) => f.sent_on },
    { header: 'col.via', value: (f) => f.via },
    { header: 'col.due', type: 'date', value: (f) => f.due },
    { header: 'col.returned_on', type: 'date', value: (f) => f.returned_on },
    { header: 'col.ratings', value: (f) => ratingsText(f.ratings) },
    { header: 'col.customer_id', type: 'int', value: (f) => f.customer_id, wide: true, text: true },
  ],
  json: formJson,
  count: 'summary.forms',
  empty: 'empty.forms',
  sheet: 'sheet.forms',
};
