// `<customer>` on the command line: a numeric id, a USCC, or a name matched by name key (aliases too).
import { NotFoundError, UsageError } from '../errors.js';
import { nameKey } from '../core/names.js';
import { parseUscc } from '../core/uscc.js';
import type { CustomerRepo, CustomerRow } from '../db/sqlite/customers.js';

/** The customer `text` names, or null when none does; several → exit 2 listing them. */
export function findCustomer(customers: CustomerRepo, text: string): CustomerRow | null {
  const query = text.trim();
  if (query === '') throw new UsageError('err.empty_customer');
  const found = new Map<number, CustomerRow>();
  const add = (row: CustomerRow | undefined): void => {
    if (row) found.set(row.id, row);
  };
  if (/^\d+$/u.test(query) && Number.isSafeInteger(Number(query))) add(customers.byId(Number(query)));
  const uscc = parseUscc(query);
  if (uscc) add(customers.byUscc(uscc));
  if (found.size === 0) add(customers.byNameKey(nameKey(query)));
  if (found.size > 1) {
    throw new UsageError('customer.ambiguous', { query }, [...found.values()].map((c) => `#${c.id}  ${c.name}`));
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/** The customer `text` names; none → exit 3 with the closest names. */
export function resolveCustomer(customers: CustomerRepo, text: string): CustomerRow {
  const query = text.trim();
  const found = findCustomer(customers, query);
  if (found) return found;
  const similar = customers.similar(query);
  throw new NotFoundError(
    similar.length ? 'customer.not_found_similar' : 'customer.not_found',
    { query },
    similar.map((c) => `#${c.id}  ${c.name}${c.owner ? `  (${c.owner})` : ''}`),
  );
}
