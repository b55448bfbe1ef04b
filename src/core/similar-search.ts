// docs/rules.md, rule 17: finding, among many cores, those similar to one — without comparing it to every one.
// A core similar to a query shares at least minSharedKeys of the query's keys (bigrams) and has a key count
// within keyCountRange (src/core/similar.ts), so it holds one of the query's probe keys: only the cores that
// hold a probe key are compared. The database does that with its index (src/app/similar.ts); this module
// holds the comparison and an index in memory for bulk work (an import compares every row).
import type { ISODate } from './dates.js';
import { candidateKeys, checkedThreshold, digitsOf, keyCountRange, minSharedKeys, nameBigrams, type SimilarOptions } from './similar.js';

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

interface Entry<H> {
  core: string;
  /** Its keys (candidateKeys) as the index's numbers for them, ascending. */
  ids: Int32Array;
  digits: string;
  holders: H[];
  /** The entries similar to this one (itself first), once asked for; kept up to date as cores are added. */
  similar: Entry<H>[] | undefined;
  /** The last search that met it. */
  seen: number;
}

/** A core to search for: its keys as the index's numbers. */
interface Query {
  core: string;
  ids: Int32Array;
  digits: string;
}

/** The cores of one digits string; a few are compared one by one, more are found through their keys. */
interface Partition<H> {
  entries: Entry<H>[];
  postings: Map<number, Entry<H>[]> | undefined;
}

/** Up to this many cores of the same digits are compared one by one rather than through their keys. */
const FEW = 16;

/**
 * Cores and their holders (customers), searchable in memory by their keys: for an import, where a query per
 * row would cost too much. A core is compared with the others once, when first asked about; what is added
 * later joins the lists already made. Similar cores always hold the same digits (equal cores trivially), so
 * cores are kept apart by their digits: a numbered name (…12号) is compared only with names of its numbers.
 * Keys are numbered as they are first met, so that a comparison counts marks in an array instead of looking
 * strings up; the cores found, and their order, are those of probeKeys and similarCores.
 */
export class SimilarCoreIndex<H> {
  private readonly entries = new Map<string, Entry<H>>();
  private readonly partitions = new Map<string, Partition<H>>();
  private readonly threshold: number;
  /** Each key's number, and each number's key. */
  private readonly keyIds = new Map<string, number>();
  private readonly keyNames: string[] = [];
  /** mark[id] === the current search: the query holds that key. */
  private mark = new Int32Array(1024);
  private asked = 0;
  private searches = 0;
  /** The last search of a core no one held yet: `add` usually follows with the same core. */
  private lastSearch: { query: Query; found: Entry<H>[] } | undefined;

