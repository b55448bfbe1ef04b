// Schema 4: similar company names (docs/rules.md, rule 17). Each name and former name keeps its core beside it,
// the index name_bigrams finds the cores similar to a name without reading every customer (src/db/name-index.ts),
// and customer_distinctions keeps each confirmation that two similar customers are different companies
// (customer add|edit --distinct, import customers --allow-similar, application verify --distinct-from).
// The cores are computed in JavaScript, so the existing names are filled by the backfill below, in this
// migration's own transaction: a database is never left at version 4 with an index that misses a name.
import { nameCore } from '../../core/name-core.js';
import type { Backfill } from './backfill.js';
import { INSERT_NAME_KEY, nameKeyRows } from '../name-index.js';

export const similarNames = `
ALTER TABLE customers ADD COLUMN name_core TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_aliases ADD COLUMN name_core TEXT NOT NULL DEFAULT '';

-- One row per key of the core of each name and former name (its bigrams; a one-character core is its own key).
CREATE TABLE name_bigrams (
  bigram       TEXT NOT NULL,
  key_count    INTEGER NOT NULL,
  core         TEXT NOT NULL,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  PRIMARY KEY (bigram, key_count, core, customer_id)
) WITHOUT ROWID;

-- A person confirmed that two similar customers are different companies: customer_id is the one whose
-- registration, change or application gave the confirmation; it holds for the pair in both directions.
CREATE TABLE customer_distinctions (
  customer_id     INTEGER NOT NULL REFERENCES customers (id),
  other_id        INTEGER NOT NULL REFERENCES customers (id),
  via             TEXT NOT NULL CHECK (via IN ('register', 'edit', 'import', 'verify')),
  application_id  INTEGER REFERENCES applications (id),
  confirmed_by    TEXT NOT NULL,
  confirmed_on    TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (customer_id, other_id),
  CHECK (customer_id <> other_id)
) WITHOUT ROWID;
CREATE INDEX customer_distinctions_other ON customer_distinctions (other_id);
`;

function coreOf(row: Record<string, unknown>): string {
  return nameCore(String(row.name));
}

export const similarNamesBackfill: Backfill[] = [
  {
    select: 'SELECT id, name FROM customers',
    statements(row) {
      const core = coreOf(row);
      return [
        ['UPDATE customers SET name_core = ? WHERE id = ?', [core, row.id]],
        ...nameKeyRows(core, Number(row.id)).map((params): [string, unknown[]] => [INSERT_NAME_KEY, params]),
      ];
    },
  },
  {
    select: 'SELECT id, customer_id, name FROM customer_aliases',
    statements(row) {
      const core = coreOf(row);
      return [
        ['UPDATE customer_aliases SET name_core = ? WHERE id = ?', [core, row.id]],
        ...nameKeyRows(core, Number(row.customer_id)).map((params): [string, unknown[]] => [INSERT_NAME_KEY, params]),
      ];
    },
  },
];
