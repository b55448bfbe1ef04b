// The schema on PostgreSQL: which custrack version a database (or named schema) holds, refusing what is
// not ours or too new and changing nothing then, and the numbered migrations, one transaction each under
// an advisory lock so that two processes opening a new database at once do not both create it.
import { DatabaseError } from '../../errors.js';
import { MIGRATION_LOCK } from './locks.js';
import { POSTGRES_MIGRATIONS } from './schema.js';
import { quoteIdent } from './connection.js';
import type { Sql } from './sql.js';
import type { Backfill } from '../migrations/backfill.js';

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.at(-1)!.version;

/** The version table: one row per migration applied. */
const VERSION_TABLE = 'custrack_schema_version';

interface SchemaState {
  /** The schema the tables live in (current_schema()), or null when the search_path names none that exists. */
  schema: string | null;
  /** 0: no custrack tables yet. */
  version: number;
  /** Tables of something else are in the schema and no custrack version table. */
  foreign: boolean;
}

/** One round trip for what start-up needs (a second only for a custrack schema): start-up is part of the product. */
async function inspect(sql: Sql): Promise<SchemaState> {
  const found = (await sql.row<{ schema: string | null; ours: boolean; tables: number }>(
    `SELECT current_schema() AS schema, to_regclass('${VERSION_TABLE}') IS NOT NULL AS ours,
       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')) AS tables`,
  ))!;
  if (found.schema === null) return { schema: null, version: 0, foreign: false };
  if (!found.ours) return { schema: found.schema, version: 0, foreign: found.tables > 0 };
  const version = (await sql.value<number | null>(`SELECT max(version) FROM ${VERSION_TABLE}`)) ?? 0;
  return { schema: found.schema, version, foreign: false };
}

/**
 * Checks what the database holds (reads only), then, when `create`, makes the named schema and runs the
 * migrations it lacks. Not ours, or newer than this program → exit 5, nothing changed. Nothing there and
 * not `create` (a reading command) → exit 5, "run custrack init".
 */
export async function prepareSchema(sql: Sql, options: { create: boolean; schema: string | undefined; location: string }): Promise<number> {
  let state = await inspect(sql);
  refuse(state, options.location);
  if (state.version === POSTGRES_SCHEMA_VERSION) return state.version;
  if (state.version === 0 && !options.create) throw new DatabaseError('pg.empty', { location: options.location });
  // An older custrack schema is upgraded by any command, as SQLite files are.
  if (state.schema === null) {
    if (!options.schema) throw new DatabaseError('pg.no_schema', { location: options.location });
    await sql.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
    state = await inspect(sql);
  }
  for (const migration of POSTGRES_MIGRATIONS) {
    if (migration.version <= state.version) continue;
    await sql.run('BEGIN');
    try {
      await sql.value('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [MIGRATION_LOCK]);
      // Another process may have migrated while we waited for the lock.
      const now = await inspect(sql);
      refuse(now, options.location);
      if (now.version < migration.version) {
        if (migration.version === 1)
          await sql.run(
            `CREATE TABLE ${VERSION_TABLE} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
          );
        await sql.run(migration.sql);
        for (const step of migration.backfill ?? []) await backfill(sql, step);
        await sql.run(`INSERT INTO ${VERSION_TABLE} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      }
      await sql.run('COMMIT');
    } catch (err) {
      await sql.run('ROLLBACK').catch(() => {});
      throw err;
    }
  }
  return POSTGRES_SCHEMA_VERSION;
}

/** A migration's JavaScript step, inside its transaction: every row read first, then its statements run. */
async function backfill(sql: Sql, step: Backfill): Promise<void> {
  for (const row of await sql.rows<Record<string, unknown>>(step.select)) {
    for (const [text, params] of step.statements(row)) await sql.run(numbered(text), params);
  }
}

/** The backfill's `?` placeholders as PostgreSQL's `$1, $2, …`. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/gu, () => `$${++n}`);
}

function refuse(state: SchemaState, location: string): void {
  if (state.foreign) throw new DatabaseError('pg.not_custrack', { location, schema: state.schema ?? '' });
  if (state.version > POSTGRES_SCHEMA_VERSION)
    throw new DatabaseError('db.newer', { path: location, version: state.version, supported: POSTGRES_SCHEMA_VERSION });
}
