// The helper the command suites lean on to say "nothing was written" on either engine (test/helpers/engine.ts):
// it must see every write, including one that only moves a sequence on the server.
import { describe, expect, it } from 'vitest';
import { runCustrack } from '../helpers/cli.js';
import { engineOffice, ON_POSTGRES } from '../helpers/engine.js';
import { asSuperuser } from '../helpers/postgres.js';
import { registerCustomer, useStoreOffice } from '../helpers/db.js';

const TENGDA = '深圳市腾达（集团）有限公司';

describe.concurrent('a test database on the suite engine', () => {
  it('is absent until custrack makes it; every write changes its digest; a refused one does not', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    expect(await office.exists()).toBe(false);
    expect(await office.digest()).toBe('absent');
    expect((await runCustrack(['init'], { db: office.db })).code).toBe(0);
    expect(await office.exists()).toBe(true);
    const empty = await office.digest();
    expect(empty).not.toBe('absent');
    expect((await runCustrack(['customer', 'add', '--name', TENGDA], { db: office.db })).code).toBe(0);
    const one = await office.digest();
    expect(one).not.toBe(empty);
    expect(await office.count('customers')).toBe(1);
    expect((await runCustrack(['customer', 'add', '--name', TENGDA], { db: office.db })).code).toBe(4);
    expect(await office.digest()).toBe(one);
    expect((await runCustrack(['customer', 'edit', '1', '--phone', '13800138000'], { db: office.db })).code).toBe(0);
    expect(await office.digest()).not.toBe(one);
  });

  it('a sequence position is part of what is stored (on the server, a rolled-back insert moves one)', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    expect((await runCustrack(['init'], { db: office.db })).code).toBe(0);
    const before = await office.digest();
    if (ON_POSTGRES) {
      const name = new URL(office.db).pathname.slice(1);
      await asSuperuser("SELECT nextval(pg_get_serial_sequence('customers', 'id'))", [], name);
      expect(await office.digest()).not.toBe(before);
    } else {
      expect(await office.digest()).toBe(before);
    }
  });
});

// The repository suites' office (test/helpers/db.ts): on the server one database per file, emptied before each
// test; every test must find what a freshly migrated database holds, ids starting at 1 again.
describe('an office of the repository suites', () => {
  const office = useStoreOffice();
  const fresh = async () => ({
    customers: await office.current.query('SELECT count(*) AS n FROM customers'),
    history: await office.current.query('SELECT count(*) AS n FROM history'),
    generation: await office.current.query('SELECT value FROM data_generation'),
  });
  let before: Awaited<ReturnType<typeof fresh>> | undefined;

  it.each([1, 2])('write %i: what the migrations left, and the first customer is #1', async () => {
    const now = await fresh();
    expect(now).toEqual({ customers: [{ n: 0 }], history: [{ n: 0 }], generation: [{ value: 0 }] });
    before ??= now;
    expect(now).toEqual(before);
    expect(await registerCustomer(office.current.repos, TENGDA)).toBe(1);
    expect(await registerCustomer(office.current.repos, '广州市华信有限公司')).toBe(2);
  });
});
