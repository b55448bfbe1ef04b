// Which engine a `--db` value means, and opening it: a postgres:// or postgresql:// URL is the shared
// PostgreSQL engine, anything else a local SQLite file. The engine's code is loaded only when asked for.
// node:path statically: a dynamic import() of even a built-in starts Node's ES module loader (~3 ms).
import { resolve } from 'node:path';
import type { Store } from '../app/store.js';
import type { Actor } from './clock.js';

export interface StoreOptions {
  /** Where PGPASSWORD, PGUSER … and HOME (~/.pgpass) are read. */
  env: NodeJS.ProcessEnv;
  /** Create the database (SQLite: the file) when it does not exist: writes do, reads do not. */
  create: boolean;
  actor: Actor;
  /** Whether the actor's name was given (--user, CUSTRACK_USER); else the shared engine records its login. */
  userGiven: boolean;
  busyTimeoutMs: number;
  /** File system type of a directory (statfs); tests pretend to be on NFS. */
  fsType?: ((dir: string) => number) | undefined;
  /** Only reads (shell completion): never creates, migrates or writes anything. */
  readOnly?: boolean | undefined;
}

export const isPostgresUrl = (location: string): boolean => /^postgres(?:ql)?:\/\//iu.test(location);

export async function openStore(location: string, options: StoreOptions): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore(location, options);
  }
  const { openDatabase } = await import('./open.js');
  const { SqliteStore } = await import('./sqlite/store.js');
  const db = openDatabase(location, {
    create: options.create,
    now: options.actor.now,
    busyTimeoutMs: options.busyTimeoutMs,
    ...(options.fsType ? { fsType: options.fsType } : {}),
    ...(options.readOnly ? { readOnly: true } : {}),
  });
  return new SqliteStore(db, options.actor, location === ':memory:' ? location : resolve(location));
}
