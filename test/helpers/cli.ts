// Running custrack the way its users do: the real binary in a child process (the clerk's shell, the cron
// job), or `run()` in-process with fake terminals for fast tests of the command layer.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Runtime } from '../../src/cli/context.js';
import type { Prompter } from '../../src/cli/prompt.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BINARY = fileURLToPath(new URL('../../bin/custrack.js', import.meta.url));
export const BUNDLE = fileURLToPath(new URL('../../dist/main.cjs', import.meta.url));

/** For `beforeAll`: `npm test` builds first, but a bare `npx vitest run` of a binary test needs a bundle too. */
export function buildBundleIfMissing(): void {
  if (!existsSync(BUNDLE)) execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'ignore' });
}

/** Whether the sqlite3 shell is installed (some tests also try the history triggers through it). */
export const HAS_SQLITE3 = (() => {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The fixed "today" and user of every test. */
export const TODAY = '2026-11-23';
export const CLERK = 'tester';
/** Wall clock of in-process runs (history timestamps). */
export const WALL_CLOCK = new Date('2026-11-23T02:03:04Z');

export interface CliResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when the process was killed (see timedOut). */
  code: number | null;
  timedOut: boolean;
}

/** Variables that would change the behaviour under test when inherited from the developer's shell. */
const INHERITED_NOISE = [
  'NO_COLOR',
  'FORCE_COLOR',
  'CLICOLOR',
  'CLICOLOR_FORCE',
  'LC_ALL',
  'LC_MESSAGES',
  'LANG',
  'LANGUAGE',
  'CUSTRACK_DB',
  'CUSTRACK_TODAY',
  'CUSTRACK_USER',
  'CUSTRACK_DEBUG',
  'XDG_DATA_HOME',
  'TERM',
];

/** The environment of a clerk's session in the tests: fixed today and user, C locale, colour rules untouched. */
export function clerkEnv(db: string | undefined, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_NOISE) delete env[name];
  Object.assign(env, { CUSTRACK_TODAY: TODAY, CUSTRACK_USER: CLERK, LANG: 'C' });
  if (db !== undefined) env.CUSTRACK_DB = db;
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface RunCliOptions {
  /** The database (CUSTRACK_DB); leave out to give none. */
  db?: string;
  env?: Record<string, string | undefined>;
  /** Text piped to stdin; stdin is an empty pipe (closed at once) when absent. */
  input?: string;
  timeoutMs?: number;
}

/**
 * Spawns `node bin/custrack.js …` like a cron job would: pipes, no terminal. In the postgres project the same
 * command runs in this process instead (runCustrack): a process of its own would add ~0.3 s a command on the
 * server (Node, the bundle, the driver, a connection), which the end-to-end suites, run through the binary in the
 * sqlite project, would pay hundreds of times. The binary's own start on a server — the driver's bundle, the
 * connection, its faults, signals — is tested through the binary in test/engines/postgres.e2e.test.ts,
 * test/e2e/lazy-modules.e2e.test.ts and test/safety/interrupt.test.ts.
 */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  if (process.env.CUSTRACK_TEST_ENGINE === 'postgres') {
    const { db, env, input } = options;
    const result = await runCustrack(args, {
      ...(db !== undefined ? { db } : {}),
      ...(env ? { env } : {}),
      ...(input !== undefined ? { input } : {}),
    });
    return { ...result, timedOut: false };
  }
  return spawnAndCollect(process.execPath, [BINARY, ...args], options);
}

/** Runs a shell command line under util-linux `script`, which gives it a pseudo-terminal. */
export function runInTerminal(commandLine: string, options: RunCliOptions = {}): Promise<CliResult> {
  return spawnAndCollect('script', ['-qec', commandLine, '/dev/null'], options);
}

/** Runs a shell command line without a terminal (for redirections such as `< /dev/null`). */
export function runShell(commandLine: string, options: RunCliOptions = {}): Promise<CliResult> {
  return spawnAndCollect('sh', ['-c', commandLine], options);
}

function spawnAndCollect(command: string, args: string[], options: RunCliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: clerkEnv(options.db, options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
    child.stdin.on('error', () => {}); // the program may exit before reading its input
    child.stdin.end(options.input ?? '');
  });
}

/** A terminal session driven by what it shows: wait for a prompt, then type. */
export interface TerminalSession {
  /** Resolves once the screen output so far contains the text. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  type(keys: string): void;
  /** Resolves with the exit code and everything shown once the program ends. */
  finished: Promise<CliResult>;
}

export function openTerminal(commandLine: string, options: RunCliOptions = {}): TerminalSession {
  const child = spawn('script', ['-qec', commandLine, '/dev/null'], {
    cwd: REPO_ROOT,
    env: clerkEnv(options.db, options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    for (const w of waiters.splice(0)) {
      if (stripAnsi(screen).includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {});
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 15_000);
  const finished = new Promise<CliResult>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ stdout: screen, stderr, code, timedOut });
    });
  });
  return {
    waitFor: (text, timeoutMs = 8_000) =>
      new Promise<void>((resolve, reject) => {
        if (stripAnsi(screen).includes(text)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`the terminal never showed ${JSON.stringify(text)}; it shows:\n${stripAnsi(screen)}`)),
          timeoutMs,
        );
        waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    type: (keys) => void child.stdin.write(keys),
    finished: finished.then((result) => {
      child.stdin.end();
      return result;
    }),
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[=>]/gu;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A quoted word for `sh -c`. */
export function shellWord(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------------
// In-process runs: `run(argv, runtime)` with fake streams.

/** A stdout/stderr that remembers what was written; `isTTY` makes it look like a terminal. */
export class CapturedStream extends Writable {
  readonly chunks: string[] = [];
  isTTY: boolean;
  columns: number;

  constructor(isTTY = false, columns = 120) {
    super();
    this.isTTY = isTTY;
    this.columns = columns;
  }

  private readonly decoder = new StringDecoder('utf8');

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // A decoder, not chunk.toString(): a character split across two chunks must still come out whole.
    this.chunks.push(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }
}

export function fakeStdin(input = '', isTTY = false): Readable & { isTTY?: boolean } {
  const stdin = Readable.from([input]) as Readable & { isTTY?: boolean };
  stdin.isTTY = isTTY;
  return stdin;
}

export interface InProcessOptions {
  db?: string;
  /** Both stdin and stdout look like a terminal. */
  tty?: boolean;
  /** The terminal's width (120 unless given). */
  columns?: number;
  env?: Record<string, string | undefined>;
  input?: string;
  prompter?: Prompter;
  fsType?: (dir: string) => number;
}

export interface InProcessResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** `custrack <args>` in this process: fast, and the terminal is whatever the test says it is. */
export async function runCustrack(args: string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  const { run } = await import('../../src/cli/run.js');
  const stdout = new CapturedStream(options.tty === true, options.columns);
  const stderr = new CapturedStream(options.tty === true);
  const runtime: Runtime = {
    streams: { stdin: fakeStdin(options.input ?? '', options.tty === true), stdout, stderr },
    env: clerkEnv(options.db, options.env),
    now: () => WALL_CLOCK,
    ...(options.fsType ? { fsType: options.fsType } : {}),
    ...(options.prompter ? { prompter: options.prompter } : {}),
  };
  const code = await run(args, runtime);
  return { stdout: stdout.text, stderr: stderr.text, code };
}
