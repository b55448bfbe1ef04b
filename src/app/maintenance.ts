// Creating, checking and copying the database as a whole.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConflictError } from '../errors.js';
import type { Health, Store } from './store.js';

/** `init`: opens the database for writing (which creates and migrates it) and says whether it existed. */
export async function initialize(location: string, open: () => Promise<Store>): Promise<{ location: string; existed: boolean }> {
  const path = resolve(location);
  const existed = existsSync(path);
  const store = await open();
  return { location: store.location, existed };
}

/** The name of a backup beside a database file: `<file>.backup-20261123-020304`. */
export function backupName(dbPath: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/gu, '').replace(/\..*$/u, '').replace('T', '-');
  return `${dbPath}.backup-${stamp}`;
}

/** A verified copy; an existing file is never overwritten (exit 4). */
export async function backup(store: Store, to: string | undefined, now: Date): Promise<{ path: string; bytes: number; ms: number }> {
  const path = resolve(to ?? backupName(store.location, now));
  if (existsSync(path)) throw new ConflictError('backup.exists', { path });
  const started = Date.now();
  await store.backup(path);
  return { path, bytes: statSync(path).size, ms: Date.now() - started };
}

export interface HealthReport extends Health {
  location: string;
  ok: boolean;
}

/** `db check`: integrity, foreign keys, schema version, row counts. */
export async function checkDatabase(store: Store, full: boolean): Promise<HealthReport> {
  const health = await store.health(full);
  const ok = health.integrity.length === 1 && health.integrity[0] === 'ok' && health.foreignKeyProblems === 0;
  return { ...health, location: store.location, ok };
}
