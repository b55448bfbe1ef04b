import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('node:fs');
  vi.resetModules();
});

describe('loading better-sqlite3', () => {
  it('opens connections with the addon npm ci built', async () => {
    const { connect } = await import('../../src/db/driver.js');
    const db = connect(':memory:');
    try {
      expect(db.prepare('SELECT sqlite_version() AS v').get()).toMatchObject({ v: expect.stringMatching(/^3\./u) });
    } finally {
      db.close();
    }
  });

  it('says what to run when the native addon is missing, instead of a stack trace', async () => {
    vi.doMock('node:fs', async (original) => ({ ...(await original<typeof import('node:fs')>()), existsSync: () => false }));
    const { connect } = await import('../../src/db/driver.js');
    let error: unknown;
    try {
      connect(':memory:');
    } catch (err) {
      error = err;
    }
    // A database error (exit 5) with its own message; the class comes from the freshly loaded modules.
    expect(error).toMatchObject({
      name: 'DatabaseError',
      kind: 'database',
      key: 'db.no_driver',
      params: { path: expect.stringMatching(/better_sqlite3\.node$/u) },
    });
  });
});
