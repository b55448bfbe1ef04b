// The similar-name index of docs/rules.md, rule 17, for both engines (table core_bigrams, migration 4): one row
// per key (bigram) of every core that a customer's name or former name has, with the core's key count. A search
// reads the index alone: the cores that hold a probe key with a key count in range (src/app/similar.ts); the
// customers that hold a similar core are then found by the indexed name_core columns. Cores are never taken
// away: a renamed customer keeps its old name as a former name, and a name key that comes back keeps its core.
import { candidateKeys } from '../core/similar.js';

export const INSERT_CORE_KEY = 'INSERT INTO core_bigrams (bigram, key_count, core) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';

/** The index rows of a core: [bigram, key_count, core] for each of its keys (candidateKeys, when known already). */
export function coreKeyRows(core: string, keys: Iterable<string> = candidateKeys(core)): Array<[string, number, string]> {
  const all = [...keys];
  return all.map((key) => [key, all.length, core]);
}

/** One row of a core, by which its presence is looked up: its first key and key count. */
export function coreKey(core: string): [bigram: string, keyCount: number, core: string] {
  const keys = candidateKeys(core);
  return [keys[0] ?? '', keys.length, core];
}
