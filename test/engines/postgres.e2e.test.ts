// The shared engine through the real binary: creating the schema, refusing what is not ours or too new,
// every kind of fault (exit 5, a message that says which, the password never shown, nothing half-written),
// writers from several processes at once, and moving data with `db copy` and `backup` in both directions.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli, type CliResult } from '../helpers/cli.js';
import { asSuperuser, freshDatabase, postgresServer, postgresUrl, type FreshDatabase } from '../helpers/postgres.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { POSTGRES_MIGRATIONS } from '../../src/db/postgres/schema.js';
import { nameCore } from '../../src/core/name-core.js';
import { nameKey } from '../../src/core/names.js';
import { coreKeyRows } from '../../src/db/name-index.js';

let dir: string;
const made: FreshDatabase[] = [];

beforeAll(() => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-pg-e2e-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const db of made) await db.drop();
});

async function fresh(label: string): Promise<FreshDatabase> {
  const db = await freshDatabase(label);
  made.push(db);
  return db;
}

const custrack = (url: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
  runCli(args, { db: url, env, timeoutMs: 30_000 });

/** A few rows of invoices, as the invoicing system exports them. */
function invoices(count: number, prefix = 'INV'): string {
  const lines = ['客户名称,日期,金额,单号'];
  for (let i = 1; i <= count; i++)
    lines.push(`测试客户${i % 50}有限公司,2026-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 1}.00,${prefix}-${i}`);
  return `${lines.join('\n')}\n`;
}

const count = async (db: FreshDatabase, table: string): Promise<number> =>
  Number((await asSuperuser<{ n: string }>(`SELECT count(*) AS n FROM ${table}`, [], db.name))[0]!.n);

describe('the schema', () => {
  it('init creates it in an empty database, prints the URL without the password, and a second init changes nothing', async () => {
    const db = await fresh('init');
    const first = await custrack(db.url, ['init']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('***@');
    expect(first.stdout + first.stderr).not.toContain(postgresServer().password);
    const version = await asSuperuser<{ v: number }>('SELECT max(version) AS v FROM custrack_schema_version', [], db.name);
    expect(version[0]!.v).toBe(SCHEMA_VERSION);
    const again = await custrack(db.url, ['init']);
    expect(again.code).toBe(0);
    // One row per migration applied, the same migrations as SQLite's.
    expect(await count(db, 'custrack_schema_version')).toBe(MIGRATIONS.length);
  });

  it('a reading command on a database without custrack data says to run init (exit 5) and creates nothing', async () => {
    const db = await fresh('empty');
    const result = await custrack(db.url, ['customer', 'list']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/custrack init/u);
    expect(await asSuperuser("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'", [], db.name)).toEqual([]);
  });

  it('a named schema (?schema=) keeps custrack apart from other tables in the database', async () => {
    const db = await fresh('schema');
    await asSuperuser('CREATE TABLE public.other_app (id int)', [], db.name);
    const url = postgresUrl({ database: db.name, params: { schema: 'custrack' } });
    expect((await custrack(url, ['init'])).code).toBe(0);
    expect((await custrack(url, ['customer', 'add', '--name', '深圳市腾达有限公司'])).code).toBe(0);
    expect(await count(db, 'custrack.customers')).toBe(1);
    // The same through libpq's options parameter.
    const viaOptions = postgresUrl({ database: db.name, params: { options: '-c search_path=custrack' } });
    const listed = await custrack(viaOptions, ['customer', 'list', '--format', 'json']);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
  });

  it("a schema holding tables that are not custrack's is refused (exit 5) and left as it was", async () => {
    const db = await fresh('foreign');
    await asSuperuser('CREATE TABLE customers (id int, name text)', [], db.name);
    const result = await custrack(db.url, ['init']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/not custrack's/u);
    expect(await asSuperuser("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", [], db.name)).toEqual([
      { table_name: 'customers' },
    ]);
  });

  it('a database from a newer custrack is refused (exit 5) by reads and writes, and not changed', async () => {
    const db = await fresh('newer');
    expect((await custrack(db.url, ['customer', 'add', '--name', '深圳市腾达有限公司'])).code).toBe(0);
    await asSuperuser("INSERT INTO custrack_schema_version (version, name) VALUES (999, 'future')", [], db.name);
    for (const args of [['customer', 'list'], ['customer', 'add', '--name', '另一家公司'], ['init']]) {
      const result = await custrack(db.url, args);
      expect(result.code, args.join(' ')).toBe(5);
      expect(result.stderr).toMatch(/newer custrack/u);
    }
    expect(await count(db, 'customers')).toBe(1);
  });

  it('migration 4 (similar names) computes the core of every name already there and indexes it, as on SQLite', async () => {
    const db = await fresh('backfill');
    // A database at schema 3, the release before similar names, with customers and a former name.
    await asSuperuser(
      'CREATE TABLE custrack_schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      [],
      db.name,
    );
    for (const m of POSTGRES_MIGRATIONS.filter((m) => m.version <= 3)) {
      await asSuperuser(m.sql, [], db.name);
      await asSuperuser('INSERT INTO custrack_schema_version (version, name) VALUES ($1, $2)', [m.version, m.name], db.name);
    }
    const names = ['广州市天河区华南贸易集团有限公司', '深圳腾达电子有限公司', '北京市有限公司'];
    for (const name of names)
      await asSuperuser(
        "INSERT INTO customers (name, name_key, registered_on, assigned_on, created_at, owner) VALUES ($1, $2, '2026-01-02', '2026-01-02', now(), '王芳')",
        [name, nameKey(name)],
        db.name,
      );
    await asSuperuser(
      "INSERT INTO customer_aliases (customer_id, name, name_key, added_on) VALUES (2, '深圳市腾达电子科技有限公司', $1, '2026-01-02')",
      [nameKey('深圳市腾达电子科技有限公司')],
      db.name,
    );
    const upgraded = await custrack(db.url, ['customer', 'list']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    const rows = await asSuperuser<{ name: string; name_core: string }>(
      'SELECT name, name_core FROM customers UNION ALL SELECT name, name_core FROM customer_aliases',
      [],
      db.name,
    );
    expect(rows.filter((r) => r.name_core !== nameCore(r.name))).toEqual([]);
    const indexed = await asSuperuser<{ bigram: string; key_count: number; core: string }>(
      'SELECT bigram, key_count, core FROM core_bigrams ORDER BY bigram, key_count, core',
      [],
      db.name,
    );
    const expected = [...new Set(rows.map((r) => r.name_core))]
      .flatMap((core) => coreKeyRows(core))
      .map(([bigram, key_count, core]) => ({ bigram, key_count, core }))
      .sort((a, b) => (a.bigram < b.bigram ? -1 : a.bigram > b.bigram ? 1 : a.key_count - b.key_count || (a.core < b.core ? -1 : 1)));
    expect(indexed).toEqual(expected);
    // The index answers at once: the district left out is the same company (exit 4, naming it and its owner).
    const similar = await custrack(db.url, ['customer', 'add', '--name', '广州市华南贸易有限公司']);
    expect(similar.code).toBe(4);
    expect(similar.stderr).toContain('#1  广州市天河区华南贸易集团有限公司  (王芳)');
  });

  it('the history records --user or CUSTRACK_USER, else the database login', async () => {
    const db = await fresh('actor');
    expect(
      (
        await custrack(db.url, ['customer', 'add', '--name', '深圳市腾达有限公司'], {
          CUSTRACK_USER: undefined,
          USER: 'someone-on-this-machine',
        })
      ).code,
    ).toBe(0);
    expect((await custrack(db.url, ['customer', 'add', '--name', '广州市华信有限公司', '--user', '王芳'])).code).toBe(0);
    const actors = await asSuperuser<{ actor: string }>("SELECT actor FROM history WHERE action = 'create' ORDER BY id", [], db.name);
    expect(actors.map((a) => a.actor)).toEqual([postgresServer().user, '王芳']);
  });

  it('the history is append-only on the server too', async () => {
    const db = await fresh('history');
    expect((await custrack(db.url, ['customer', 'add', '--name', '深圳市腾达有限公司'])).code).toBe(0);
    await expect(asSuperuser("UPDATE history SET actor = 'someone else'", [], db.name)).rejects.toThrow(/append-only/u);
    await expect(asSuperuser('DELETE FROM history', [], db.name)).rejects.toThrow(/append-only/u);
    await expect(asSuperuser('TRUNCATE history', [], db.name)).rejects.toThrow(/append-only/u);
  });
});

describe('connecting', () => {
  it('a wrong password: exit 5, says authentication, and never prints the password', async () => {
    const db = await fresh('auth');
    const url = postgresUrl({ database: db.name, password: 'not-the-password-9f8e7d' });
    const result = await custrack(url, ['customer', 'list']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/refused the login/u);
    expect(result.stdout + result.stderr).not.toContain('not-the-password-9f8e7d');
  });

  it('the password from PGPASSWORD, else ~/.pgpass', async () => {
    const db = await fresh('password');
    const server = postgresServer();
    const bare = postgresUrl({ database: db.name, password: null });
    expect((await custrack(bare, ['init'], { PGPASSWORD: server.password })).code).toBe(0);
    const home = join(dir, 'home');
    rmSync(home, { recursive: true, force: true });
    writeFileSync(join(dir, 'pgpass'), `${server.host}:${server.port}:${db.name}:${server.user}:${server.password}\n`, { mode: 0o600 });
    const viaFile = await custrack(bare, ['customer', 'list'], { PGPASSWORD: undefined, PGPASSFILE: join(dir, 'pgpass') });
    expect(viaFile.code, viaFile.stderr).toBe(0);
    const none = await custrack(bare, ['customer', 'list'], { PGPASSWORD: undefined, PGPASSFILE: join(dir, 'no-such-file') });
    expect(none.code).toBe(5);
  });

  it('a server that is not there, and a database that does not exist: exit 5 saying which', async () => {
    const unreachable = await custrack(postgresUrl({ port: 1 }), ['customer', 'list']);
    expect(unreachable.code).toBe(5);
    expect(unreachable.stderr).toMatch(/cannot reach the PostgreSQL server/u);
    const missing = await custrack(postgresUrl({ database: 'no_such_database_here' }), ['customer', 'list']);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/does not exist/u);
    expect(missing.stderr).not.toContain(postgresServer().password);
  });
});

describe('writers', () => {
  it('four processes writing at once: every write is there, none failed', async () => {
    const db = await fresh('writers');
    expect((await custrack(db.url, ['init'])).code).toBe(0);
    const file = join(dir, 'writers.csv');
    writeFileSync(file, invoices(3000, 'W'));
    const results = await Promise.all([
      custrack(db.url, ['import', 'transactions', file]),
      ...[1, 2, 3].map(async (clerk) => {
        const outcomes: number[] = [];
        for (let i = 0; i < 6; i++)
          outcomes.push((await custrack(db.url, ['customer', 'add', '--name', `并发客户${clerk}-${i}有限公司`, '--no-input'])).code ?? -1);
        return { code: outcomes.every((c) => c === 0) ? 0 : 1, stdout: '', stderr: outcomes.join(','), timedOut: false };
      }),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(await count(db, 'customers')).toBe(18);
    expect(await count(db, 'transactions')).toBe(3000);
    expect(await count(db, "history WHERE action = 'create'")).toBe(18);
  });

  it('the stored monthly report stays right while others write: what is served at the end is what a fresh computation gives', async () => {
    const db = await fresh('report-cache');
    const report = ['--as-of', '2026-11-20', 'report', 'monthly', '--month', '2026-11', '--format', 'json'];
    expect((await custrack(db.url, ['init'])).code).toBe(0);
    expect((await custrack(db.url, report)).code).toBe(0);
    const clerk = async (n: number): Promise<number[]> => {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const name = `缓存客户${n}-${i}有限公司`;
        codes.push(
          (await custrack(db.url, ['--as-of', '2026-11-20', 'customer', 'add', '--name', name, '--owner', `营销员${n}`])).code ?? -1,
        );
        codes.push(
          (await custrack(db.url, ['--as-of', '2026-11-20', 'visit', 'add', name, '--method', 'phone', '--date', '2026-11-19'])).code ?? -1,
        );
      }
      return codes;
    };
    const reader = async (): Promise<number[]> => {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await custrack(db.url, report)).code ?? -1);
      return codes;
    };
    const codes = (await Promise.all([clerk(1), clerk(2), clerk(3), reader(), reader()])).flat();
    expect(codes.filter((c) => c !== 0)).toEqual([]);
    const served = JSON.parse((await custrack(db.url, report)).stdout);
    await asSuperuser('DELETE FROM report_cache', [], db.name);
    const computed = JSON.parse((await custrack(db.url, report)).stdout);
    expect(served).toEqual(computed);
    expect(computed.totals).toMatchObject({ new_customers: 12, visits: 12, customers_visited: 12 });
  });

  it('a writer waits for the lock up to the busy timeout, then exits 5 with nothing written; a reader never waits', async () => {
    const db = await fresh('lock');
    expect((await custrack(db.url, ['customer', 'add', '--name', '深圳市腾达有限公司'])).code).toBe(0);
    // Another session holds custrack's write lock (the key of src/db/postgres/locks.ts) in an open transaction.
    const pg = (await import('pg')).default;
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [0x43735401]);
      const started = Date.now();
      const write = await custrack(db.url, ['customer', 'add', '--name', '广州市华信有限公司'], { CUSTRACK_BUSY_TIMEOUT_MS: '500' });
      expect(write.code).toBe(5);
      expect(write.stderr).toMatch(/held the lock/u);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      const read = await custrack(db.url, ['customer', 'list', '--format', 'json'], { CUSTRACK_BUSY_TIMEOUT_MS: '500' });
      expect(read.code).toBe(0);
      expect(JSON.parse(read.stdout)).toHaveLength(1);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await count(db, 'customers')).toBe(1);
  });

  it('a session ended in the middle of a large import: exit 5 saying so, not one row written', async () => {
    const db = await fresh('terminated');
    expect((await custrack(db.url, ['init'])).code).toBe(0);
    const file = join(dir, 'large.csv');
    writeFileSync(file, invoices(200_000, 'BIG'));
    const importing = custrack(db.url, ['import', 'transactions', file]);
    // Wait until the import holds its write transaction, then end its session as a server restart would.
    let finished = false;
    void importing.then(() => {
      finished = true;
    });
    let ended = false;
    while (!finished && !ended) {
      const active = await asSuperuser<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'custrack' AND xact_start IS NOT NULL",
        [db.name],
      );
      if (active.length > 0)
        ended = (await asSuperuser<{ ended: boolean }>('SELECT pg_terminate_backend($1) AS ended', [active[0]!.pid]))[0]!.ended;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(ended, 'the import ended before its session could be terminated').toBe(true);
    const result = await importing;
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/connection .* ended in the middle/u);
    expect(await count(db, 'transactions')).toBe(0);
    expect(await count(db, "history WHERE action = 'import'")).toBe(0);
  });
});

