// The part of the Store interface (src/app/store.ts) that finds similar names (docs/rules.md, rule 17), in a
// file of its own so that store.ts stays within its length: Store extends SimilarNameStore.
import type { ISODate } from '../core/dates.js';

export type DistinctionVia = 'register' | 'edit' | 'import' | 'verify';

/** A confirmation that a customer is a different company from each of the others; it holds in both directions. */
export interface Distinction {
  id: number;
  /** The customer whose registration, change, import or application gave it. */
  customer_id: number;
  other_ids: number[];
  via: DistinctionVia;
  application_id: number | null;
  confirmed_by: string;
  confirmed_on: ISODate;
}

export interface NewDistinction {
  customerId: number;
  otherIds: readonly number[];
  via: DistinctionVia;
  on: ISODate;
  /** Who confirmed it (default: the user of the command). */
  by?: string | undefined;
  applicationId?: number | undefined;
}

/**
 * The similar-name index: the cores (src/core/name-core.ts) of every name and former name, found by their keys
 * (bigrams) and key counts, so that a search reads a few index entries instead of every customer. Kept up to
 * date by the customer writes, in their transaction.
 */
export interface SimilarNameRepository {
  /** How many indexed cores hold each key with a key count in [min, max]; a count stops at `cap`. */
  keyHolders(keys: readonly string[], keyCounts: readonly [number, number], cap: number): Promise<Map<string, number>>;
  /** The indexed cores that hold one of `keys`, with a key count in [min, max]. */
  coresWithKeys(keys: readonly string[], keyCounts: readonly [number, number]): Promise<string[]>;
  /** The customers whose name or a former name has one of these cores. */
  holdersOf(cores: readonly string[]): Promise<Array<{ customer_id: number; core: string }>>;
  /** The cores of a customer's name and former names. */
  coresOf(customerId: number): Promise<string[]>;
  /** Every customer's cores, names and former names: for comparing many names in memory. */
  allCores(): Iterable<{ customer_id: number; core: string }> | AsyncIterable<{ customer_id: number; core: string }>;
  /** The confirmations these customers gave (registration, changes, import, applications), or one application gave. */
  distinctions(filter: { customerIds?: readonly number[]; applicationId?: number }): Promise<Distinction[]>;
  /** Records that the customer is a different company from each of `otherIds`, and one history entry saying who said so. */
  confirmDistinct(confirmation: NewDistinction): Promise<void>;
}

export interface SimilarNameStore {
  readonly similarNames: SimilarNameRepository;
}

export interface SimilarImportSettings {
  /** Customers: register names similar to a registered customer, recording the confirmation (rule 17). */
  allowSimilar?: boolean | undefined;
}
