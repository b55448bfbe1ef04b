// Opening the one SQLite file safely (docs/rules.md, "Data safety"): refuse what is not ours or too new, never touch it
// then; create files 0600; WAL, full sync, foreign keys, untrusted schema, a busy timeout; migrate
// one version at a time after a verified backup.
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';
import type { Backfill } from './migrations/backfill.js';
import { prepared } from './sqlite/statements.js';
import { copyDatabase } from './sqlite/copy.js';
import { createPrivateFile } from '../io/files.js';
import { inSchemaTransaction } from './sqlite/tx.js';
import { busyTimeout } from './timeout.js';
import { connect } from './driver.js';

export { busyTimeout };

export type Db = BetterSqlite3.Database;

/** `PRAGMA application_id` of a custrack database: "CsTk". */
export const APPLICATION_ID = 0x4373546b;
const SQLITE_HEADER = 'SQLite format 3\0';

/** statfs magic numbers of file systems where SQLite's locking is not safe. */
const NETWORK_FS: Record<number, string> = {
  26985: 'NFS',
  20859: 'SMB',
  4283649346: 'CIFS',
  4266872130: 'SMB2',
};

export interface OpenOptions {
  /** Create the file when it does not exist (writes do, reads do not). */
  create: boolean;
  /** Wall clock, for naming the pre-migration backup. */
  now?: () => Date;
  /** File system type of a directory; replaceable in tests. */
  fsType?: (dir: string) => number;
  /** Milliseconds a write waits for the lock (default: busyTimeout()). */
  busyTimeoutMs?: number;
  /** Reads only (shell completion): the file must exist; no pragma that writes, no migration (see readOnly). */
  readOnly?: boolean;
}

/** Refuses UNC paths and directories on network file systems. */
export function assertLocalPath(path: string, fsType: (dir: string) => number = (dir) => statfsSync(dir).type): void {
  if (/^(?:\\\\|\/\/)[^\\/]/u.test(path)) throw new DatabaseError('db.network', { path, fs: 'UNC' });
  let dir = dirname(resolve(path));
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const type = fsType(dir);
  const name = NETWORK_FS[type >>> 0];
  if (name) throw new DatabaseError('db.network', { path, fs: name });
}

interface Header {
  kind: 'empty' | 'sqlite' | 'other';
  appId: number;
  version: number;
  /** The schema cookie: 0 while no table was ever created. */
  schemaCookie: number;
}

/** Reads the first 100 bytes; classifies the file without opening it as a database. */
function inspectHeader(path: string): Header {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    const kind = n === 0 ? 'empty' : n === 100 && buf.toString('latin1', 0, 16) === SQLITE_HEADER ? 'sqlite' : 'other';
    return kind === 'sqlite'
      ? { kind, appId: buf.readUInt32BE(68), version: buf.readUInt32BE(60), schemaCookie: buf.readUInt32BE(40) }
      : { kind, appId: 0, version: 0, schemaCookie: 0 };
  } finally {
    closeSync(fd);
  }
}

