// Whole tables in and out of a SQLite file, for `db copy` and the PostgreSQL engine's SQLite backup.
import type { Db } from '../open.js';
import type { TableRows } from '../../app/store.js';
import { DATA_TABLES, PROGRESS_EVERY } from '../tables.js';
import { bumpGeneration } from './tx.js';

export function tableCounts(db: Db): Record<string, number> {
  return Object.fromEntries(
    DATA_TABLES.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as Array<{ name: string }>).map((c) => c.name);
}

/** Every table in insert order (by id where it has one), read synchronously: call inside a read snapshot. */
export async function* readTables(db: Db): AsyncGenerator<TableRows> {
  for (const table of DATA_TABLES) {
    const columns = columnsOf(db, table);
    const order = columns.includes('id') ? ' ORDER BY id' : '';
    const rows = db
      .prepare(`SELECT ${columns.join(', ')} FROM ${table}${order}`)
      .raw(true)
      .iterate() as IterableIterator<unknown[]>;
    yield { table, columns, rows };
  }
}

/** Loads the tables in one BEGIN IMMEDIATE transaction; the rows loaded per table. */
export async function loadTables(
  db: Db,
  tables: AsyncIterable<TableRows>,
  progress?: (table: string, rows: number) => void,
): Promise<Record<string, number>> {
  const loaded: Record<string, number> = {};
  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const { table, columns, rows } of tables) {
      const known = new Set(columnsOf(db, table));
      const missing = columns.filter((c) => !known.has(c));
      if (missing.length) throw new Error(`the target's table ${table} has no column ${missing.join(', ')}`);
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      let count = 0;
      for await (const row of rows) {
        insert.run(row);
        if (++count % PROGRESS_EVERY === 0) progress?.(table, count);
      }
      loaded[table] = count;
      progress?.(table, count);
    }
    bumpGeneration(db);
    db.exec('COMMIT');
    return loaded;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
