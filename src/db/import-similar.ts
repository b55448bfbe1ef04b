// `import customers` and similar names (docs/rules.md, rule 17), for both engines: each row's name is compared
// with the registered customers and with the rows before it, in memory (a query per row would cost more than
// the rest of the import). A similar row is a bad row, unless --allow-similar, which records the confirmation.
import type { RowProblem } from '../io/rows.js';
import { coreOfNameKey } from '../core/name-core.js';
import { nameKey } from '../core/names.js';
import { SimilarCoreIndex } from '../core/similar-search.js';

/** A customer registered before (line null), or a row of this file (id null until the engine knows it). */
export interface ImportHolder {
  id: number | null;
  line: number | null;
}

/** A row written although similar: the customers and earlier rows it was confirmed to differ from. */
export interface PendingConfirmation {
  line: number;
  id: number | null;
  /** As check() found them: each row's own array, kept without a copy. */
  others: readonly ImportHolder[];
}

/** How many similar customers a bad row names. */
const NAMED = 3;

type Described = { id: number; name: string; owner: string | null };

export class ImportedNames {
  private index: SimilarCoreIndex<ImportHolder> | undefined;
  private readonly pending: PendingConfirmation[] = [];
  /** Cores of written rows that no customer held before: indexed when the rows are all in. */
  private readonly newCores: string[] = [];
  private readonly queued = new Set<string>();

  constructor(
    /** The registered customers' cores, read when the first row comes. */
    private readonly registered: () => Iterable<{ customer_id: number; core: string }>,
    /** A registered customer, to name it in a bad row's message. */
    private readonly customer: (id: number) => Described | Promise<Described>,
    private readonly options: { allowSimilar: boolean; threshold: number },
  ) {}

  private loaded(): SimilarCoreIndex<ImportHolder> {
    if (!this.index) {
      this.index = new SimilarCoreIndex<ImportHolder>({ threshold: this.options.threshold });
      for (const { customer_id, core } of this.registered()) this.index.add(core, { id: customer_id, line: null });
    }
    return this.index;
  }

  /**
   * A row's core, what it is similar to, and its problem when similar names are not allowed; `self`: the
   * customer a renaming row updates (--update), not compared with itself; `key`: the name's key, when known.
   */
  check(
    name: string,
    self?: number,
    key = nameKey(name),
  ): { core: string; others: ImportHolder[]; problems: RowProblem[] | Promise<RowProblem[]> } {
    const core = coreOfNameKey(key);
    const others: ImportHolder[] = [];
    let firstLine = Number.POSITIVE_INFINITY;
    const registered: number[] = [];
    for (const entry of this.loaded().similar(core)) {
      for (const h of entry.holders) {
        if (self !== undefined && h.id === self && h.line === null) continue;
        others.push(h);
        if (h.line === null) registered.push(h.id!);
        else firstLine = Math.min(firstLine, h.line);
      }
    }
    if (this.options.allowSimilar || others.length === 0) return { core, others, problems: [] };
    if (registered.length === 0) return { core, others, problems: [{ key: 'row.similar_in_file', params: { first: firstLine } }] };
    const named = registered.slice(0, NAMED).map((id) => this.customer(id));
    const problem = (customers: Described[]): RowProblem[] => [
      { key: 'row.similar_customer', params: { similar: customers.map((c) => `#${c.id} ${c.name} (${c.owner ?? '-'})`).join(', ') } },
    ];
    return {
      core,
      others,
      problems: named.some((c) => c instanceof Promise) ? Promise.all(named).then(problem) : problem(named as Described[]),
    };
  }

  /**
   * A row written (or only checked: `written` false), so that the rows after it are compared with it too: its
   * core to index unless a customer holds it already, and with --allow-similar the confirmation that it is a
   * different company from each similar one. `id` is null when the engine learns it only later.
   */
  added(core: string, line: number, id: number | null, others: readonly ImportHolder[], written: boolean): void {
    const index = this.loaded();
    if (written && !this.queued.has(core) && !index.holders(core)?.some((h) => h.line === null)) {
      this.queued.add(core);
      this.newCores.push(core);
    }
    index.add(core, { id, line });
    if (written && others.length > 0) this.pending.push({ line, id, others });
  }

  /**
   * A registered customer renamed by a row (--update): compared with the rows after it, and its confirmations
   * kept with --allow-similar. Its core is indexed by the rename itself (as `customer edit --name` does).
   */
  renamed(core: string, line: number, id: number, others: readonly ImportHolder[]): void {
    this.loaded().add(core, { id, line });
    if (others.length > 0) this.pending.push({ line, id, others });
  }

  /** After the last row: the cores no customer held before, with the keys computed already. */
  coresToIndex(): Array<{ core: string; keys: Iterable<string> | undefined }> {
    const index = this.loaded();
    return this.newCores.splice(0).map((core) => ({ core, keys: index.keys(core) }));
  }

  /** The confirmations of the rows written although similar, each as a customer and the ids it differs from. */
  confirmations(idOfLine: (line: number) => number | undefined = () => undefined): Array<{ customerId: number; otherIds: number[] }> {
    const id = (h: { id: number | null; line: number | null }): number | undefined =>
      h.id ?? (h.line === null ? undefined : idOfLine(h.line));
    return this.pending.flatMap((p) => {
      const customerId = id(p);
      const otherIds = [...new Set(p.others.map(id).filter((o): o is number => o !== undefined && o !== customerId))];
      return customerId === undefined || otherIds.length === 0 ? [] : [{ customerId, otherIds }];
    });
  }
}
