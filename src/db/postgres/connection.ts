// Connecting to PostgreSQL the way libpq users expect: the URL's user, host, port, database and sslmode;
// the password from the URL, else PGPASSWORD, else ~/.pgpass; a named schema (?schema=… or
// options=-c search_path=…). What a person sees of a URL never holds the password (redactUrl).
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { DatabaseError } from '../../errors.js';
import { pg as driver } from './pg.js';

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  database: string;
  /** The password given in the URL, if any (else PGPASSWORD or ~/.pgpass are asked). */
  password: string | undefined;
  /** The schema custrack's tables live in; undefined: the server's search_path (normally `public`). */
  schema: string | undefined;
  ssl: pg.ClientConfig['ssl'];
  /** The URL as shown to people: the password replaced by ***. */
  shown: string;
}

/** A connection URL with its password replaced by `***`, for every message, error and log. */
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

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/**
 * sslmode as libpq means it: `require` encrypts without checking the certificate, `verify-ca` checks
 * the chain, `verify-full` the host name too. `allow` and `prefer` cannot fall back to plain text in this
 * driver, so they connect without TLS (the README says so); `sslrootcert` names the CA file.
 */
function sslOptions(mode: string | null, rootCert: string | null, shown: string): pg.ClientConfig['ssl'] {
  const value = (mode ?? 'prefer').toLowerCase();
  if (!(SSL_MODES as readonly string[]).includes(value))
    throw new DatabaseError('pg.bad_url', { location: shown, reason: `sslmode=${mode}` });
  if (value === 'disable' || value === 'allow' || value === 'prefer') return false;
  const ca = rootCert ? readFileSync(rootCert, 'utf8') : undefined;
  if (value === 'require') return { rejectUnauthorized: false };
  if (value === 'verify-ca') return { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
  return { rejectUnauthorized: true, ca };
}

/** `-c search_path=x` (or `-csearch_path=x`) inside libpq's `options` parameter. */
function schemaFromOptions(options: string | null): string | undefined {
  if (!options) return undefined;
  const match = /(?:^|\s)-c\s*search_path\s*=\s*("?)([^",\s]+)\1/u.exec(options);
  return match?.[2];
}

