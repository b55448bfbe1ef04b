import { chmodSync, closeSync, openSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Creates an empty file with mode 0600 whatever the umask (no-op if it exists already). */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return;
  }
  chmodSync(path, 0o600);
}

/** Temporary files and folders of this process, removed when it is interrupted (src/cli/interrupt.ts). */
const temporaries = new Set<string>();

/** Marks a temporary path for removal should the process be interrupted before it is done with it. */
export function trackTemporary(path: string): string {
  temporaries.add(path);
  return path;
}

/** Removes every temporary path this process made (Ctrl-C, SIGTERM), with a database's side files; safe to call twice. */
export function removeTemporaries(): void {
  for (const path of temporaries) removeWithSideFiles(path);
  temporaries.clear();
}

/** A file and the -journal, -wal and -shm that SQLite may have made beside it. */
export function removeWithSideFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { recursive: true, force: true });
}

/** A write that failed because the disk (or the user's quota) is full: ENOSPC, EDQUOT, SQLITE_FULL. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** The name a file is written under before it is renamed into place: `<target>.tmp-<pid>`. */
export const tempName = (target: string): string => trackTemporary(`${target}.tmp-${process.pid}`);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes what a killed earlier run left of `target` (`<target>.tmp-<pid>` and its journal). */
export function removeStaleTemps(target: string): void {
  const prefix = `${basename(target)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(dirname(target), name), { force: true });
  }
}
