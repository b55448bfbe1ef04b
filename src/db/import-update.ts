// `import customers --update` for both engines (README, "Importing data"): each row is matched with a
// registered customer by its `id` column, else its USCC, else the name key of its name or a former name
// (docs/rules.md, rule 1), and only the fields that differ are kept, to be written as `customer edit`
// writes them (one history entry per field). A row that matches nothing is registered as usual.
import { CUSTOMER_FIELD_NAMES, type ValidCustomerFields } from '../core/customer.js';
import type { CustomerChange, CustomerRow } from '../app/store.js';
import type { RawRow, RowProblem } from '../io/rows.js';

/** The registered customers as the import found them (an engine reads them its own way). */
export interface UpdateLookups {
  byId(id: number): CustomerRow | undefined;
  /** The customer whose name (`alias` false) or former name (`alias` true) has this key. */
  byKey(key: string): { row: CustomerRow; alias: boolean } | undefined;
  byUscc(uscc: string): CustomerRow | undefined;
}

export type UpdateMatch =
  | { kind: 'none' }
  | { kind: 'bad'; problems: RowProblem[] }
  | { kind: 'update'; row: CustomerRow; change: CustomerChange };

/** The given fields that differ from the stored ones; a name matched as a former name is not a rename. */
export function changedFields(stored: CustomerRow, given: ValidCustomerFields, keepName = false): CustomerChange {
  const change: Record<string, unknown> = {};
  for (const field of CUSTOMER_FIELD_NAMES) {
    const value = given[field];
    if (value === undefined || (field === 'name' && keepName)) continue;
    if ((stored[field] ?? null) !== value) change[field] = value;
  }
  return change as CustomerChange;
}

const exists = (c: CustomerRow): RowProblem[] => [
  { key: 'row.customer_exists', params: { id: c.id, name: c.name, owner: c.owner ?? '-' } },
];

/**
 * The customer a row updates and what changes, or its problem: an id that is not a customer, a customer
 * matched twice in the file, a new name or USCC that another customer holds.
 */
export class UpdateMatcher {
  /** Line of the first row that matched each customer. */
  private readonly matched = new Map<number, number>();

  constructor(private readonly lookups: UpdateLookups) {}

  match(raw: RawRow, fields: ValidCustomerFields & { name: string }, key: string, line: number): UpdateMatch {
    const idText = (raw.id ?? '').trim();
    let row: CustomerRow | undefined;
    let alias = false;
    if (idText !== '') {
      row = /^\d{1,15}$/u.test(idText) ? this.lookups.byId(Number(idText)) : undefined;
      if (!row) return { kind: 'bad', problems: [{ key: 'row.unknown_id', params: { id: idText } }] };
    } else {
      row = fields.uscc ? this.lookups.byUscc(fields.uscc) : undefined;
      if (!row) {
        const named = this.lookups.byKey(key);
        row = named?.row;
        alias = named?.alias === true;
      }
      if (!row) return { kind: 'none' };
    }
    const first = this.matched.get(row.id);
    if (first !== undefined) return { kind: 'bad', problems: [{ key: 'row.duplicate_in_file', params: { first } }] };
    this.matched.set(row.id, line);
    const change = changedFields(row, fields, alias);
    if (change.name !== undefined) {
      const holder = this.lookups.byKey(key)?.row;
      if (holder && holder.id !== row.id) return { kind: 'bad', problems: exists(holder) };
    }
    if (change.uscc) {
      const holder = this.lookups.byUscc(change.uscc);
      if (holder && holder.id !== row.id) return { kind: 'bad', problems: exists(holder) };
    }
    return { kind: 'update', row, change };
  }
}

/** A customer to change, as it was read and what changes. */
export interface PendingChange {
  id: number;
  before: CustomerRow;
  change: CustomerChange;
}

/** Whether a change renames or changes the USCC, which match transactions again (one customer at a time). */
export const relinks = (c: PendingChange): boolean => c.change.name !== undefined || c.change.uscc !== undefined;

/**
 * The order both engines write the changes in, so that their history is the same: the changes that touch
 * only the customer's own fields first (PostgreSQL writes them set-based), then renames and new USCCs, each
 * group in file order.
 */
export function inWriteOrder(changes: readonly PendingChange[]): PendingChange[] {
  return [...changes.filter((c) => !relinks(c)), ...changes.filter(relinks)];
}
