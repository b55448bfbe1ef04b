import type { ListSpec } from '../cli/output.js';
import { yuan } from '../cli/json.js';
import type { TransactionRow } from '../app/store.js';

export const transactionSpec: ListSpec<TransactionRow> = {
  columns: [
    { header: 'col.id', type: 'int', value: (t) => t.id, stored: 'id', text: true },
    { header: 'col.ref', value: (t) => t.ref, stored: 'ref', text: true },
    { header: 'col.date', type: 'date', value: (t) => t.date, stored: 'date' },
    { header: 'col.customer', value: (t) => t.customer_name, maxWidth: 36, stored: 'customer_name' },
    { header: 'col.uscc', value: (t) => t.uscc, stored: 'uscc', text: true },
    { header: 'col.customer_id', type: 'int', value: (t) => t.customer_id, stored: 'customer_id', text: true },
    { header: 'col.kind', type: 'code', value: (t) => t.kind, label: (row, t) => t(`txn.${row.kind}`), stored: 'kind' },
    { header: 'col.amount', type: 'money', value: (t) => t.amount, stored: 'amount' },
    { header: 'col.imported_at', value: (t) => t.imported_at, wide: true, stored: 'imported_at' },
  ],
  json: (t) => ({
    id: t.id,
    ref: t.ref,
    customer: t.customer_name,
    uscc: t.uscc,
    customer_id: t.customer_id,
    date: t.date,
    amount: yuan(t.amount),
    kind: t.kind,
    imported_at: t.imported_at,
  }),
  count: 'summary.transactions',
  empty: 'empty.transactions',
  sheet: 'sheet.transactions',
};
