// What the repository tests of the facts and stored reports do on either engine (test/helpers/db.ts,
// openStoreOffice): invoices imported the way `import transactions` imports them, the engine's own refresh of
// the derived facts, and stored reports changed behind custrack's back.
import type { Store } from '../../src/app/store.js';
import type { Invoice, StoreOffice } from './db.js';
import { importFile } from './imports.js';

const csvField = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Invoices imported in one `import transactions`, as the clerk would: a name nobody registered stays
 * unmatched, and registering it later matches its invoices (and derives its facts).
 */
export async function importInvoices(repos: Store, invoices: readonly Invoice[]): Promise<void> {
  if (invoices.length === 0) return;
  const lines = invoices.map((i) =>
    [csvField(i.customer), i.uscc ?? '', i.date, ((i.amount ?? 100_00) / 100).toFixed(2), i.kind ?? 'sale', csvField(i.ref)].join(','),
  );
  await importFile(repos, 'transactions', '-', { stdin: `customer,uscc,date,amount,kind,ref\n${lines.join('\n')}\n` });
}

/**
 * The engine's two ways of deriving the relationship starts and last business from the transactions: per
 * customer (a registration, a small import) and all at once (a large import, a new number of years). Each
 * engine has both (src/db/<engine>/derived.ts); they must store the same.
 */
export async function refreshTransactionFactsOf(repos: Store, customerIds: number[] | 'all', years: number): Promise<void> {
  if (repos.engine === 'postgres') {
    const { PostgresStore } = await import('../../src/db/postgres/store.js');
    const derived = await import('../../src/db/postgres/derived.js');
    const { sql } = repos as InstanceType<typeof PostgresStore>;
    await repos.write(() =>
      customerIds === 'all' ? derived.refreshAllTransactionFacts(sql, years) : derived.refreshTransactionFacts(sql, customerIds, years),
    );
    return;
  }
  const { SqliteStore } = await import('../../src/db/sqlite/store.js');
  const derived = await import('../../src/db/sqlite/derived.js');
  const { db } = repos as InstanceType<typeof SqliteStore>;
  await repos.write(async () =>
    customerIds === 'all' ? derived.refreshAllTransactionFacts(db, years) : derived.refreshTransactionFacts(db, customerIds, years),
  );
}

/** The stored relationship starts: the latest on or before the as-of date, per customer. */
export async function storedStarts(office: StoreOffice, asOf: string): Promise<Map<number, string>> {
  const rows = await office.query<{ customer_id: number; start: string }>(
    'SELECT customer_id, max(start_on) AS start FROM relationship_starts WHERE start_on <= ? GROUP BY customer_id',
    [asOf],
  );
  return new Map(rows.map((r) => [r.customer_id, r.start]));
}

/**
 * Changes one figure of the stored reports (a path of JSON keys, e.g. ['totals', 'visits']) behind custrack's
 * back: a figure that comes back proves the report was served, not computed. Optionally of one period only.
 */
export async function tamperStoredReports(office: StoreOffice, path: string[], value: number, period?: string): Promise<void> {
  const where = period === undefined ? '' : ' WHERE period = ?';
  const rest = period === undefined ? [] : [period];
  if (office.repos.engine === 'postgres')
    await office.query(`UPDATE report_cache SET body = jsonb_set(body::jsonb, ?::text[], to_jsonb(?::numeric))::text${where}`, [
      `{${path.join(',')}}`,
      value,
      ...rest,
    ]);
  else await office.query(`UPDATE report_cache SET body = json_set(body, ?, ?)${where}`, [`$.${path.join('.')}`, value, ...rest]);
}
