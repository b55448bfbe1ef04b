// Looking at a database file without custrack: better-sqlite3 opened directly, as an engineer would after
// a crash (opening it replays a committed WAL and drops an uncommitted one).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface RawState {
  integrity: string;
  userVersion: number;
  applicationId: number;
  tables: string[];
  /** Row counts of the tables asked for (missing tables are absent). */
  counts: Record<string, number>;
}

/** `PRAGMA integrity_check`, versions, tables and row counts of a database file. */
export function rawState(
  path: string,
  tables: string[] = ['customers', 'transactions', 'visits', 'history'],
  check: 'integrity_check' | 'quick_check' = 'integrity_check',
): RawState {
  const db = new Database(path, { fileMustExist: true });
  try {
    const integrity = (db.pragma(check) as Array<Record<string, string>>).map((r) => Object.values(r)[0]).join('\n');
    const present = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    const counts: Record<string, number> = {};
    for (const table of tables) {
      if (present.includes(table)) counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    }
    return {
      integrity,
      userVersion: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
      tables: present,
      counts,
    };
  } finally {
    db.close();
  }
}

/** Runs one query on a database file and returns all rows. */
export function rawQuery<T = Record<string, unknown>>(path: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Copies a closed database (no -wal/-shm beside it) to another path. */
export function copyClosedDatabase(from: string, to: string): void {
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(from + suffix)) throw new Error(`${from}${suffix} exists: the database is not closed`);
  copyFileSync(from, to);
}

/** Every file and directory below `dir` with its permission bits (relative path → mode). */
export function modesBelow(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (at: string, rel: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const relative = rel ? `${rel}/${name}` : name;
      const stat = statSync(path);
      found.set(relative, stat.mode & 0o777);
      if (stat.isDirectory()) walk(path, relative);
    }
  };
  walk(dir, '');
  return found;
}

/** Columns that hold the wall-clock time of a write: left out, so that the same data digests the same. */
const CLOCK_COLUMNS = new Set(['at', 'created_at', 'imported_at', 'updated_at']);

/**
 * A digest of what a database means: the schema and every row of every table, wall-clock columns left
 * out. Equal digests, equal data. (Opened read-write: a read-only connection cannot remove the -wal and
 * -shm files when it closes.)
 */
export function contentDigest(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const schema = db
      .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .raw()
      .all() as string[][];
    hash.update(JSON.stringify(schema));
    for (const [type, name] of schema) {
      if (type !== 'table') continue;
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>)
        .map((c) => c.name)
        .filter((c) => !CLOCK_COLUMNS.has(c));
      const list = columns.map((c) => `"${c}"`).join(', ');
      hash.update(`\n${name}\n`);
      for (const row of db.prepare(`SELECT ${list} FROM "${name}" ORDER BY ${list}`).raw().iterate())
        hash.update(JSON.stringify(row)).update('\n');
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

// -------------------------------------------------------------------------------------------------
// The same questions of a database on either engine: a file path (SQLite) or a postgres:// URL (the
// superuser's, as test/helpers/engine.ts hands them out).

/** Whether `db` names a server database (a postgres:// URL) rather than a file. */
export const isServerUrl = (db: string): boolean => /^postgres(ql)?:\/\//u.test(db);

/** A connection to a server database with custrack's value types, for `work`; `?` placeholders. */
async function onServer<T>(url: string, work: (query: <Row>(sql: string, params?: unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
  const [{ default: pg }, { custrackTypes }, { numberedPlaceholders }] = await Promise.all([
    import('pg'),
    import('./postgres.js'),
    import('./db.js'),
  ]);
  const client = new pg.Client({ connectionString: url, types: custrackTypes() });
  await client.connect();
  try {
    return await work(
      async <Row>(sql: string, params: unknown[] = []) => (await client.query(numberedPlaceholders(sql), params)).rows as Row[],
    );
  } finally {
    await client.end();
  }
}

/** One query on a database file or server database, `?` placeholders; rows as custrack reads them. */
export async function queryDatabase<T = Record<string, unknown>>(db: string, sql: string, ...params: unknown[]): Promise<T[]> {
  if (!isServerUrl(db)) return rawQuery<T>(db, sql, ...params);
  return onServer(db, (query) => query<T>(sql, params));
}

/** Row counts of the tables asked for that exist, on either engine. */
export async function databaseCounts(
  db: string,
  tables: string[] = ['customers', 'transactions', 'visits', 'history'],
): Promise<Record<string, number>> {
  if (!isServerUrl(db)) return rawState(db, tables, 'quick_check').counts;
  return onServer(db, async (query) => {
    const present = new Set(
      (await query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()')).map(
        (t) => t.name,
      ),
    );
    const counts: Record<string, number> = {};
    for (const table of tables)
      if (present.has(table)) counts[table] = Number((await query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`))[0]?.n);
    return counts;
  });
}

/**
 * contentDigest on either engine: on the server, its tables' columns and every row (wall-clock columns left
 * out), and where each sequence stands (a rolled-back insert moves one: the next id would differ).
 */
export async function databaseDigest(db: string): Promise<string> {
  if (!isServerUrl(db)) return contentDigest(db);
  return onServer(db, async (query) => {
    const hash = createHash('sha256');
    const columns = await query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    hash.update(JSON.stringify(columns));
    for (const table of [...new Set(columns.map((c) => c.table_name))]) {
      const kept = columns.filter((c) => c.table_name === table && !CLOCK_COLUMNS.has(c.column_name)).map((c) => `"${c.column_name}"`);
      const [rows] = await query<{ rows: string | null }>(
        `SELECT string_agg(r::text, E'\\n' ORDER BY r::text) AS rows FROM (SELECT ${kept.join(', ')} FROM "${table}") r`,
      );
      hash.update(`\n${table}\n${rows?.rows ?? ''}`);
    }
    const sequences = await query<{ name: string; last_value: number | null }>(
      'SELECT sequencename AS name, last_value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1',
    );
    for (const s of sequences) hash.update(`\n${s.name}=${s.last_value ?? ''}`);
    return hash.digest('hex');
  });
}

/** Another writer holding the database's write lock (SQLite: BEGIN IMMEDIATE; the server: custrack's advisory write lock). */
export async function holdWriteLock(db: string): Promise<{ release(): Promise<void> }> {
  if (!isServerUrl(db)) {
    const holder = new Database(db, { fileMustExist: true });
    holder.exec('BEGIN IMMEDIATE');
    return {
      release: async () => {
        holder.exec('ROLLBACK');
        holder.close();
      },
    };
  }
  const [{ default: pg }, { WRITE_LOCK }] = await Promise.all([import('pg'), import('../../src/db/postgres/locks.js')]);
  const holder = new pg.Client({ connectionString: db });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
  return {
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}
