// `export <kind>`: every row of a table from one consistent snapshot, streamed.
import type { ISODate } from '../core/dates.js';
import { listCustomers, type CustomerRecord } from './customers.js';
import { minutesRule, type VisitRules } from './visits.js';
import type { ApplicationRow, FormRow, PackedRows, Rows, Store, TransactionRow, VisitRow } from './store.js';

export const EXPORT_KINDS = ['customers', 'transactions', 'visits', 'forms', 'applications'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export type ExportData =
  | { kind: 'customers'; rows: Rows<CustomerRecord> }
  | { kind: 'transactions'; rows: Rows<TransactionRow>; packed?: ((columns: string[]) => PackedRows<TransactionRow>) | undefined }
  | { kind: 'visits'; rows: Rows<VisitRow>; minutes: VisitRules }
  | { kind: 'forms'; rows: Rows<FormRow> }
  | { kind: 'applications'; rows: Rows<ApplicationRow> };

/**
 * Hands the rows to `write` inside one read snapshot: pages are separate queries, and an import or a
 * registration committed meanwhile must show in all of them or in none.
 */
export async function exportTable(
  store: Store,
  kind: ExportKind,
  asOf: ISODate,
  write: (data: ExportData) => Promise<void>,
): Promise<void> {
  await store.snapshot(async () => {
    switch (kind) {
      case 'customers':
        return write({ kind, rows: await listCustomers(store, {}, asOf) });
      case 'transactions': {
        const packed = store.exports.packedTransactions?.bind(store.exports);
        return write({ kind, rows: store.exports.transactions(), packed });
      }
      case 'visits':
        return write({ kind, rows: store.visits.list({}), minutes: await minutesRule(store) });
      case 'forms':
        return write({ kind, rows: store.forms.list({}) });
      case 'applications':
        return write({ kind, rows: store.applications.list({}) });
    }
  });
}
