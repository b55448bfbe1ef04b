// The run's PostgreSQL server, and the node-postgres behaviour the PostgreSQL engine is built on, as
// executable notes: each test pins one fact that docs/postgres-driver-notes.md explains.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asSuperuser,
  custrackTypes,
  freshDatabase,
  postgresServer,
  postgresUrl,
  redactUrl,
  useFreshDatabase,
} from '../helpers/postgres.js';
import { RUN_DIR_PREFIX, SCRATCH, sweepAbandonedRuns } from '../helpers/postgres-server.js';

const office = useFreshDatabase('postgres server');
const clients: pg.Client[] = [];

/** A connected client that the file closes at the end; errors after a test are expected, not fatal. */
async function connect(config: pg.ClientConfig | string = office.current.url): Promise<pg.Client> {
  const client = new pg.Client(typeof config === 'string' ? { connectionString: config, types: custrackTypes() } : config);
  client.on('error', () => {}); // a session the server ends emits 'error'; unheard, it would kill the worker
  await client.connect();
  clients.push(client);
  return client;
}

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => {})));
});

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; severity?: string; where?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure, but it succeeded');
}

describe('the test server', () => {
  it('takes the superuser by password on 127.0.0.1 and is PostgreSQL 14 or newer', async () => {
    const server = postgresServer();
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).not.toBe(5432);
    const client = await connect();
    const { rows } = await client.query<{ version: number; superuser: boolean; auth: string }>(
      `SELECT current_setting('server_version_num')::int AS version,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              (SELECT auth_method FROM pg_hba_file_rules WHERE 'all' = ANY (database) AND type = 'host' LIMIT 1) AS auth`,
    );
    expect(rows[0]).toEqual({ version: server.versionNum, superuser: true, auth: 'scram-sha-256' });
    expect(server.versionNum).toBeGreaterThanOrEqual(140_000);
  });

  it('gives every fresh database its own tables', async () => {
    const [first, second] = await Promise.all([freshDatabase('first'), freshDatabase('second')]);
    try {
      expect(first.name).toMatch(/^t_first_[0-9a-f]{8}$/u);
      expect(first.url).toMatch(new RegExp(`^postgresql://postgres:[0-9a-f]+@127\\.0\\.0\\.1:\\d+/${first.name}$`, 'u'));
      await asSuperuser('CREATE TABLE customers (name text)', [], first.name);
      await asSuperuser("INSERT INTO customers VALUES ('华为')", [], first.name);
      const inSecond = await asSuperuser("SELECT to_regclass('customers') AS found", [], second.name);
      expect(inSecond).toEqual([{ found: null }]);
      expect(await asSuperuser('SELECT name FROM customers', [], first.name)).toEqual([{ name: '华为' }]);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });

  it('drops a database even while a session is still connected to it', async () => {
    const scratch = await freshDatabase('dropped');
    await connect(scratch.url);
    await scratch.drop();
    const left = await asSuperuser('SELECT count(*) AS n FROM pg_database WHERE datname = $1', [scratch.name]);
    expect(left).toEqual([{ n: 0 }]);
  });

  it('sweeps the cluster of a killed run, but not a process that only reuses its postmaster pid', () => {
    const deadOwner = spawnSync('true').pid;
    const runDir = join(SCRATCH, `${RUN_DIR_PREFIX}${deadOwner}-swept`);
    const bystander = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      mkdirSync(join(runDir, 'data'), { recursive: true });
      writeFileSync(join(runDir, 'data', 'postmaster.pid'), `${bystander.pid}\n${join(runDir, 'data')}\n`);
      sweepAbandonedRuns();
      expect(existsSync(runDir)).toBe(false);
      expect(bystander.exitCode).toBeNull();
      expect(() => process.kill(bystander.pid ?? 0, 0)).not.toThrow();
    } finally {
      bystander.kill();
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});

describe('values as custrack reads them', () => {
  const sample = `SELECT '2026-11-23'::date AS day, '2026-11-23 08:00:00.123+00'::timestamptz AS at,
                         count(*) AS n, sum(x::bigint) AS total, avg(x) AS mean
                  FROM (VALUES (150000), (250000)) AS v (x)`;

  it("pg's own date parser gives a local-midnight Date: a day early once written as UTC in Asia/Shanghai", async () => {
    const plain = await connect({ connectionString: office.current.url });
    const { rows } = await plain.query(sample);
    expect(process.env.TZ).toBe('Asia/Shanghai');
    expect((rows[0].day as Date).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(rows[0]).toMatchObject({ n: '2', total: '400000' }); // bigint and numeric arrive as strings
    expect(rows[0].mean).toMatch(/^200000\.0+$/u);
  });

  it('custrackTypes keeps dates as text and makes counts and sums numbers, for its own client only', async () => {
    const custrack = await connect();
    const plain = await connect({ connectionString: office.current.url });
    expect((await custrack.query(sample)).rows[0]).toEqual({
      day: '2026-11-23',
      at: '2026-11-23T08:00:00.123Z',
      n: 2,
      total: 400000,
      mean: 200000,
    });
    expect((await plain.query(sample)).rows[0].day).toBeInstanceOf(Date);
  });

  it('refuses a bigint that a JavaScript number cannot hold exactly', async () => {
    const custrack = await connect();
    const error = await failure(custrack.query('SELECT 9007199254740993::bigint AS fen'));
    expect(error.message).toBe('9007199254740993 is an integer too large for a JavaScript number');
    expect((await custrack.query('SELECT 9007199254740991::bigint AS fen')).rows[0].fen).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('connection parameters', () => {
  beforeAll(async () => {
    await asSuperuser('CREATE SCHEMA IF NOT EXISTS custrack', [], office.current.name);
  });

  it('options=-csearch_path=… in the URL reaches the server; ?schema=… is parsed but never sent', async () => {
    const searchPath = 'SELECT current_schema() AS schema';
    const viaOptions = await connect(postgresUrl({ database: office.current.name, params: { options: '-csearch_path=custrack' } }));
    expect((await viaOptions.query(searchPath)).rows).toEqual([{ schema: 'custrack' }]);
    const viaSchema = await connect(postgresUrl({ database: office.current.name, params: { schema: 'custrack' } }));
    expect((await viaSchema.query(searchPath)).rows).toEqual([{ schema: 'public' }]);
    expect(parseConnectionString(postgresUrl({ params: { schema: 'custrack' } }))).toMatchObject({ schema: 'custrack' });
  });

  it('application_name, from the config or the URL, names the session in pg_stat_activity', async () => {
    const fromConfig = await connect({ connectionString: office.current.url, application_name: 'custrack' });
    const fromUrl = await connect(postgresUrl({ database: office.current.name, params: { application_name: 'custrack cron' } }));
    const name = 'SELECT application_name AS name FROM pg_stat_activity WHERE pid = pg_backend_pid()';
    expect((await fromConfig.query(name)).rows).toEqual([{ name: 'custrack' }]);
    expect((await fromUrl.query(name)).rows).toEqual([{ name: 'custrack cron' }]);
  });

  it("maps sslmode to pg's ssl option, and sslmode=prefer does not fall back to plain text as libpq does", async () => {
    const ssl = (mode: string) => parseConnectionString(postgresUrl({ params: { sslmode: mode } })).ssl;
    expect(ssl('disable')).toBe(false);
    expect(ssl('verify-full')).toEqual({});
    expect(ssl('no-verify')).toEqual({ rejectUnauthorized: false });
    expect(parseConnectionString(postgresUrl()).ssl).toBeUndefined();
    const prefer = postgresUrl({ params: { uselibpqcompat: 'true', sslmode: 'prefer' } });
    const error = await failure(connect(prefer));
    expect(error.message).toBe('The server does not support SSL connections');
  });

  it('reads PGPASSWORD and ~/.pgpass when the URL has no password; pgpass use prints a deprecation warning', () => {
    const server = postgresServer();
    const home = mkdtempSync(join(tmpdir(), 'custrack-pgpass-'));
    try {
      const withoutPassword = postgresUrl({ password: null });
      const connectOnce = (env: Record<string, string>) => {
        // end() after a failed connect too: without a password the socket stays open and the process hangs.
        const script = `const pg = require('pg'); const c = new pg.Client(process.argv[1]);
          c.connect().then(() => c.query('SELECT current_user AS u')).then((r) => console.log('as', r.rows[0].u),
            (e) => console.log('failed', e.code ?? '-', e.message)).finally(() => c.end());`;
        const run = spawnSync(process.execPath, ['-e', script, withoutPassword], {
          encoding: 'utf8',
          timeout: 10_000,
          env: { PATH: process.env.PATH, HOME: home, ...env },
        });
        return { stdout: run.stdout.trim(), stderr: run.stderr };
      };
      expect(connectOnce({}).stdout).toBe('failed - SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string');
      expect(connectOnce({ PGPASSWORD: server.password }).stdout).toBe('as postgres');
      writeFileSync(join(home, '.pgpass'), `${server.host}:${server.port}:*:${server.user}:${server.password}\n`, { mode: 0o600 });
      const viaPgpass = connectOnce({});
      expect(viaPgpass.stdout).toBe('as postgres');
      expect(viaPgpass.stderr).toContain('DeprecationWarning: pgpass support is deprecated');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('redacts the password of a URL for messages', () => {
    expect(redactUrl('postgres://clerk:s3cr%40t@db.office:5432/custrack?sslmode=verify-full')).toBe(
      'postgres://clerk:***@db.office:5432/custrack?sslmode=verify-full',
    );
    expect(redactUrl('postgresql://clerk@db.office/custrack?password=s3cret')).toBe('postgresql://clerk@db.office/custrack?password=***');
    expect(redactUrl('postgres://clerk:p@ss@[broken/custrack')).toBe('postgres://clerk:***@[broken/custrack');
  });
});

describe('bulk reads and writes', () => {
  const ROWS = 100_000;

  /** TSV lines in ~64 KB chunks: one write per row would cost more than the rows. */
  function* invoiceLines(count: number, badLine?: number): Generator<string> {
    let chunk = '';
    for (let line = 1; line <= count; line++) {
      chunk +=
        line === badLine
          ? 'x\tbroken\t2026-11-23\t0\n'
          : `${line}\t客户 ${line}\t2026-11-${String((line % 28) + 1).padStart(2, '0')}\t${line * 100}\n`;
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }

  beforeAll(async () => {
    await asSuperuser(
      'CREATE TABLE invoices (id integer PRIMARY KEY, customer text NOT NULL, day date NOT NULL, fen bigint NOT NULL)',
      [],
      office.current.name,
    );
  });

  it(`loads ${ROWS.toLocaleString('en')} rows with COPY FROM STDIN in one transaction, quickly`, async () => {
    const client = await connect();
    const started = Date.now();
    await client.query('BEGIN');
    const copy = client.query(copyFrom('COPY invoices (id, customer, day, fen) FROM STDIN'));
    await pipeline(Readable.from(invoiceLines(ROWS)), copy); // pulls the next chunk only when the socket drains
    await client.query('COMMIT');
    const elapsed = Date.now() - started;
    expect(copy.rowCount).toBe(ROWS);
    expect((await client.query('SELECT count(*) AS n, sum(fen) AS fen FROM invoices')).rows).toEqual([
      { n: ROWS, fen: (100 * ROWS * (ROWS + 1)) / 2 },
    ]);
    expect(elapsed).toBeLessThan(15_000); // about 0.5 s here; a generous bound for a loaded machine
  });

  it('fails the whole COPY on a bad row, naming its line, and the transaction rolls back', async () => {
    const client = await connect();
    await client.query('BEGIN');
    await client.query('DELETE FROM invoices');
    const error = await failure(pipeline(Readable.from(invoiceLines(1_000, 500)), client.query(copyFrom('COPY invoices FROM STDIN'))));
    expect(error).toMatchObject({ code: '22P02', message: 'invalid input syntax for type integer: "x"' });
    expect(error.where).toBe('COPY invoices, line 500, column id: "x"');
    expect((await failure(client.query('SELECT 1'))).code).toBe('25P02'); // aborted until ROLLBACK
    await client.query('ROLLBACK');
    expect((await client.query('SELECT count(*) AS n FROM invoices')).rows).toEqual([{ n: ROWS }]);
  });

  it('exports with COPY TO STDOUT', async () => {
    const client = await connect();
    let text = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    await pipeline(
      client.query(copyTo('COPY (SELECT id, customer, day FROM invoices WHERE id <= 3 ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)')),
      sink,
    );
    expect(text).toBe('id,customer,day\n1,客户 1,2026-11-02\n2,客户 2,2026-11-03\n3,客户 3,2026-11-04\n');
  });

  it('streams a big result in pages with DECLARE … CURSOR and FETCH, inside a read-only snapshot', async () => {
    const reader = await connect();
    const writer = await connect();
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await reader.query('DECLARE pages NO SCROLL CURSOR FOR SELECT id, fen FROM invoices ORDER BY id');
    await writer.query('DELETE FROM invoices WHERE id > 50000'); // after the snapshot: the reader still sees all
    let seen = 0;
    let pages = 0;
    for (;;) {
      const page = await reader.query<{ id: number; fen: number }>('FETCH 1000 FROM pages');
      if (page.rows.length === 0) break;
      seen += page.rows.length;
      pages += 1;
    }
    expect((await failure(reader.query('INSERT INTO invoices VALUES (0, $1, $2, 0)', ['x', '2026-11-23']))).code).toBe('25006');
    await reader.query('ROLLBACK');
    expect({ seen, pages }).toEqual({ seen: ROWS, pages: ROWS / 1000 });
    expect((await reader.query('SELECT count(*) AS n FROM invoices')).rows).toEqual([{ n: 50_000 }]);
  });
});

describe('faults, as the engine must classify them', () => {
  let closedPort = 0;
  let silent: Server;
  const silentSockets = new Set<Socket>();

  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    silent = createServer((socket) => silentSockets.add(socket)); // accepts and never answers: a hung server
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('a closed port is ECONNREFUSED', async () => {
    const error = await failure(connect(postgresUrl({ port: closedPort })));
    expect(error).toMatchObject({ code: 'ECONNREFUSED', message: `connect ECONNREFUSED 127.0.0.1:${closedPort}` });
  });

  it('a server that never answers is "timeout expired" after connectionTimeoutMillis (URL connect_timeout is ignored)', async () => {
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();
    const error = await failure(
      connect({ connectionString: postgresUrl({ port, params: { connect_timeout: '30' } }), connectionTimeoutMillis: 300 }),
    );
    expect(error.message).toBe('timeout expired');
    expect(error.code).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a wrong password is 28P01, and no message carries the password', async () => {
    const password = 'wrong-password-4f2a';
    const error = await failure(connect(postgresUrl({ database: office.current.name, password })));
    expect(error).toMatchObject({ code: '28P01', severity: 'FATAL', message: 'password authentication failed for user "postgres"' });
    expect(JSON.stringify(error) + String(error.stack)).not.toContain(password);
  });

  it('a role that may not log in is 28000', async () => {
    await asSuperuser("DROP ROLE IF EXISTS clerk_away; CREATE ROLE clerk_away NOLOGIN PASSWORD 'away-4f2a'");
    const error = await failure(connect(postgresUrl({ user: 'clerk_away', password: 'away-4f2a' })));
    expect(error).toMatchObject({ code: '28000', message: 'role "clerk_away" is not permitted to log in' });
    await asSuperuser('DROP ROLE clerk_away');
  });

  it('a missing database is 3D000', async () => {
    const error = await failure(connect(postgresUrl({ database: 'no_such_office' })));
    expect(error).toMatchObject({ code: '3D000', message: 'database "no_such_office" does not exist' });
  });

  it('a session ended by the server fails its query with 57P01, then the client emits "Connection terminated unexpectedly"', async () => {
    const victim = new pg.Client({ connectionString: office.current.url, application_name: 'victim' });
    const events: string[] = [];
    victim.on('error', (error) => events.push(error.message));
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    const running = failure(victim.query('SELECT pg_sleep(30)'));
    await waitFor(async () => {
      const state = await asSuperuser<{ state: string }>('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]);
      return state[0]?.state === 'active';
    });
    await asSuperuser('SELECT pg_terminate_backend($1)', [pid]);
    expect(await running).toMatchObject({ code: '57P01', message: 'terminating connection due to administrator command' });
    await waitFor(async () => events.length > 0);
    expect(events).toEqual(['Connection terminated unexpectedly']);
    expect((await failure(victim.query('SELECT 1'))).message).toBe('Client has encountered a connection error and is not queryable');
  });

  it('a writer that waits for the advisory lock past lock_timeout gets 55P03; SET LOCAL ends with the transaction', async () => {
    const first = await connect();
    const second = await connect();
    await first.query('BEGIN');
    await first.query('SELECT pg_advisory_xact_lock($1)', [WRITERS_LOCK]);
    await second.query('BEGIN');
    await second.query("SET LOCAL lock_timeout = '200ms'");
    const started = Date.now();
    const error = await failure(second.query('SELECT pg_advisory_xact_lock($1)', [WRITERS_LOCK]));
    expect(error).toMatchObject({ code: '55P03', message: 'canceling statement due to lock timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await second.query('ROLLBACK');
    expect((await second.query('SHOW lock_timeout')).rows).toEqual([{ lock_timeout: '0' }]);
    await first.query('COMMIT'); // the lock goes with the transaction
    await second.query('BEGIN');
    await second.query('SELECT pg_advisory_xact_lock($1)', [WRITERS_LOCK]);
    await second.query('COMMIT');
  });

  it('two REPEATABLE READ writers of one row: the later one gets 40001', async () => {
    const first = await connect();
    const second = await connect();
    await first.query('CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, n int NOT NULL)');
    await first.query('INSERT INTO counters VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
    await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await first.query('SELECT n FROM counters WHERE id = 1');
    await second.query('UPDATE counters SET n = n + 1 WHERE id = 1');
    const error = await failure(first.query('UPDATE counters SET n = n + 1 WHERE id = 1'));
    expect(error).toMatchObject({ code: '40001', message: 'could not serialize access due to concurrent update' });
    await first.query('ROLLBACK');
  });
});

/** The key custrack writers serialize on (pg_advisory_xact_lock(bigint)); any constant works per database. */
const WRITERS_LOCK = 0x637573747261636bn.toString(); // 'custrack' in ASCII

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  for (const started = Date.now(); !(await condition()); ) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
