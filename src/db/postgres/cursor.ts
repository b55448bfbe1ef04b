// Long reads on PostgreSQL a page at a time: a server-side cursor (DECLARE … FETCH) inside the read
// snapshot that an export runs in (store.snapshot), so memory holds one page, not the table.
import type pg from 'pg';
import type { Sql } from './sql.js';

const PAGE = 2000;
let cursors = 0;

/** Must run inside a transaction (an export's snapshot); otherwise the rows are read in one query. */
export async function* cursorRows<T extends pg.QueryResultRow>(sql: Sql, text: string, values: readonly unknown[] = []): AsyncGenerator<T> {
  if (!sql.inTransaction) {
    yield* await sql.rows<T>(text, values);
    return;
  }
  const name = `custrack_cursor_${++cursors}`;
  await sql.run(`DECLARE ${name} NO SCROLL CURSOR FOR ${text}`, values);
  try {
    for (;;) {
      const page = await sql.rows<T>(`FETCH ${PAGE} FROM ${name}`);
      yield* page;
      if (page.length < PAGE) break;
    }
  } finally {
    await sql.run(`CLOSE ${name}`).catch(() => {});
  }
}
