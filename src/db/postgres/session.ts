// What the engine's bulk modules (imports, whole tables, the SQLite backup) need of an open PostgreSQL
// store, named apart from the store itself so that the store can load them on demand without a cycle.
import type { Store } from '../../app/store.js';
import type { PostgresCustomers } from './customers.js';
import type { PostgresSimilarNames } from './similar.js';
import type { Sql } from './sql.js';

export interface PostgresSession extends Store {
  readonly sql: Sql;
  readonly customers: PostgresCustomers;
  readonly similarNames: PostgresSimilarNames;
  /** How long a writer waits for another's lock before giving up (exit 5). */
  readonly busyTimeoutMs: number;
}
