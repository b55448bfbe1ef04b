// Two ways to run a command in the reliability tests: in this process (fast: no Node start-up) or as the
// real binary in a child process (what the clerk and the cron jobs run).
import { runCustrack } from './cli.js';
import { runToEnd } from './processes.js';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type Runner = (args: string[], db: string, env?: Record<string, string>) => Promise<Ran>;

export const inProcess: Runner = (args, db, env) => runCustrack(args, { db, env });
export const binary: Runner = (args, db, env) => runToEnd(args, { db, env: env ?? {} });
