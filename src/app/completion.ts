// Shell completion of `<customer>` (README, "Shell completion"): ids and names from the database.
import type { Store } from './store.js';

export interface Candidate {
  /** What the shell puts on the command line: the id when digits were typed, else the name. */
  value: string;
  /** What a shell that shows descriptions (zsh, fish) shows beside it. */
  description: string;
}

/** Up to `limit` customers for the word being typed; a quote the shell left in front of it is ignored. */
export async function customerCandidates(store: Store, prefix: string, limit = 50): Promise<Candidate[]> {
  const text = prefix.replace(/^['"]/u, '');
  const digits = /^\d+$/u.test(text);
  return (await store.customers.completions(text, limit)).map((c) =>
    digits && String(c.id).startsWith(text)
      ? { value: String(c.id), description: c.name }
      : { value: c.name, description: `#${c.id}${c.owner ? ` ${c.owner}` : ''}` },
  );
}
