// `import customers` and similar names (docs/rules.md, rule 17): each row's name is compared with the
// registered customers and with the rows before it, in memory (a query per row would cost more than the rest
// of the import). A similar row is a bad row, unless --allow-similar, which records the confirmation.
import type { SqliteCustomers } from './customers.js';
import type { SqliteSimilarNames } from './similar.js';
import type { RowProblem } from '../../io/rows.js';
import type { ISODate } from '../../core/dates.js';
import { nameCore } from '../../core/name-core.js';
import { SimilarCoreIndex } from '../../core/similar-search.js';

/** A customer registered before (a line of null), or a row of this file (its id null when only checked). */
interface Holder {
  id: number | null;
  line: number | null;
}

/** How many similar customers a bad row names. */
const NAMED = 3;

export class ImportedNames {
  private index: SimilarCoreIndex<Holder> | undefined;
  private confirmed = 0;
  /** Cores of written rows that no customer held before: indexed when the rows are all in. */
  private readonly newCores: string[] = [];

  constructor(
    private readonly customers: SqliteCustomers,
    private readonly names: SqliteSimilarNames,
    private readonly options: { allowSimilar: boolean; threshold: number },
  ) {}

  /** The registered customers' cores, read when the first row comes. */
  private loaded(): SimilarCoreIndex<Holder> {
    if (!this.index) {
      this.index = new SimilarCoreIndex<Holder>({ threshold: this.options.threshold });
      for (const { customer_id, core } of this.names.allCores()) this.index.add(core, { id: customer_id, line: null });
    }
    return this.index;
  }

  /**
   * A row's core, the customers it is similar to (to confirm once it is written), and its problem when
   * similar names are not allowed.
   */
  check(name: string): { core: string; similarIds: number[]; problems: RowProblem[] } {
    const core = nameCore(name);
    const ids = new Set<number>();
    let firstLine = Number.POSITIVE_INFINITY;
    const registered: number[] = [];
    for (const entry of this.loaded().similar(core)) {
      for (const h of entry.holders) {
        if (h.id !== null) ids.add(h.id);
        if (h.line === null) registered.push(h.id!);
        else firstLine = Math.min(firstLine, h.line);
      }
    }
    const similarIds = [...ids];
    if (this.options.allowSimilar || (similarIds.length === 0 && firstLine === Number.POSITIVE_INFINITY)) {
      return { core, similarIds, problems: [] };
    }
    if (registered.length === 0) return { core, similarIds, problems: [{ key: 'row.similar_in_file', params: { first: firstLine } }] };
    const similar = registered
      .slice(0, NAMED)
      .map((id) => this.customers.row(id)!)
      .map((c) => `#${c.id} ${c.name} (${c.owner ?? '-'})`)
      .join(', ');
    return { core, similarIds, problems: [{ key: 'row.similar_customer', params: { similar } }] };
  }

  /**
   * A row written as customer `id` (or only checked: null), so that the rows after it are compared with it too:
   * its core to index unless a customer holds it already, and with --allow-similar the confirmation that it is a
   * different company from each similar one (the import's history entry counts them and names who imported).
   */
  added(core: string, line: number, id: number | null, similarIds: readonly number[], today: ISODate, createdAt: string): void {
    const index = this.loaded();
    if (id !== null && !index.holders(core)?.some((h) => h.id !== null)) this.newCores.push(core);
    index.add(core, { id, line });
    if (id === null || similarIds.length === 0) return;
    this.names.confirm({ customerId: id, otherIds: similarIds, via: 'import', on: today }, createdAt, false);
    this.confirmed++;
  }

  /** After the last row: the cores no customer held before, indexed at once. */
  finish(): void {
    const index = this.loaded();
    this.names.indexNew(this.newCores.splice(0).map((core) => ({ core, keys: index.keys(core) })));
  }

  /** For the import's history entry: how many rows were registered although similar. */
  counts(): { similar?: number } {
    return this.confirmed > 0 ? { similar: this.confirmed } : {};
  }
}
