// Schema 4: similar company names (docs/rules.md, rule 17). Each name and former name keeps its core beside it
// (indexed: the holders of a core), core_bigrams finds the cores similar to a name without reading every
// customer (src/db/name-index.ts), and customer_distinctions keeps each confirmation that similar customers are
// different companies (customer add|edit --distinct, import customers --allow-similar, application verify
// --distinct-from). Cores are computed in JavaScript, so the existing names are filled by the backfill below in
// this migration's own transaction: a database is never at version 4 with an index that misses a name.
import { nameCore } from '../../core/name-core.js';
import type { Backfill } from './backfill.js';
import { INSERT_CORE_KEY, coreKeyRows } from '../name-index.js';

export const similarNames = `
ALTER TABLE customers ADD COLUMN name_core TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_aliases ADD COLUMN name_core TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_name_core ON customers (name_core);
CREATE INDEX customer_aliases_name_core ON customer_aliases (name_core);

-- One row per key of every core that a name or former name has: its bigrams (a one-character core is its own
-- key), with the core's key count, so that a search reads the cores of a key within a range of key counts.
CREATE TABLE core_bigrams (
  bigram     TEXT NOT NULL,
  key_count  INTEGER NOT NULL,
  core       TEXT NOT NULL,
  PRIMARY KEY (bigram, key_count, core)
) WITHOUT ROWID;

-- A person confirmed that customer_id is a different company from each customer of other_ids (a JSON array of
-- ids, e.g. [3,17]), when registering or changing it, importing it, or verifying its application. A
-- confirmation holds for each pair in both directions.
CREATE TABLE customer_distinctions (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers (id),
  other_ids       TEXT NOT NULL,
  via             TEXT NOT NULL CHECK (via IN ('register', 'edit', 'import', 'verify')),
  application_id  INTEGER REFERENCES applications (id),
  confirmed_by    TEXT NOT NULL,
  confirmed_on    TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX customer_distinctions_customer ON customer_distinctions (customer_id);
CREATE INDEX customer_distinctions_application ON customer_distinctions (application_id) WHERE application_id IS NOT NULL;
`;

/** The statements that store a name's core and index its keys (a core held already conflicts and stays). */
function fill(table: 'customers' | 'customer_aliases', row: Record<string, unknown>): Array<[string, unknown[]]> {
  const core = nameCore(String(row.name));
  return [
    [`UPDATE ${table} SET name_core = ? WHERE id = ?`, [core, row.id]],
    ...coreKeyRows(core).map((k): [string, unknown[]] => [INSERT_CORE_KEY, k]),
  ];
}

export const similarNamesBackfill: Backfill[] = [
  { select: 'SELECT id, name FROM customers', statements: (row) => fill('customers', row) },
  { select: 'SELECT id, name FROM customer_aliases', statements: (row) => fill('customer_aliases', row) },
];
