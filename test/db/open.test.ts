// docs/rules.md, "Data safety": the one SQLite file is opened safely, or refused and left exactly as it was.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APPLICATION_ID, openDatabase, type Db } from '../../src/db/open.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { initial } from '../../src/db/migrations/001_initial.js';
import { DatabaseError } from '../../src/errors.js';
import { fileDigest, fileMode, useScratchOffices } from '../helpers/scratch.js';
import { WALL_CLOCK } from '../helpers/cli.js';

const scratch = useScratchOffices();
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function open(path: string, options: Parameters<typeof openDatabase>[1] = { create: true }): Db {
  const db = openDatabase(path, options);
  opened.push(db);
  return db;
}

/** What openDatabase threw: the DatabaseError key (and params), or a failure when it opened. */
function refusal(path: string, options: Parameters<typeof openDatabase>[1] = { create: true }): DatabaseError {
  try {
    open(path, options);
  } catch (err) {
    expect(err).toBeInstanceOf(DatabaseError);
    return err as DatabaseError;
  }
  throw new Error(`${path} was opened, but should have been refused`);
}

const SCHEMA_TABLES = [
  'customers',
  'customer_aliases',
  'transactions',
  'visits',
  'forms',
  'form_ratings',
  'applications',
  'settings',
  'calendar_days',
  'history',
];

