// docs/rules.md, rule 17: the registered customers whose names are similar to a name, found through the
// store's index (src/app/store-similar.ts), and what is known of them on a date.
import type { ISODate } from '../core/dates.js';
import { candidateKeys, keyCountRange, probeKeys, type SimilarOptions } from '../core/similar.js';
import { confirmedPairs, prepareCore, SimilarCoreIndex, similarCores } from '../core/similar-search.js';
import type { CustomerWithFacts, Store } from './store.js';
import type { Distinction, DistinctionVia } from './store-similar.js';

/** Counting the cores that hold a key stops here: a key held this often is probed last anyway. */
const HOLDERS_CAP = 256;

export interface SimilarCustomer {
  customerId: number;
  name: string;
  owner: string | null;
  /** Latest sale or return before the date in question. */
  lastBusiness: ISODate | null;
  /** A person confirmed that they are different companies (only for a registered customer in question). */
  confirmedDistinct: boolean;
}

export async function similarOptions(store: Store): Promise<SimilarOptions> {
  return { threshold: (await store.settings.all())['similar.threshold'] };
}

/** A name's core; the division data is read on the first call. */
export async function coreOf(name: string): Promise<string> {
  const { nameCore } = await import('../core/name-core.js');
  return nameCore(name);
}

/**
 * The customers that hold a core similar to `core` (a name or a former name), through the index: the cores
 * that hold one of the probe keys with a key count in range, compared here, then their holders.
 */
export async function similarHolders(
  store: Store,
  core: string,
  options: SimilarOptions,
): Promise<Array<{ customer_id: number; core: string }>> {
  const keys = candidateKeys(core);
  if (keys.length === 0) return [];
  const range = keyCountRange(keys.length, options);
  const held = await store.similarNames.keyHolders(keys, range, HOLDERS_CAP);
  const probes = probeKeys(keys, (key) => held.get(key) ?? 0, options).filter((key) => (held.get(key) ?? 0) > 0);
  if (probes.length === 0) return [];
  const query = prepareCore(core);
  const cores = (await store.similarNames.coresWithKeys(probes, range)).filter((c) => similarCores(query, prepareCore(c), options));
  return cores.length === 0 ? [] : store.similarNames.holdersOf(cores);
}

/** The customers similar to any of `cores`, other than `except`, by id. */
export async function similarToCores(store: Store, cores: readonly string[], except?: number): Promise<number[]> {
  const options = await similarOptions(store);
  const ids = new Set<number>();
  for (const core of new Set(cores)) for (const holder of await similarHolders(store, core, options)) ids.add(holder.customer_id);
  ids.delete(except ?? Number.NaN);
  return [...ids].sort((a, b) => a - b);
}

/** Customers by id with their last business before `on`, in id order. */
export async function customersById(store: Store, ids: readonly number[], on: ISODate): Promise<CustomerWithFacts[]> {
  if (ids.length === 0) return [];
  const rows: CustomerWithFacts[] = [];
  for await (const row of store.customers.list({ ids: [...ids] }, on)) rows.push(row);
  return rows;
}

/**
 * The customers similar to a registered customer (its name and former names) or to a name, with their last
 * business before `on`; for a registered customer, whether each was confirmed a different company.
 */
export async function similarCustomers(
  store: Store,
  subject: { customerId: number } | { name: string },
  on: ISODate,
): Promise<SimilarCustomer[]> {
  const registered = 'customerId' in subject ? subject.customerId : undefined;
  const cores =
    registered !== undefined ? await store.similarNames.coresOf(registered) : [await coreOf((subject as { name: string }).name)];
  const ids = await similarToCores(store, cores, registered);
  if (ids.length === 0) return [];
  const confirmed = registered === undefined ? new Set<number>() : await confirmedDistinct(store, registered, ids);
  return (await customersById(store, ids, on)).map((c) => ({
    customerId: c.id,
    name: c.name,
    owner: c.owner,
    lastBusiness: c.last_business,
    confirmedDistinct: confirmed.has(c.id),
  }));
}

/** Of `others`, the customers confirmed to be different companies from this one, whichever side gave the confirmation. */
export async function confirmedDistinct(store: Store, customerId: number, others: readonly number[]): Promise<Set<number>> {
  if (others.length === 0) return new Set();
  const rows = await store.similarNames.distinctions({ customerIds: [customerId, ...others] });
  const wanted = new Set(others);
  return new Set(confirmedPairs(rows, customerId).flatMap((p) => (wanted.has(p.other) ? [p.other] : [])));
}

/** A confirmation seen from one customer: the company it is not, who said so and when. */
export interface DistinctFrom {
  customerId: number;
  name: string;
  via: DistinctionVia;
  applicationId: number | null;
  confirmedBy: string;
  confirmedOn: ISODate;
}

/** The confirmations that concern `customerId`, given by it or by one of `others` (its similar customers). */
export async function distinctFrom(store: Store, customerId: number, given: readonly Distinction[]): Promise<DistinctFrom[]> {
  const pairs = confirmedPairs(given, customerId);
  const names = new Map<number, string>();
  for (const id of new Set(pairs.map((p) => p.other))) names.set(id, (await store.customers.byId(id))?.name ?? `#${id}`);
  return pairs.map(({ other, confirmation: c }) => ({
    customerId: other,
    name: names.get(other)!,
    via: c.via,
    applicationId: c.application_id,
    confirmedBy: c.confirmed_by,
    confirmedOn: c.confirmed_on,
  }));
}

/** For many names at once (an import's unmatched names): the registered customers' cores, compared in memory. */
export async function similarIndex(store: Store, options: SimilarOptions): Promise<SimilarCoreIndex<number>> {
  const index = new SimilarCoreIndex<number>(options);
  for await (const { customer_id, core } of store.similarNames.allCores()) index.add(core, customer_id);
  return index;
}
