// The similar-name index of docs/rules.md, rule 17, for both engines: one row per key (bigram) of the core of
// every name and former name of every customer, table name_bigrams (migration 4). A row carries its core's
// key count and the core itself, so a search reads the index alone: the cores that hold a probe key with a
// key count in range (src/app/similar.ts), then the customers that hold a similar core, found by the first key
// of that core. Names are never taken away from the index: a renamed customer keeps its old name as a former
// name, and a former name that becomes the name again keeps its core.
import { candidateKeys } from '../core/similar.js';

export const INSERT_NAME_KEY = 'INSERT INTO name_bigrams (bigram, key_count, core, customer_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING';

/** The index rows of one name of a customer: [bigram, key_count, core, customer_id] for each key of its core. */
export function nameKeyRows(core: string, customerId: number): Array<[string, number, string, number]> {
  const keys = candidateKeys(core);
  return keys.map((key) => [key, keys.length, core, customerId]);
}

/** The key through which the holders of a core are found: its first, with its key count. */
export function holderKey(core: string): [bigram: string, keyCount: number] {
  const keys = candidateKeys(core);
  return [keys[0] ?? '', keys.length];
}