export function openDatabase(path: string, options: OpenOptions): Db {
  if (path === ':memory:') return prepare(connect(':memory:'), path, options);
  assertLocalPath(path, options.fsType);
  const file = resolve(path);
  if (!existsSync(file)) {
    if (!options.create || options.readOnly) throw new DatabaseError('db.missing', { path: file });
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    createPrivateFile(file);
  } else {
    if (statSync(file).isDirectory()) throw new DatabaseError('db.is_directory', { path: file });
    if (!statSync(file).isFile()) throw new DatabaseError('db.not_custrack', { path: file });
    const header = inspectHeader(file);
    if (header.kind === 'other') throw new DatabaseError('db.not_custrack', { path: file });
    // Reading commands never write: an empty file is not made a database by them.
    if (header.kind === 'empty' && !options.create) throw new DatabaseError('db.missing', { path: file });
    // Look before opening read-write: closing a read-write connection would fold a pending WAL into a
    // file that is then refused, and a refused file must stay exactly as it was. Without a WAL beside
    // it the header is the whole truth; with one, a read-only connection reads through it.
    if (header.kind === 'sqlite') {
      if (existsSync(`${file}-wal`)) probe(file);
      else judge(file, header.appId, header.version, header.schemaCookie === 0);
    }
  }
  if (!writable(file)) {
    if (options.create) throw new DatabaseError('db.read_only', { path: file });
    return openReadOnly(file, options);
  }
  let db: Db;
  try {
    db = connect(file, { timeout: options.busyTimeoutMs ?? busyTimeout(), fileMustExist: true });
  } catch (err) {
    throw cannotOpen(file, err);
  }
  try {
    return options.readOnly ? readOnly(db) : prepare(db, file, options);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Whether this process may write the file and create its -wal/-shm beside it (a read-only mount says no). */
function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    accessSync(dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file on a read-only mount (or without write permission), for reading commands: a WAL database needs its
 * -shm, which cannot be made there, so when it is missing the file is read into memory (and the README says
 * what that costs); a -wal without its -shm cannot be read safely. No migration can run: an older file is refused.
 */
function openReadOnly(file: string, options: OpenOptions): Db {
  const pendingWal = existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0;
  const shm = existsSync(`${file}-shm`);
  if (pendingWal && !shm) throw new DatabaseError('db.read_only_wal', { path: file });
  let db: Db;
  try {
    db = shm ? connect(file, { readonly: true, fileMustExist: true }) : connect(inMemoryImage(file), { readonly: true });
  } catch (err) {
    throw cannotOpen(file, err);
  }
  try {
    const { version } = refuseForeign(db, file);
    if (version < SCHEMA_VERSION) throw new DatabaseError('db.read_only_old', { path: file, version, supported: SCHEMA_VERSION });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? busyTimeout()}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The file's bytes for an in-memory read. A database image in memory cannot be in WAL mode, so the header's
 * read and write versions (bytes 18 and 19: 2 for WAL) are set to 1, the rollback journal: with no pending
 * WAL the pages are the whole database, and the file itself is not touched.
 */
function inMemoryImage(file: string): Buffer {
  const bytes = readFileSync(file);
  if (bytes.length >= 100) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return bytes;
}

/** Refuses a file that is not ours, or too new, through a read-only connection. */
function probe(file: string): void {
  let reader: Db;
  try {
    reader = connect(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw cannotOpen(file, err);
  }
  try {
    refuseForeign(reader, file);
  } finally {
    reader.close();
  }
}

function refuseForeign(db: Db, file: string): { appId: number; version: number; fresh: boolean } {
  let appId: number;
  let version: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new DatabaseError('db.not_custrack', { path: file });
    throw err;
  }
  return judge(file, appId, version, appId === 0 && version === 0 && isEmptySchema(db));
}

/** Ours or an empty file, and not from a newer custrack; else refused (exit 5). */
function judge(file: string, appId: number, version: number, emptySchema: boolean): { appId: number; version: number; fresh: boolean } {
  const fresh = appId === 0 && version === 0 && emptySchema;
  if (!fresh && appId !== APPLICATION_ID) throw new DatabaseError('db.not_custrack', { path: file });
  if (version > SCHEMA_VERSION) throw new DatabaseError('db.newer', { path: file, version, supported: SCHEMA_VERSION });
  return { appId, version, fresh };
}

/** Checks ownership and version with reads only, then sets pragmas and migrates. */
function prepare(db: Db, file: string, options: OpenOptions): Db {
  const { version } = refuseForeign(db, file);

  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? busyTimeout()}`);
  // No mmap: on 100k customers it made overdue and the monthly report no faster, and every page it
  // mapped counted in the process's peak memory (+80 MiB for the whole overdue list; README, Performance).
  if (version < SCHEMA_VERSION) migrate(db, file, version, options.now ?? (() => new Date()));
  return db;
}

/**
 * A connection that only reads (shell completion): no pragma that writes, no migration, and `query_only` refuses
 * any write. It is a read-write connection all the same: when it is the last one out it removes the -wal and
 * -shm files as any custrack does, where a read-only connection would leave them behind for every later open.
 */
function readOnly(db: Db): Db {
  db.pragma('query_only = ON');
  db.pragma('trusted_schema = OFF');
  return db;
}

function isEmptySchema(db: Db): boolean {
  return (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n === 0;
}

function migrate(db: Db, file: string, from: number, now: () => Date): void {
  // An existing database is copied and the copy verified before its schema changes.
  if (from > 0 && file !== ':memory:') {
    const stamp = now().toISOString().replace(/[-:]/gu, '').replace(/\..*$/u, '');
    copyDatabase(db, `${file}.v${from}-${stamp}.bak`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    inSchemaTransaction(db, () => {
      // Another process may have migrated while we waited for the write lock.
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current >= migration.version) return;
      db.exec(migration.sql);
      for (const step of migration.backfill ?? []) backfill(db, step);
      if (migration.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
}

/** A migration's JavaScript step, inside its transaction: every row read first, then its statements run. */
function backfill(db: Db, step: Backfill): void {
  for (const row of db.prepare(step.select).all() as Array<Record<string, unknown>>) {
    for (const [sql, params] of step.statements(row)) prepared(db, sql).run(...params);
  }
}

/** A connection that failed: better-sqlite3's own error as the reason; ours (no native addon) as they are. */
function cannotOpen(file: string, err: unknown): DatabaseError {
  if (err instanceof DatabaseError) return err;
  return new DatabaseError('db.cannot_open', { path: file, reason: (err as Error).message });
}
