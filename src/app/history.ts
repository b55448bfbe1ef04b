// The audit trail: who changed what, when, before and after.
import { customerIdOf } from './resolve.js';
import type { HistoryEntry, Rows, Store } from './store.js';

export async function historyEntries(
  store: Store,
  filter: { customer?: string | undefined; entity?: string | undefined; limit?: number | undefined },
): Promise<Rows<HistoryEntry>> {
  const customerId = await customerIdOf(store, filter.customer);
  return store.history.list({
    ...(customerId !== undefined ? { customerId } : {}),
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.limit ? { limit: filter.limit } : {}),
  });
}
