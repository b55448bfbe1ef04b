// Whole tables in and out of PostgreSQL, for `db copy`: read through cursors inside the source's snapshot,
// loaded with COPY inside one write transaction.
import { once } from 'node:events';
import type { TableRows } from '../../app/store.js';
import { DATA_TABLES, PROGRESS_EVERY } from '../tables.js';
import { postgresError } from './connection.js';
import { cursorRows } from './cursor.js';
import { copyLine, type Cell } from './copy-line.js';
import type { PostgresSession } from './session.js';
import type { Sql } from './sql.js';

/** Characters of COPY lines handed to the stream at a time. */
const CHUNK_CHARS = 32 * 1024;

export async function tableCounts(sql: Sql): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DATA_TABLES) counts[table] = (await sql.value<number>(`SELECT count(*) FROM ${table}`)) ?? 0;
  return counts;
}

async function columnsOf(sql: Sql, table: string): Promise<string[]> {
  const rows = await sql.rows<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
    [table],
  );
  return rows.map((r) => r.column_name);
}

export async function* readTables(sql: Sql): AsyncGenerator<TableRows> {
  for (const table of DATA_TABLES) {
    const columns = await columnsOf(sql, table);
    const order = columns.includes('id') ? ' ORDER BY id' : '';
    const objects = cursorRows<Record<string, unknown>>(sql, `SELECT ${columns.join(', ')} FROM ${table}${order}`);
    yield {
      table,
      columns,
      rows: (async function* () {
        for await (const row of objects) yield columns.map((c) => row[c]);
      })(),
    };
  }
}

export async function loadTables(
  store: PostgresSession,
  tables: AsyncIterable<TableRows>,
  progress?: (table: string, rows: number) => void,
): Promise<Record<string, number>> {
  const { sql } = store;
  const loaded: Record<string, number> = {};
  // Loaded here, not with the engine: every command on PostgreSQL would pay for it at start-up.
  const { from: copyFrom } = await import('pg-copy-streams');
  await store.write(async () => {
    for await (const { table, columns, rows } of tables) {
      const known = new Set(await columnsOf(sql, table));
      const missing = columns.filter((c) => !known.has(c));
      if (missing.length) throw new Error(`the target's table ${table} has no column ${missing.join(', ')}`);
      const stream = sql.client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      let failed: unknown;
      stream.on('error', (err: unknown) => {
        failed = err;
      });
      let count = 0;
      // Lines go to the stream about 32 KB at a time: pg-copy-streams sends each write as a message of its own.
      let pending = '';
      const send = async (): Promise<void> => {
        const chunk = pending;
        pending = '';
        if (!stream.write(chunk)) {
          await once(stream, 'drain').catch((err: unknown) => {
            failed ??= err;
          });
        }
      };
      for await (const row of rows) {
        if (failed) break;
        pending += copyLine(row as Cell[]);
        if (pending.length >= CHUNK_CHARS) await send();
        if (++count % PROGRESS_EVERY === 0) progress?.(table, count);
      }
      if (pending && !failed) await send();
      stream.end();
      await once(stream, 'finish').catch((err: unknown) => {
        failed ??= err;
      });
      if (failed) throw postgresError(failed, sql.target);
      // Rows came with their ids: the identity sequence goes on after the largest.
      if (known.has('id'))
        await sql.value(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest((SELECT max(id) FROM ${table}), 1))`);
      loaded[table] = count;
      progress?.(table, count);
    }
  });
  return loaded;
}
