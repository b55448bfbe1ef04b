// The tables that hold custrack's data, in an order where every row's references come before it: what
// `db copy` moves between engines and counts on both sides. (report_cache and data_generation are not
// data: a copy starts them afresh.)
export const DATA_TABLES = [
  'customers',
  'customer_aliases',
  'transactions',
  'relationship_starts',
  'customer_facts',
  'visits',
  'forms',
  'form_ratings',
  'applications',
  'complaints',
  'customer_distinctions',
  'core_bigrams',
  'settings',
  'calendar_days',
  'history',
] as const;

/** Rows handed to a progress callback at a time while loading. */
export const PROGRESS_EVERY = 10_000;
