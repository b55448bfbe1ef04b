// `import customers|transactions|visits`: every row checked, all written in one transaction or none.
import type { ISODate } from '../core/dates.js';
import type { ImportKind } from '../io/headers.js';
import type { ImportOptions, ImportResult, LineProblem, UnmatchedName } from '../io/import.js';
import type { Store } from './store.js';
import { coreOf, similarHolders, similarIndex, similarOptions } from './similar.js';

export interface ImportRequest extends ImportOptions {
  kind: ImportKind;
  skipExisting: boolean;
  today: ISODate;
  /** Customers: names similar to a registered customer are registered too, the confirmation recorded. */
  allowSimilar?: boolean | undefined;
  /** Customers: rows matching a registered customer change it (src/db/import-update.ts). */
  update?: boolean | undefined;
}

/** docs/rules.md, rule 17: imported transactions whose name matches no customer but is similar to one. */
export interface SimilarUnmatched {
  rows: number;
  names: number;
  /** The names with the most rows first, each with the customer it is most likely a former name of. */
  examples: Array<{ name: string; rows: number; customer: { id: number; name: string; owner: string | null } }>;
}

export type ImportReport = ImportResult & { similarUnmatched?: SimilarUnmatched };

/** How many names are looked up in the index one by one; more are compared with every core in memory. */
const ONE_BY_ONE = 100;
const EXAMPLES = 10;

/** `describe` words each bad row for the error that lists them. */
export async function importFile(store: Store, request: ImportRequest, describe: (problem: LineProblem) => string): Promise<ImportReport> {
  const { importRows } = await import('../io/import.js');
  const sink = await store.importer({
    kind: request.kind,
    skipExisting: request.skipExisting,
    today: request.today,
    allowSimilar: request.allowSimilar,
    update: request.update,
  });
  const result = await importRows(request, sink, describe);
  if (!result.unmatched?.length) return result;
  const similar = await similarUnmatched(store, result.unmatched);
  return similar ? { ...result, similarUnmatched: similar } : result;
}

/**
 * The unmatched names similar to a customer, each compared once: a customer of the same core first, else the
 * lowest id, is the candidate.
 */
async function similarUnmatched(store: Store, unmatched: readonly UnmatchedName[]): Promise<SimilarUnmatched | undefined> {
  const options = await similarOptions(store);
  const index = unmatched.length > ONE_BY_ONE ? await similarIndex(store, options) : undefined;
  const found: Array<UnmatchedName & { candidate: number }> = [];
  for (const u of unmatched) {
    const core = await coreOf(u.name);
    const holders = index
      ? index.similar(core).flatMap((entry) => entry.holders.map((id) => ({ customer_id: id, core: entry.core })))
      : await similarHolders(store, core, options);
    if (holders.length === 0) continue;
    const best = holders.reduce((a, b) =>
      (b.core === core) !== (a.core === core) ? (b.core === core ? b : a) : b.customer_id < a.customer_id ? b : a,
    );
    found.push({ ...u, candidate: best.customer_id });
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => b.rows - a.rows || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const examples: SimilarUnmatched['examples'] = [];
  for (const f of found.slice(0, EXAMPLES)) {
    const c = (await store.customers.byId(f.candidate))!;
    examples.push({ name: f.name, rows: f.rows, customer: { id: c.id, name: c.name, owner: c.owner } });
  }
  return { rows: found.reduce((sum, f) => sum + f.rows, 0), names: found.length, examples };
}
