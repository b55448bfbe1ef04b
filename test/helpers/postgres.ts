// PostgreSQL for test files: a fresh database on the run's one server (postgres-server.ts starts it), the
// superuser for what a test must do behind custrack's back, and the client set-up the engine should copy.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import type { PostgresServer } from './postgres-server.js';

export interface FreshDatabase {
  /** postgresql://user:password@127.0.0.1:port/name, for the superuser. */
  url: string;
  name: string;
  /** Drops it, ending any session still connected. The whole cluster is deleted after the run anyway. */
  drop(): Promise<void>;
}

/** The run's server, as the global setup provided it. */
export function postgresServer(): PostgresServer {
  return inject('postgres');
}

export interface UrlParts {
  database?: string;
  user?: string;
  /** null: no password in the URL (for PGPASSWORD and ~/.pgpass tests). */
  password?: string | null;
  port?: number;
  /** Query parameters, e.g. { schema: 'custrack' } or { options: '-c search_path=custrack' }. */
  params?: Record<string, string>;
}

/** A URL for the run's server; by default the superuser's, to the maintenance database `postgres`. */
export function postgresUrl(parts: UrlParts = {}): string {
  const server = postgresServer();
  const url = new URL('postgresql://');
  url.hostname = server.host;
  url.port = String(parts.port ?? server.port);
  url.username = encodeURIComponent(parts.user ?? server.user);
  const password = parts.password === undefined ? server.password : parts.password;
  if (password !== null) url.password = encodeURIComponent(password);
  url.pathname = `/${encodeURIComponent(parts.database ?? 'postgres')}`;
  for (const [key, value] of Object.entries(parts.params ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * Creates an empty database with a unique name that says which test made it (`label`), e.g.
 * freshDatabase('customers') → t_customers_1a2b3c4d; or a copy of `template` (a database nobody is connected to).
 */
export async function freshDatabase(label: string, template?: string): Promise<FreshDatabase> {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_|_$/gu, '')
    .slice(0, 40);
  const name = `t_${slug || 'db'}_${randomBytes(4).toString('hex')}`;
  const quoted = pg.escapeIdentifier(name);
  await asSuperuser(`CREATE DATABASE ${quoted}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`);
  return {
    url: postgresUrl({ database: name }),
    name,
    drop: async () => {
      await asSuperuser(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    },
  };
}

/**
 * One fresh database for the test file (per: 'file', made before the first test) or for each test
 * (per: 'test'); read `.current` inside tests and hooks.
 */
export function useFreshDatabase(label: string, per: 'file' | 'test' = 'file'): { readonly current: FreshDatabase } {
  let current: FreshDatabase | undefined;
  const [before, after] = per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current = await freshDatabase(label);
  });
  after(async () => {
    await current?.drop();
    current = undefined;
  });
  return {
    get current() {
      if (!current) throw new Error('the fresh database exists only inside tests and hooks');
      return current;
    },
  };
}

/** A connection of the superuser to a database, with custrack's value types; the caller ends it. */
export async function superuserClient(database = 'postgres'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresUrl({ database }), types: custrackTypes() });
  await client.connect();
  return client;
}

/**
 * Runs one statement as the superuser on its own connection (default database: `postgres`), for what a
 * test does behind custrack's back: end a session, create a role with a known password, revoke a right.
 */
export async function asSuperuser<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
  database = 'postgres',
): Promise<Row[]> {
  const client = await superuserClient(database);
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The value types custrack reads, per client (pg.types.setTypeParser would change every client in the
 * process): dates stay 'YYYY-MM-DD' text as on SQLite (pg's default makes a local-midnight Date, a day off
 * once turned to UTC east of Greenwich), bigint and numeric become numbers (counts and sums of fen; an
 * integer past 2^53 is refused, not rounded), timestamptz becomes the ISO 8601 UTC text custrack writes.
 */
export function custrackTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  const timestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text');
  types.setTypeParser(pg.types.builtins.DATE, 'text', (text: string) => text);
  types.setTypeParser(pg.types.builtins.INT8, 'text', exactNumber);
  types.setTypeParser(pg.types.builtins.NUMERIC, 'text', exactNumber);
  types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text', (text: string) => (timestamptz(text) as Date).toISOString());
  return types;
}

/** A number, unless an integer too large to hold exactly (fractions, e.g. an average, are fine). */
function exactNumber(text: string): number {
  const value = Number(text);
  if (/^-?\d+$/u.test(text) && !Number.isSafeInteger(value)) {
    throw new RangeError(`${text} is an integer too large for a JavaScript number`);
  }
  return value;
}

/** A connection URL with its password replaced by ***, for messages and logs. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    // Not a URL the parser takes: everything between the user's colon and the last @ goes.
    return text.replace(/^([a-z]+:\/\/[^:/@]*:).*@/iu, '$1***@');
  }
}
