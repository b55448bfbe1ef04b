// Prepared statements are compiled once per connection and reused: better-sqlite3 does not cache them,
// and preparing on every call was the largest cost of a bulk import.
import type BetterSqlite3 from 'better-sqlite3';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function prepared(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * Streams a large table by id ranges: `sql` selects the id first and takes the last id seen and a page size. A page read with
 * .all() is several times faster than stepping an iterator row by row, and memory holds one page.
 */
export function pages<R>(db: BetterSqlite3.Database, sql: string, toRow: (values: unknown[]) => R, size = 256): IterableIterator<R> {
  // Raw arrays turned into objects here cost half of what better-sqlite3's own row objects do.
  return byId(db.prepare(sql).raw(true), size, (values: unknown[]) => values[0] as number, toRow);
}

/** The id a packed line starts with. */
export function packedId(line: string): number {
  return Number.parseInt(line, 10);
}

/**
 * Rows of a table read as one string each: the id, then the stored columns, joined by U+001F in SQL,
 * NULL as empty. On Node 20, better-sqlite3 builds a row array through V8's slow per-element API, which
 * was over half the time of a million-row export; one string per row is read in about half the time.
 * For output that treats NULL and empty alike (csv and tsv: cli/delimited.ts), with the typed row at
 * hand for a line it cannot trust (a value holding U+001F). `columns` are stored names, checked by the caller.
 */
export function packedPages(db: BetterSqlite3.Database, table: string, columns: readonly string[], size = 256): IterableIterator<string> {
  const packed = columns.map((column) => `ifnull(${column}, '')`).join(', ');
  const statement = db.prepare(`SELECT concat_ws(char(31), id, ${packed}) FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`).pluck(true);
  return byId(statement, size, packedId, (line: string) => line);
}

/**
 * Pages of `statement` (last id, page size) as one stream of rows. A plain iterator rather than a generator:
 * resuming a generator a million times was a tenth of an export.
 */
function byId<T, R>(statement: BetterSqlite3.Statement, size: number, idOf: (item: T) => number, map: (item: T) => R): IterableIterator<R> {
  let page: T[] = [];
  let next = 0;
  let last = 0;
  let finished = false;
  const result: IteratorResult<R> = { done: false, value: undefined as R };
  const iterator: IterableIterator<R> = {
    [Symbol.iterator]: () => iterator,
    next(): IteratorResult<R> {
      if (next === page.length) {
        if (!finished) {
          page = statement.all(last, size) as T[];
          next = 0;
          finished = page.length < size;
          if (page.length > 0) last = idOf(page[page.length - 1]!);
        }
        if (next === page.length) return { done: true, value: undefined };
      }
      // One result object, reused: for-of reads it before asking for the next.
      result.value = map(page[next++]!);
      return result;
    },
  };
  return iterator;
}

/** A WHERE clause from optional filters: each `[sql, value]` applies when its value is given. */
export function whereClause(conditions: Record<string, [sql: string, value: unknown]>): { where: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const [name, [sql, value]] of Object.entries(conditions)) {
    if (value === undefined) continue;
    parts.push(sql);
    if (sql.includes(`:${name}`)) params[name] = value;
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
