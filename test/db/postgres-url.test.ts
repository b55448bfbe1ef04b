// How a postgres:// URL becomes a connection (src/db/postgres/connection.ts), as libpq users expect: sslmode
// and its certificate checks, the PG* environment as fallbacks, a named schema, and the password never shown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePostgresUrl, redactUrl } from '../../src/db/postgres/connection.js';
import { DatabaseError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'custrack-pgurl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ca = join(dir, 'root.crt');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

const NO_ENV: NodeJS.ProcessEnv = {};

describe('sslmode', () => {
  it.each([
    ['disable', false],
    ['allow', false],
    ['prefer', false],
    [null, false],
  ])('%s: no TLS', (mode, expected) => {
    const url = `postgresql://u:secret@db.example:5432/office${mode ? `?sslmode=${mode}` : ''}`;
    expect(parsePostgresUrl(url, NO_ENV).ssl).toBe(expected);
  });

  it('require: encrypted, the certificate not checked', () => {
    expect(parsePostgresUrl('postgresql://u@db.example/office?sslmode=require', NO_ENV).ssl).toEqual({ rejectUnauthorized: false });
  });

  it('verify-ca: the chain checked against sslrootcert, not the host name', () => {
    const ssl = parsePostgresUrl(`postgresql://u@db.example/office?sslmode=verify-ca&sslrootcert=${ca}`, NO_ENV).ssl as {
      rejectUnauthorized: boolean;
      ca: string;
      checkServerIdentity: () => undefined;
    };
    expect(ssl.rejectUnauthorized).toBe(true);
    expect(ssl.ca).toContain('BEGIN CERTIFICATE');
    expect(ssl.checkServerIdentity()).toBeUndefined();
  });

  it('verify-full: chain and host name', () => {
    const ssl = parsePostgresUrl(`postgresql://u@db.example/office?sslmode=verify-full&sslrootcert=${ca}`, NO_ENV).ssl as Record<
      string,
      unknown
    >;
    expect(ssl.rejectUnauthorized).toBe(true);
    expect(ssl.checkServerIdentity).toBeUndefined();
  });

  it('PGSSLMODE when the URL says nothing', () => {
    expect(parsePostgresUrl('postgresql://u@db.example/office', { PGSSLMODE: 'require' }).ssl).toEqual({ rejectUnauthorized: false });
  });

  it('an unknown mode is refused (exit 5) without the password in the message', () => {
    try {
      parsePostgresUrl('postgresql://u:secret@db.example/office?sslmode=sometimes', NO_ENV);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DatabaseError);
      expect(JSON.stringify((err as DatabaseError).params)).not.toContain('secret');
      expect(JSON.stringify((err as DatabaseError).params)).toContain('sslmode=sometimes');
    }
  });
});

describe('the rest of the URL', () => {
  it('user, host, port, database and password from the URL; shown with ***', () => {
    const target = parsePostgresUrl('postgres://wang%40office:p%40ss@10.0.0.5:6543/%E5%AE%A2%E6%88%B7', NO_ENV);
    expect(target).toMatchObject({ user: 'wang@office', host: '10.0.0.5', port: 6543, database: '客户', password: 'p@ss' });
    expect(target.shown).not.toContain('p%40ss');
    expect(target.shown).toContain('***');
  });

  it('the PG* environment fills what the URL leaves out', () => {
    const target = parsePostgresUrl('postgresql://', { PGHOST: 'pg.local', PGPORT: '5433', PGUSER: 'li', PGDATABASE: 'crm' });
    expect(target).toMatchObject({ host: 'pg.local', port: 5433, user: 'li', database: 'crm', password: undefined });
  });

  it('a named schema from ?schema= or from options=-c search_path=', () => {
    expect(parsePostgresUrl('postgresql://u@h/d?schema=custrack', NO_ENV).schema).toBe('custrack');
    expect(parsePostgresUrl('postgresql://u@h/d?options=-c%20search_path%3Dbranch_sz', NO_ENV).schema).toBe('branch_sz');
  });

  it('redactUrl hides a password even in text that is not a valid URL', () => {
    expect(redactUrl('postgresql://u:top secret@h/d')).not.toContain('top secret');
  });
});
