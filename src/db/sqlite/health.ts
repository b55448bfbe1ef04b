// What `db check` reports: integrity, foreign keys, schema version and row counts.
import type { Db } from '../open.js';
import { SCHEMA_VERSION } from '../migrations/index.js';
import type { Health } from '../../app/store.js';

export const TABLES = [
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
  'complaints',
] as const;

export function checkHealth(db: Db, full: boolean): Omit<Health, 'engine'> {
  const integrity = (db.pragma(full ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>).map((r) => Object.values(r)[0]!);
  const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
  const counts = Object.fromEntries(
    TABLES.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
  return {
    integrity,
    foreignKeyProblems,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    supportedVersion: SCHEMA_VERSION,
    journalMode: db.pragma('journal_mode', { simple: true }) as string,
    counts,
  };
}