describe('a new custrack database', () => {
  it('has the safety pragmas of docs/rules.md, "Data safety" and the current schema version', () => {
    const db = open(scratch().dbPath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(0x4373546b);
    expect(APPLICATION_ID).toBe(0x4373546b);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('has every table of the schema', () => {
    const db = open(scratch().dbPath);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(SCHEMA_TABLES));
  });

  it('is created 0600 even with umask 0, and so are its -wal and -shm files while it is open', () => {
    const office = scratch();
    const before = process.umask(0);
    try {
      const db = open(office.dbPath);
      db.prepare("INSERT INTO settings (key, value) VALUES ('cadence.A', '10')").run();
      expect(fileMode(office.dbPath)).toBe(0o600);
      expect(existsSync(`${office.dbPath}-wal`)).toBe(true);
      expect(existsSync(`${office.dbPath}-shm`)).toBe(true);
      expect(fileMode(`${office.dbPath}-wal`)).toBe(0o600);
      expect(fileMode(`${office.dbPath}-shm`)).toBe(0o600);
    } finally {
      process.umask(before);
    }
  });

  it('creates missing parent directories privately', () => {
    const office = scratch();
    const before = process.umask(0);
    try {
      const path = join(office.dir, 'nested', 'office', 'custrack.db');
      open(path);
      expect(fileMode(join(office.dir, 'nested'))).toBe(0o700);
      expect(fileMode(path)).toBe(0o600);
    } finally {
      process.umask(before);
    }
  });

  it('keeps its history append-only: UPDATE and DELETE are refused by triggers', () => {
    const db = open(scratch().dbPath);
    db.prepare("INSERT INTO history (at, actor, action, entity) VALUES ('2026-11-23T00:00:00Z', 'tester', 'create', 'customer')").run();
    expect(() => db.prepare("UPDATE history SET actor = 'mallory'").run()).toThrow(/append-only/u);
    expect(() => db.prepare('DELETE FROM history').run()).toThrow(/append-only/u);
    expect(db.prepare('SELECT actor FROM history').all()).toEqual([{ actor: 'tester' }]);
  });

  it('opens again without migrating or changing the schema', () => {
    const office = scratch();
    open(office.dbPath).close();
    const db = open(office.dbPath, { create: false });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(readdirSync(office.dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });
});

describe('a read of a database that does not exist', () => {
  it("throws 'db.missing' and creates nothing, not even the directory", () => {
    const office = scratch();
    const path = join(office.dir, 'not-yet', 'custrack.db');
    const err = refusal(path, { create: false });
    expect(err.key).toBe('db.missing');
    expect(existsSync(join(office.dir, 'not-yet'))).toBe(false);
    expect(readdirSync(office.dir)).toEqual([]);
  });
});

describe('files that are not a custrack database are refused and never changed', () => {
  it('random bytes', () => {
    const office = scratch();
    writeFileSync(office.dbPath, randomBytes(4096));
    const digest = fileDigest(office.dbPath);
    expect(refusal(office.dbPath).key).toBe('db.not_custrack');
    expect(fileDigest(office.dbPath)).toBe(digest);
    expect(readdirSync(office.dir)).toEqual(['custrack.db']);
  });

  it('a short text file', () => {
    const office = scratch();
    writeFileSync(office.dbPath, 'name,phone\n');
    const digest = fileDigest(office.dbPath);
    expect(refusal(office.dbPath).key).toBe('db.not_custrack');
    expect(fileDigest(office.dbPath)).toBe(digest);
  });

  it('the SQLite database of another application', () => {
    const office = scratch();
    const other = new Database(office.dbPath);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);');
    other.close();
    const digest = fileDigest(office.dbPath);
    expect(refusal(office.dbPath).key).toBe('db.not_custrack');
    expect(refusal(office.dbPath, { create: false }).key).toBe('db.not_custrack');
    expect(fileDigest(office.dbPath)).toBe(digest);
    expect(readdirSync(office.dir)).toEqual(['custrack.db']);
  });

  it('another application that uses user_version too', () => {
    const office = scratch();
    const other = new Database(office.dbPath);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.pragma('user_version = 1');
    other.close();
    const digest = fileDigest(office.dbPath);
    expect(refusal(office.dbPath).key).toBe('db.not_custrack');
    expect(fileDigest(office.dbPath)).toBe(digest);
  });

  it('a directory: refused, saying it is a directory', () => {
    const office = scratch();
    mkdirSync(office.dbPath);
    expect(refusal(office.dbPath).key).toBe('db.is_directory');
  });
});

describe('a database written by a newer custrack', () => {
  it("is refused with 'db.newer' and left byte-for-byte unchanged", () => {
    const office = scratch();
    open(office.dbPath).close();
    const raw = new Database(office.dbPath);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const digest = fileDigest(office.dbPath);
    const err = refusal(office.dbPath);
    expect(err.key).toBe('db.newer');
    expect(err.params).toMatchObject({ version: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION });
    expect(refusal(office.dbPath, { create: false }).key).toBe('db.newer');
    expect(fileDigest(office.dbPath)).toBe(digest);
    expect(readdirSync(office.dir)).toEqual(['custrack.db']);
  });
});

describe('network file systems are refused (SQLite cannot lock there)', () => {
  it.each(['//server/share/custrack.db', '\\\\server\\share\\custrack.db'])('UNC path %s', (path) => {
    const err = refusal(path);
    expect(err.key).toBe('db.network');
    expect(err.params.fs).toBe('UNC');
  });

  it.each([
    [0x6969, 'NFS'],
    [0xff534d42, 'CIFS'],
    [0xfe534d42, 'SMB2'],
    [0x517b, 'SMB'],
  ])('a directory on file system type %s (%s), before anything is created', (type, name) => {
    const office = scratch();
    const seen: string[] = [];
    const err = refusal(office.dbPath, {
      create: true,
      fsType: (dir) => {
        seen.push(dir);
        return type;
      },
    });
    expect(err.key).toBe('db.network');
    expect(err.params.fs).toBe(name);
    expect(seen).toEqual([office.dir]);
    expect(existsSync(office.dbPath)).toBe(false);
  });

  it('a statfs type that does not fit a signed 32-bit int is still recognized (CIFS as negative)', () => {
    // statfs on some platforms reports the magic as a signed int.
    const office = scratch();
    const err = refusal(office.dbPath, { create: true, fsType: () => 0xff534d42 | 0 });
    expect(err.params.fs).toBe('CIFS');
  });

  it('asks about the nearest existing directory when the parents do not exist yet', () => {
    const office = scratch();
    const seen: string[] = [];
    const err = refusal(join(office.dir, 'a', 'b', 'custrack.db'), {
      create: true,
      fsType: (dir) => {
        seen.push(dir);
        return 0x6969;
      },
    });
    expect(err.key).toBe('db.network');
    expect(seen).toEqual([office.dir]);
    expect(existsSync(join(office.dir, 'a'))).toBe(false);
  });

  it('a local file system type is accepted', () => {
    const office = scratch();
    const db = open(office.dbPath, { create: true, fsType: () => 0xef53 }); // ext4
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });
});

describe('migrating an existing database', () => {
  // Schema 1 is the only real migration, so a v1 → v2 upgrade is simulated by adding a migration to the list.
  async function withExtraMigration(sql: string): Promise<typeof openDatabase> {
    vi.resetModules();
    vi.doMock('../../src/db/migrations/index.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../src/db/migrations/index.js')>();
      const migrations = [...real.MIGRATIONS, { version: real.SCHEMA_VERSION + 1, name: 'test', sql }];
      return { MIGRATIONS: migrations, SCHEMA_VERSION: real.SCHEMA_VERSION + 1 };
    });
    return (await import('../../src/db/open.js')).openDatabase;
  }

  afterEach(() => {
    vi.doUnmock('../../src/db/migrations/index.js');
    vi.resetModules();
  });

  /** A database at schema 1 (what the current release writes), with one customer in it. */
  function schemaOneDatabase(path: string): void {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(initial);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.prepare(
      "INSERT INTO customers (name, name_key, grade, registered_on, assigned_on, created_at) VALUES ('腾达', '腾达', 'A', '2026-01-02', '2026-01-02', '2026-01-02T00:00:00Z')",
    ).run();
    db.close();
  }

  it('makes a verified, private backup beside the file first, then upgrades', async () => {
    const office = scratch();
    schemaOneDatabase(office.dbPath);
    const openNewer = await withExtraMigration('CREATE TABLE extra (x TEXT);');
    const db = openNewer(office.dbPath, { create: false, now: () => WALL_CLOCK });
    opened.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra'").get()).toEqual({ n: 1 });

    const backup = `${office.dbPath}.v1-20261123T020304.bak`;
    expect(readdirSync(office.dir).filter((f) => f.includes('.bak'))).toEqual(['custrack.db.v1-20261123T020304.bak']);
    expect(fileMode(backup)).toBe(0o600);
    const copy = new Database(backup, { readonly: true });
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT name FROM customers').all()).toEqual([{ name: '腾达' }]);
    } finally {
      copy.close();
    }
  });

  it('a migration that fails leaves the database at the version before it, with its data', async () => {
    const office = scratch();
    schemaOneDatabase(office.dbPath);
    const openNewer = await withExtraMigration('CREATE TABLE extra (x TEXT); INSERT INTO no_such_table VALUES (1);');
    expect(() => opened.push(openNewer(office.dbPath, { create: false, now: () => WALL_CLOCK }))).toThrow();
    const db = new Database(office.dbPath, { readonly: true });
    try {
      // Migrations 2 … SCHEMA_VERSION each committed on their own; the failing one left no trace.
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