describe('moving data', () => {
  it('db copy moves a SQLite office to PostgreSQL and back, every row, and refuses a target that holds data', async () => {
    const sqlite = join(dir, 'office.db');
    for (const [kind, text] of [
      ['customers', '客户名称,等级,责任营销员\n深圳市腾达有限公司,A,张伟\n广州市华信有限公司,B,李娜\n'],
      ['transactions', invoices(500, 'C')],
      ['visits', '客户名称,拜访日期,方式,摘要\n深圳市腾达有限公司,2026-11-02,电话,确认报价\n'],
    ] as const) {
      const file = join(dir, `${kind}.csv`);
      writeFileSync(file, text);
      expect((await runCli(['import', kind, file], { db: sqlite })).code).toBe(0);
    }
    const db = await fresh('copy');
    const there = await runCli(['db', 'copy', '--from', sqlite, '--to', db.url, '--format', 'json'], {});
    expect(there.code, there.stderr).toBe(0);
    const tables = JSON.parse(there.stdout) as Array<{ table: string; rows: number }>;
    expect(tables.find((t) => t.table === 'transactions')?.rows).toBe(500);
    expect(await count(db, 'transactions')).toBe(500);
    // The same answers from both.
    const onFile = await runCli(['overdue', '--format', 'json'], { db: sqlite });
    const onServer = await custrack(db.url, ['overdue', '--format', 'json']);
    expect(onServer.stdout).toBe(onFile.stdout);
    // New rows on the server get new ids after the copied ones.
    expect((await custrack(db.url, ['customer', 'add', '--name', '成都星辰软件有限公司', '--format', 'json'])).stdout).toMatch(/"id": 3,/u);

    const again = await runCli(['db', 'copy', '--from', sqlite, '--to', db.url], {});
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/already holds data/u);

    const back = join(dir, 'back.db');
    const home = await runCli(['db', 'copy', '--from', db.url, '--to', back], {});
    expect(home.code, home.stderr).toBe(0);
    expect((await runCli(['customer', 'list', '--format', 'json'], { db: back })).stdout).toBe(
      (await custrack(db.url, ['customer', 'list', '--format', 'json'])).stdout,
    );
  });

  it('backup on PostgreSQL writes a private, verified SQLite snapshot, and never overwrites a file', async () => {
    const db = await fresh('backup');
    expect((await custrack(db.url, ['customer', 'add', '--name', '深圳市腾达有限公司'])).code).toBe(0);
    const target = join(dir, 'snapshot.db');
    const result = await custrack(db.url, ['backup', '--to', target]);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await runCli(['customer', 'list', '--format', 'json'], { db: target })).stdout)).toHaveLength(1);
    const twice = await custrack(db.url, ['backup', '--to', target]);
    expect(twice.code).toBe(4);
    expect(existsSync(`${target}.tmp-${process.pid}`)).toBe(false);
  });

  it('db check on PostgreSQL: ok, the schema version and the row counts', async () => {
    const db = await fresh('check');
    expect((await custrack(db.url, ['customer', 'add', '--name', '深圳市腾达有限公司'])).code).toBe(0);
    const result = await custrack(db.url, ['db', 'check', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; schema_version: number; counts: Record<string, number>; path: string };
    expect(report).toMatchObject({ ok: true, schema_version: SCHEMA_VERSION });
    expect(report.counts.customers).toBe(1);
    expect(report.path).toContain('***');
  });
});
