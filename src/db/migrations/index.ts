import { initial } from './001_initial.js';
import { reportCache } from './002_report_cache.js';
import { complaints } from './003_complaints.js';
import { calendarOverrides } from './005_calendar_overrides.js';
import { similarNames, similarNamesBackfill } from './004_similar_names.js';
import { lastContact } from './006_last_contact.js';
import type { Backfill } from './backfill.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rows filled with JavaScript after `sql`, in the same transaction. */
  backfill?: Backfill[];
}

/** Numbered migrations; `PRAGMA user_version` records the last one applied. Append only. */
export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'report cache', sql: reportCache },
  { version: 3, name: 'complaints and plan approval', sql: complaints },
  { version: 4, name: 'similar names', sql: similarNames, backfill: similarNamesBackfill },
  { version: 5, name: 'calendar overrides', sql: calendarOverrides },
  { version: 6, name: 'last contact before custrack', sql: lastContact },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