  constructor(private readonly options: SimilarOptions = {}) {
    this.threshold = checkedThreshold(options);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The holders of a core, or undefined when no one holds it. */
  holders(core: string): readonly H[] | undefined {
    return this.entries.get(core)?.holders;
  }

  /** The keys (candidateKeys, in no particular order) of a held core, or undefined. */
  keys(core: string): readonly string[] | undefined {
    const entry = this.entries.get(core);
    return entry && Array.from(entry.ids, (id) => this.keyNames[id]!);
  }

  /** Records that `holder` holds `core` (a name or a former name). */
  add(core: string, holder: H): void {
    const known = this.entries.get(core);
    if (known) {
      known.holders.push(holder);
      return;
    }
    const last = this.lastSearch?.query.core === core ? this.lastSearch : undefined;
    const query = last?.query ?? this.query(core);
    const entry: Entry<H> = { core, ids: query.ids, digits: query.digits, holders: [holder], similar: undefined, seen: 0 };
    if (this.asked > 0) {
      // Lists already made must learn of the new core; its own list comes with it.
      const found = last?.found ?? this.search(entry);
      for (const other of found) other.similar?.push(entry);
      entry.similar = [entry, ...found];
    }
    this.lastSearch = undefined;
    this.entries.set(core, entry);
    let partition = this.partitions.get(entry.digits);
    if (!partition) this.partitions.set(entry.digits, (partition = { entries: [], postings: undefined }));
    partition.entries.push(entry);
    if (partition.postings) post(partition.postings, entry);
    else if (partition.entries.length > FEW) {
      partition.postings = new Map();
      for (const e of partition.entries) post(partition.postings, e);
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
    const query = this.query(core);
    const found = this.search(query);
    this.lastSearch = { query, found };
    return found;
  }

  /** A core's keys as numbers (new keys get the next ones), ascending, and its digits. */
  private query(core: string): Query {
    const keys = nameBigrams(core);
    const ids = new Int32Array(keys.size);
    let i = 0;
    for (const key of keys) {
      let id = this.keyIds.get(key);
      if (id === undefined) {
        id = this.keyNames.push(key) - 1;
        this.keyIds.set(key, id);
      }
      ids[i++] = id;
    }
    if (this.mark.length < this.keyNames.length) {
      const grown = new Int32Array(Math.max(this.keyNames.length, 2 * this.mark.length));
      grown.set(this.mark);
      this.mark = grown;
    }
    return { core, ids: ids.sort(), digits: digitsOf(core) };
  }

  /**
   * The held cores similar to `query`, other than itself: those of its digits met through the probe keys
   * (probeKeys: the rarest first, ties by key), in the order met, whose Dice coefficient reaches the threshold.
   */
  private search(query: Query): Entry<H>[] {
    const partition = this.partitions.get(query.digits);
    if (!partition) return [];
    const { ids } = query;
    const count = ids.length;
    const [min, max] = keyCountRange(count, this.options);
    const { postings } = partition;
    const lists = postings ? this.probeLists(postings, ids) : [partition.entries];
    const found: Entry<H>[] = [];
    const stamp = ++this.searches;
    const mark = this.mark;
    for (const id of ids) mark[id] = stamp;
    for (const list of lists) {
      for (const entry of list) {
        if (entry.seen === stamp || entry === query) continue;
        entry.seen = stamp;
        const other = entry.ids;
        if (other.length < min || other.length > max) continue;
        // similarCores: the digits are the partition's, the same on both sides.
        let shared = 0;
        for (let i = 0; i < other.length; i++) if (mark[other[i]!] === stamp) shared++;
        if (entry.core === query.core || (2 * shared) / (count + other.length) >= this.threshold) found.push(entry);
      }
    }
    return found;
  }

  /** The posting lists of probeKeys(keys, holders): the rarest keys first, ties by key. */
  private probeLists(postings: Map<number, Entry<H>[]>, ids: Int32Array): Entry<H>[][] {
    const needed = ids.length - minSharedKeys(ids.length, this.options) + 1;
    const names = this.keyNames;
    const held = (id: number): number => postings.get(id)?.length ?? 0;
    const order = Array.from(ids).sort((a, b) => held(a) - held(b) || (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
    const lists: Entry<H>[][] = [];
    for (let i = 0; i < needed && i < order.length; i++) lists.push(postings.get(order[i]!) ?? []);
    return lists;
  }
}

function post<H>(postings: Map<number, Entry<H>[]>, entry: Entry<H>): void {
  for (const id of entry.ids) {
    const list = postings.get(id);
    if (list) list.push(entry);
    else postings.set(id, [entry]);
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

/** A confirmation that a customer is a different company from each of the others. */
export interface Confirmation {
  customer_id: number;
  other_ids: readonly number[];
}

/**
 * The confirmations that concern `customerId`, each with the customer on the other side: a confirmation
 * holds in both directions, whichever of the two gave it. In the order given.
 */
export function confirmedPairs<C extends Confirmation>(
  confirmations: readonly C[],
  customerId: number,
): Array<{ other: number; confirmation: C }> {
  const pairs: Array<{ other: number; confirmation: C }> = [];
  for (const c of confirmations) {
    if (c.customer_id === customerId) for (const other of c.other_ids) pairs.push({ other, confirmation: c });
    else if (c.other_ids.includes(customerId)) pairs.push({ other: c.customer_id, confirmation: c });
  }
  return pairs;
}
