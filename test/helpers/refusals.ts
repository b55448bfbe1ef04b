// Files custrack must refuse (exit 5) and never change: a database from a newer custrack, and files that
// are not custrack databases. Shared by test/safety/schema.test.ts and test/reliability/schema.test.ts.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { openOffice, registerCustomer } from './db.js';

export interface Refusable {
  name: string;
  /** What stderr says (besides "left untouched"). */
  message: RegExp;
  make(path: string): void | Promise<void>;
}

export const REFUSABLE: Refusable[] = [
  {
    name: 'a database written by a newer custrack',
    message: /was written by a newer custrack \(schema \d+; this one knows up to \d+\)/u,
    make: async (path) => {
      const { db, repos } = openOffice(path);
      await registerCustomer(repos, '深圳市腾达有限公司');
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
    },
  },
  { name: 'random bytes', message: /is not a custrack database/u, make: (path) => writeFileSync(path, randomBytes(8192)) },
  { name: 'a CSV file', message: /is not a custrack database/u, make: (path) => writeFileSync(path, 'name,phone\n腾达,13800138000\n') },
  {
    name: 'the SQLite database of another application',
    message: /is not a custrack database/u,
    make: (path) => {
      const db = new Database(path);
      db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);');
      db.close();
    },
  },
  {
    name: 'a WAL-mode SQLite database of another application (closed cleanly)',
    message: /is not a custrack database/u,
    make: (path) => {
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('腾达');");
      db.close();
    },
  },
  {
    name: 'an empty SQLite database that belongs to another application (application_id set)',
    message: /is not a custrack database/u,
    make: (path) => {
      const db = new Database(path);
      db.pragma('application_id = 1234');
      db.close();
    },
  },
];

/** Every kind of command, reads and writes; `input` is a valid transactions file outside the office. */
export function everyCommand(input: string, backupTarget: string): string[][] {
  return [
    ['overdue'],
    ['overdue', '--format', 'json'],
    ['customer', 'list'],
    ['customer', 'show', '1'],
    ['db', 'check'],
    ['db', 'check', '--full', '--format', 'json'],
    ['history'],
    ['export', 'customers', '--format', 'csv'],
    ['export', 'transactions', '--format', 'json'],
    ['report', 'monthly'],
    ['check', '深圳市腾达有限公司'],
    ['visit', 'sheet'],
    ['visit', 'list'],
    ['form', 'list'],
    ['application', 'list'],
    ['config', 'list'],
    ['backup', '--to', backupTarget],
    ['init'],
    ['customer', 'add', '--name', '广州市华信有限公司'],
    ['customer', 'edit', '1', '--grade', 'A'],
    ['visit', 'add', '1', '--method', 'phone', '--no-input'],
    ['import', 'transactions', input],
    ['config', 'set', 'cadence.A', '10'],
  ];
}

export const INVOICES_CSV = 'customer,date,amount,kind,ref\n深圳市腾达有限公司,2026-01-05,100.00,sale,R1\n';
