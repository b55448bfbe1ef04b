// The shared PostgreSQL engine: connecting, its schema, its faults. A location is shown with its password as ***.
export const postgres = {
  'pg.bad_url':
    'cannot use the database URL {location}: {reason}. Write it as postgresql://user@host:5432/database (the password in PGPASSWORD or ~/.pgpass).',
  'pg.unreachable':
    'cannot reach the PostgreSQL server at {host}:{port} ({reason}). Check that the server runs and that host and port in {location} are right.',
  'pg.auth':
    'PostgreSQL refused the login of user "{user}" to {location}: wrong password or no access. Check PGPASSWORD, ~/.pgpass or the URL.',
  'pg.no_database':
    'the database "{database}" does not exist on {host}:{port}. Ask the administrator to create it (README, "Sharing one database across offices").',
  'pg.no_schema': 'the schema named in {location} does not exist. Create it with custrack init, or check the schema name.',
  'pg.empty': 'no custrack data in {location}. Create it with `custrack init` (run once by the administrator).',
  'pg.not_custrack':
    'the schema "{schema}" of {location} holds tables that are not custrack\'s; it was left untouched. Use an empty database or name a schema of its own (?schema=custrack).',
  'pg.locked':
    'another custrack command is writing to {location} and held the lock past the busy timeout: it did not finish within {seconds} seconds. Nothing was written; try again (CUSTRACK_BUSY_TIMEOUT_MS sets the wait).',
  'pg.disk_full':
    'the PostgreSQL server of {location} has run out of disk space; nothing was written. Ask the administrator to free space.',
  'pg.permission': 'user "{user}" may not do this on {location} ({reason}). Ask the administrator for the rights in the README.',
  'pg.read_only': 'the PostgreSQL server of {location} is read-only now (a standby or a read-only transaction); nothing was written.',
  'pg.terminated':
    'the connection to {location} ended in the middle of the command (a server restart?); nothing of it was written. Run it again.',
  'pg.failed': 'PostgreSQL error on {location}: {reason}',
} as const;
