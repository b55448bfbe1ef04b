// Child processes for the reliability tests: the real binary started in the background (optionally under
// another umask), killed with SIGKILL at a chosen moment, and a seeded random source for those moments.
// Timing decides only WHEN a process dies; the tests assert what must hold whatever that moment was.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { BINARY, REPO_ROOT, clerkEnv, type CliResult } from './cli.js';

export interface Outcome extends CliResult {
  /** The signal that ended the process (SIGKILL when a test killed it). */
  signal: NodeJS.Signals | null;
  /** Wall time from spawn to exit. */
  ms: number;
}

export interface Started {
  child: ChildProcess;
  done: Promise<Outcome>;
  kill(): void;
}

export interface StartOptions {
  db?: string;
  env?: Record<string, string | undefined>;
  /** Run under this umask (`sh -c 'umask …; exec node …'`), e.g. '000'. */
  umask?: string;
  /** Bytes or text for stdin; stdin is closed at once when absent. */
  input?: string | Buffer;
  /** Another entry script instead of bin/custrack.js (a test build). */
  binary?: string;
  /** Safety net: the process is killed after this long (default 120 s) and `timedOut` is set. */
  timeoutMs?: number;
}

/** Starts `node bin/custrack.js …` like a cron job would (pipes, no terminal), without waiting for it. */
export function startCli(args: string[], options: StartOptions = {}): Started {
  const entry = options.binary ?? BINARY;
  const env = clerkEnv(options.db, options.env);
  const child =
    options.umask === undefined
      ? spawn(process.execPath, [entry, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
      : // `exec` replaces the shell, so the pid is node's and a SIGKILL reaches custrack itself.
        spawn('sh', ['-c', `umask ${options.umask}; exec "$0" "$@"`, process.execPath, entry, ...args], {
          cwd: REPO_ROOT,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 120_000);
  const done = new Promise<Outcome>((resolve, reject) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal, timedOut, ms: Date.now() - started });
    });
  });
  child.stdin!.on('error', () => {}); // killed before it read its input
  child.stdin!.end(options.input ?? '');
  return { child, done, kill: () => void child.kill('SIGKILL') };
}

/** Runs to the end and resolves with the outcome. */
export function runToEnd(args: string[], options: StartOptions = {}): Promise<Outcome> {
  return startCli(args, options).done;
}

/** When to pull the plug. */
export type KillPoint =
  /** this many milliseconds after the spawn */
  | { afterMs: number }
  /** as soon as this file exists (plus a delay) */
  | { whenExists: string | RegExp; dir: string; delayMs?: number }
  /** as soon as the file has grown to at least this many bytes (a WAL being written by a commit), plus a delay */
  | { whenSize: string; bytes: number; delayMs?: number };

export function describeKillPoint(point: KillPoint): string {
  if ('afterMs' in point) return `${Math.round(point.afterMs)} ms after start`;
  if ('whenExists' in point) return `${String(point.whenExists)} exists +${point.delayMs ?? 0} ms`;
  return `${point.whenSize.split('/').at(-1)} ≥ ${point.bytes} bytes${point.delayMs ? ` +${point.delayMs} ms` : ''}`;
}

export interface KillResult extends Outcome {
  /** True when the SIGKILL ended the process (false: it finished before the kill point came). */
  killed: boolean;
}

/**
 * Kills the process with SIGKILL at the kill point and resolves once it is gone. Files are watched by
 * polling every millisecond, so the kill lands within a few milliseconds of the moment.
 */
export async function killAt(started: Started, point: KillPoint): Promise<KillResult> {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  let fired = false;
  const fire = (): void => {
    if (fired) return;
    fired = true;
    started.kill();
  };
  if ('afterMs' in point) timer = setTimeout(fire, point.afterMs);
  else {
    const check = (): void => {
      if (fired) return;
      if ('whenExists' in point) {
        const present =
          typeof point.whenExists === 'string'
            ? existsSync(point.whenExists)
            : readdirSync(point.dir).some((name) => (point.whenExists as RegExp).test(name));
        if (present) {
          clearInterval(poll);
          poll = undefined;
          if (point.delayMs) timer = setTimeout(fire, point.delayMs);
          else fire();
        }
      } else {
        let size = -1;
        try {
          size = statSync(point.whenSize).size;
        } catch {
          // not there yet
        }
        if (size >= point.bytes) {
          clearInterval(poll);
          poll = undefined;
          if (point.delayMs) timer = setTimeout(fire, point.delayMs);
          else fire();
        }
      }
    };
    poll = setInterval(check, 1);
    check();
  }
  const outcome = await started.done;
  clearTimeout(timer);
  clearInterval(poll);
  return { ...outcome, killed: outcome.signal === 'SIGKILL' && !outcome.timedOut };
}

/** mulberry32: the same sequence of kill points on every machine and every run. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic benchmark data (bench/generate.mjs): customers.csv and transactions.csv in `dir`. Its names
 * repeat a trade name in other cities, similar by docs/rules.md, rule 17: import them with --allow-similar.
 */
export function generateOfficeData(dir: string, customers: number, transactions: number): { customers: string; transactions: string } {
  execFileSync(process.execPath, ['bench/generate.mjs', dir, String(customers), '0', String(transactions)], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  return { customers: `${dir}/customers.csv`, transactions: `${dir}/transactions.csv` };
}

/** Lines of stderr that are errors or warnings rather than notes: `custrack: …`, `Warning: …`, stack frames. */
export function stderrProblems(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^custrack:|^Warning:|^\s+at\s|Error:/u.test(line));
}

/** Stack-trace lines (`    at fn (file:1:2)`): a user must never see one. */
export function stackLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+at\s+\S/u.test(line));
}
