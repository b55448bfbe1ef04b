// The stored columns of a customer, in table order, for both engines.
import type { CustomerFields } from '../app/store.js';

export const CUSTOMER_COLUMNS = [
  'id',
  'name',
  'name_key',
  'uscc',
  'grade',
  'owner',
  'source',
  'region',
  'industry',
  'contact',
  'phone',
  'email',
  'address',
  'monthly_volume',
  'note',
  'registered_on',
  'assigned_on',
  'closed_on',
  'created_at',
  'last_contact_on',
] as const;

/** A newly registered customer's row, for both engines: assigned on the day it was registered, not closed. */
export function newCustomerRow(fields: CustomerFields, key: string, createdAt: string): Record<string, unknown> {
  return {
    ...fields,
    last_contact_on: fields.last_contact_on ?? null,
    name_key: key,
    assigned_on: fields.registered_on,
    closed_on: null,
    created_at: createdAt,
  };
}
