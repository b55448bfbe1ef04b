// Advisory lock keys of custrack on PostgreSQL: (class, hashtext(schema)), so two custrack schemas in one
// database do not hold each other up. The class says what the lock guards.

/** Every write transaction takes it first: the counterpart of SQLite's BEGIN IMMEDIATE. */
export const WRITE_LOCK = 0x43735401;
/** Schema migrations, one at a time. */
export const MIGRATION_LOCK = 0x43735402;
