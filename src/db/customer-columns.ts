// The stored columns of a customer, in table order, for both engines.
export const CUSTOMER_COLUMNS = [
  'id', 'name', 'name_key', 'uscc', 'grade', 'owner', 'source', 'region', 'industry', 'contact', 'phone', 'email', 'address',
  'monthly_volume', 'note', 'registered_on', 'assigned_on', 'closed_on', 'created_at',
] as const;
