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
export function newCustomerRow(
  fields: CustomerFields,
  key: string,
  createdAt: string,
  core: string | null = null,
): Record<string, unknown> {
  // Spelled out, one shape for every row: spreading an imported row's fields (twice, with the core) took ~9 µs a
  // customer in a CPU profile of importing 100k, a sixth of the import's own JavaScript.
  return {
    name: fields.name,
    uscc: fields.uscc,
    grade: fields.grade,
    owner: fields.owner,
    source: fields.source,
    region: fields.region,
    industry: fields.industry,
    contact: fields.contact,
    phone: fields.phone,
    email: fields.email,
    address: fields.address,
    monthly_volume: fields.monthly_volume,
    note: fields.note,
    registered_on: fields.registered_on,
    last_contact_on: fields.last_contact_on ?? null,
    name_key: key,
    assigned_on: fields.registered_on,
    closed_on: null,
    created_at: createdAt,
    name_core: core,
  };
}
