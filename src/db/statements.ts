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
