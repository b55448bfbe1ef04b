// Imported transactions on PostgreSQL, and the export that streams them through a cursor.
import type { DatedTransaction } from '../../core/eligibility.js';
import type { ExportRepository, PackedRows, TransactionRepository, TransactionRow } from '../../app/store.js';
import type { Sql } from './sql.js';
import { cursorRows } from './cursor.js';
import { packedTransactionLines, packedTransactionRow } from './packed-export.js';

export class PostgresTransactions implements TransactionRepository {
  constructor(private readonly sql: Sql) {}

  forCustomer(customerId: number): Promise<DatedTransaction[]> {
    return this.sql.rows<DatedTransaction>('SELECT date, kind FROM transactions WHERE customer_id = $1 ORDER BY date', [customerId]);
  }

  forName(nameKey: string): Promise<DatedTransaction[]> {
    return this.sql.rows<DatedTransaction>('SELECT date, kind FROM transactions WHERE name_key = $1 ORDER BY date', [nameKey]);
  }

  forUscc(uscc: string): Promise<DatedTransaction[]> {
    return this.sql.rows<DatedTransaction>('SELECT date, kind FROM transactions WHERE uscc = $1 ORDER BY date', [uscc]);
  }

  async count(): Promise<number> {
    return (await this.sql.value<number>('SELECT count(*) FROM transactions')) ?? 0;
  }
}

/** Exports read in the order rows were entered, a page at a time through a cursor: memory holds one page. */
export class PostgresExports implements ExportRepository {
  constructor(private readonly sql: Sql) {}

  transactions(): AsyncIterable<TransactionRow> {
    return cursorRows<TransactionRow>(
      this.sql,
      'SELECT id, ref, customer_name, uscc, customer_id, date, amount, kind, imported_at FROM transactions ORDER BY id',
    );
  }

  /** The same rows as packed lines, read with one COPY (packed-export.ts); `columns` are stored transaction columns. */
  packedTransactions(columns: string[]): PackedRows<TransactionRow> {
    return { lines: packedTransactionLines(this.sql, columns), row: (line) => packedTransactionRow(line, columns) };
  }
}
