// docs/rules.md, rule 17: finding, among many cores, those similar to one — without comparing it to every one.
// A core similar to a query shares at least minSharedKeys of the query's keys (bigrams) and has a key count
// within keyCountRange (src/core/similar.ts), so it holds one of the query's probe keys: only the cores that
// hold a probe key are compared. The database does that with its index (src/app/similar.ts); this module
// holds the comparison and an index in memory for bulk work (an import compares every row).
import type { ISODate } from './dates.js';
import { candidateKeys, checkedThreshold, digitsOf, keyCountRange, probeKeys, type SimilarOptions } from './similar.js';

/** A core with what comparing it needs, computed once. */
export interface PreparedCore {
  core: string;
  /** candidateKeys(core): its bigrams (or its one character). */
  keys: ReadonlySet<string>;
  /** digitsOf(core), read when a score first reaches the threshold. */
  digits?: string;
}

export function prepareCore(core: string): PreparedCore {
  return { core, keys: new Set(candidateKeys(core)) };
}

const digits = (p: PreparedCore): string => (p.digits ??= digitsOf(p.core));

/**
 * compareCores(a.core, b.core, options).similar for prepared cores: equal cores, or a Dice coefficient of their
 * keys at least the threshold and the same digits. Many comparisons with one query stay cheap.
 */
export function similarCores(a: PreparedCore, b: PreparedCore, options: SimilarOptions = {}): boolean {
  if (a.core === b.core) return true;
  const [small, large] = a.keys.size <= b.keys.size ? [a.keys, b.keys] : [b.keys, a.keys];
  if (small.size === 0) return false;
  let shared = 0;
  for (const key of small) if (large.has(key)) shared++;
  return (2 * shared) / (a.keys.size + b.keys.size) >= checkedThreshold(options) && digits(a) === digits(b);
}

interface Entry<H> extends PreparedCore {
  holders: H[];
  /** The entries similar to this one (itself first), once asked for; kept up to date as cores are added. */
  similar?: Entry<H>[];
}

/**
 * Cores and their holders (customers), searchable in memory by their keys: for an import, where a query per
 * row would cost too much. A core is compared with the others once, when first asked about; what is added
 * later joins the lists already made.
 */
export class SimilarCoreIndex<H> {
  private readonly entries = new Map<string, Entry<H>>();
  private readonly postings = new Map<string, Entry<H>[]>();
  private asked = 0;
  private lastSearch: { core: string; found: Entry<H>[] } | undefined;

  constructor(private readonly options: SimilarOptions = {}) {
    checkedThreshold(options);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Records that `holder` holds `core` (a name or a former name). */
  add(core: string, holder: H): void {
    const known = this.entries.get(core);
    if (known) {
      known.holders.push(holder);
      return;
    }
    const entry: Entry<H> = { ...prepareCore(core), holders: [holder] };
    if (this.asked > 0) {
      // Lists already made must learn of the new core; its own list comes with it.
      const found = this.lastSearch?.core === core ? this.lastSearch.found : this.search(entry);
      for (const other of found) other.similar?.push(entry);
      entry.similar = [entry, ...found];
      this.asked++;
    }
    this.lastSearch = undefined;
    this.entries.set(core, entry);
    for (const key of entry.keys) {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      list.push(entry);
    }
  }

  /** The cores similar to `core` (itself first when it is held), each with its holders. */
  similar(core: string): ReadonlyArray<{ readonly core: string; readonly holders: readonly H[] }> {
    const known = this.entries.get(core);
    if (known) {
      if (!known.similar) {
        known.similar = [known, ...this.search(known)];
        this.asked++;
      }
      return known.similar;
    }
    const found = this.search(prepareCore(core));
    this.lastSearch = { core, found };
    return found;
  }

  /** The held cores similar to `query`, other than itself. */
  private search(query: PreparedCore): Entry<H>[] {
    const keys = [...query.keys];
    const [min, max] = keyCountRange(keys.length, this.options);
    const probes = probeKeys(keys, (key) => this.postings.get(key)?.length ?? 0, this.options);
    const seen = new Set<Entry<H>>();
    const found: Entry<H>[] = [];
    for (const key of probes) {
      for (const entry of this.postings.get(key) ?? []) {
        if (seen.has(entry) || entry.core === query.core) continue;
        seen.add(entry);
        if (entry.keys.size >= min && entry.keys.size <= max && similarCores(query, entry, this.options)) found.push(entry);
      }
    }
    return found;
  }
}

/** What is known of a customer similar to the one in question. */
export interface SimilarFacts {
  /** Its latest sale or return before the date in question. */
  lastBusiness: ISODate | null;
  /** A person confirmed they are different companies. */
  confirmedDistinct: boolean;
}

/**
 * docs/rules.md, rule 17: a name new by its own business, whose similar customer (not confirmed a different
 * company) had business inside the window [windowStart, the date in question), must not pass as new: a
 * person decides (`check` exit 6; `application verify` stops). Those customers, the latest business first.
 */
export function similarBusiness<T extends SimilarFacts>(
  similar: readonly T[],
  eligibility: { newCustomer: boolean; windowStart: ISODate },
): T[] {
  if (!eligibility.newCustomer) return [];
  return similar
    .filter((s) => !s.confirmedDistinct && s.lastBusiness !== null && s.lastBusiness >= eligibility.windowStart)
    .sort((a, b) => (a.lastBusiness! < b.lastBusiness! ? 1 : a.lastBusiness! > b.lastBusiness! ? -1 : 0));
}