export function parsePostgresUrl(location: string, env: NodeJS.ProcessEnv): PostgresTarget {
  const shown = redactUrl(location);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new DatabaseError('pg.bad_url', { location: shown, reason: 'not a URL' });
  }
  const param = (name: string): string | null => url.searchParams.get(name);
  const decode = (text: string): string => decodeURIComponent(text);
  const database =
    decode(url.pathname.replace(/^\//u, '')) || env.PGDATABASE || decode(url.username) || env.PGUSER || env.USER || 'postgres';
  return {
    host: decode(url.hostname) || param('host') || env.PGHOST || 'localhost',
    port: Number(url.port || param('port') || env.PGPORT || 5432),
    user: decode(url.username) || param('user') || env.PGUSER || env.USER || 'postgres',
    database,
    password: url.password ? decode(url.password) : (param('password') ?? undefined),
    schema: param('schema') ?? schemaFromOptions(param('options')),
    ssl: sslOptions(param('sslmode') ?? env.PGSSLMODE ?? null, param('sslrootcert'), shown),
    shown,
  };
}

/** The password as libpq finds it: the URL, PGPASSWORD, then ~/.pgpass (PGPASSFILE). */
async function password(target: PostgresTarget, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (target.password !== undefined) return target.password;
  if (env.PGPASSWORD !== undefined) return env.PGPASSWORD;
  const { default: pgpass } = await import('pgpass');
  return new Promise((resolve) => {
    pgpass({ host: target.host, port: target.port, database: target.database, user: target.user }, (found: string | undefined) =>
      resolve(found),
    );
  });
}

/**
 * The value types custrack reads, per client (pg.types.setTypeParser would change them for the whole
 * process): dates stay 'YYYY-MM-DD' text as on SQLite (pg's default makes a local-midnight Date, a day off
 * once read back in UTC), bigint and numeric become numbers (ids, counts and sums of fen; an integer past
 * 2^53 is refused, not rounded), timestamptz becomes the ISO 8601 UTC text custrack writes (to the second).
 */
export function custrackTypes(): pg.CustomTypesConfig {
  const types = new driver.TypeOverrides();
  const timestamptz = driver.types.getTypeParser(driver.types.builtins.TIMESTAMPTZ, 'text');
  types.setTypeParser(driver.types.builtins.DATE, 'text', (text: string) => text);
  types.setTypeParser(driver.types.builtins.INT8, 'text', exactNumber);
  types.setTypeParser(driver.types.builtins.NUMERIC, 'text', exactNumber);
  types.setTypeParser(driver.types.builtins.TIMESTAMPTZ, 'text', (text: string) =>
    (timestamptz(text) as Date).toISOString().replace(/\.000Z$/u, 'Z'),
  );
  return types;
}

function exactNumber(text: string): number {
  const value = Number(text);
  if (/^-?\d+$/u.test(text) && !Number.isSafeInteger(value))
    throw new RangeError(`${text} is an integer too large for a JavaScript number`);
  return value;
}

/** Connects one client (a command is one short process: no pool), with the schema on its search_path. */
export async function connectClient(target: PostgresTarget, env: NodeJS.ProcessEnv, connectTimeoutMs = 10_000): Promise<pg.Client> {
  const client = new driver.Client({
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    password: await password(target, env),
    ssl: target.ssl,
    types: custrackTypes(),
    // Shown in pg_stat_activity, so an administrator sees who holds a lock.
    application_name: 'custrack',
    connectionTimeoutMillis: connectTimeoutMs,
    ...(target.schema ? { options: `-c search_path=${quoteIdent(target.schema)}` } : {}),
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw postgresError(err, target);
  }
  return client;
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

interface PgErrorLike {
  code?: string;
  message?: string;
}

/**
 * What went wrong, in words that say what to do: never the driver's raw text alone, never the password.
 * Errors that are not the server's or the connection's pass through (custrack's own, bugs).
 */
export function postgresError(err: unknown, target: Pick<PostgresTarget, 'shown' | 'user' | 'database' | 'host' | 'port'>): unknown {
  if (err instanceof DatabaseError) return err;
  const { code = '', message = '' } = (err ?? {}) as PgErrorLike;
  const where = { location: target.shown, host: target.host, port: target.port, database: target.database, user: target.user };
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ETIMEDOUT'].includes(code) ||
    /timeout expired|connection timeout/iu.test(message)
  ) {
    return new DatabaseError('pg.unreachable', { ...where, reason: code || message });
  }
  // No password found anywhere and the server asks for one: pg says the password is not a string.
  if (code === '28P01' || code === '28000' || /password must be a string|password authentication failed/iu.test(message)) {
    return new DatabaseError('pg.auth', where);
  }
  if (code === '3D000') return new DatabaseError('pg.no_database', where);
  if (code === '3F000') return new DatabaseError('pg.no_schema', where);
  if (code === '55P03') return new DatabaseError('pg.locked', where);
  if (code === '53100') return new DatabaseError('pg.disk_full', where);
  if (code === '42501') return new DatabaseError('pg.permission', { ...where, reason: message });
  if (code === '25006') return new DatabaseError('pg.read_only', where);
  if (
    /^57P0[123]$/u.test(code) ||
    /Connection terminated|connection closed|Client has encountered a connection error|ECONNRESET|EPIPE/iu.test(`${code} ${message}`)
  ) {
    return new DatabaseError('pg.terminated', where);
  }
  if (/^(08|53|54|57|58|XX)/u.test(code)) return new DatabaseError('pg.failed', { ...where, reason: `${code} ${message}`.trim() });
  return err;
}
