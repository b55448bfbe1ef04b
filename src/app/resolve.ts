// `<customer>` on a command line: a numeric id, a USCC, or a name matched by name key (former names too).
import { NotFoundError, UsageError } from '../errors.js';
import { nameKey } from '../core/names.js';
import { parseUscc } from '../core/uscc.js';
import type { CustomerRow, Store } from './store.js';

/** `<customer>`: a numeric id, a USCC, or a name matched by name key (former names too); null when none; several → exit 2. */
export async function findCustomer(store: Store, text: string): Promise<CustomerRow | null> {
  const query = text.trim();
  if (query === '') throw new UsageError('err.empty_customer');
  const found = new Map<number, CustomerRow>();
  const add = (row: CustomerRow | undefined): void => {
    if (row) found.set(row.id, row);
  };
  if (/^\d+$/u.test(query) && Number.isSafeInteger(Number(query))) add(await store.customers.byId(Number(query)));
  const uscc = parseUscc(query);
  if (uscc) add(await store.customers.byUscc(uscc));
  if (found.size === 0) add(await store.customers.byNameKey(nameKey(query)));
  if (found.size > 1) {
    throw new UsageError(
      'customer.ambiguous',
      { query },
      [...found.values()].map((c) => `#${c.id}  ${c.name}`),
    );
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/** The customer `text` names; none → exit 3 with the closest names. */
export async function resolveCustomer(store: Store, text: string): Promise<CustomerRow> {
  const query = text.trim();
  const found = await findCustomer(store, query);
  if (found) return found;
  const similar = await store.customers.containing(query);
  throw new NotFoundError(
    similar.length ? 'customer.not_found_similar' : 'customer.not_found',
    { query },
    similar.map((c) => `#${c.id}  ${c.name}${c.owner ? `  (${c.owner})` : ''}`),
  );
}

/** The id of the customer `text` names, when a filter names one. */
export async function customerIdOf(store: Store, text: string | undefined): Promise<number | undefined> {
  return text === undefined ? undefined : (await resolveCustomer(store, text)).id;
}
